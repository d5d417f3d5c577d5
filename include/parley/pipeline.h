// parley: the pipeline that codes one article.
//
// One pass per article: segment -> recognise mentions (actors, places,
// dates, numbers, quotes) -> track entities -> code events -> resolve dates
// and places. Time is linear in the article's bytes (times the longest
// pattern); memory is bounded by the article plus the lexicon. No parser, no
// network, no downloads.
#ifndef PARLEY_PIPELINE_H_
#define PARLEY_PIPELINE_H_

#include <cstddef>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "parley/document.h"
#include "parley/status.h"

namespace parley {

class Lexicon;
class Coder;
class Gazetteer;
class EventModel;

struct CodeOptions {
  // Knobs that bound cost.
  size_t max_article_bytes = 1 << 20; // larger articles get an error line
  // Where compiled images of the dictionaries are kept (a cache of the
  // text files, keyed by their bytes; see data/README.md). "" = the
  // default, DefaultCacheDir(); "off" = none, the text is parsed each time.
  std::string cache_dir;
  // Threads that load the dictionaries in Pipeline::Create: 2 or more loads
  // the gazetteer on a second thread beside the lexicon and the coder's
  // tables (`code --threads N` with N > 1 does). 1 loads on the caller's.
  size_t load_threads = 1;
  // The learned check on the coder's events (src/code/event_model.h):
  // "off" (the default: on the check set it did not yet help), "on" =
  // data/event_model.tsv, which must load; else a model file's path.
  std::string event_model = "off";
  // The learned choice of roots: "" = data/root_model.tsv when the data
  // directory has one; "on" = that file, which must load; "off" = none;
  // else a model file's path.
  std::string root_model;
};

// The last step of Pipeline::Code, for documents built another way too:
// names of entities, places and quote speakers on one line (white space
// runs made one space), and each entity's `country_basis`.
void FinishForOutput(Document* doc);

// $PARLEY_CACHE_DIR ("off" = no cache), else $XDG_CACHE_HOME/parley, else
// $HOME/.cache/parley; "" when none of these is set.
std::filesystem::path DefaultCacheDir();

class Pipeline {
 public:
  // Loads the dictionaries under `data_dir` once.
  // OK: *out is ready to code articles (it is immutable and thread-safe).
  // InvalidInput: malformed dictionary rows, one "path:line: reason" per line.
  static Status Create(const std::filesystem::path& data_dir, const CodeOptions& options,
                       std::unique_ptr<Pipeline>* out);
  ~Pipeline();

  // Hands `p` to the process for good: its tables are given back by the
  // exit at once instead of being freed one allocation at a time (tens of
  // millions of instructions). For the command-line entry points (code,
  // explain, dict suggest, serve, worker), whose process ends after them;
  // the pipeline stays reachable, so leak checkers do not report it.
  // Thread-safe. Returns the pipeline, which lives until the exit.
  static const Pipeline* KeepUntilExit(std::unique_ptr<Pipeline> p);

  // Runs every stage over `doc`. On failure (bad encoding, too large, empty)
  // doc->error is set, the annotations are empty and the Status says why.
  Status Code(Document* doc) const { return Code(doc, nullptr); }
  // The same, writing the coder's reasoning per sentence to *trace.
  Status Code(Document* doc, std::ostream* trace) const;

  // Stage by stage, for explain and tests.
  Status Segment(Document* doc) const;  // checks, tokens, sentences

  const Lexicon& lexicon() const { return *lexicon_; }
  const Gazetteer& gazetteer() const { return *gazetteer_; }
  const CodeOptions& options() const { return options_; }
  // The event model in use, or null when there is none.
  const EventModel* event_model() const { return event_model_.get(); }

 private:
  Pipeline() = default;
  CodeOptions options_;
  std::unique_ptr<Lexicon> lexicon_;
  std::unique_ptr<Coder> coder_;
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<EventModel> event_model_, root_model_;
};

// The data directory to use when none is given: $PARLEY_DATA, then data/
// beside the source tree the binary was built from, then the install prefix's
// share/parley/data. NotFound when none of these exists.
Status FindDataDir(std::filesystem::path* out);

// `parley dict check`: loads every dictionary under `data_dir` exactly as
// Pipeline::Create() does (lexicon and gazetteer), collecting each loader
// error, then adds Lexicon::Check(), the places' country codes and the
// event models (data/event_model.tsv, data/root_model.tsv) when present.
// *problems: one "path:line: reason" each. *summary: what was read, when
// the dictionaries loaded. OK: the check ran (problems may be non-empty);
// NotFound: `data_dir` holds no dictionaries.
Status CheckDictionaries(const std::filesystem::path& data_dir, std::vector<std::string>* problems,
                         std::string* summary);

const char* Version();

}  // namespace parley

#endif  // PARLEY_PIPELINE_H_
