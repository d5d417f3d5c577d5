// The Coder: tables made once from the patterns (each word form's verb and
// noun lemma, the pattern words it may stand for, its closed class), and
// the driver that codes an article sentence by sentence. The per-sentence
// work is SentenceCoder's (code/sentence_coder.h).
// Tested by tests/coder_test.cc.
#include "code/coder.h"

#include "code/sentence_coder.h"
#include "extract/actors.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstdint>

namespace parley {
namespace {

// Calls fn(word, bit) for each closed-class word and its WordClass bit.
template <typename Fn>
void ForEachClassWord(Fn fn) {
  auto add = [&](const Set& set, uint32_t bit) { set.ForEach([&](std::string_view w) { fn(w, bit); }); };
  add(kBe, kClsBe);
  add(kHave, kClsHave);
  add(kDo, kClsDo);
  add(kWillModal, kClsWill);
  add(kHypoModal, kClsHypo);
  add(kNeg, kClsNeg);
  add(kAdverbs, kClsAdverb);
  add(kDeterminers, kClsDet);
  add(kPreps, kClsPrep);
  add(kClauseStop, kClsStop);
  add(kSubjectPronouns, kClsPronoun);
  add(kSubordinators, kClsSubord);
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

}  // namespace

// Regular inflections of a lemma: the forms RegularLemmas maps back to it.
std::vector<std::string> Inflections(const std::string& w, bool verb) {
  std::vector<std::string> out{w};
  auto consonant_y = [&] { return w.size() > 1 && w.back() == 'y' && !IsVowel(w[w.size() - 2]); };
  std::string stem_y = consonant_y() ? w.substr(0, w.size() - 1) + "i" : w;
  if (consonant_y()) out.push_back(stem_y + "es");
  else if (EndsWith(w, "s") || EndsWith(w, "x") || EndsWith(w, "z") || EndsWith(w, "ch") || EndsWith(w, "sh"))
    out.push_back(w + "es");
  else
    out.push_back(w + "s");
  if (!verb) return out;
  bool e = !w.empty() && w.back() == 'e';
  std::string base = e ? w.substr(0, w.size() - 1) : w;
  out.push_back(consonant_y() ? stem_y + "ed" : base + "ed");
  out.push_back(base + "ing");
  if (EndsWith(w, "ie")) out.push_back(w.substr(0, w.size() - 2) + "ying");
  // Doubled final consonant: "stop" -> "stopped", "stopping".
  if (w.size() >= 3 && !IsVowel(w.back()) && IsVowel(w[w.size() - 2]) && !IsVowel(w[w.size() - 3]) &&
      w.back() != 'w' && w.back() != 'x' && w.back() != 'y') {
    out.push_back(w + w.back() + "ed");
    out.push_back(w + w.back() + "ing");
  }
  return out;
}

uint64_t Coder::NewSerial() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1);
}

Coder::Coder(const Lexicon& lex) : lex_(lex) {
  BuildPatternTables();
  // Laid out as the image would be and read the same way: one lookup path.
  auto bytes = std::make_shared<std::string>(Layout(BuildForms()));
  const std::string_view payload = std::string_view(*bytes).substr(image::kHeaderBytes);
  [[maybe_unused]] const bool ok = Attach(payload, std::move(bytes), /*words=*/false);
  assert(ok);
}

Coder::Coder(const Lexicon& lex, Tables) : lex_(lex) { BuildPatternTables(); }

void Coder::AddWords(Vocabulary* v) const {
  form_keys_.ForEach([&](std::string_view form) { v->Add(form); });
}

void Coder::UseVocabulary(const Vocabulary& v) {
  own_form_of_word_.clear();
  form_of_word_ = {};
  if (lex_.vocabulary() != &v) return;  // documents are numbered with the lexicon's: keep the strings
  own_form_of_word_.assign(v.size(), 0);
  uint32_t i = 0;
  form_keys_.ForEach([&](std::string_view form) {
    ++i;
    if (const uint32_t id = v.Find(form); id != kUnknownWord) own_form_of_word_[id] = i;
  });
  form_of_word_ = own_form_of_word_;
}

void Coder::BuildWords() {
  // The lexicon's words in byte order: its own order depends on whether
  // its tables were parsed or read from an image, and the image written
  // here should not.
  Vocabulary lexicon_words;
  lex_.AddWords(&lexicon_words);
  const Vocabulary::Tables t = lexicon_words.tables();
  std::vector<std::string_view> sorted;
  sorted.reserve(t.entries.size());
  for (const Vocabulary::Entry& e : t.entries) sorted.push_back(t.pool.substr(e.off, e.len));
  std::sort(sorted.begin(), sorted.end());
  auto v = std::make_shared<Vocabulary>();
  for (std::string_view w : sorted) v->Add(w);
  AddWords(v.get());
  own_form_of_word_.assign(v->size(), 0);
  uint32_t i = 0;
  form_keys_.ForEach([&](std::string_view form) { own_form_of_word_[v->Find(form)] = ++i; });
  form_of_word_ = own_form_of_word_;
  words_ = std::move(v);
}

void Coder::BuildPatternTables() {
  for (auto& p : lex_.patterns()) {
    if (p.noun) {
      if (p.code == "support") support_.insert(p.head);
      else nouns_[p.head].push_back(&p);
    } else {
      verbs_[p.head].push_back(&p);
    }
  }
  // Longest first, file order among equals: the first match is the best.
  for (auto* table : {&verbs_, &nouns_})
    for (auto& [h, v] : *table)
      std::stable_sort(v.begin(), v.end(),
                       [](const Pattern* a, const Pattern* b) { return a->rest.size() > b->rest.size(); });
}

Coder::Draft Coder::BuildForms() const {
  const Lexicon& lex = lex_;
  Draft d;
  auto& element_ids_ = d.element_ids;
  auto& mask_begin_ = d.mask_begin;
  auto& masks_ = d.masks;
  int& vocabulary_ = d.vocabulary;
  auto& form_info_ = d.forms;
  // Irregular forms, grouped by lemma.
  std::unordered_map<std::string, std::vector<std::string>> irregular_verb, irregular_noun;
  lex.ForEachIrregular([&](const std::string& form, const std::string& lemma, bool verb) {
    (verb ? irregular_verb : irregular_noun)[lemma].push_back(form);
  });
  auto add_forms = [&](const std::string& lemma, bool verb, auto* out) {
    for (auto& f : Inflections(lemma, verb)) out->emplace(f, lemma);
    auto& irr = verb ? irregular_verb : irregular_noun;
    if (auto it = irr.find(lemma); it != irr.end())
      for (auto& f : it->second) out->emplace(f, lemma);
  };
  // The lemma itself wins over a form of another lemma ("need" vs "ne").
  StringMap<std::string> verb_of_form, noun_of_form;
  StringMap<std::vector<int>> words_of_form;
  for (auto* set : {&kNegating, &kPlanning, &kNeutral})
    set->ForEach([&](std::string_view v) { verb_of_form[std::string(v)] = std::string(v); });
  for (auto& [h, _] : verbs_) verb_of_form[h] = h;
  for (auto& h : support_) verb_of_form[h] = h;
  for (auto& [h, _] : nouns_) noun_of_form[h] = h;
  for (auto* set : {&kNegating, &kPlanning, &kNeutral})
    set->ForEach([&](std::string_view v) { add_forms(std::string(v), true, &verb_of_form); });
  for (auto& [h, _] : verbs_) add_forms(h, true, &verb_of_form);
  for (auto& h : support_) add_forms(h, true, &verb_of_form);
  for (auto& [h, _] : nouns_) add_forms(h, false, &noun_of_form);
  // Every word a pattern may ask for, numbered, by each of its forms.
  StringMap<int> id_of_word;
  auto id = [&](const std::string& w) {
    auto [it, added] = id_of_word.emplace(w, vocabulary_);
    if (added) ++vocabulary_;
    return it->second;
  };
  element_ids_.resize(lex.patterns().size());
  for (size_t pi = 0; pi < lex.patterns().size(); ++pi) {
    const Pattern& p = lex.patterns()[pi];
    id(p.head);
    for (auto& el : p.rest) {
      element_ids_[pi].emplace_back();
      for (auto& w : el.words) element_ids_[pi].back().push_back(id(w));
    }
  }
  for (size_t pi = 0; pi < lex.patterns().size(); ++pi) {
    mask_begin_.push_back(static_cast<uint32_t>(masks_.size()));
    const Pattern& p = lex.patterns()[pi];
    for (size_t e = 0; e < p.rest.size(); ++e) {
      if (p.rest[e].kind != PatternElement::kWord) continue;
      uint64_t m = 0;
      for (int w : element_ids_[pi][e]) m |= uint64_t{1} << (w & 63);
      masks_.push_back(m);
    }
  }
  mask_begin_.push_back(static_cast<uint32_t>(masks_.size()));
  for (auto& [w, wid] : id_of_word) {
    std::unordered_map<std::string, std::string> forms;
    add_forms(w, true, &forms);
    add_forms(w, false, &forms);
    for (auto& [f, lemma] : forms) {
      auto& v = words_of_form[f];
      int lid = id_of_word.at(lemma);
      if (std::find(v.begin(), v.end(), lid) == v.end()) v.push_back(lid);
    }
  }
  // One table for the per-token lookups.
  for (auto& [f, v] : verb_of_form) form_info_[f].verb = v;
  for (auto& [f, n] : noun_of_form) form_info_[f].noun = n;
  for (auto& [f, ids] : words_of_form) form_info_[f].ids = ids;
  ForEachClassWord([&](std::string_view w, uint32_t bit) { form_info_[std::string(w)].cls |= bit; });
  return d;
}

std::string Coder::VerbLemma(const std::string& w) const {
  const FormInfo* f = Form(w);
  return f ? std::string(f->verb()) : "";
}

std::string Coder::NounLemma(const std::string& w) const {
  const FormInfo* f = Form(w);
  return f ? std::string(f->noun()) : "";
}

// Web-page furniture at the start of a sentence: 1 a photo caption
// ("Image copyright Reuters Image caption ..."), which restates the news
// like a headline; 2 a link to another story ("Related Story ...",
// "Related Topics ..."), which is not this article's news at all; else 0.
int Coder::Furniture(const Document& doc, uint32_t si) {
  const Sentence& s = doc.sentences[si];
  if (s.token_end - s.token_begin < 2) return 0;
  const std::string_view a = doc.tokens[s.token_begin].lower, b = doc.tokens[s.token_begin + 1].lower;
  // Every first word below has five or seven letters (most sentences'
  // have not: one compare settles them).
  if (a.size() != 5 && a.size() != 7) return 0;
  if (a == "related" && (b == "story" || b == "stories" || b == "topics" || b == "articles" || b == "coverage"))
    return 2;
  if ((a == "image" || a == "photo" || a == "picture") && (b == "copyright" || b == "caption")) return 1;
  return 0;
}

void SentenceCoder::Run() {
  if (s_.headline && s_.token_end - s_.token_begin < 4) return;
  if (Coder::Furniture(*doc_, si_) == 2) {
    if (trace_) Trace("  a link to another story: not coded");
    return;
  }
  IndexMentions();
  FindVerbs();
  const size_t events_before = doc_->events.size();
  for (size_t g = 0; g < groups_.size(); ++g) {
    size_t before = doc_->events.size();
    CodeVerb(g);
    groups_[g].ev_begin = before;
    groups_[g].ev_end = doc_->events.size();
    RememberSubject(groups_[g]);
  }
  // SubsumeIntentions drops events of the verbs coded above: with none
  // (the events only grow in CodeVerb) it has nothing to look at.
  if (doc_->events.size() != events_before) SubsumeIntentions();
  CodeNouns();
  // QuotedEvaluation reads a sentence that a quote of the article holds.
  if (!doc_->quotes.empty()) QuotedEvaluation(events_before);
  RememberPair();
}

void Coder::Code(Document* doc, std::ostream* trace) const {
  lex_.NumberWords(doc);  // Form() by word id
  std::vector<int> last_pair, last_subject, named_pair;
  SentenceCoder::Counterparts counterparts;
  SentenceCoder::ArticleFacts facts;
  const std::string main_country = DominantCountry(*doc);
  // Each sentence's actor mentions; the lists keep their storage from one
  // document to the next (one set per thread), as most are empty or short.
  thread_local std::vector<std::vector<int>> by_sentence;
  if (by_sentence.size() < doc->sentences.size()) by_sentence.resize(doc->sentences.size());
  for (size_t si = 0; si < doc->sentences.size(); ++si) by_sentence[si].clear();
  for (size_t k = 0; k < doc->mentions.size(); ++k) {
    const Mention& m = doc->mentions[k];
    if (m.type != MentionType::kActor || m.token_begin >= doc->tokens.size()) continue;
    by_sentence[doc->tokens[m.token_begin].sentence].push_back(static_cast<int>(k));
  }
  for (uint32_t si = 0; si < doc->sentences.size(); ++si) {
    if (trace) *trace << "sentence " << si << ":\n";
    SentenceCoder sc(*this, doc, si, by_sentence[si], &last_pair, trace);
    sc.last_subject_ = &last_subject;
    sc.named_pair_ = &named_pair;
    sc.counterparts_ = &counterparts;
    sc.facts_ = &facts;
    sc.main_country_ = &main_country;
    sc.Run();
  }
  MergeHeadlineMentions(doc);
}

// A headline restates the article's lead: "Chile offers Peru flood aid"
// above "Chile has offered Peru's president aid to rebuild ...". The
// event the body reports is the one the article is about; the headline's
// is another mention of it, not a second event. Only headline events are
// merged: two body sentences with one key are often two events (two
// attacks, two rounds of talks), and coding only the first of them was
// measured worse.
void Coder::MergeHeadlineMentions(Document* doc) {
  if (doc->events.size() < 2) return;  // both passes below merge two events
  auto side = [](const std::optional<Actor>& a) -> std::string {
    if (!a) return "-";
    return a->country.empty() ? a->code : a->country;
  };
  auto same = [&](const Event& a, const Event& b) {
    return a.cameo_root == b.cameo_root && a.negated == b.negated && side(a.source) == side(b.source) &&
           side(a.target) == side(b.target);
  };
  auto& evs = doc->events;
  std::vector<bool> drop(evs.size(), false);
  for (size_t h = 0; h < evs.size(); ++h) {
    auto restates = [&](uint32_t si) { return doc->sentences[si].headline || Furniture(*doc, si) == 1; };
    if (evs[h].sentence >= doc->sentences.size() || !restates(evs[h].sentence)) continue;
    for (size_t b = 0; b < evs.size(); ++b) {
      if (b == h || drop[b] || evs[b].sentence >= doc->sentences.size() ||
          restates(evs[b].sentence) || !same(evs[h], evs[b]))
        continue;
      if (evs[b].mentions.empty()) evs[b].mentions.push_back(evs[b].span);
      evs[b].mentions.push_back(evs[h].span);
      drop[h] = true;
      break;
    }
  }
  // One sentence reporting one act twice in two places ("drew
  // condemnation from Iran, which said Washington had no right ...": the
  // criticism, once by the country and once by its government) is one
  // event; its first mention stays.
  for (size_t b = 1; b < evs.size(); ++b) {
    if (drop[b]) continue;
    for (size_t a = b; a-- > 0;) {
      if (evs[a].sentence != evs[b].sentence) break;
      // One span with two parties of a country ("approved the bids of the
      // company and its workers") is two events, emitted so on purpose.
      // Two sides of one country toward each other are two events too.
      const bool one_side = (evs[a].source && evs[b].source && evs[a].source->code == evs[b].source->code) ||
                            (evs[a].target && evs[b].target && evs[a].target->code == evs[b].target->code);
      if (drop[a] || evs[a].cameo != evs[b].cameo || evs[a].span == evs[b].span || !one_side ||
          !same(evs[a], evs[b]))
        continue;
      size_t keep = evs[a].span.begin <= evs[b].span.begin ? a : b, gone = keep == a ? b : a;
      if (evs[keep].mentions.empty()) evs[keep].mentions.push_back(evs[keep].span);
      evs[keep].mentions.push_back(evs[gone].span);
      drop[gone] = true;
      break;
    }
  }
  size_t out = 0;
  for (size_t k = 0; k < evs.size(); ++k) {
    if (drop[k]) continue;
    if (out != k) evs[out] = std::move(evs[k]);
    ++out;
  }
  evs.resize(out);
}

}  // namespace parley
