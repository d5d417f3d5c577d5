// parley: the command line. Subcommands: code, explain, dict check, dict suggest, version
// (and ingest, query, export when the store is built in).
//
// Two binaries are built from this file. `parley-backends` has every
// command. `parley` (PARLEY_CLI_LEAN) has those that need only the pipeline
// (code, explain, dict, features, version) and hands the others (ingest,
// query, export, serve, submit, worker, cluster, and `code --store`) to
// parley-backends by exec, with the same arguments: so `parley code` does
// not load the store's, server's and cluster's shared libraries (libpq
// alone brings some twenty: Kerberos, LDAP, GnuTLS), whose relocation took
// about a third of its start-up.
#include <limits.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

#include "cli/learn_commands.h"
#include "cli/report.h"
#include "cli/suggest.h"
#include "pipeline/explain.h"
#include "io/atomic_file.h"
#include "io/json_writer.h"
#include "io/line_output.h"
#include "io/reader.h"
#include "parley/lexicon.h"
#include "pipeline/parallel.h"
#include "parley/pipeline.h"
#include "parley/store.h"
#include "lexicon/gazetteer.h"
#ifndef PARLEY_CLI_LEAN
#if __has_include("cli/store_commands.h")
#include "cli/store_commands.h"
#define PARLEY_CLI_HAS_STORE 1
#endif
#if __has_include("server/server.h")
#include "cli/serve_command.h"
#define PARLEY_CLI_HAS_SERVE 1
#endif
#ifdef PARLEY_HAVE_CLUSTER
#include "cli/cluster_commands.h"
#endif
#endif

namespace parley {
namespace {

#ifdef PARLEY_CLI_LEAN
// The command line as given, for RunBackends.
int g_argc = 0;
char** g_argv = nullptr;

// Runs the command line as given (argv[0] too, so messages name `parley`)
// in parley-backends, which is installed and built beside this binary.
// Does not return; exit status 2 when it cannot be run.
[[noreturn]] void RunBackends(const char* command) {
  std::string self(PATH_MAX, '\0');
  const ssize_t n = ::readlink("/proc/self/exe", self.data(), self.size());
  self.resize(n > 0 ? static_cast<size_t>(n) : 0);
  const std::string path = (std::filesystem::path(self).parent_path() / "parley-backends").string();
  std::vector<char*> args(g_argv, g_argv + g_argc);
  args.push_back(nullptr);
  std::fflush(stdout);
  ::execv(path.c_str(), args.data());
  std::fprintf(stderr, "parley: %s needs %s, which cannot be run: %s\n", command, path.c_str(), std::strerror(errno));
  std::exit(2);
}
#endif

struct Global {
  std::string data_dir;
};

Status ResolveData(const Global& g, std::filesystem::path* out) {
  if (!g.data_dir.empty()) {
    *out = g.data_dir;
    return Status::OK();
  }
  return FindDataDir(out);
}


// Writes "parley: " + msg + "\n" to stderr whole: a NUL or other control
// byte in a doc_id or a path ("a\0b") is shown as \xNN instead of cutting the
// line short (printf's %s would stop at the NUL and lose the reason).
void Report(std::string_view msg) {
  std::string line = "parley: " + Printable(msg) + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
}

// The pipeline with default options for explain and suggest, kept until the
// exit (Pipeline::KeepUntilExit); null (after a "parley: reason" line) when
// the dictionaries cannot be loaded.
const Pipeline* LoadPipeline(const Global& g) {
  std::filesystem::path data;
  Status s = ResolveData(g, &data);
  std::unique_ptr<Pipeline> pipeline;
  if (s.ok()) s = Pipeline::Create(data, CodeOptions{}, &pipeline);
  if (!s.ok()) {
    std::fprintf(stderr, "parley: %s\n", s.message().c_str());
    return nullptr;
  }
  return Pipeline::KeepUntilExit(std::move(pipeline));
}

// A progress line on a terminal: articles done, rate, errors. Silent when
// stderr is not a terminal.
class Progress {
 public:
  Progress() : tty_(::isatty(2) != 0), start_(std::chrono::steady_clock::now()), last_(start_) {}
  void Update(size_t done, size_t failed, bool final = false) {
    if (!tty_) return;
    auto now = std::chrono::steady_clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r%zu articles, %.0f/s, %zu errors%s", done, secs > 0 ? done / secs : 0.0, failed,
                 final ? "\n" : "");
  }

 private:
  bool tty_;
  std::chrono::steady_clock::time_point start_, last_;
};

// Article text held in the window of `code --threads N` (besides the count
// bound of kItemsPerThread articles per thread): tokens and annotations take
// some 25 times the text, so this caps the working set near 200 MB however
// large the articles are (one article is always admitted).
constexpr size_t kWindowBytes = 8u << 20;

int RunCode(const Global& g, const std::vector<std::string>& inputs, const ReaderOptions& ropt,
            const CodeOptions& copt, const std::string& out_path, bool quiet, const std::string& store_uri,
            size_t threads) {
#ifdef PARLEY_CLI_LEAN
  if (!store_uri.empty()) RunBackends("code --store");  // before anything is loaded or opened
#endif
  std::filesystem::path data;
  Status s = ResolveData(g, &data);
  std::unique_ptr<Pipeline> pipeline;
  if (s.ok()) s = Pipeline::Create(data, copt, &pipeline);
  if (!s.ok()) {
    std::fprintf(stderr, "parley: %s\n", s.message().c_str());
    return 2;
  }
  // Kept when RunCode returns: its tables (some 60 MB in a million
  // allocations) are given back by the exit at once, not one by one.
  struct Keep {
    std::unique_ptr<Pipeline>& p;
    ~Keep() { Pipeline::KeepUntilExit(std::move(p)); }
  } keep{pipeline};
  AtomicFile out(out_path);
  if (!out.ok()) {
    std::fprintf(stderr, "parley: cannot write %s: %s\n", out_path.c_str(), out.error().c_str());
    return 2;
  }
  // The lines go out in large blocks; what has come is flushed before the
  // input would wait (a slow feed sees its lines), and on a terminal each
  // line at once.
  LineOutput output(&out, (out_path.empty() || out_path == "-") && ::isatty(STDOUT_FILENO) != 0);
  if (out_path.empty() || out_path == "-") WidenPipe(STDOUT_FILENO);
  std::unique_ptr<Store> store;
  if (!store_uri.empty()) {
#ifndef PARLEY_CLI_LEAN
    Status ss = Store::Open(store_uri, StoreOptions{}, &store);
    if (!ss.ok()) {
      std::fprintf(stderr, "parley: %s: %s\n", store_uri.c_str(), ss.message().c_str());
      return 2;
    }
#endif
  }
  ArticleReader reader(inputs, ropt);
  size_t n = 0, failed = 0;
  bool store_failed = false;
  Progress progress;
  // Coded articles wait here until a batch is stored; an article that could
  // not be coded is reported and never written to the store.
  std::vector<Document> batch;
  auto flush = [&] {
    if (!store || batch.empty()) return;
    std::vector<const Document*> ptrs;
    for (auto& d : batch)
      if (d.error.empty()) ptrs.push_back(&d);
    std::vector<Status> per_doc;
    Status st = ptrs.empty() ? Status::OK() : store->Ingest(ptrs, &per_doc);
    if (!st.ok()) {
      Report("store: " + st.message());
      store_failed = true;
    }
    for (size_t i = 0; i < per_doc.size(); ++i)
      if (!per_doc[i].ok()) {
        ++failed;
        Report(ptrs[i]->doc_id + ": not stored: " + per_doc[i].message());
      }
    batch.clear();
  };
  size_t undated_events = 0, undated_articles = 0;
  // One slot per article in the window. This thread only splits the input
  // into records and writes finished lines, in input order; a worker parses
  // the record's JSON, codes it and writes its JSON line (see
  // pipeline/parallel.h), so the serial part stays small.
  struct Slot {
    Document doc;
    UnparsedRecord record;                    // a JSON line still to parse
    std::vector<std::string> warnings;        // the reader's, printed with the article
    std::vector<std::string> parse_warnings;  // the record's (a bad date), after them
    std::string error;                        // "doc_id: reason" when it was not coded
    std::string line;                         // the article's JSON line
    size_t undated = 0;                       // events with no date
  };
  WindowOptions wopt;
  wopt.threads = threads > 1 ? threads : 0;  // one thread: no pool, the plain loop
  wopt.window_bytes = kWindowBytes;
  wopt.input_may_wait = [&] { return reader.InputMayWait(); };
  wopt.idle = [&] { output.Flush(); };
  std::vector<Slot> slots(WindowSize(wopt));
  auto read = [&](size_t i, size_t* cost) {
    Slot& s = slots[i];
    if (!reader.NextUnparsed(&s.doc, &s.record)) return false;
    s.warnings = reader.TakeWarnings();
    *cost = s.record.json ? s.record.line.size() : s.doc.text().size();
    return true;
  };
  auto work = [&](size_t i) {
    Slot& s = slots[i];
    s.parse_warnings.clear();
    if (s.record.json) {
      ParseJsonRecord(s.record, ropt, &s.doc, &s.parse_warnings);
      if (s.record.line.capacity() > (1 << 20)) std::string().swap(s.record.line);  // do not keep a big buffer
    }
    s.error.clear();
    if (!pipeline->Code(&s.doc).ok()) s.error = s.doc.doc_id + ": " + s.doc.error;
    s.line.clear();
    WriteDocumentJson(s.doc, &s.line);
    s.line += '\n';
    s.undated = 0;
    for (const Event& e : s.doc.events) s.undated += !e.date.valid();
    // Without a store only the line is needed: drop the annotations now
    // rather than when the slot is reused, keeping the lists' storage for
    // the slot's next article (Document::Reset).
    if (!store) s.doc.Reset();
  };
  auto emit = [&](size_t i) {
    Slot& s = slots[i];
    ++n;
    undated_events += s.undated;
    undated_articles += s.undated > 0;
    for (auto& w : s.warnings) Report("warning: " + w);
    for (auto& w : s.parse_warnings) Report("warning: " + w);
    if (!s.error.empty()) {
      ++failed;
      if (!quiet) Report(s.error);
    }
    output.Write(s.line);
    if (store) {
      batch.push_back(std::move(s.doc));
      if (batch.size() >= 512) flush();
    }
    progress.Update(n, failed);
  };
  OrderedParallelMap(wopt, read, work, emit);
  flush();
  progress.Update(n, failed, true);
  if (store_failed) return 2;
  for (auto& w : reader.TakeWarnings()) Report("warning: " + w);
  // Never the day of the run: an event nothing dates stays without a date.
  if (undated_events)
    std::fprintf(stderr,
                 "parley: warning: %zu event%s in %zu article%s ha%s no date (no publish date and none in the "
                 "text; give --date or a publish_date): written%s without one\n",
                 undated_events, undated_events == 1 ? "" : "s", undated_articles, undated_articles == 1 ? "" : "s",
                 undated_events == 1 ? "s" : "ve", store ? " and stored" : "");
  if (!output.Flush() || !out.Commit()) {
    std::fprintf(stderr, "parley: cannot write %s\n", out_path.empty() ? "standard output" : out_path.c_str());
    return 2;
  }
  if (n == 0) std::fprintf(stderr, "parley: no articles in the input\n");
  return failed ? 1 : 0;
}

// Every loader error and every consistency problem, one "path:line:
// reason" line each on stdout; exit 1 when there is any (or no data).
int RunDictCheck(const Global& g) {
  std::filesystem::path data;
  Status s = ResolveData(g, &data);
  std::vector<std::string> problems;
  std::string summary;
  if (s.ok()) s = CheckDictionaries(data, &problems, &summary);
  if (!s.ok()) {
    std::fprintf(stderr, "parley: %s\n", s.message().c_str());
    return 1;
  }
  for (auto& p : problems) std::printf("%s\n", p.c_str());
  if (!problems.empty()) {
    std::fprintf(stderr, "parley: %s: %zu problem%s\n", data.string().c_str(), problems.size(),
                 problems.size() == 1 ? "" : "s");
    return 1;
  }
  std::printf("%s: ok: %s\n", data.string().c_str(), summary.c_str());
  return 0;
}

}  // namespace
}  // namespace parley

int main(int argc, char** argv) {
  using namespace parley;
#ifdef PARLEY_CLI_LEAN
  g_argc = argc;
  g_argv = argv;
#endif
  CLI::App app{"parley: codes news articles into political event data (CAMEO/PLOVER)"};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", std::string("parley ") + Version());
  Global g;
  app.add_option("--data", g.data_dir, "dictionary directory (default: found beside the binary)");
  int rc = 0;

  // code
  auto* code = app.add_subcommand("code", "code articles into events; one JSON line per article");
  std::vector<std::string> inputs;
  ReaderOptions ropt;
  CodeOptions copt;
  std::string date_str, id_str, input_kind = "auto", out_path;
  bool quiet = false;
  std::string store_uri;
  size_t threads = AvailableCores();
  code->add_option("inputs", inputs, "text files, directories of .txt files, .jsonl files, or - for stdin")->required();
  code->add_option("--date", date_str, "publish date (YYYY-MM-DD) of text input; fills JSON records without one");
  code->add_option("--id", id_str, "doc_id of a single text input (default: the file name)");
  code->add_option("--input", input_kind, "input kind: auto|text|jsonl [auto]")->check(CLI::IsMember({"auto", "text", "jsonl"}));
  code->add_option("--out", out_path, "write to FILE atomically instead of standard output");
  code->add_option("--max-bytes", copt.max_article_bytes, "articles larger than this get an error [1048576]");
  code->add_option("--threads", threads,
                   "articles coded in parallel; output stays in input order [" + std::to_string(threads) + ": the cores]")
      ->check(CLI::Range(size_t{1}, size_t{1024}));
  code->add_flag("-q,--quiet", quiet, "no per-article error lines on stderr");
  code->add_option("--event-model", copt.event_model,
                   "the learned veto of events: on (data/event_model.tsv), off, or a model file [off]");
  code->add_option("--root-model", copt.root_model,
                   "the learned choice of roots: on, off, or a model file [data/root_model.tsv when present]");
  code->add_option("--store", store_uri, "also store the coded articles: a SQLite file or postgresql://... URI");
  code->callback([&] {
    if (!date_str.empty() && !Date::Parse(date_str, &ropt.date)) throw CLI::ValidationError("--date", "expected YYYY-MM-DD, YYYY-MM or YYYY, got '" + date_str + "'");
    if (!id_str.empty()) ropt.id = id_str;
    ropt.force_jsonl = input_kind == "jsonl";
    ropt.max_article_bytes = copt.max_article_bytes;
    copt.load_threads = threads > 1 ? 2 : 1;  // the gazetteer loads beside the lexicon
    rc = RunCode(g, inputs, ropt, copt, out_path, quiet, store_uri, threads);
  });

  // explain
  auto* explain = app.add_subcommand("explain", "show why a sentence or article is coded as it is");
  std::string explain_text, explain_file, explain_date;
  explain->add_option("text", explain_text, "the sentence or article text");
  explain->add_option("--file", explain_file, "read the text from FILE instead");
  explain->add_option("--date", explain_date, "publish date (YYYY-MM-DD)");
  explain->callback([&] {
    const Pipeline* pipeline = LoadPipeline(g);
    if (!pipeline) {
      rc = 2;
      return;
    }
    std::string text = explain_text;
    if (!explain_file.empty()) {
      std::ifstream in(explain_file, std::ios::binary);
      if (!in) { std::fprintf(stderr, "parley: cannot read %s\n", explain_file.c_str()); rc = 2; return; }
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (text.empty()) { std::fprintf(stderr, "parley: explain needs TEXT or --file\n"); rc = 2; return; }
    Document doc(text);
    doc.doc_id = "explain";
    if (!explain_date.empty() && !Date::Parse(explain_date, &doc.publish_date)) {
      std::fprintf(stderr, "parley: --date: expected YYYY-MM-DD\n");
      rc = 2;
      return;
    }
    rc = Explain(*pipeline, &doc, std::cout);
  });

  // dict
  auto* dict = app.add_subcommand("dict", "dictionary tools");
  dict->require_subcommand(1);
  auto* check = dict->add_subcommand("check", "validate every file under data/; file:line errors, exit 1 on any");
  check->callback([&] { rc = RunDictCheck(g); });
  auto* suggest = dict->add_subcommand(
      "suggest", "list the names, titles and bodies a corpus names that no dictionary codes, with proposed rows");
  SuggestOptions sopt;
  suggest->add_option("inputs", sopt.inputs, "text files, directories of .txt files, .jsonl files")->required();
  suggest->add_option("--exclude-origins", sopt.exclude_origins,
                      "leave out the records named by origin.id in DIR/*/expected.json (repeatable)");
  suggest->add_option("--top", sopt.top, "how many candidates to print [100]");
  suggest->callback([&] {
    const Pipeline* pipeline = LoadPipeline(g);
    if (!pipeline) {
      rc = 2;
      return;
    }
    rc = SuggestRows(*pipeline, sopt, std::cout);
  });

  RegisterLearnCommands(app, &g.data_dir, &rc);

  auto* version = app.add_subcommand("version", "print the version");
  version->callback([&] { std::printf("parley %s\n", Version()); });

#ifdef PARLEY_CLI_LEAN
  // The commands of parley-backends, listed by --help; their arguments
  // (and --help) are left for parley-backends to read.
  std::vector<std::pair<const char*, const char*>> backends = {
      {"ingest", "store `parley code` output (JSON lines) and merge its events"},
      {"query", "list stored events (merged by default)"},
      {"export", "write stored events as GDELT 2.0 rows, CSV, JSON or JSON Lines"},
      {"serve", "serve the store as a JSON API and the dashboard (http://127.0.0.1:8080)"}};
#ifdef PARLEY_HAVE_CLUSTER
  backends.insert(backends.end(), {{"submit", "queue articles in a Redis Stream for `parley worker`"},
                                   {"worker", "code queued articles into a shared store (consumer-group member)"},
                                   {"cluster", "the state of a queue and its workers"}});
#endif
  for (const auto& [name, what] : backends) {
    auto* c = app.add_subcommand(name, what);
    c->set_help_flag();
    c->fallthrough(false);
    c->prefix_command();
    c->allow_extras();
    c->callback([name = name] { RunBackends(name); });
  }
#endif
#ifdef PARLEY_CLI_HAS_STORE
  RegisterStoreCommands(app, &rc);
#endif
#ifdef PARLEY_CLI_HAS_SERVE
  RegisterServeCommand(app, &rc);
#endif
#if defined(PARLEY_HAVE_CLUSTER) && !defined(PARLEY_CLI_LEAN)
  RegisterClusterCommands(app, &g.data_dir, &rc);
#endif

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int r = app.exit(e);
    return r == 0 ? 0 : 2;
  }
  return rc;
}
