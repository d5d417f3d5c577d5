// parley ingest / query / export: the command-line face of the store.
#include "cli/store_commands.h"
#include "cli/report.h"

#include "io/atomic_file.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include "parley/pipeline.h"
#include "parley/store.h"
#include "store/output_reader.h"

namespace parley {
namespace {

struct FilterArgs {
  std::string from, to;
  std::vector<std::string> status;
  bool unrealised = false;
  EventFilter f;
};

void AddFilterOptions(CLI::App* c, FilterArgs* a) {
  c->add_flag("--raw", a->f.raw, "one row per article event instead of per merged event");
  c->add_option("--status", a->status,
                "outcomes to include, comma-separated: occurred, negated, planned, hypothetical, denied, all "
                "[occurred: status occurred and not negated]")
      ->delimiter(',')
      ->check(CLI::IsMember({"occurred", "negated", "planned", "hypothetical", "denied", "all"}));
  c->add_flag("--include-unrealised", a->unrealised,
              "also events that did not happen, were planned, hypothetical or denied (= --status all)");
  c->add_option("--from", a->from, "first day, YYYY-MM-DD (YYYY-MM, YYYY: from its start)");
  c->add_option("--to", a->to, "last day, YYYY-MM-DD (YYYY-MM, YYYY: to its end)");
  c->add_option("--actor", a->f.actor, "source or target: actor code starting with this, or actor country");
  c->add_option("--source-actor", a->f.source_actor, "source actor code prefix or country");
  c->add_option("--target-actor", a->f.target_actor, "target actor code prefix or country");
  c->add_option("--cameo", a->f.cameo, "CAMEO code starting with this (19, 190, 1951)");
  c->add_option("--root", a->f.root, "CAMEO root, exactly (19)");
  c->add_option("--quad", a->f.quad_class, "quad class 1..4")->check(CLI::Range(1, 4));
  c->add_option("--place", a->f.place, "location name (whole name, any case)");
  c->add_option("--country", a->f.country, "location country, ISO 3166-1 alpha-3");
  c->add_option("--text", a->f.text, "evidence contains this (any case)");
  c->add_option("--doc", a->f.doc_id, "events of this article (merged: that it contributed to)");
  c->add_option("--id", a->f.id, "this merged event (raw: this event row); query: shows why its reports merged");
  // Checked as written: CLI11 would read "-1" into a size_t as 2^64 - 1.
  c->add_option("--limit", a->f.limit, "at most N rows, 0 = all [all]")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            bool digits = !v.empty() && v.size() <= 15 && v.find_first_not_of("0123456789") == std::string::npos;
            if (digits) return "";
            return "expected a whole number of rows, 0 (all) to 999999999999999, got '" + v + "'";
          },
          "N"));
}

// Parses --from/--to into the filter; false (after a message) on a bad date.
bool FinishFilter(FilterArgs* a, const char* cmd) {
  for (auto [text, date, name] : {std::tuple{&a->from, &a->f.from, "--from"}, std::tuple{&a->to, &a->f.to, "--to"}}) {
    if (!text->empty() && !Date::Parse(*text, date)) {
      std::fprintf(stderr, "parley %s: %s: expected YYYY-MM-DD, YYYY-MM or YYYY, got '%s'\n", cmd, name,
                   text->c_str());
      return false;
    }
  }
  a->f.status.clear();
  bool all = a->unrealised;
  for (const std::string& s : a->status) {
    if (s == "all") all = true;
    else if (std::find(a->f.status.begin(), a->f.status.end(), s) == a->f.status.end()) a->f.status.push_back(s);
  }
  if (all) a->f.status = EventOutcomes();
  return true;
}

struct StoreArgs {
  std::string uri;
  int window = 1;
  size_t batch = 1024;
};

void AddStoreOptions(CLI::App* c, StoreArgs* a, bool writes) {
  c->add_option("--store", a->uri, "SQLite file (PATH or sqlite:PATH) or postgresql://... URI")->required();
  if (writes) {
    c->add_option("--merge-window", a->window, "days two reports of one event may be apart [1]")
        ->check(CLI::Range(0, 365));
    c->add_option("--batch", a->batch, "articles per transaction [1024]")->check(CLI::Range(1, 100000));
  }
}

// Readers (query, export) never create a store: a mistyped path is an error.
Status OpenStore(const StoreArgs& a, std::unique_ptr<Store>* out, bool create = true) {
  StoreOptions so;
  so.merge_window_days = a.window;
  so.batch_size = a.batch;
  so.create_if_missing = create;
  Status s = Store::Open(a.uri, so, out);
  if (s.code() == Status::Code::kNotFound && a.uri.find("://") != std::string::npos)
    return Status::NotFound(a.uri + ": " + s.message());
  return s;
}

class Progress {
 public:
  explicit Progress(bool on) : on_(on), start_(std::chrono::steady_clock::now()) {}
  void Update(size_t done, size_t failed, bool force) {
    if (!on_) return;
    auto now = std::chrono::steady_clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r\x1b[Kingest: %zu articles, %.0f/s, %zu errors", done, secs > 0 ? done / secs : 0.0,
                 failed);
    shown_ = true;
  }
  // Prints a message on its own line, keeping the progress line below it.
  // Control bytes (a NUL in a doc_id) show as \xNN rather than cutting the
  // line short.
  void Message(const std::string& m) {
    if (on_ && shown_) std::fputs("\r\x1b[K", stderr);
    std::string line = Printable(m) + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
  void Finish(size_t done, size_t failed) {
    if (!on_) return;
    Update(done, failed, true);
    std::fputc('\n', stderr);
  }

 private:
  bool on_, shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

int RunIngest(const StoreArgs& sa, const std::vector<std::string>& files) {
  std::unique_ptr<Store> store;
  Status s = OpenStore(sa, &store);
  if (!s.ok()) {
    std::fprintf(stderr, "parley ingest: %s\n", s.message().c_str());
    return 2;
  }
  Progress progress(::isatty(STDERR_FILENO) == 1);
  size_t done = 0, failed = 0, undated = 0;
  bool fatal = false;
  std::vector<Document> docs;
  std::vector<std::string> where;
  const size_t chunk = std::max<size_t>(sa.batch * 4, 256);
  auto flush = [&] {
    if (docs.empty() || fatal) return;
    std::vector<const Document*> ptrs;
    for (auto& d : docs) ptrs.push_back(&d);
    std::vector<Status> st;
    Status all = store->Ingest(ptrs, &st);
    for (size_t i = 0; i < docs.size(); ++i) {
      ++done;
      if (st[i].ok() && !docs[i].publish_date.valid())
        for (const Event& e : docs[i].events) undated += !e.date.valid();
      if (st[i].ok()) continue;
      ++failed;
      if (all.ok() || st[i].message() != all.message())
        progress.Message("parley ingest: " + where[i] + ": " + docs[i].doc_id + ": " + st[i].message());
    }
    if (!all.ok()) {
      progress.Message("parley ingest: " + all.message());
      fatal = true;
    }
    docs.clear();
    where.clear();
    progress.Update(done, failed, false);
  };
  for (const std::string& file : files) {
    std::ifstream fin;
    std::istream* in = &std::cin;
    if (file != "-") {
      fin.open(file, std::ios::binary);
      if (!fin) {
        progress.Message("parley ingest: cannot read " + file + ": " + std::strerror(errno));
        fatal = true;
        break;
      }
      in = &fin;
    }
    std::string line;
    size_t lineno = 0;
    while (!fatal && std::getline(*in, line)) {
      ++lineno;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      Document d;
      std::string at = file + ":" + std::to_string(lineno);
      Status rs = ReadOutputLine(line, &d);
      if (!rs.ok()) {
        ++done;
        ++failed;
        progress.Message("parley ingest: " + at + ": " + rs.message());
        continue;
      }
      docs.push_back(std::move(d));
      where.push_back(std::move(at));
      if (docs.size() >= chunk) flush();
    }
    if (fatal) break;
  }
  flush();
  progress.Finish(done, failed);
  if (undated)
    std::fprintf(stderr,
                 "parley: warning: %zu stored event%s ha%s no date (no publish date and none in the text): "
                 "stored without one\n",
                 undated, undated == 1 ? "" : "s", undated == 1 ? "s" : "ve");
  if (fatal) return 2;
  return failed ? 1 : 0;
}


// `parley query --id N`: the merged event, then each report in it and why it
// was merged (the reason stored with its link).
int RunExplainMerge(const StoreArgs& sa, const EventFilter& given) {
  std::unique_ptr<Store> store;
  Status s = OpenStore(sa, &store, false);
  if (!s.ok()) {
    std::fprintf(stderr, "parley query: %s\n", s.message().c_str());
    return 2;
  }
  EventFilter f;
  f.id = given.id;
  f.status = EventOutcomes();
  s = store->Export(f, ExportFormat::kTable, {}, std::cout);
  if (!s.ok()) {
    std::fprintf(stderr, "parley query: %s\n", s.message().c_str());
    return 2;
  }
  EventFilter m;
  m.raw = true;
  m.merged_id = given.id;
  m.status = EventOutcomes();
  size_t n = 0;
  s = store->Query(m, [&](const EventRecord& r) {
    if (n++ == 0) std::printf("\nreports merged into event %lld (merge key %s):\n", static_cast<long long>(given.id),
                              r.merge_key.c_str());
    std::string where = r.location ? r.location->name + (r.location->country.empty() ? "" : " (" + r.location->country + ")") +
                                         ", from the " + r.location_basis
                                   : "no place";
    std::printf("  %s %s  %s %s -> %s %s  date %s (%s, %s)  place %s\n    why: %s\n", r.doc_id.c_str(),
                r.event_id.c_str(), r.source.code.empty() ? "-" : r.source.code.c_str(), r.cameo.c_str(),
                r.target.code.empty() ? "-" : r.target.code.c_str(), EventOutcome(r.status, r.negated).c_str(),
                r.dated ? r.date.ToString().c_str() : "none", r.date_basis.empty() ? "-" : r.date_basis.c_str(),
                r.date_precision.empty() ? "-" : r.date_precision.c_str(), where.c_str(), r.merge_reason.c_str());
    std::string ev = r.evidence;
    for (char& c : ev)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (ev.size() > 160) ev = ev.substr(0, 157) + "...";
    std::printf("    \"%s\"\n", ev.c_str());
    return true;
  });
  if (!s.ok()) {
    std::fprintf(stderr, "parley query: %s\n", s.message().c_str());
    return 2;
  }
  if (n == 0) {
    std::fprintf(stderr, "parley query: no merged event %lld\n", static_cast<long long>(given.id));
    return 1;
  }
  return 0;
}

int RunExport(const char* cmd, const StoreArgs& sa, const EventFilter& f, const std::string& format_name,
              const std::string& out_path, const ExportOptions& eo) {
  ExportFormat format;
  Status s = ParseExportFormat(format_name, &format);
  if (!s.ok()) {
    std::fprintf(stderr, "parley %s: %s\n", cmd, s.message().c_str());
    return 2;
  }
  std::unique_ptr<Store> store;
  s = OpenStore(sa, &store, false);
  if (!s.ok()) {
    std::fprintf(stderr, "parley %s: %s\n", cmd, s.message().c_str());
    return 2;
  }
  AtomicFile out(out_path);
  if (!out.ok()) {
    std::fprintf(stderr, "parley %s: cannot write %s: %s\n", cmd, out_path.c_str(), out.error().c_str());
    return 2;
  }
  s = store->Export(f, format, eo, out.stream());
  if (!s.ok()) {
    std::fprintf(stderr, "parley %s: %s\n", cmd, s.message().c_str());
    return 2;
  }
  if (!out.Commit()) {
    std::fprintf(stderr, "parley %s: cannot write %s\n", cmd, out_path.empty() ? "standard output" : out_path.c_str());
    return 2;
  }
  return 0;
}

// A table of the data directory (countries.tsv for GDELT's FIPS codes,
// cameo.tsv for descriptions): `given`, else the data directory's.
std::filesystem::path DataFile(CLI::App& app, const std::string& given, const char* name) {
  if (!given.empty()) return given;
  std::filesystem::path dir;
  const CLI::Option* data = app.get_option_no_throw("--data");
  if (data && data->count() > 0) dir = data->as<std::string>();
  else if (!FindDataDir(&dir).ok()) return {};
  std::error_code ec;
  if (!std::filesystem::exists(dir / name, ec)) return {};
  return dir / name;
}

}  // namespace

void RegisterStoreCommands(CLI::App& app, int* exit_code) {
  // ingest
  {
    struct Args {
      StoreArgs store;
      std::vector<std::string> files;
    };
    auto a = std::make_shared<Args>();
    auto* c = app.add_subcommand("ingest", "store `parley code` output (JSON lines) and merge its events");
    c->add_option("files", a->files, "JSON Lines files from `parley code`, or - for stdin")->required();
    AddStoreOptions(c, &a->store, true);
    c->callback([a, exit_code] { *exit_code = RunIngest(a->store, a->files); });
  }
  // query
  {
    struct Args {
      StoreArgs store;
      FilterArgs filter;
      std::string format = "table";
    };
    auto a = std::make_shared<Args>();
    auto* c = app.add_subcommand("query", "list stored events (merged by default)");
    AddStoreOptions(c, &a->store, false);
    AddFilterOptions(c, &a->filter);
    c->add_option("--format", a->format, "table|jsonl|csv [table]")->check(CLI::IsMember({"table", "jsonl", "csv"}));
    CLI::App* root = &app;
    c->callback([a, exit_code, root] {
      if (!FinishFilter(&a->filter, "query")) {
        *exit_code = 2;
        return;
      }
      if (a->filter.f.id && !a->filter.f.raw && a->format == "table") {
        *exit_code = RunExplainMerge(a->store, a->filter.f);
        return;
      }
      ExportOptions eo;
      eo.cameo = DataFile(*root, "", "cameo.tsv");
      *exit_code = RunExport("query", a->store, a->filter.f, a->format, "", eo);
    });
  }
  // export
  {
    struct Args {
      StoreArgs store;
      FilterArgs filter;
      std::string format, out, countries;
      bool header = false;
    };
    auto a = std::make_shared<Args>();
    auto* c = app.add_subcommand("export", "write stored events as GDELT 2.0 rows, CSV, JSON or JSON Lines");
    AddStoreOptions(c, &a->store, false);
    c->add_option("--format", a->format, "gdelt|csv|json|jsonl")
        ->required()
        ->check(CLI::IsMember({"gdelt", "csv", "json", "jsonl"}));
    c->add_option("--out", a->out, "write to FILE (atomically) instead of standard output");
    c->add_option("--countries", a->countries, "countries.tsv with FIPS codes [DATA/countries.tsv]");
    c->add_flag("--header", a->header, "gdelt: a first row of GDELT 2.0's column names");
    AddFilterOptions(c, &a->filter);
    CLI::App* root = &app;
    c->callback([a, exit_code, root] {
      if (!FinishFilter(&a->filter, "export")) {
        *exit_code = 2;
        return;
      }
      ExportOptions eo;
      eo.countries = DataFile(*root, a->countries, "countries.tsv");
      eo.cameo = DataFile(*root, "", "cameo.tsv");
      eo.header = a->header;
      if (a->format == "gdelt" && eo.countries.empty())
        std::fprintf(stderr, "parley export: warning: no countries.tsv found; GDELT country codes left empty\n");
      a->filter.f.by_date = true;  // exports are in date order
      *exit_code = RunExport("export", a->store, a->filter.f, a->format, a->out, eo);
    });
  }
}

}  // namespace parley
