// parley_throughput: whole-corpus throughput of one pipeline stage.
//
//   parley_throughput [--data DIR] [--stage segment|full] [--repeat N] FILE.jsonl...
//
// Reads JSON Lines articles (as `parley code --input jsonl` does), runs
// Pipeline::Segment (stage "segment": checks, tokens, sentences) or
// Pipeline::Code (stage "full") on each, one article at a time, and prints
// the article text processed (MB = 10^6 bytes), the time spent in the stage,
// MB/s, articles/s, peak resident memory (getrusage ru_maxrss) and the exact
// command line. Reading and JSON parsing are timed separately ("wall").
// See bench/README.md.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "io/reader.h"
#include "parley/pipeline.h"

namespace {

int Usage(const char* msg) {
  if (msg) std::fprintf(stderr, "parley_throughput: %s\n", msg);
  std::fprintf(stderr,
               "usage: parley_throughput [--data DIR] [--stage segment|full] [--repeat N] FILE.jsonl...\n"
               "  --data DIR     dictionary directory (default: as parley finds it)\n"
               "  --stage S      segment (checks, tokens, sentences) or full (Pipeline::Code) [segment]\n"
               "  --repeat N     read the files N times [1]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace parley;
  using Clock = std::chrono::steady_clock;
  std::string data_dir, stage = "segment";
  int repeat = 1;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "--data") {
      const char* v = value();
      if (!v) return Usage("--data needs a directory");
      data_dir = v;
    } else if (a == "--stage") {
      const char* v = value();
      if (!v) return Usage("--stage needs segment or full");
      stage = v;
    } else if (a == "--repeat") {
      const char* v = value();
      if (!v || std::atoi(v) < 1) return Usage("--repeat needs a positive number");
      repeat = std::atoi(v);
    } else if (a == "-h" || a == "--help") {
      Usage(nullptr);
      return 0;
    } else if (a.size() > 1 && a[0] == '-') {
      return Usage(("unknown option " + a).c_str());
    } else {
      files.push_back(a);
    }
  }
  if (stage != "segment" && stage != "full") return Usage("--stage must be segment or full");
  if (files.empty()) return Usage("no input files");

  std::filesystem::path data;
  Status s = data_dir.empty() ? FindDataDir(&data) : Status::OK();
  if (!data_dir.empty()) data = data_dir;
  auto load_start = Clock::now();
  std::unique_ptr<Pipeline> pipeline;
  if (s.ok()) s = Pipeline::Create(data, CodeOptions{}, &pipeline);
  if (!s.ok()) {
    std::fprintf(stderr, "parley_throughput: %s\n", s.message().c_str());
    return 2;
  }
  double load_s = std::chrono::duration<double>(Clock::now() - load_start).count();

  size_t articles = 0, read_errors = 0, stage_errors = 0, bytes = 0;
  size_t tokens = 0, sentences = 0, events = 0, max_article = 0;
  Clock::duration stage_time{};
  auto wall_start = Clock::now();
  for (int r = 0; r < repeat; ++r) {
    ReaderOptions ropt;
    ropt.force_jsonl = true;
    ArticleReader reader(files, ropt);
    Document doc;
    while (reader.Next(&doc)) {
      reader.TakeWarnings();
      ++articles;
      if (!doc.error.empty()) {
        ++read_errors;
        continue;
      }
      bytes += doc.text().size();
      if (doc.text().size() > max_article) max_article = doc.text().size();
      auto t0 = Clock::now();
      Status st = stage == "full" ? pipeline->Code(&doc) : pipeline->Segment(&doc);
      stage_time += Clock::now() - t0;
      if (!st.ok()) ++stage_errors;
      tokens += doc.tokens.size();
      sentences += doc.sentences.size();
      events += doc.events.size();
    }
  }
  double wall_s = std::chrono::duration<double>(Clock::now() - wall_start).count();
  double stage_s = std::chrono::duration<double>(stage_time).count();

  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double rss_mib = ru.ru_maxrss / 1024.0;  // ru_maxrss is in KiB on Linux

  std::string cmd;
  for (int i = 0; i < argc; ++i) {
    if (i) cmd += ' ';
    cmd += argv[i];
  }
  double mb = bytes / 1e6;
  std::printf("command:     %s\n", cmd.c_str());
  std::printf("stage:       %s (data: %s, loaded in %.3f s)\n", stage.c_str(), data.string().c_str(), load_s);
  std::printf("articles:    %zu (%zu unreadable, %zu not coded), largest %.1f kB\n", articles, read_errors,
              stage_errors, max_article / 1e3);
  std::printf("text:        %.2f MB (%zu bytes), %zu tokens, %zu sentences, %zu events\n", mb, bytes, tokens,
              sentences, events);
  std::printf("stage time:  %.3f s  ->  %.2f MB/s, %.0f articles/s\n", stage_s, stage_s > 0 ? mb / stage_s : 0.0,
              stage_s > 0 ? (articles - read_errors) / stage_s : 0.0);
  std::printf("wall time:   %.3f s (reading and JSON parsing included)  ->  %.2f MB/s, %.0f articles/s\n", wall_s,
              wall_s > 0 ? mb / wall_s : 0.0, wall_s > 0 ? articles / wall_s : 0.0);
  std::printf("peak RSS:    %.1f MiB\n", rss_mib);
  return 0;
}
