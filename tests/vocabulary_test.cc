// Tests of word ids (src/text/vocabulary.h; issue 12, item 13): the
// vocabulary numbers tokens densely, a word no table knows gets
// kUnknownWord, closed-class word lists made before the first vocabulary are
// in it and one made later still answers by string, and the lexicon's and
// the coder's lookups by id give exactly the answers of the lookups by
// string, for every token of a text, and when a document was numbered by
// another vocabulary.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "code/coder.h"
#include "parley/lexicon.h"
#include "text/segment.h"
#include "text/vocabulary.h"
#include "text/wordset.h"

namespace parley {
namespace {

// Made at static initialisation, before any Vocabulary: registered.
const WordSet kEarlySet = {"aardvark", "okapi", "the"};
// Another list sharing a word: each list answers for its own words only.
const WordSet kEarlyOther = {"okapi", "met", "an"};

Document Segmented(const std::string& text) {
  Document d(text);
  EXPECT_TRUE(CheckText(d.text()).ok());
  SegmentDocument(&d);
  return d;
}

TEST(Vocabulary, DenseIdsAndUnknownWords) {
  Vocabulary v;
  const uint32_t first = v.size();
  EXPECT_GE(first, kUnknownWord + 1);
  const uint32_t a = v.Add("quokka-test-word");
  EXPECT_EQ(a, first);
  EXPECT_EQ(v.Add("quokka-test-word"), a);  // a repeat keeps its id
  EXPECT_EQ(v.Add("wombat-test-word"), a + 1);
  EXPECT_EQ(v.size(), a + 2);
  EXPECT_EQ(v.Find("quokka-test-word"), a);
  EXPECT_EQ(v.Find("no-such-word-here"), kUnknownWord);
  Vocabulary w;
  EXPECT_NE(v.tag(), w.tag());
  EXPECT_NE(v.tag(), 0u);
}

// Tables read in place (as from the coder's image) answer as the tables
// they were copied from; Add() on them copies them first; tables that do
// not start with this build's closed-class words, or whose slots point
// outside, are refused.
TEST(Vocabulary, AttachedTablesAnswerAsTheOriginal) {
  Vocabulary v;
  std::vector<std::string> words;
  for (int i = 0; i < 500; ++i) words.push_back("attach-test-" + std::to_string(i));
  for (const std::string& w : words) v.Add(w);
  const Vocabulary::Tables t = v.tables();
  // A copy of the bytes, as an image holds them.
  auto slots = std::make_shared<std::vector<Vocabulary::Slot>>(t.slots.begin(), t.slots.end());
  auto entries = std::make_shared<std::vector<Vocabulary::Entry>>(t.entries.begin(), t.entries.end());
  auto pool = std::make_shared<std::string>(t.pool);
  Vocabulary::Tables copy{*slots, *entries, *pool};
  auto a = Vocabulary::Attach(copy, pool);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->size(), v.size());
  EXPECT_NE(a->tag(), v.tag());
  for (const std::string& w : words) EXPECT_EQ(a->Find(w), v.Find(w)) << w;
  EXPECT_EQ(a->Find("the"), v.Find("the"));
  EXPECT_EQ(a->Find("attach-test-none"), kUnknownWord);
  Document d = Segmented("The attach-test-7 met attach-test-499 and zzyzx.");
  v.Number(&d);
  std::vector<uint32_t> ids;
  for (const Token& tok : d.tokens) ids.push_back(tok.word);
  a->Number(&d);
  for (size_t i = 0; i < d.tokens.size(); ++i) EXPECT_EQ(d.tokens[i].word, ids[i]) << d.tokens[i].lower;
  // Adding copies the tables: the bytes read in place stay as they were.
  const std::string pool_before = *pool;
  const uint32_t id = a->Add("attach-test-new");
  EXPECT_EQ(id, v.size());
  EXPECT_EQ(a->Find("attach-test-new"), id);
  EXPECT_EQ(a->Find("attach-test-3"), v.Find("attach-test-3"));
  EXPECT_EQ(*pool, pool_before);
  // Refused: a slot naming no entry, too few slots, other first words.
  (*slots)[0].entry = static_cast<uint32_t>(entries->size()) + 5;
  EXPECT_EQ(Vocabulary::Attach(copy, pool), nullptr);
  (*slots)[0] = t.slots[0];
  EXPECT_NE(Vocabulary::Attach(copy, pool), nullptr);
  EXPECT_EQ(Vocabulary::Attach(Vocabulary::Tables{copy.slots.first(8), copy.entries, copy.pool}, pool), nullptr);
  ASSERT_GE(entries->size(), 2u);
  std::swap((*entries)[0], (*entries)[1]);  // the first two closed-class words' ids exchanged
  EXPECT_EQ(Vocabulary::Attach(copy, pool), nullptr);
}

TEST(Vocabulary, NumbersEveryTokenAndSegmentingClearsIt) {
  Vocabulary v;
  const uint32_t id = v.Add("quokka");
  Document d = Segmented("The quokka smiled at zzyzx.");
  for (const Token& t : d.tokens) EXPECT_EQ(t.word, kUnnumberedWord);
  v.Number(&d);
  EXPECT_EQ(d.vocabulary, v.tag());
  ASSERT_EQ(d.tokens.size(), 6u);
  EXPECT_EQ(d.tokens[1].word, id);
  EXPECT_EQ(d.tokens[4].word, kUnknownWord);  // "zzyzx"
  EXPECT_NE(d.tokens[0].word, kUnknownWord);  // "the": a closed-class word
  SegmentDocument(&d);  // new tokens: not numbered
  EXPECT_EQ(d.vocabulary, 0u);
  for (const Token& t : d.tokens) EXPECT_EQ(t.word, kUnnumberedWord);
}

// Numbering in the tokeniser (SegmentDocument with a vocabulary) gives
// each token the id Number gives it, for ASCII and other tokens, clitics,
// abbreviations and punctuation, and marks the document as numbered.
TEST(Vocabulary, SegmentingWithAVocabularyNumbersAsNumberDoes) {
  Vocabulary v;
  v.Add("quokka");
  v.Add("dolmabahçe");
  v.Add("gen.");
  v.Add("n't");
  const std::string text =
      "Gen. QUOKKA didn't visit Dolmabahçe; the U.S. envoy’s “talks” — 1,234.5 mln dlrs — ended.\n\nZzyzx!";
  Document numbered(text);
  ASSERT_TRUE(CheckText(numbered.text()).ok());
  SegmentDocument(&numbered, nullptr, &v);
  EXPECT_EQ(numbered.vocabulary, v.tag());
  Document later = Segmented(text);
  v.Number(&later);
  ASSERT_EQ(numbered.tokens.size(), later.tokens.size());
  int known = 0;
  for (size_t i = 0; i < later.tokens.size(); ++i) {
    EXPECT_EQ(numbered.tokens[i].word, later.tokens[i].word) << later.tokens[i].lower;
    EXPECT_NE(numbered.tokens[i].word, kUnnumberedWord) << later.tokens[i].lower;
    known += numbered.tokens[i].word != kUnknownWord;
  }
  EXPECT_GE(known, 4);  // quokka, dolmabahçe, gen., n't at least
  // Segmenting again without a vocabulary leaves the new tokens unnumbered.
  SegmentDocument(&numbered);
  EXPECT_EQ(numbered.vocabulary, 0u);
  for (const Token& t : numbered.tokens) EXPECT_EQ(t.word, kUnnumberedWord);
}

// The tokeniser remembers the ids of the short forms it saw last: a word
// added to the vocabulary since, or another vocabulary, or none, still
// gives every token the id that Number() gives it, at every length.
TEST(Vocabulary, NumbersStayRightAcrossVocabulariesAndAdds) {
  std::string text;
  for (int len = 1; len <= 10; ++len) text += std::string(static_cast<size_t>(len), 'q') + " Q" + std::string(static_cast<size_t>(len - 1), 'q') + ", ";
  text += "the end.";
  auto check = [&](const Vocabulary* v) {
    Document seg(text);
    SegmentDocument(&seg, nullptr, v);
    Document later = Segmented(text);
    if (v) v->Number(&later);
    EXPECT_EQ(seg.tokens.size(), later.tokens.size());
    for (size_t i = 0; i < seg.tokens.size() && i < later.tokens.size(); ++i) {
      EXPECT_EQ(seg.tokens[i].word, later.tokens[i].word) << seg.tokens[i].lower;
      EXPECT_EQ(seg.tokens[i].hash, WordSet::Hash(seg.tokens[i].lower)) << seg.tokens[i].lower;
    }
    return seg;
  };
  Vocabulary a, b;
  Document d = check(&a);
  EXPECT_EQ(d.tokens[0].word, kUnknownWord);  // "q"
  a.Add("q");
  a.Add("qqqqqqqq");
  a.Add("qqqqqqqqq");
  d = check(&a);
  EXPECT_EQ(d.tokens[0].word, a.Find("q"));
  EXPECT_EQ(d.tokens[1].word, a.Find("q"));  // "Q"
  b.Add("qq");
  d = check(&b);
  EXPECT_EQ(d.tokens[0].word, kUnknownWord);
  d = check(nullptr);
  EXPECT_EQ(d.tokens[0].word, kUnnumberedWord);
  d = check(&a);
  EXPECT_EQ(d.tokens[0].word, a.Find("q"));
}

TEST(Vocabulary, WordSetsBeforeAndAfterTheFirstVocabulary) {
  Vocabulary v;  // closes the registry (if no earlier test did)
  // A set made now is in no vocabulary: it must not trust kUnknownWord.
  const WordSet late = {"zzyzx", "quagga"};
  Document d = Segmented("An aardvark met a zzyzx and an okapi.");
  v.Number(&d);
  int early_hits = 0, late_hits = 0;
  for (const Token& t : d.tokens) {
    early_hits += kEarlySet.contains(t);
    late_hits += late.contains(t);
    EXPECT_EQ(kEarlySet.contains(t), kEarlySet.contains(t.lower)) << t.lower;
    EXPECT_EQ(kEarlyOther.contains(t), kEarlyOther.contains(t.lower)) << t.lower;
    EXPECT_EQ(kEarlyOther.Find(t), kEarlyOther.Find(t.lower)) << t.lower;
    EXPECT_EQ(kEarlySet.Find(t), kEarlySet.Find(t.lower)) << t.lower;
    EXPECT_EQ(late.contains(t), late.contains(t.lower)) << t.lower;
  }
  EXPECT_EQ(early_hits, 2);  // aardvark, okapi: numbered, found
  EXPECT_EQ(kEarlyOther.Find(d.tokens[2]), 1);  // "met": its index in the list
  EXPECT_EQ(late_hits, 1);   // zzyzx: kUnknownWord, still found by string
}

class VocabularyLexicon : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Status s = Lexicon::Load(std::string(PARLEY_TEST_DATA_DIR) + "/lexicon", &lex_);
    ASSERT_TRUE(s.ok()) << s.ToString();
    coder_ = std::make_unique<Coder>(*lex_);
    // The answers by string, before any vocabulary is in use.
    plain_ = std::make_unique<Coder>(*lex_);
  }
  static void TearDownTestSuite() {
    plain_.reset();
    coder_.reset();
    lex_.reset();
  }
  // A vocabulary of every word the lexicon and coder know, put in use by
  // both, and d's tokens numbered by it.
  static std::shared_ptr<Vocabulary> NumberWith(Document* d) {
    auto v = std::make_shared<Vocabulary>();
    lex_->AddWords(v.get());
    coder_->AddWords(v.get());
    lex_->UseVocabulary(v);
    coder_->UseVocabulary(*v);
    lex_->NumberWords(d);
    return v;
  }
  static std::unique_ptr<Lexicon> lex_;
  static std::unique_ptr<Coder> coder_, plain_;
};
std::unique_ptr<Lexicon> VocabularyLexicon::lex_;
std::unique_ptr<Coder> VocabularyLexicon::coder_, VocabularyLexicon::plain_;

TEST_F(VocabularyLexicon, LookupsByIdEqualLookupsByString) {
  const std::string text =
      "Russian President Vladimir Putin met Ukraine's foreign minister in Istanbul on Tuesday. "
      "The United Nations said talks were held; Turkey accused and criticized nobody-in-particular. "
      "Zzyzx Quagga, an unknown man, praised the negotiations, invasions and attacks.";
  Document d = Segmented(text);
  // By string (unnumbered tokens) first.
  std::vector<const NameRefs*> names;
  std::vector<int> max_tokens;
  std::vector<const Coder::FormInfo*> forms, plain_forms;
  for (const Token& t : d.tokens) {
    names.push_back(lex_->FindName(t));
    max_tokens.push_back(lex_->MaxNameTokens(t));
    forms.push_back(coder_->Form(t));
    plain_forms.push_back(plain_->Form(t));
  }
  auto v = NumberWith(&d);
  EXPECT_EQ(d.vocabulary, v->tag());
  int known = 0, unknown = 0;
  for (size_t i = 0; i < d.tokens.size(); ++i) {
    const Token& t = d.tokens[i];
    ASSERT_NE(t.word, kUnnumberedWord);
    (t.word == kUnknownWord ? unknown : known)++;
    EXPECT_EQ(lex_->FindName(t), names[i]) << t.lower;
    EXPECT_EQ(lex_->MaxNameTokens(t), max_tokens[i]) << t.lower;
    EXPECT_EQ(coder_->Form(t), forms[i]) << t.lower;
    // A word that a table knows has an id; one no table knows is unknown.
    if (names[i] || max_tokens[i] || forms[i]) {
      EXPECT_NE(t.word, kUnknownWord) << t.lower;
    }
  }
  EXPECT_GT(known, 10);
  EXPECT_GT(unknown, 0);  // "zzyzx", "quagga"
  // Numbered by another vocabulary: the lexicon renumbers with its own.
  Vocabulary other;
  other.Number(&d);
  lex_->NumberWords(&d);
  EXPECT_EQ(d.vocabulary, v->tag());
  for (size_t i = 0; i < d.tokens.size(); ++i) EXPECT_EQ(lex_->FindName(d.tokens[i]), names[i]);
  // A coder bound to a vocabulary its lexicon does not use keeps the
  // strings: same answers.
  Vocabulary stray;
  plain_->UseVocabulary(stray);
  for (size_t i = 0; i < d.tokens.size(); ++i) EXPECT_EQ(plain_->Form(d.tokens[i]), plain_forms[i]);
}

// MayContinueName (what FindHits in extract/actors.cc relies on to build
// no key for a name that cannot be there): true for every word after the
// first of a name of several words, so that no name is missed; false for
// most other words once the tokens are numbered; always true for a token
// not numbered.
TEST_F(VocabularyLexicon, MayContinueNameHoldsForEveryLaterWordOfAName) {
  const std::string text =
      "South Korea and North Korean troops met in Seoul; the United Nations said zzyzx talks were held.";
  Document d = Segmented(text);
  for (const Token& t : d.tokens) EXPECT_TRUE(lex_->MayContinueName(t)) << t.lower;  // by string: no answer
  auto v = NumberWith(&d);
  int pairs = 0, no = 0;
  for (size_t i = 0; i < d.tokens.size(); ++i) {
    const Token& t = d.tokens[i];
    if (!lex_->MayContinueName(t)) ++no;
    if (i == 0) continue;
    const std::string key = std::string(d.tokens[i - 1].lower) + " " + std::string(t.lower);
    if (lex_->FindName(key) != nullptr) {
      ++pairs;
      EXPECT_TRUE(lex_->MayContinueName(t)) << key;
    }
  }
  EXPECT_GE(pairs, 3);  // "south korea", "north korean", "united nations"
  EXPECT_GT(no, 5);     // "met", "said", "zzyzx" ... ("and" is in "Bosnia and Herzegovina")
  for (const Token& t : d.tokens) {
    if (t.lower == "zzyzx") {
      EXPECT_FALSE(lex_->MayContinueName(t));
    }
  }
}

TEST(VocabularyLexiconPlain, UnboundLexiconClearsForeignNumbers) {
  std::unique_ptr<Lexicon> lex;
  ASSERT_TRUE(Lexicon::Load(std::string(PARLEY_TEST_DATA_DIR) + "/lexicon", &lex).ok());
  Document d = Segmented("Vladimir Putin spoke.");
  Vocabulary v;
  v.Number(&d);
  lex->NumberWords(&d);  // no vocabulary of its own: back to strings
  EXPECT_EQ(d.vocabulary, 0u);
  for (const Token& t : d.tokens) EXPECT_EQ(t.word, kUnnumberedWord);
}

}  // namespace
}  // namespace parley
