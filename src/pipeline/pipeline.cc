#include "parley/pipeline.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>

#include "code/coder.h"
#include "code/event_model.h"
#include "extract/actors.h"
#include "extract/counts.h"
#include "extract/dates.h"
#include "extract/places.h"
#include "extract/quotes.h"
#include "extract/token_marks.h"
#include "io/reader.h"
#include "parley/lexicon.h"
#include "lexicon/gazetteer.h"
#include "lexicon/image_file.h"
#include "resolve/resolve.h"
#include "text/segment.h"
#include "text/vocabulary.h"

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
  CloseClosedWords();  // before any loading code makes a WordSet (text/vocabulary.h)
  auto p = std::unique_ptr<Pipeline>(new Pipeline());
  p->options_ = options;
  std::filesystem::path cache = options.cache_dir == "off" ? std::filesystem::path()
                                : options.cache_dir.empty()  ? DefaultCacheDir()
                                                             : std::filesystem::path(options.cache_dir);
  // Images are keyed by this build as well as by parley's version, so a
  // rebuilt binary never reads tables an older one compiled.
  const std::string build = std::string(Version()) + "+" + image::Hex(image::BuildKey(Version()));
  // The learned models: "" = the data directory's file when present,
  // "on" = that file, "off" = none, else a file that must load.
  auto load_model = [&](const std::string& option, const char* file, bool classes,
                        std::unique_ptr<EventModel>* model) {
    if (option == "off") return Status::OK();
    const std::filesystem::path path =
        option.empty() || option == "on" ? data_dir / file : std::filesystem::path(option);
    std::error_code ec;
    if (option.empty() && !std::filesystem::exists(path, ec)) return Status::OK();
    Status ms = EventModel::LoadCached(path, cache, build, model);
    if (ms.ok() && (*model)->classes().empty() == classes)
      ms = Status::InvalidInput(path.string() + (classes ? ": a veto model, not a model of roots (no classes row)"
                                                         : ": a model of roots, not a veto model (it has classes)"));
    return ms;
  };
  // The gazetteer and the learned models need nothing of the lexicon: with
  // load_threads > 1 they load on their own thread while this one loads the
  // lexicon and then the coder's tables (which need the lexicon). The first
  // error reported is the lexicon's, then the gazetteer's, then the models',
  // as when they load one after the other.
  Status gs, ms;
  std::exception_ptr gazetteer_threw;
  auto load_gazetteer = [&] {
    try {
      gs = Gazetteer::LoadCached(data_dir, cache, build, &p->gazetteer_);
      if (gs.ok()) ms = load_model(options.event_model, "event_model.tsv", false, &p->event_model_);
      if (gs.ok() && ms.ok()) ms = load_model(options.root_model, "root_model.tsv", true, &p->root_model_);
    } catch (...) {
      gazetteer_threw = std::current_exception();
    }
  };
  std::thread gazetteer_thread;
  if (options.load_threads > 1) gazetteer_thread = std::thread(load_gazetteer);
  struct Join {
    std::thread& t;
    ~Join() {
      if (t.joinable()) t.join();
    }
  } join{gazetteer_thread};
  Lexicon::CacheInfo lexicon_image;
  Status s = Lexicon::LoadCached(data_dir, cache, build, &p->lexicon_, &lexicon_image);
  if (s.ok()) p->coder_ = Coder::Cached(*p->lexicon_, cache, lexicon_image.key);
  if (s.ok()) {
    // One vocabulary of the words the per-token lookups know (closed-class
    // word lists, one-word names and first name words, the coder's word
    // forms), read from the coder's image or built with it: each token is
    // looked up once, then by id (issue 12, item 13).
    p->lexicon_->UseVocabulary(p->coder_->vocabulary());
  }
  if (gazetteer_thread.joinable()) {
    gazetteer_thread.join();
  } else if (s.ok()) {
    load_gazetteer();
  }
  if (gazetteer_threw) std::rethrow_exception(gazetteer_threw);
  if (!s.ok()) return s;
  if (!gs.ok()) return gs;
  if (!ms.ok()) return ms;
  *out = std::move(p);
  return Status::OK();
}

Pipeline::~Pipeline() = default;

const Pipeline* Pipeline::KeepUntilExit(std::unique_ptr<Pipeline> p) {
  static std::mutex mu;
  static std::vector<Pipeline*>* kept = new std::vector<Pipeline*>();  // never destroyed
  std::lock_guard<std::mutex> lock(mu);
  kept->push_back(p.release());
  return kept->back();
}

namespace {

// True when `p` (a std::string's n bytes: p[n] is its NUL) already reads as
// one line: no white space at either end, no two spaces together and no
// byte below ' ' (line breaks and tabs; the rare other control byte is
// sent to the rewrite too, which leaves it as it is). Eight bytes at a
// time: a word and the word one byte further on (reading at most up to
// the NUL) show every pair of neighbouring spaces. A test flags a byte
// wrongly only just above one it flags rightly (" ! " can look like two
// spaces): such a name is merely rewritten, unchanged.
inline bool AlreadyOneLine(const char* p, size_t n) {
  if (n == 0) return true;
  if (p[0] == ' ' || p[n - 1] == ' ') return false;
  if (n < 8) {
    for (size_t i = 0; i < n; ++i) {
      const unsigned char c = static_cast<unsigned char>(p[i]);
      if (c < ' ' || (c == ' ' && p[i + 1] == ' ')) return false;
    }
    return true;
  }
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto load = [](const char* q) {
    uint64_t w;
    std::memcpy(&w, q, 8);
    return w;
  };
  auto spaces = [&](uint64_t w) {
    const uint64_t x = w ^ (kOnes * ' ');
    return (x - kOnes) & ~x & kHigh;
  };
  auto flagged = [&](const char* q) {
    const uint64_t w = load(q);
    return ((w - kOnes * ' ') & ~w & kHigh) | (spaces(w) & spaces(load(q + 1)));
  };
  uint64_t bad = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) bad |= flagged(p + i);
  if (i < n) bad |= flagged(p + n - 8);  // the last eight bytes, overlapping
  return bad == 0;
}

// Runs of white space (line breaks included) made one space, trimmed, in
// place (the name only shortens).
[[gnu::noinline]] void RewriteOneLine(std::string* s) {
  char* p = s->data();
  const size_t n = s->size();
  size_t j = 0;
  bool space = false;
  for (size_t i = 0; i < n; ++i) {
    const char c = p[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = j != 0;
      continue;
    }
    if (space) p[j++] = ' ';
    space = false;
    p[j++] = c;
  }
  s->resize(j);
}

// Runs of white space (line breaks included) made one space, trimmed: a name
// copied from the text ("U.S.\ngovernment", "New\nSouth Wales") reads as one
// line. Spans keep pointing at the original bytes.
inline void OneLine(std::string* s) {
  // Most names are one line already: those are left as they are.
  if (!AlreadyOneLine(s->data(), s->size())) RewriteOneLine(s);
}

}  // namespace

void FinishForOutput(Document* doc) {
  for (Quote& q : doc->quotes) OneLine(&q.speaker);
  for (Event& e : doc->events)
    if (e.location) OneLine(&e.location->name);
  // country_basis: the strongest way any mention of the entity knew its country.
  thread_local std::vector<int> rank;  // 0 none, 1 article, 2 dictionary, 3 text; kept between articles
  rank.assign(doc->entities.size(), 0);
  // One pass over the mentions (large records) for their names and ranks.
  for (Mention& m : doc->mentions) {
    OneLine(&m.name);
    if (m.type != MentionType::kActor || m.entity < 0 || m.entity >= static_cast<int>(rank.size()) ||
        m.country.empty())
      continue;
    // An entity known from the text already (the strongest) is not asked again.
    if (rank[m.entity] == 3) continue;
    int r = 3;
    if (GuessedFromArticle(m.rule)) r = 1;
    else if (const std::string_view rule = m.rule; rule.starts_with("data/people") || rule.starts_with("data/organisations.tsv") ||
                                                    rule.starts_with("data/igos.tsv"))
      r = 2;
    rank[m.entity] = std::max(rank[m.entity], r);
  }
  for (size_t i = 0; i < doc->entities.size(); ++i) {
    Entity& e = doc->entities[i];
    OneLine(&e.name);
    // Views of known length: assigned without a strlen.
    static constexpr std::string_view kBasis[] = {"", "article", "dictionary", "text"};
    e.country_basis.assign(e.country.empty() ? kBasis[0] : rank[i] ? kBasis[rank[i]] : kBasis[3]);
  }
}

Status CheckDictionaries(const std::filesystem::path& data_dir, std::vector<std::string>* problems,
                         std::string* summary) {
  auto add_lines = [&](const std::string& msg) {
    size_t b = 0;
    while (b <= msg.size()) {
      size_t e = msg.find('\n', b);
      if (e == std::string::npos) e = msg.size();
      if (e > b) problems->push_back(msg.substr(b, e - b));
      b = e + 1;
    }
  };
  // The lexicon's rows as Lexicon::Load() reads them (a bad row is one
  // problem; the others are still checked below), then the gazetteer's.
  std::unique_ptr<Lexicon> lex;
  std::vector<std::string> row_errors;
  Status s = Lexicon::LoadForCheck(data_dir, &lex, &row_errors);
  if (!s.ok()) return s;
  for (auto& e : row_errors) problems->push_back(e);
  std::unique_ptr<Gazetteer> gaz;
  Status g = Gazetteer::Load(data_dir, &gaz);
  if (!g.ok()) add_lines(g.message());
  for (auto& p : lex->Check()) problems->push_back(p);
  size_t model_weights = 0;
  for (const char* file : {"event_model.tsv", "root_model.tsv"}) {
    std::unique_ptr<EventModel> model;
    std::error_code model_ec;
    if (!std::filesystem::exists(data_dir / file, model_ec)) continue;
    Status m = EventModel::Load(data_dir / file, &model);
    if (!m.ok()) problems->push_back(m.message());
    else model_weights += model->size();
  }
  if (gaz) {
    size_t unknown_generated = 0;
    std::string first_generated;
    for (const Place& p : gaz->places()) {
      if (p.country().empty() || lex->FindCountry(p.country())) continue;
      std::string where = p.source == PlaceSource::kPlaces      ? (data_dir / "places.tsv").string()
                          : p.source == PlaceSource::kCountries ? (data_dir / "countries.tsv").string()
                                                                : (data_dir / "generated" / "cities.tsv").string();
      std::string msg = where + ":" + std::to_string(p.line) + ": unknown country code " + std::string(p.country());
      if (p.source != PlaceSource::kGenerated) problems->push_back(msg);
      else if (unknown_generated++ == 0) first_generated = msg;
    }
    // The generated gazetteer is rebuilt, not edited: one line for all.
    if (unknown_generated)
      problems->push_back(first_generated + " (and " + std::to_string(unknown_generated - 1) +
                          " more rows of that file with codes not in countries.tsv)");
  }
  size_t terms = 0;
  for (auto& p : lex->people()) terms += p.terms.size();
  size_t verbs = 0, nouns = 0;
  for (auto& p : lex->patterns()) (p.noun ? nouns : verbs)++;
  *summary = std::to_string(lex->countries().size()) + " countries, " + std::to_string(lex->igos().size()) +
             " international bodies, " + std::to_string(lex->organisations().size()) + " organisations, " +
             std::to_string(lex->people().size()) + " people (" + std::to_string(terms) + " offices in " +
             std::to_string(lex->people_files().size()) + " files), " + std::to_string(lex->roles().size()) +
             " role words, " + std::to_string(verbs) + " verb patterns, " + std::to_string(nouns) +
             " noun patterns, " + std::to_string(lex->name_count()) + " names" +
             (gaz ? ", " + std::to_string(gaz->size()) + " places" : "") +
             (model_weights ? ", event models of " + std::to_string(model_weights) + " features" : "");
  return Status::OK();
}

Status Pipeline::Segment(Document* doc) const {
  const std::string& text = doc->text();
  if (text.size() > options_.max_article_bytes)
    return Status::InvalidInput(TooLargeMessage(text.size(), options_.max_article_bytes));
  // A reader that checked the text as it decoded it says so: the bytes are
  // not read again.
  if (!doc->text_checked()) {
    Status s = CheckText(text);
    if (!s.ok()) return s;
  }
  // A bare dateline in capitals names a known place: a hand-kept one, a
  // capital, or a town of 50,000 people or more that is not also an English
  // word. Tokens get the lexicon's word ids as they are made (issue 12,
  // item 13), so that the stages' NumberWords find them numbered.
  SegmentDocument(
      doc,
      [this](std::string_view key) {
        for (const Place* p : gazetteer_->LookupKey(key))
          if (!p->common_word && (p->source != PlaceSource::kGenerated || p->is_capital || p->population >= 50000))
            return true;
        return false;
      },
      lexicon_->vocabulary());
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
  // The date mentions serve the events' dates (ResolveEventDates) and the
  // trace alone: no stage before ResolveEventDates reads a date mention
  // (each reads actors or places by type, and the actors' order among
  // themselves is the same without dates), so an article coded without a
  // trace finds its dates only once it has an event, as most have none.
  const bool dates_first = trace != nullptr;
  if (dates_first) RecogniseDates(doc);
  RecognisePlaces(*gazetteer_, doc);
  RolesFromPlaces(*lexicon_, doc);
  // The tokens the next three stages start from, found in one pass (the
  // stages add no tokens).
  thread_local TokenMarks marks;
  FindTokenMarks(*doc, &marks);
  TrackEntities(*lexicon_, doc, marks);
  ExtractQuotes(doc, marks);
  ExtractCounts(doc, /*with_mentions=*/trace != nullptr, marks);
  coder_->Code(doc, trace);
  if (event_model_) ApplyEventModel(*event_model_, doc, trace);
  if (root_model_) ApplyRootModel(*root_model_, *lexicon_, doc, trace);
  if (!dates_first && !doc->events.empty()) RecogniseDatesForEvents(doc);
  ResolveEventDates(doc);
  ResolveEventPlaces(*gazetteer_, doc);
  FinishForOutput(doc);
  return Status::OK();
}

}  // namespace parley
