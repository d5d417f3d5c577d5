#include "code/event_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <span>
#include <sstream>
#include <unordered_map>

#include "text/string_table.h"
#include "text/vocabulary.h"

namespace parley {

namespace {

// The rule's file ("verbs", "nouns") or its coder rule ("coder:denial"),
// the head word of its pattern and the pattern's text: "verbs.tsv:4405
// criticize for TGT" -> ("verbs", "criticize", "criticize for TGT"). Line
// numbers are left out: they move when the file is edited. The kind is a
// view of `rule`; head and pattern are written into strings that keep
// their buffers from one event to the next.
void RuleParts(const std::string& rule, std::string_view* kind, std::string* head, std::string* pattern) {
  head->clear();
  pattern->clear();
  const size_t sp = rule.find(' ');
  std::string_view where = std::string_view(rule).substr(0, sp);
  if (where.rfind("data/", 0) == 0) where.remove_prefix(5);
  if (const size_t tsv = where.find(".tsv"); tsv != std::string_view::npos) where = where.substr(0, tsv);
  *kind = where;
  if (sp == std::string::npos) return;
  pattern->assign(rule, sp + 1);
  for (char& c : *pattern)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  size_t e = sp + 1;
  while (e < rule.size() && rule[e] != ' ' && rule[e] != '+' && rule[e] != ':') ++e;
  for (size_t k = sp + 1; k < e; ++k) head->push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(rule[k]))));
}

// Words are lower case; numbers are one class, punctuation kept as is.
std::string_view Word(const Token& t) { return t.kind == TokenKind::kNumber ? std::string_view("#num") : t.lower; }

// The features of a token's word, by their prefix: "e=", "b1=", "a1=",
// "b2=", "a2=", "s=" (RowSink keeps a row per word and kind).
enum WordFeature { kWordE, kWordB1, kWordA1, kWordB2, kWordA2, kWordS, kWordKinds };

const char* Bucket(size_t n) { return n <= 1 ? "1" : n <= 3 ? "2-3" : n <= 6 ? "4-6" : n <= 12 ? "7-12" : "13+"; }

// The features of one event, in storage kept from one event to the next
// (one list per thread): some fifty short strings per event, their bytes
// written one after another into one buffer (no string per feature), and
// each feature's StringTable hash, which both the removal of repeats and
// the model's lookup use.
struct FeatureList {
  std::vector<char> bytes;         // the features' bytes, one after another
  size_t used = 0;                 // of bytes
  std::vector<uint32_t> ends;      // feature i ends at bytes[ends[i]] (begins at ends[i - 1], or 0)
  std::vector<std::string_view> items;  // after Unique(): the features, each once
  std::vector<uint32_t> hashes;    // of items, after Unique()
  size_t n = 0;                    // features added (before Unique()), then items' count
  std::string head, pattern;       // RuleParts'
  std::vector<int32_t> slots;      // Unique()'s table

  void Clear() {
    used = 0;
    n = 0;
    ends.clear();
  }
  // One feature, the pieces joined.
  template <typename... Pieces>
  void Add(const Pieces&... pieces) {
    const std::string_view parts[] = {std::string_view(pieces)...};
    size_t len = 0;
    for (std::string_view p : parts) len += p.size();
    if (used + len > bytes.size()) bytes.resize(std::max<size_t>(2 * bytes.size(), used + len + 1024));
    char* out = bytes.data() + used;
    for (std::string_view p : parts) {
      if (!p.empty()) std::memcpy(out, p.data(), p.size());
      out += p.size();
    }
    used += len;
    ends.push_back(static_cast<uint32_t>(used));
    ++n;
  }
  // A feature of a token's word: `prefix` and Word(t) (`kind` is
  // RowSink's).
  void AddWord(std::string_view prefix, int /*kind*/, const Token& t) { Add(prefix, Word(t)); }
  // The features of the event's rule (RuleParts) and of its head with the
  // event's root.
  void AddRule(const std::string& rule, std::string_view root) {
    std::string_view kind;
    RuleParts(rule, &kind, &head, &pattern);
    Add("rule=", kind);
    if (!head.empty()) {
      Add("head=", head);
      Add("head_root=", head, "|", root);
    }
    if (!pattern.empty()) Add("pattern=", pattern);
  }
  // Keeps the first of each feature, in order, and hashes them.
  void Unique() {
    size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    slots.assign(cap, -1);
    items.resize(n);
    hashes.resize(n);
    const uint32_t mask = static_cast<uint32_t>(cap - 1);
    size_t out = 0;
    for (size_t i = 0, begin = 0; i < n; begin = ends[i++]) {
      const std::string_view f(bytes.data() + begin, ends[i] - begin);
      const uint32_t h = StringTable<int>::Hash(f);
      bool seen = false;
      uint32_t at = h & mask;
      for (; slots[at] >= 0; at = (at + 1) & mask) {
        const size_t j = static_cast<size_t>(slots[at]);
        if (hashes[j] == h && items[j] == f) {
          seen = true;
          break;
        }
      }
      if (seen) continue;
      slots[at] = static_cast<int32_t>(out);
      hashes[out] = h;
      items[out] = f;
      ++out;
    }
    n = out;
    items.resize(n);
    hashes.resize(n);
  }
};

FeatureList& ThreadFeatures() {
  thread_local FeatureList f;
  return f;
}

// Per sentence of a document: how many body sentences come before it, and
// how many actor mentions and events it holds; counted once for all the
// events of the document instead of over the whole document per event.
struct SentenceCounts {
  std::vector<uint32_t> body_before, actors, events;
  void Count(const Document& doc) {
    const size_t n = doc.sentences.size();
    body_before.assign(n, 0);
    actors.assign(n, 0);
    events.assign(n, 0);
    for (size_t k = 0, body = 0; k < n; ++k) {
      body_before[k] = static_cast<uint32_t>(body);
      body += !doc.sentences[k].headline;
    }
    for (const Mention& m : doc.mentions) {
      if (m.type != MentionType::kActor || m.token_begin >= doc.tokens.size()) continue;
      // The sentence whose tokens hold the mention's first: the token's
      // own (no search), when it is one that holds it (sentences do not
      // overlap; a token outside every sentence counts for none).
      const size_t si = doc.tokens[m.token_begin].sentence;
      if (si < n && m.token_begin >= doc.sentences[si].token_begin && m.token_begin < doc.sentences[si].token_end)
        ++actors[si];
    }
    for (const Event& o : doc.events)
      if (o.sentence < n) ++events[o.sentence];
  }
};

// EventFeatures into *f (cleared first), repeats removed and hashed. With
// `counts` (of doc, SentenceCounts::Count), the sentence's counts are read
// from it.
// Written once for two sinks: FeatureList (the strings) and RowSink (the
// model's rows of the same features, for the root model).
template <typename Sink>
void BuildFeatures(const Document& doc, const Event& e, Sink* fl, const SentenceCounts* counts = nullptr) {
  Sink& f = *fl;
  f.Clear();
  const std::string_view root = e.cameo_root.empty() ? std::string_view(e.cameo).substr(0, 2) : std::string_view(e.cameo_root);
  f.Add("root=", root);
  f.Add("code=", e.cameo);
  f.AddRule(e.rule, root);
  f.Add("status=", EventStatusName(e.status));
  if (e.negated) f.Add("negated");
  if (e.quote >= 0) f.Add("in_quote");
  auto actor = [&](std::string_view side, const std::optional<Actor>& a) {
    if (!a) {
      f.Add(side, "=none");
      return;
    }
    f.Add(side, "_role=", a->role.empty() ? std::string_view("-") : std::string_view(a->role));
    if (a->country.empty()) f.Add(side, "_country=none");
    if (!e.span.overlaps(a->span) && (a->span.end <= doc.sentences[e.sentence].span.begin ||
                                      a->span.begin >= doc.sentences[e.sentence].span.end))
      f.Add(side, "_outside_sentence");
    if (a->span.empty()) f.Add(side, "_implied");
  };
  actor("src", e.source);
  actor("tgt", e.target);
  if (e.source && e.target && !e.source->country.empty() && e.source->country == e.target->country)
    f.Add("same_country");
  if (e.sentence >= doc.sentences.size()) {  // (no sentence words)
    f.Unique();
    return;
  }
  const Sentence& s = doc.sentences[e.sentence];
  if (s.headline) f.Add("headline");
  // Where the sentence stands: the lead or later.
  uint32_t body = 0;
  if (counts) body = counts->body_before[e.sentence];
  else
    for (uint32_t k = 0; k < e.sentence; ++k) body += !doc.sentences[k].headline;
  f.Add("position=", s.headline ? "headline" : body == 0 ? "lead" : body < 4 ? "early" : "late");
  // Tokens of the evidence, and the two before and after it.
  uint32_t tb = s.token_end, te = s.token_begin;
  for (uint32_t i = s.token_begin; i < s.token_end; ++i) {
    const Span& sp = doc.tokens[i].span;
    if (sp.overlaps(e.span)) {
      tb = std::min(tb, i);
      te = std::max(te, i + 1);
    }
  }
  if (tb >= te) tb = te = s.token_begin;
  f.Add("span_len=", Bucket(te - tb));
  f.Add("sent_len=", Bucket((s.token_end - s.token_begin) / 3));
  for (uint32_t i = tb; i < te && i < tb + 16; ++i) f.AddWord("e=", kWordE, doc.tokens[i]);
  static constexpr std::string_view kBefore[] = {"", "b1=", "b2="}, kAfter[] = {"", "a1=", "a2="};
  for (uint32_t k = 1; k <= 2; ++k) {
    if (tb >= s.token_begin + k) f.AddWord(kBefore[k], kWordB1 + 2 * static_cast<int>(k - 1), doc.tokens[tb - k]);
    else f.Add(kBefore[k], "<s>");
    if (te + k - 1 < s.token_end) f.AddWord(kAfter[k], kWordA1 + 2 * static_cast<int>(k - 1), doc.tokens[te + k - 1]);
    else f.Add(kAfter[k], "</s>");
  }
  // The words of the sentence near the evidence, up to kNear tokens either
  // side (its cues: "if", "would", "not", "said"); bounded, so that a
  // sentence of many events costs linear time.
  constexpr uint32_t kNear = 12;
  const uint32_t nb = tb > s.token_begin + kNear ? tb - kNear : s.token_begin;
  const uint32_t ne = std::min(s.token_end, te + kNear);
  for (uint32_t i = nb; i < ne; ++i)
    if (doc.tokens[i].kind == TokenKind::kWord) f.AddWord("s=", kWordS, doc.tokens[i]);
  // Actors and events the sentence holds besides this one.
  size_t actors = 0, events = 0;
  if (counts) {
    actors = counts->actors[e.sentence];
    events = counts->events[e.sentence];
  } else {
    for (const Mention& m : doc.mentions)
      if (m.type == MentionType::kActor && m.token_begin >= s.token_begin && m.token_begin < s.token_end) ++actors;
    for (const Event& o : doc.events) events += o.sentence == e.sentence;
  }
  f.Add("actors=", Bucket(actors));
  f.Add("events=", Bucket(events));
  // Each feature once (the model's features are present or absent), in
  // the order first seen.
  f.Unique();
}

// The root model's view of BuildFeatures: each feature's row of the model
// (its weights), each row once, in the order first seen, which are the
// rows ClassProbs would find for the strings of FeatureList, summed in the
// same order. A feature of a token's word is looked up once per word id,
// prefix and model (by_word), not joined, hashed and looked up per event;
// a feature the model lacks has no row and adds nothing, as in ClassProbs.
struct RowSink {
  const EventModel* model = nullptr;
  uint64_t serial = 0;             // model's (an address may be reused)
  uint64_t vocabulary = 0;         // the tag of the word ids by_word is for
  std::string head, pattern;       // RuleParts'
  std::vector<char> buf;           // one feature's bytes, joined
  // The event's rows: the first n_rows of `rows`, which has room for every
  // row of the model (each is pushed at most once per event), so that
  // Push, some fifty times per event, only stores.
  std::vector<int32_t> rows;
  size_t n_rows = 0;
  std::span<const int32_t> Rows() const { return {rows.data(), n_rows}; }
  std::vector<uint32_t> seen;      // per model row: the last event (gen) that added it
  uint32_t gen = 0;
  // [word id]: the model's rows of that word (RowsOfWord; nullptr: none),
  // or kNotLookedUp.
  std::vector<const EventModel::WordRows*> by_word;
  const EventModel::WordRows* number_rows = kNotLookedUp;  // the same for "#num"
  static inline const EventModel::WordRows kNoRows{};
  static constexpr const EventModel::WordRows* kNotLookedUp = &kNoRows;

  // For the events of documents numbered by vocabulary tag `words`.
  void Use(const EventModel& m, uint64_t words) {
    if (serial == m.serial() && vocabulary == words) return;
    model = &m;
    serial = m.serial();
    vocabulary = words;
    by_word.clear();
    number_rows = kNotLookedUp;
    std::fill(std::begin(literals), std::end(literals), Literal{});
    rule_rows.clear();
    seen.assign(m.size(), 0);
    rows.assign(m.size(), 0);
    gen = 0;
  }
  void Clear() {
    n_rows = 0;
    if (++gen == 0) {
      std::fill(seen.begin(), seen.end(), 0);
      gen = 1;
    }
  }
  template <typename... Pieces>
  int32_t Lookup(const Pieces&... pieces) {
    const std::string_view parts[] = {std::string_view(pieces)...};
    size_t len = 0;
    for (std::string_view p : parts) len += p.size();
    if (buf.size() < len) buf.resize(std::max<size_t>(len, 256));
    char* out = buf.data();
    for (std::string_view p : parts) {
      if (!p.empty()) std::memcpy(out, p.data(), p.size());
      out += p.size();
    }
    const std::string_view f(buf.data(), len);
    return static_cast<int32_t>(model->Row(f, StringTable<int>::Hash(f)));
  }
  // (Inline: some fifty per event, most of them rows already known.)
  [[gnu::always_inline]] void Push(int32_t r) {
    if (r < 0 || seen[static_cast<size_t>(r)] == gen) return;
    seen[static_cast<size_t>(r)] = gen;
    rows[n_rows++] = r;
  }
  template <typename... Pieces>
  void Add(const Pieces&... pieces) {
    Push(Lookup(pieces...));
  }
  // A feature of literals only ("status=" and a status's name, "actors="
  // and a bucket): looked up once per pair of addresses. REQUIRES: both
  // are strings of static storage, never a buffer that changes (a feature
  // built at run time goes through the variadic Add, by a std::string or
  // std::string_view piece).
  template <size_t N>
  void Add(const char (&name)[N]) {
    Push(LiteralRow(name, nullptr));
  }
  template <size_t N>
  void Add(const char (&prefix)[N], const char* value) {
    Push(LiteralRow(prefix, value));
  }
  int32_t LiteralRow(const char* prefix, const char* value) {
    const auto a = reinterpret_cast<uintptr_t>(prefix), b = reinterpret_cast<uintptr_t>(value);
    Literal& l = literals[((a ^ (b * 31)) >> 3) % kLiterals];
    if (l.prefix != prefix || l.value != value) {
      l = {prefix, value, value ? Lookup(prefix, value) : Lookup(prefix)};
    }
    return l.row;
  }
  struct Literal {
    const char* prefix = nullptr;
    const char* value = nullptr;
    int32_t row = -1;
  };
  static constexpr size_t kLiterals = 64;
  Literal literals[kLiterals];  // (cleared by Use)
  // A word's rows come from the model's table of words (RowsOfWord),
  // found once per word id and model (by_word) or, for a token without an
  // id, by one probe with its hash; the row of `kind` is then pushed.
  // Per token of the document being scored (Begin): its word's rows, or
  // kNotLookedUp. An event's words are looked at twice (the evidence's
  // are also among the sentence's), and the events of a sentence share
  // most of theirs: each token's are found once per document.
  const Token* tokens = nullptr;
  std::vector<const EventModel::WordRows*> by_token;
  void Begin(const Document& doc) {
    tokens = doc.tokens.data();
    by_token.assign(doc.tokens.size(), kNotLookedUp);
  }
  // REQUIRES: t is one of the tokens of the document given to Begin.
  void AddWord(std::string_view /*prefix*/, int kind, const Token& t) {
    assert(&t >= tokens && static_cast<size_t>(&t - tokens) < by_token.size());
    const EventModel::WordRows*& r = by_token[static_cast<size_t>(&t - tokens)];
    if (r == kNotLookedUp) r = RowsOfToken(t);
    if (r) Push((*r)[static_cast<size_t>(kind)]);
  }
  const EventModel::WordRows* RowsOfToken(const Token& t) {
    const EventModel::WordRows* r;
    if (t.kind == TokenKind::kNumber) {
      if (number_rows == kNotLookedUp) number_rows = model->RowsOfWord("#num", StringTable<int>::Hash("#num"));
      r = number_rows;
    } else if (vocabulary != 0 && t.word > kUnknownWord) {  // the id names one word
      const size_t at = t.word;
      if (at >= by_word.size()) by_word.resize(std::max<size_t>(at + 1, 2 * by_word.size()), kNotLookedUp);
      if (by_word[at] == kNotLookedUp) by_word[at] = model->RowsOfWord(t.lower, t.hash);
      r = by_word[at];
    } else {  // (Token::hash is StringTable's hash of lower, as Vocabulary::Number relies on)
      r = model->RowsOfWord(t.lower, t.hash);
    }
    return r;
  }
  void Unique() {}  // (Push keeps each row once)

  // FeatureList::AddRule's rows, in its order. A rule's rows are found
  // once per model (rule_rows, cleared by Use): many events share a rule,
  // and its parts are otherwise split, joined and hashed per event. The
  // head's row with the root is kept for the root last asked.
  struct RuleRows {
    int32_t kind = -1, head = -1, pattern = -1, head_root = -1;
    bool has_head = false, has_pattern = false;
    std::string head_text, root;
  };
  std::unordered_map<std::string, RuleRows> rule_rows;
  void AddRule(const std::string& rule, std::string_view root) {
    // (Rules name patterns, so there are only so many; a bound all the same.)
    if (rule_rows.size() >= (size_t{1} << 16)) rule_rows.clear();
    auto [it, added] = rule_rows.try_emplace(rule);
    RuleRows& r = it->second;
    if (added) {
      std::string_view kind;
      RuleParts(rule, &kind, &head, &pattern);
      r.kind = Lookup("rule=", kind);
      r.has_head = !head.empty();
      r.has_pattern = !pattern.empty();
      if (r.has_head) r.head = Lookup("head=", head);
      if (r.has_pattern) r.pattern = Lookup("pattern=", pattern);
      r.head_text = head;
    }
    Push(r.kind);
    if (r.has_head) {
      Push(r.head);
      if (added || r.root != root) {
        r.root.assign(root);
        r.head_root = Lookup("head_root=", r.head_text, "|", root);
      }
      Push(r.head_root);
    }
    if (r.has_pattern) Push(r.pattern);
  }
};

}  // namespace

std::vector<std::string> EventFeatures(const Document& doc, const Event& e) {
  FeatureList& f = ThreadFeatures();
  BuildFeatures(doc, e, &f);
  return std::vector<std::string>(f.items.begin(), f.items.end());
}

Status EventModel::Load(const std::filesystem::path& path, std::unique_ptr<EventModel>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path.string() + ": cannot read the event model");
  std::ostringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path.string(), out);
}

namespace {

// A weight as liblinear and train.py write it ("-0.0756358", "1.5e-05"),
// read without allocating. A decimal of at most 15 digits scaled by at most
// 10^22 is one correctly rounded division or product, as strtod gives; any
// other form goes through strtod.
bool ParseWeight(std::string_view s, double* v) {
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  size_t i = 0;
  const bool negative = i < s.size() && (s[i] == '-' || s[i] == '+') && s[i++] == '-';
  uint64_t mantissa = 0;
  int digits = 0, scale = 0;
  bool any = false;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, any = true)
    if (mantissa || s[i] != '0') mantissa = mantissa * 10 + static_cast<uint64_t>(s[i] - '0'), ++digits;
  if (i < s.size() && s[i] == '.')
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, any = true) {
      if (mantissa || s[i] != '0') mantissa = mantissa * 10 + static_cast<uint64_t>(s[i] - '0'), ++digits;
      --scale;
    }
  if (any && i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    const bool eneg = j < s.size() && (s[j] == '-' || s[j] == '+') && s[j++] == '-';
    int e = 0;
    const size_t start = j;
    for (; j < s.size() && s[j] >= '0' && s[j] <= '9' && e < 10000; ++j) e = e * 10 + (s[j] - '0');
    if (j == start) return false;
    scale += eneg ? -e : e;
    i = j;
  }
  if (!any || i != s.size()) return false;
  if (digits <= 15 && scale >= -22 && scale <= 22) {
    const double m = static_cast<double>(mantissa);
    *v = scale < 0 ? m / kPow10[-scale] : m * kPow10[scale];
    if (negative) *v = -*v;
    return true;
  }
  char buf[64];
  if (s.size() >= sizeof buf) return false;
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = 0;
  char* end = nullptr;
  *v = std::strtod(buf, &end);
  return end == buf + s.size() && std::isfinite(*v);
}

}  // namespace

// The file: '#' comments; then rows of tab-separated columns. Named rows
// give the model's constants ("threshold", "trained_on", "classes": the
// classes of a model that chooses among several, separated by spaces). A
// veto model's other rows are "feature weight" (the intercept's feature is
// "bias"); a model with classes has "feature class weight" rows instead.
Status EventModel::Parse(std::string_view text, const std::string& name, std::unique_ptr<EventModel>* out) {
  auto m = std::make_unique<EventModel>();
  // The weights as read, laid out as the model's tables at the end.
  std::unordered_map<std::string, double> weights;
  std::unordered_map<std::string, std::vector<double>> class_weights;
  bool have_threshold = false, have_bias = false;
  size_t line = 0, b = 0;
  auto bad = [&](const std::string& why) { return Status::InvalidInput(name + ":" + std::to_string(line) + ": " + why); };
  // Read once per process, and a model of roots has a row per feature and
  // class (100,000 and more): no allocation per row. Rows of one feature
  // come together, so its weights are looked up once.
  auto number = [](std::string_view s, double* v) { return ParseWeight(s, v); };
  std::string_view last_key;
  std::vector<double>* last_weights = nullptr;
  size_t last_class = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view row = text.substr(b, e - b);
    b = e + 1;
    ++line;
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    if (row.empty() || row[0] == '#') continue;
    std::array<std::string_view, 4> col;
    size_t ncols = 0;
    for (size_t c = 0;;) {
      const size_t t = row.find('\t', c);
      if (ncols < col.size()) col[ncols] = row.substr(c, t == std::string_view::npos ? std::string_view::npos : t - c);
      ++ncols;
      if (t == std::string_view::npos) break;
      c = t + 1;
    }
    const std::span<const std::string_view> cols(col.data(), std::min(ncols, col.size()));
    std::string_view key = cols[0];
    if (key.empty()) return bad("empty feature");
    if (ncols == 2 && key == "trained_on") {
      m->trained_on_.assign(cols[1]);
      continue;
    }
    if (ncols == 2 && key == "classes") {
      if (!weights.empty() || have_bias || !m->classes_.empty())
        return bad("classes must come before every weight, once");
      std::string_view v = cols[1];
      while (!v.empty()) {
        const size_t sp = v.find(' ');
        if (sp != 0) m->classes_.emplace_back(v.substr(0, sp));
        if (sp == std::string_view::npos) break;
        v.remove_prefix(sp + 1);
      }
      if (m->classes_.size() < 2) return bad("classes: expected at least two, separated by spaces");
      m->class_bias_.assign(m->classes_.size(), 0.0);
      continue;
    }
    const size_t want = key == "threshold" ? 2 : m->classes_.empty() ? 2 : 3;
    if (ncols != want)
      return bad(want == 2 ? "expected 2 tab-separated columns (feature, weight)"
                           : "expected 3 tab-separated columns (feature, class, weight)");
    double v = 0;
    if (!number(cols.back(), &v)) return bad("weight '" + std::string(cols.back()) + "' is not a number");
    if (key == "threshold") {
      if (v <= 0 || v > 1) return bad("threshold " + std::string(cols[1]) + " is not in (0, 1]");
      m->threshold_ = v;
      have_threshold = true;
    } else if (want == 3) {
      // Classes come in order within a feature: try the one after the last.
      size_t ci = last_class + 1 < m->classes_.size() ? last_class + 1 : 0;
      if (m->classes_[ci] != cols[1]) {
        auto c = std::find(m->classes_.begin(), m->classes_.end(), cols[1]);
        if (c == m->classes_.end()) return bad("class '" + std::string(cols[1]) + "' is not in the classes row");
        ci = static_cast<size_t>(c - m->classes_.begin());
      }
      last_class = ci;
      if (key == "bias") {
        m->class_bias_[ci] = v;
        have_bias = true;
        continue;
      }
      if (!last_weights || key != last_key) {
        last_weights = &class_weights[std::string(key)];
        last_key = key;
      }
      auto& w = *last_weights;
      if (w.empty()) w.assign(m->classes_.size(), 0.0);
      if (w[ci] != 0.0) return bad("feature '" + std::string(key) + "' given twice for class " + std::string(cols[1]));
      w[ci] = v;
    } else if (key == "bias") {
      m->bias_ = v;
      have_bias = true;
    } else if (!weights.emplace(std::string(key), v).second) {
      return bad("feature '" + std::string(key) + "' given twice");
    }
  }
  if (!have_threshold || !have_bias) {
    line = 0;
    return Status::InvalidInput(name + ": no " + (have_threshold ? "bias" : "threshold") +
                                " row: not an event model (see data/README.md)");
  }
  Rows rows;
  rows.reserve(weights.size() + class_weights.size());
  for (auto& [k, w] : weights) rows.emplace_back(k, std::vector<double>{w});
  for (auto& [k, w] : class_weights) rows.emplace_back(k, std::move(w));
  if (!m->Build(std::move(rows))) return Status::InvalidInput(name + ": too large a model");
  *out = std::move(m);
  return Status::OK();
}

const double* EventModel::Weights(std::string_view feature) const {
  const int64_t i = features_.IndexOf(feature, StringTable<int>::Hash(feature));
  return i < 0 ? nullptr : weights_.data() + static_cast<size_t>(i) * width();
}

std::vector<double> EventModel::ClassProbs(const std::vector<std::string>& features) const {
  std::vector<std::string_view> views(features.begin(), features.end());
  std::vector<uint32_t> hashes;
  hashes.reserve(features.size());
  for (const std::string& f : features) hashes.push_back(StringTable<int>::Hash(f));
  std::vector<double> z;
  ClassProbs(views, hashes, &z);
  return z;
}

void EventModel::ClassProbs(std::span<const std::string_view> features, std::span<const uint32_t> hashes,
                            std::vector<double>* probs) const {
  assert(features.size() == hashes.size());
  std::vector<double>& z = *probs;
  z.assign(class_bias_.begin(), class_bias_.end());
  const size_t w_n = z.size();
  for (size_t i = 0; i < features.size(); ++i)
    if (const int64_t f = features_.IndexOf(features[i], hashes[i]); f >= 0) {
      // (z is no part of the weights: each class's sum, in feature order,
      // may be worked two or four classes at a time.)
      const double* __restrict w = weights_.data() + static_cast<size_t>(f) * w_n;
      double* __restrict zc = z.data();
      for (size_t c = 0; c < w_n; ++c) zc[c] += w[c];
    }
  Normalise(&z);
}

void EventModel::IndexWords() {
  word_rows_ = StringTable<WordRows>();
  if (classes_.empty()) return;
  static_assert(kWordE == 0 && kWordB1 == 1 && kWordA1 == 2 && kWordB2 == 3 && kWordA2 == 4 && kWordS == 5 &&
                kWordKinds == std::tuple_size_v<WordRows>);
  static constexpr std::string_view kPrefixes[] = {"e=", "b1=", "a1=", "b2=", "a2=", "s="};
  // A word's entry is made when it is first seen; its later prefixes
  // fill the same entry (one probe each, the hash computed once).
  int32_t row = 0;
  features_.ForEach([&](std::string_view f) {
    for (size_t k = 0; k < std::size(kPrefixes); ++k)
      if (f.size() >= kPrefixes[k].size() && f.compare(0, kPrefixes[k].size(), kPrefixes[k]) == 0) {
        const std::string_view w = f.substr(kPrefixes[k].size());
        const uint32_t h = StringTable<int>::Hash(w);
        if (WordRows* r = word_rows_.Find(w, h)) {
          (*r)[k] = row;
        } else {
          WordRows fresh;
          fresh.fill(-1);
          fresh[k] = row;
          word_rows_.Add(w, fresh);
        }
        break;
      }
    ++row;
  });
}

uint64_t EventModel::NewSerial() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1);
}

void EventModel::ClassProbsOfRows(std::span<const int32_t> rows, std::vector<double>* probs) const {
  std::vector<double>& z = *probs;
  z.assign(class_bias_.begin(), class_bias_.end());
  const size_t w_n = z.size();
  const double* weights = weights_.data();
  // A few classes at a time over all the rows, their sums held in
  // registers: each class still adds its weights in the order of the rows.
  auto block = [&]<size_t K>(size_t c) {
    double a[K];
    for (size_t k = 0; k < K; ++k) a[k] = z[c + k];
    for (const int32_t f : rows) {
      const double* w = weights + static_cast<size_t>(f) * w_n + c;
      for (size_t k = 0; k < K; ++k) a[k] += w[k];
    }
    for (size_t k = 0; k < K; ++k) z[c + k] = a[k];
  };
  // Wide blocks first: one pass over the rows per block, so fewer passes
  // (a model of roots has some twenty classes: 16 + 3).
  size_t c = 0;
  for (; c + 16 <= w_n; c += 16) block.template operator()<16>(c);
  for (; c + 8 <= w_n; c += 8) block.template operator()<8>(c);
  for (; c + 4 <= w_n; c += 4) block.template operator()<4>(c);
  switch (w_n - c) {
    case 3: block.template operator()<3>(c); break;
    case 2: block.template operator()<2>(c); break;
    case 1: block.template operator()<1>(c); break;
  }
  Normalise(&z);
}

void EventModel::Normalise(std::vector<double>* probs) {
  double sum = 0;
  for (double& x : *probs) sum += (x = 1.0 / (1.0 + std::exp(-x)));
  for (double& x : *probs) x /= sum;
}

double EventModel::PNone(const std::vector<std::string>& features) const {
  assert(classes_.empty());
  double z = bias_;
  for (const std::string& f : features)
    if (const double* w = Weights(f)) z += *w;
  return 1.0 / (1.0 + std::exp(-z));
}

void ApplyEventModel(const EventModel& model, Document* doc, std::ostream* trace) {
  if (doc->events.empty()) return;
  std::vector<char> drop(doc->events.size(), 0);
  for (size_t i = 0; i < doc->events.size(); ++i) {
    const Event& e = doc->events[i];
    const double p = model.PNone(EventFeatures(*doc, e));
    drop[i] = p >= model.threshold();
    if (trace)
      *trace << fmt::format("model: sentence {} event {} -> {} {} <- {}: P(none) {:.3f} {} threshold {:.3f}: {}\n",
                            e.sentence, e.source ? e.source->code : "-", e.target ? e.target->code : "-", e.cameo,
                            e.rule, p, drop[i] ? ">=" : "<", model.threshold(), drop[i] ? "vetoed" : "kept");
  }
  size_t k = 0;
  for (size_t i = 0; i < doc->events.size(); ++i)
    if (!drop[i]) {
      if (k != i) doc->events[k] = std::move(doc->events[i]);
      ++k;
    }
  doc->events.resize(k);
}

void ApplyRootModel(const EventModel& model, const Lexicon& lex, Document* doc, std::ostream* trace) {
  if (doc->events.empty()) return;
  thread_local RowSink f;
  thread_local SentenceCounts counts;
  thread_local std::vector<double> p;  // the classes' probabilities of one event
  f.Use(model, doc->vocabulary);
  counts.Count(*doc);  // (the model changes codes only: the counts hold)
  f.Begin(*doc);
  for (Event& e : doc->events) {
    BuildFeatures(*doc, e, &f, &counts);
    model.ClassProbsOfRows(f.Rows(), &p);
    const size_t top = static_cast<size_t>(std::max_element(p.begin(), p.end()) - p.begin());
    const std::string& root = model.classes()[top];
    const bool change = root != e.cameo_root && p[top] >= model.threshold();
    const CameoCode* code = change ? lex.FindCameo(root + "0") : nullptr;
    if (trace)
      *trace << fmt::format("model: sentence {} event {} -> {} {} <- {}: root {} P {:.3f} {} threshold {:.3f}: {}\n",
                            e.sentence, e.source ? e.source->code : "-", e.target ? e.target->code : "-", e.cameo,
                            e.rule, root, p[top], p[top] >= model.threshold() ? ">=" : "<", model.threshold(),
                            code ? "recoded " + code->code : "kept");
    if (!code) continue;
    e.rule = fmt::format("model:roots {} (P {:.2f}) over {} {}", code->code, p[top], e.cameo, e.rule);
    e.cameo = code->code;
    e.cameo_root = root;
    e.goldstein = code->goldstein;
    e.quad_class = code->quad_class;
    e.plover = code->plover;
  }
}

}  // namespace parley
