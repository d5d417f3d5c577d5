// Event coding: who did what to whom, from patterns in data/verbs.tsv and
// data/nouns.tsv, over a shallow analysis of each sentence.
//
// Tested by tests/coder_test.cc.
// No parser: each sentence is read once, left to right. Words that may be
// verbs are found by lemma (regular inflection rules plus WordNet's
// irregular forms) and accepted as verbs from their context (after an
// auxiliary, "to", a subject, or with -ed/-ing morphology; never after a
// determiner). Each verb gathers its auxiliaries into a verb group, which
// says tense, negation ("not", "n't", "never"), modality (will: planned;
// would/could/may: hypothetical) and voice (be + participle: passive).
// The subject is the nearest actor to the left within the clause, skipping
// commas that enclose appositions and participle phrases ("X, speaking from
// Y, criticized Z"), prepositional objects ("pressure from the US"), and
// following "and" back to a coordinated verb's subject. Relative pronouns
// take their antecedent. "Both sides", "they", "the talks" as subjects refer
// to the last pair of actors that met or were coordinated.
// Patterns of the verb's lemma are matched against the words after it, the
// longest match winning; TGT binds an actor phrase. Control verbs pass their
// subject to an infinitive and change its status ("failed to agree":
// negated; "plans to visit": planned). Nominal events ("held talks with",
// "Russia's invasion of Ukraine") come from nouns.tsv through a support verb
// or a possessor. Cost: O(tokens x patterns of one lemma).
#ifndef PARLEY_CODE_CODER_H_
#define PARLEY_CODE_CODER_H_

#include <cassert>
#include <filesystem>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "parley/document.h"
#include "parley/lexicon.h"
#include "lexicon/image_file.h"
#include "text/string_table.h"
#include "text/vocabulary.h"

namespace parley {

class Coder {
 public:
  explicit Coder(const Lexicon& lex);

  // The same coder, its word-form tables read from an image in `cache_dir`
  // keyed by `lexicon_key` (Lexicon::CacheInfo::key) when a valid one is
  // there, else built and written there for the next run (coder_image.cc).
  // With no cache_dir or key 0 it is Coder(lex). Either way it also has a
  // vocabulary() (kept in the same image), which the lexicon must then
  // use (Lexicon::UseVocabulary) before the coder codes anything.
  struct CacheInfo {
    bool from_image = false;
    bool written = false;
    std::filesystem::path image;
    std::string note;  // why an image was not used or written
  };
  static std::unique_ptr<Coder> Cached(const Lexicon& lex, const std::filesystem::path& cache_dir,
                                       uint64_t lexicon_key, CacheInfo* info = nullptr);

  // Adds events to doc->events. REQUIRES: actors, entities and quotes done.
  // With `trace`, writes per sentence the verb groups, slots and patterns
  // considered (for `parley explain`).
  void Code(Document* doc, std::ostream* trace = nullptr) const;

  // The verb lemma of a lower-case word form if it is a pattern head or a
  // closed-class verb, else "".
  std::string VerbLemma(const std::string& lower) const;
  std::string NounLemma(const std::string& lower) const;

 private:
  friend class SentenceCoder;
  enum class Tables { kPatterns };
  // Only the pattern tables (verbs_, nouns_, support_); the rest comes
  // from Attach().
  Coder(const Lexicon& lex, Tables);
  void BuildPatternTables();
  // The form, element and mask tables derived from the patterns, before
  // they are laid out (coder.cc).
  struct Draft {
    struct Form {
      std::string verb, noun;
      std::vector<int> ids;
      uint32_t cls = 0;
    };
    StringMap<Form> forms;
    std::vector<std::vector<std::vector<int>>> element_ids;  // [pattern][element] -> word ids
    std::vector<uint32_t> mask_begin;
    std::vector<uint64_t> masks;
    int vocabulary = 0;
  };
  Draft BuildForms() const;
  // The tables of `d` laid out as an image's payload, after kHeaderBytes
  // left for the header (coder_image.cc).
  static std::string Layout(const Draft& d);
  // Points every table into `payload` (which `owner` keeps alive), after
  // checking what lookups rely on; with `words` the payload goes on with
  // the vocabulary and form_of_word_ (see Image). False when it does not
  // fit this lexicon's patterns or is malformed.
  bool Attach(std::string_view payload, std::shared_ptr<const void> owner, bool words);
  // Makes words_ from the lexicon's words and the forms, and form_of_word_.
  void BuildWords();
  // The image of the tables attached and the vocabulary (header and
  // payload). REQUIRES: words_.
  std::string Image(uint64_t key) const;
  // Folds an event a headline reports into the body's event of the same
  // countries and root (its `mentions`); see coder.cc.
  static void MergeHeadlineMentions(Document* doc);
  // 1: sentence `si` opens as a photo caption; 2: as a link to another
  // story ("Related Story ..."); 0: neither. See coder.cc.
  static int Furniture(const Document& doc, uint32_t si);
  const Lexicon& lex_;
  StringMap<std::vector<const Pattern*>> verbs_, nouns_;
  std::unordered_set<std::string> support_;

 public:
  // Everything the coder knows about a word form, found with one lookup:
  // made once from the pattern heads and words (regular inflections plus
  // WordNet's irregular forms), so a token costs one lookup instead of
  // trying inflection rules on it. Pattern words are numbered; a form maps
  // to the numbers of the pattern words it may stand for, and each pattern
  // element to its words' numbers, so that matching compares integers.
  // A record of the coder's image, read in place: its strings and ids are
  // at offsets from the record itself (as the gazetteer's Place).
  struct FormInfo {
    int32_t verb_at = 0, noun_at = 0, ids_at = 0;
    uint32_t verb_len = 0, noun_len = 0, ids_len = 0;
    uint32_t cls = 0;  // WordClass bits of a closed-class word (coder.cc)
    uint32_t pad = 0;
    // Lemmas among the pattern heads, or "".
    std::string_view verb() const { return {At(verb_at), verb_len}; }
    std::string_view noun() const { return {At(noun_at), noun_len}; }
    // Pattern words it may stand for.
    std::span<const int32_t> ids() const { return {reinterpret_cast<const int32_t*>(At(ids_at)), ids_len}; }

   private:
    const char* At(int32_t at) const { return reinterpret_cast<const char*>(this) + at; }
  };
  const FormInfo* Form(std::string_view lower) const { return Form(lower, StringTable<int>::Hash(lower)); }
  // By the token's word id when the document was numbered with the
  // lexicon's vocabulary (Lexicon::NumberWords, which Code() calls first),
  // else with the hash the tokeniser stored.
  const FormInfo* Form(const Token& t) const {
    if (t.word != kUnnumberedWord && !form_of_word_.empty()) {
      const uint32_t f = form_of_word_[t.word];
      return f ? &forms_[f - 1] : nullptr;
    }
    return Form(t.lower, t.hash);
  }
  // The vocabulary of the pipeline: the closed-class words, the lexicon's
  // (Lexicon::AddWords) and every form of Form(), numbered once and kept in
  // the coder's image (Cached); null for a coder made by the constructor.
  std::shared_ptr<const Vocabulary> vocabulary() const { return words_; }
  // Word ids (src/text/vocabulary.h): AddWords puts every word form of
  // Form() into `v`; UseVocabulary indexes them by `v`'s ids.
  // REQUIRES (UseVocabulary): the lexicon uses `v` (Lexicon::UseVocabulary).
  void AddWords(Vocabulary* v) const;
  void UseVocabulary(const Vocabulary& v);

  std::span<const int32_t> ElementIds(const Pattern& p, size_t element) const {
    const size_t pi = static_cast<size_t>(&p - lex_.patterns().data());
    const ElementRef& r = elements_[element_begin_[pi] + element];
    return element_words_.subspan(r.off, r.len);
  }
  // False when some word element of `p` has none of its words in `present`,
  // a set of word ids as bits (id % 64): a quick test before ElementIds.
  bool MaybeMatches(const Pattern& p, uint64_t present) const {
    const size_t pi = static_cast<size_t>(&p - lex_.patterns().data());
    for (uint32_t k = mask_begin_[pi]; k < mask_begin_[pi + 1]; ++k)
      if ((masks_[k] & present) == 0) return false;
    return true;
  }

  // The quick tests of one pattern, kept with the other patterns of its
  // lemma in the order of its list (verbs_, nouns_), so that the matcher
  // rejects most patterns from this record alone, without reading the
  // Pattern. The word elements' masks are masks_[mask_begin, mask_end),
  // their word ids word_refs_ at the same indexes.
  struct Screen {
    uint64_t first = ~uint64_t{0};  // the first word element's mask
    uint32_t mask_begin = 0, mask_end = 0;
    // Where the first word element may be (patterns.cc): 0 within the first
    // 5 tokens, 1 within 14 (after "..."), 2 anywhere, 3 no word element.
    uint32_t reach = 3;
  };
  // A list of verbs_ or nouns_ as a whole: where its screens start, and
  // the first masks of its patterns joined by reach (any[3]: all three),
  // so that a clause none of them can start in rejects the list at once.
  struct ScreenList {
    uint32_t begin = 0;
    // Some pattern has no word element (it may match anywhere): the index
    // in the list of the first such, plus one; else 0.
    uint32_t open = 0;
    uint64_t any[4] = {0, 0, 0, 0};
    // The first-word index (patterns.cc's Candidates): the distinct word
    // ids of the first word elements of reach 0 or 1 are
    // first_keys_[key0, key0 + keys), grouped by id % 64 in the order of
    // the bits of first_any (their joined bits): the group of bit r starts
    // at first_groups_[groups + rank of r among first_any's bits] (one more
    // entry ends the last). Key j's patterns are two sets of bits by index
    // in the list, of ceil(n / 64) words each, at first_sets_[sets + (j -
    // key0) * 2 * words]: all of them, then those of reach 1 (14 tokens)
    // alone. The patterns of reach 2 or 3, always candidates, are
    // late_patterns_[late_begin, late_end).
    uint64_t first_any = 0;
    uint64_t late = 0;  // the late patterns among the first 64, as bits
    uint32_t key0 = 0, keys = 0, groups = 0, sets = 0;
    uint32_t late_begin = 0, late_end = 0;
  };
  const ScreenList& ListOf(const std::vector<const Pattern*>& patterns) const {
    return screen_lists_[list_of_[static_cast<size_t>(patterns.front() - lex_.patterns().data())]];
  }
  // The screens of a list, in its order.
  std::span<const Screen> ScreensOf(const ScreenList& l, size_t n) const {
    return std::span<const Screen>(screens_).subspan(l.begin, n);
  }
  // The word ids of word element m (an index of masks_).
  std::span<const int32_t> WordsOfMask(uint32_t m) const {
    const ElementRef& r = word_refs_[m];
    return element_words_.subspan(r.off, r.len);
  }

 private:
  // Makes screens_, screen_lists_, list_of_ and word_refs_ from the pattern lists and
  // the attached tables (coder_image.cc); false when the masks do not
  // follow the word elements.
  bool BuildScreens();
  // Makes list l's first-word index (ScreenList::first_any, ...) from its
  // n screens; key_of (per word id, all UINT32_MAX) and ids are scratch.
  void IndexFirstWords(ScreenList* l, size_t n, std::vector<uint32_t>* key_of, std::vector<int32_t>* ids);
  const FormInfo* Form(std::string_view lower, uint32_t hash) const {
    const int64_t i = form_keys_.IndexOf(lower, hash);
    return i < 0 ? nullptr : &forms_[static_cast<size_t>(i)];
  }
  struct ElementRef {
    uint32_t off = 0, len = 0;  // the element's word ids in element_words_
  };
  // The tables, read in place from the image (or the same bytes laid out
  // in memory by the text load): owner_ keeps them alive.
  std::shared_ptr<const void> owner_;
  std::string_view payload_;
  image::KeyTable form_keys_;         // the forms in byte order
  std::span<const FormInfo> forms_;   // in the same order
  // Element e of pattern i is elements_[element_begin_[i] + e].
  std::span<const uint32_t> element_begin_;
  std::span<const ElementRef> elements_;
  std::span<const int32_t> element_words_;
  // Word elements as id bit masks, the patterns' one after another:
  // pattern i has masks_[mask_begin_[i], mask_begin_[i + 1]).
  std::span<const uint32_t> mask_begin_;
  std::span<const uint64_t> masks_;
  // Screen of each list of verbs_ and nouns_ one after another; the list
  // whose first pattern has index i is screen_lists_[list_of_[i]].
  std::vector<Screen> screens_;
  std::vector<ScreenList> screen_lists_;
  std::vector<uint32_t> list_of_;
  std::vector<ElementRef> word_refs_;  // per mask: its word element's ids
  // The first-word index of every list (ScreenList::first_any, ...).
  std::vector<int32_t> first_keys_;
  std::vector<uint32_t> first_groups_, late_patterns_;
  std::vector<uint64_t> first_sets_;
  // Form() by word id: the form's index + 1, or 0 (UseVocabulary,
  // BuildWords, or the image).
  std::span<const uint32_t> form_of_word_;
  std::vector<uint32_t> own_form_of_word_;
  std::shared_ptr<const Vocabulary> words_;
  size_t coder_bytes_ = 0;  // of payload_: the tables before the vocabulary
  int vocabulary_ = 0;

  // What CodeVerb needs of a verb lemma, found from a form's
  // record with no hashing of the lemma (once per verb group). Every form
  // of a lemma points at the same bytes of the image's string pool, so the
  // lemma's offset there indexes verb_at_ (made by BuildScreens for every
  // form's verb lemma).
 public:
  struct VerbEntry {
    const std::vector<const Pattern*>* patterns = nullptr;  // verbs_'s list; null: none
    uint32_t classes = 0;  // LemmaClass bits (code/words.h)
  };
  // REQUIRES: f is the record of a form whose verb lemma is `lemma`, or
  // null (then the lemma is looked up by its text).
  VerbEntry VerbOf(const FormInfo* f, std::string_view lemma) const {
    // (The lengths only, as a cheap check: a verb group's lemma is its
    // verb's form's lemma, FindVerbs.)
    if (f && f->verb_len != 0 && f->verb_len == lemma.size()) {
      assert(f->verb() == lemma);
      const size_t at = static_cast<size_t>(f->verb().data() - pool_.data());
      if (at < verb_at_.size()) return verb_at_[at];
    }
    return MakeVerbEntry(lemma);
  }

 private:
  VerbEntry MakeVerbEntry(std::string_view lemma) const;  // by the lemma's text
  std::string_view pool_;  // the lemmas of the forms (Attach)
  std::vector<VerbEntry> verb_at_;

  // This coder's number, never reused in the process (an address may be):
  // what per-thread caches of its tables are keyed by (clauses.cc,
  // events.cc).
  uint64_t serial_ = NewSerial();
  static uint64_t NewSerial();
};

}  // namespace parley

#endif  // PARLEY_CODE_CODER_H_
