#include "parley/pipeline.h"

#include <cstdlib>

#include "code/coder.h"
#include "extract/actors.h"
#include "extract/counts.h"
#include "extract/dates.h"
#include "extract/places.h"
#include "extract/quotes.h"
#include "io/reader.h"
#include "parley/lexicon.h"
#include "lexicon/gazetteer.h"
#include "text/segment.h"

namespace parley {

const char* Version() { return PARLEY_VERSION; }

Status FindDataDir(std::filesystem::path* out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("PARLEY_DATA"); env && *env) candidates.emplace_back(env);
  // An installed binary uses its own prefix: <prefix>/bin/parley ->
  // <prefix>/share/parley/data; a binary in the build tree, the source tree's.
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(self.parent_path().parent_path() / "share" / "parley" / "data");
  candidates.emplace_back(PARLEY_SOURCE_DATA_DIR);
  candidates.emplace_back(PARLEY_INSTALL_DATA_DIR);
  for (auto& c : candidates) {
    if (fs::exists(c / "countries.tsv", ec)) {
      *out = c;
      return Status::OK();
    }
  }
  return Status::NotFound("cannot find parley's data/ directory (tried $PARLEY_DATA, " +
                          std::string(PARLEY_SOURCE_DATA_DIR) + ", " + PARLEY_INSTALL_DATA_DIR +
                          "); pass --data DIR");
}

std::filesystem::path DefaultCacheDir() {
  if (const char* env = std::getenv("PARLEY_CACHE_DIR"); env && *env)
    return std::string_view(env) == "off" ? std::filesystem::path() : std::filesystem::path(env);
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "parley";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "parley";
  return {};
}

Status Pipeline::Create(const std::filesystem::path& data_dir, const CodeOptions& options,
                        std::unique_ptr<Pipeline>* out) {
  auto p = std::unique_ptr<Pipeline>(new Pipeline());
  p->options_ = options;
  Status s = Lexicon::Load(data_dir, &p->lexicon_);
  if (!s.ok()) return s;
  std::filesystem::path cache = options.cache_dir == "off" ? std::filesystem::path()
                                : options.cache_dir.empty()  ? DefaultCacheDir()
                                                             : std::filesystem::path(options.cache_dir);
  s = Gazetteer::LoadCached(data_dir, cache, Version(), &p->gazetteer_);
  if (!s.ok()) return s;
  p->coder_ = std::make_unique<Coder>(*p->lexicon_);
  *out = std::move(p);
  return Status::OK();
}

Pipeline::~Pipeline() = default;

Status Pipeline::Segment(Document* doc) const {
  const std::string& text = doc->text();
  if (text.size() > options_.max_article_bytes)
    return Status::InvalidInput("too large: " + HumanBytes(text.size()) + " > " +
                                HumanBytes(options_.max_article_bytes));
  Status s = CheckText(text);
  if (!s.ok()) return s;
  SegmentDocument(doc);
  if (doc->tokens.empty()) return Status::InvalidInput("empty text");
  return Status::OK();
}

Status Pipeline::Code(Document* doc, std::ostream* trace) const {
  auto fail = [&](const Status& s) {
    doc->error = s.message();
    doc->tokens.clear();
    doc->sentences.clear();
    doc->mentions.clear();
    doc->entities.clear();
    doc->quotes.clear();
    doc->counts.clear();
    doc->events.clear();
    return s;
  };
  if (!doc->error.empty()) return fail(Status::InvalidInput(doc->error));
  Status s = Segment(doc);
  if (!s.ok()) return fail(s);
  // Room for the usual number of mentions (actors, dates, places, counts:
  // about one per 10 tokens), so that they are not moved as the list grows.
  doc->mentions.reserve(doc->mentions.size() + doc->tokens.size() / 10 + 8);
  RecogniseActors(*lexicon_, doc);
  RecogniseDates(doc);
  RecognisePlaces(*gazetteer_, doc);
  RolesFromPlaces(*lexicon_, doc);
  TrackEntities(*lexicon_, doc);
  ExtractQuotes(doc);
  ExtractCounts(doc);
  coder_->Code(doc, trace);
  ResolveEventDates(doc);
  ResolveEventPlaces(*gazetteer_, doc);
  if (options_.min_confidence > 0)
    std::erase_if(doc->events, [&](const Event& e) { return e.confidence < options_.min_confidence; });
  return Status::OK();
}

}  // namespace parley
