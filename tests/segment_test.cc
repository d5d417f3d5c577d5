#include "text/segment.h"

#include "text/vocabulary.h"
#include "text/wordset.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace parley {
namespace {

std::vector<std::string> Sentences(const std::string& text) {
  Document d(text);
  EXPECT_TRUE(CheckText(text).ok());
  SegmentDocument(&d);
  std::vector<std::string> out;
  for (auto& s : d.sentences) out.emplace_back(d.text(s.span));
  return out;
}

std::vector<std::string> Tokens(const std::string& text) {
  Document d(text);
  SegmentDocument(&d);
  std::vector<std::string> out;
  for (auto& t : d.tokens) out.emplace_back(d.text(t.span));
  return out;
}

using V = std::vector<std::string>;

TEST(Segment, SplitsPlainSentences) {
  EXPECT_EQ(Sentences("The army left. Talks resumed! Why? Nobody knows."),
            (V{"The army left.", "Talks resumed!", "Why?", "Nobody knows."}));
}

TEST(Segment, KeepsTitlesAndInitials) {
  EXPECT_EQ(Sentences("Mr. Smith met Gen. Jones and Dr. Lee on Jan. 5. They talked."),
            (V{"Mr. Smith met Gen. Jones and Dr. Lee on Jan. 5.", "They talked."}));
  EXPECT_EQ(Sentences("John F. Kennedy spoke. J. R. Smith listened."),
            (V{"John F. Kennedy spoke.", "J. R. Smith listened."}));
}

TEST(Segment, DottedAbbreviations) {
  EXPECT_EQ(Sentences("The U.S. and the U.N. agreed. It was late."),
            (V{"The U.S. and the U.N. agreed.", "It was late."}));
  // An abbreviation can end a sentence before a typical opener.
  EXPECT_EQ(Sentences("Troops were sent to the U.S. The move angered Moscow."),
            (V{"Troops were sent to the U.S.", "The move angered Moscow."}));
  EXPECT_EQ(Tokens("U.S. forces"), (V{"U.S.", "forces"}));
}

TEST(Segment, BareDatelineIsSplitOffWhenItNamesAPlace) {
  // A wire story reposted without "(Reuters) -": the dateline in capitals
  // opens the body. The segmenter asks the caller whether it is a place.
  auto known = [](std::string_view key) { return key == "lima" || key == "port louis"; };
  auto split = [&](const std::string& text) {
    Document d(text);
    SegmentDocument(&d, known);
    std::vector<std::string> out;
    for (auto& s : d.sentences) out.emplace_back(std::string(d.text(s.span)) + (s.dateline ? " [dateline]" : ""));
    return out;
  };
  EXPECT_EQ(split("Talks resume in Peru\n\nLIMA The government and the miners' union met on Monday."),
            (V{"Talks resume in Peru", "LIMA [dateline]", "The government and the miners' union met on Monday."}));
  EXPECT_EQ(split("PORT LOUIS Mauritius protested to Britain on Tuesday."),
            (V{"PORT LOUIS [dateline]", "Mauritius protested to Britain on Tuesday."}));
  // Not a known place, a headline in capitals, or no place asked about.
  EXPECT_EQ(split("OPEC Ministers met in Vienna on Friday.").size(), 1u);
  EXPECT_EQ(split("LIMA MINERS END STRIKE AFTER TALKS\n\nThe strike ended.").size(), 2u);
  EXPECT_EQ(Sentences("LIMA The government met the union.").size(), 1u);
}

TEST(Segment, LineBreakAfterAbbreviationInWrappedCopy) {
  // Wrapped wire copy: a line break after "U.S." is only a wrap when the
  // next word goes on with a name.
  const std::string wrapped =
      "Officials of both countries said the visiting deputy U.S.\n"
      "Trade Representative would meet farm ministers on Friday and\n"
      "discuss grain quotas with them.\n";
  EXPECT_EQ(Sentences(wrapped).size(), 1u);
  // A sentence opener after the break still starts a sentence, and so does
  // a capitalised word after a unit ("dlrs.").
  EXPECT_EQ(Sentences("The group bought the plant in the U.S.\nThe price was not given by either side\n"
                      "in the statement.\n")
                .size(),
            2u);
  EXPECT_EQ(Sentences("Sales rose to about 40 mln dlrs.\nProfits fell in the second quarter of the\n"
                      "year, the company said.\n")
                .size(),
            2u);
}

TEST(Segment, NumbersStayWhole) {
  EXPECT_EQ(Tokens("1,000 prisoners and 3.5 million dlrs, 90-minute talks."),
            (V{"1,000", "prisoners", "and", "3.5", "million", "dlrs", ",", "90-minute", "talks", "."}));
  EXPECT_EQ(Sentences("Growth was 2.5 pct in 1986. Prices rose."), (V{"Growth was 2.5 pct in 1986.", "Prices rose."}));
}

TEST(Segment, QuotesAndParentheses) {
  EXPECT_EQ(Sentences("He said: \"We will fight.\" Then he left."),
            (V{"He said: \"We will fight.\"", "Then he left."}));
  EXPECT_EQ(Sentences("“Stop!” she cried. (The crowd dispersed.) Calm returned."),
            (V{"“Stop!” she cried.", "(The crowd dispersed.)", "Calm returned."}));
  EXPECT_EQ(Sentences("\"Is this war?\" asked a reporter. No answer came."),
            (V{"\"Is this war?\" asked a reporter.", "No answer came."}));
}

TEST(Segment, HeadlinesAndDatelines) {
  Document d("BAHIA COCOA REVIEW\n\n    SALVADOR, Feb 26 - Showers continued in the zone.\n    More rain fell.");
  SegmentDocument(&d);
  ASSERT_EQ(d.sentences.size(), 4u);
  EXPECT_EQ(d.text(d.sentences[0].span), "BAHIA COCOA REVIEW");
  EXPECT_TRUE(d.sentences[0].headline);
  EXPECT_EQ(d.text(d.sentences[1].span), "SALVADOR, Feb 26 -");
  EXPECT_TRUE(d.sentences[1].headline);
  EXPECT_EQ(d.text(d.sentences[2].span), "Showers continued in the zone.");
  EXPECT_FALSE(d.sentences[2].headline);
}

TEST(Segment, ClitcsSplit) {
  EXPECT_EQ(Tokens("Russia’s army didn't stop; Kyiv's call won't."),
            (V{"Russia", "’s", "army", "did", "n't", "stop", ";", "Kyiv", "'s", "call", "wo", "n't", "."}));
  EXPECT_EQ(Tokens("O'Brien met al-Qaeda's chief."), (V{"O'Brien", "met", "al-Qaeda", "'s", "chief", "."}));
}

// Letters are scanned eight at a time up to the first byte that is no
// ASCII letter or is an 'n': a word's end, an "n't", an 'n' inside it and a
// letter outside ASCII fall at every offset of those eight bytes.
TEST(Segment, WordEndsAtEveryOffset) {
  for (size_t k = 1; k <= 19; ++k) {
    const std::string a(k, 'a'), b(k % 5 + 1, 'B');
    EXPECT_EQ(Tokens(a + "n't stop"), (V{a, "n't", "stop"})) << k;
    EXPECT_EQ(Tokens(a + "N'T"), (V{a, "N'T"})) << k;
    EXPECT_EQ(Tokens(a + "n" + b + " x"), (V{a + "n" + b, "x"})) << k;
    EXPECT_EQ(Tokens(a + "nn"), (V{a + "nn"})) << k;
    EXPECT_EQ(Tokens(a + "\u00e7" + b + "."), (V{a + "\u00e7" + b, "."})) << k;
    EXPECT_EQ(Tokens(a + "," + b), (V{a, ",", b})) << k;
    EXPECT_EQ(Tokens(a + "-" + b), (V{a + "-" + b})) << k;
    EXPECT_EQ(Tokens(a + "'s " + b), (V{a, "'s", b})) << k;
    EXPECT_EQ(Tokens(a + "@" + b + "[" + a + "`"), (V{a, "@", b, "[", a, "`"})) << k;
    EXPECT_EQ(Tokens(a + "9" + b), (V{a + "9" + b})) << k;
  }
}

TEST(Segment, NormalisedForms) {
  Document d("“Dolmabahçe” — Russia’s\u00a0talks");
  SegmentDocument(&d);
  ASSERT_EQ(d.tokens.size(), 7u);
  EXPECT_EQ(d.tokens[0].norm, "\"");
  EXPECT_TRUE(d.tokens[0].has(kOpenQuote));
  EXPECT_EQ(d.tokens[1].norm, "Dolmabahçe");
  EXPECT_EQ(d.tokens[1].lower, "dolmabahce");
  EXPECT_TRUE(d.tokens[2].has(kCloseQuote));
  EXPECT_EQ(d.tokens[3].norm, "-");
  EXPECT_EQ(d.tokens[5].norm, "'s");
  EXPECT_EQ(d.tokens[6].norm, "talks");
}

// Every span's bytes are exactly the text it claims.
TEST(Segment, OffsetsMatchText) {
  const std::string text =
      "Ukraine’s chief negotiator, Defense Minister Rustem Umerov, confirmed the exchange.\n"
      "Zelensky — speaking from Tirana — said “no.” The U.N. (U.N.) met; 1,000 left…  Done!";
  Document d(text);
  SegmentDocument(&d);
  for (auto& t : d.tokens) {
    ASSERT_LE(t.span.end, text.size());
    EXPECT_EQ(NormalizeText(d.text(t.span)), t.norm);
  }
  for (auto& s : d.sentences) {
    EXPECT_EQ(d.text(s.span).front(), text[s.span.begin]);
    EXPECT_EQ(s.span.begin, d.tokens[s.token_begin].span.begin);
    EXPECT_EQ(s.span.end, d.tokens[s.token_end - 1].span.end);
  }
  // Sentences tile the tokens in order.
  uint32_t next = 0;
  for (auto& s : d.sentences) {
    EXPECT_EQ(s.token_begin, next);
    next = s.token_end;
  }
  EXPECT_EQ(next, d.tokens.size());
}

TEST(CheckText, RejectsBadBytes) {
  EXPECT_TRUE(CheckText("plain text, ünïcode “ok”").ok());
  EXPECT_EQ(CheckText("bad \xC3\x28 byte").message(), "invalid UTF-8 at byte 4");
  EXPECT_FALSE(CheckText(std::string("nul\0byte", 8)).ok());
  EXPECT_FALSE(CheckText("\xFF\xFE").ok());
}

// Printable ASCII is checked many bytes at a time: a fault, or a letter
// beyond ASCII, at every offset of a text longer than two such blocks is
// found at its byte.
TEST(CheckText, FindsTheFaultAtEveryOffset) {
  for (size_t len = 1; len <= 40; ++len) {
    for (size_t at = 0; at < len; ++at) {
      std::string text(len, 'a');
      text[at] = '\x01';
      EXPECT_EQ(CheckText(text).message(), "binary data: control byte 0x01 at byte " + std::to_string(at));
      text[at] = '\xFF';
      EXPECT_EQ(CheckText(text).message(), "invalid UTF-8 at byte " + std::to_string(at));
      text[at] = '\t';
      EXPECT_TRUE(CheckText(text).ok());
      text.replace(at, 1, "\u00e9");
      EXPECT_TRUE(CheckText(text).ok());
      text.insert(text.size(), "\x7F\x0B");  // DEL is text; a vertical tab is not
      EXPECT_EQ(CheckText(text).message(), "binary data: control byte 0x0b at byte " + std::to_string(len + 2));
    }
  }
}


TEST(Segment, TickerDotsDoNotEndSentences) {
  EXPECT_EQ(Sentences("McDonnell Douglas Corp <MD.N> won a contract. It rose."),
            (V{"McDonnell Douglas Corp <MD.N> won a contract.", "It rose."}));
}

TEST(Segment, MoreDatelines) {
  auto s = Sentences("PORTLAND, Ore., Feb 26 - Red Lion Inns said it sold a hotel.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "PORTLAND, Ore., Feb 26 -");
  s = Sentences("Toronto, Feb 26 - Standard Trustco said it earned more.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "Toronto, Feb 26 -");
  s = Sentences("MONTREAL, Feb 26- Alcan said it would cut jobs.");
  ASSERT_EQ(s.size(), 2u);
  // A capitalised phrase with a dash but no month and no capitals is not one.
  EXPECT_EQ(Sentences("Paris, the capital - and its suburbs - voted.").size(), 1u);
}

// DatelineEnd is asked only when a dash token lies within its reach of
// twelve tokens from the sentence start: a dash at the last token it
// reaches, one a token further, and a dash that normalises to "-".
TEST(Segment, DatelineDashAtTheEdgeOfItsReach) {
  auto s = Sentences("NEW YORK CITY AND SOME MORE PLACES HERE, Feb 26 - Text follows here.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "NEW YORK CITY AND SOME MORE PLACES HERE, Feb 26 -");
  EXPECT_EQ(Sentences("NEW YORK CITY AND SOME MORE PLACES HERE TOO, Feb 26 - Text follows here.").size(), 1u);
  s = Sentences("SALVADOR, Feb 26 \u2014 Showers continued.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "SALVADOR, Feb 26 \u2014");
}

TEST(Segment, IndentedWireParagraphsAndWebLines) {
  auto s = Sentences("POLISH BANKER PLEASED\n    WARSAW, March 2 - Talks were frank, a banker said.");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "POLISH BANKER PLEASED");
  // Wrapped wire lines stay one sentence.
  EXPECT_EQ(Sentences("The minister met\nPresident Reagan in Washington\nyesterday.").size(), 1u);
  // Web copy: one paragraph per line, so a line break ends a caption.
  std::string line(130, 'x');
  std::string web = "Caption under a photo of " + line + "\nFelipe Massa said farewell " + line +
                    ".\nHe wept " + line + ".\nThe crowd cheered " + line + ".";
  EXPECT_EQ(Sentences(web).size(), 4u);
  // Web copy with short paragraphs: a typical line shorter than that, but
  // some lines longer than any wrap width. A caption is still its own
  // sentence, not merged into the paragraph after it.
  std::string mixed =
      "Protesters filled the main square of the capital on Sunday, calling for the minister to resign at once.\n"
      "Image caption Police watched the crowd from the steps\n"
      "The minister met union leaders later in the day.\n"
      "Talks went on into the night.\n"
      "A second rally is planned for Tuesday, organisers said in a statement posted on their website.";
  auto m = Sentences(mixed);
  ASSERT_EQ(m.size(), 5u);
  EXPECT_EQ(m[1], "Image caption Police watched the crowd from the steps");
}

// Whether text is unwrapped (a line break ends a paragraph) turns on the
// median and the ninth decile of its line lengths, found by counting: each
// threshold exactly, ten lines of lower-case letters with no full stop, so
// the text is one sentence when wrapped and one per line when not.
TEST(Segment, LineLengthThresholdsDecideUnwrappedText) {
  auto sentences = [](const std::vector<size_t>& lengths) {
    std::string text;
    for (size_t len : lengths) {
      if (!text.empty()) text += '\n';
      text += std::string(len, 'a');
    }
    return Sentences(text).size();
  };
  const size_t kShort = 50;
  // Median (the sixth of ten in order) over 120 bytes: unwrapped.
  EXPECT_EQ(sentences({121, kShort, 121, kShort, 121, kShort, 121, kShort, 121, kShort}), 10u);
  EXPECT_EQ(sentences({120, kShort, 120, kShort, 120, kShort, 120, kShort, 120, kShort}), 10u);  // by the decile
  // Ninth decile (the tenth of ten) over 100 bytes: unwrapped; at 100, not.
  EXPECT_EQ(sentences({kShort, kShort, kShort, kShort, 101, kShort, kShort, kShort, kShort, kShort}), 10u);
  EXPECT_EQ(sentences({kShort, kShort, kShort, kShort, 100, kShort, kShort, kShort, kShort, kShort}), 1u);
  EXPECT_EQ(sentences({100, 100, 100, kShort, 100, kShort, kShort, kShort, kShort, kShort}), 1u);
  // Lines of one byte or none are not counted; fewer than three lines
  // counted never make text unwrapped.
  EXPECT_EQ(sentences({200, 1, 200}), 1u);
  EXPECT_EQ(sentences({200, 1, 200, 1, 200}), 5u);
}

TEST(Segment, QuotedQuestionThenSpeaker) {
  EXPECT_EQ(Sentences("\"Should we just wait?\" Evan Mawarire asked. Nobody answered.").size(), 2u);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

// The tokeniser classifies short ASCII tokens eight bytes at a time: a
// byte that changes the class, at every place of a token of every length
// up to two words, changes it as a byte-by-byte reading would.
TEST(Segment, AsciiTokenClassAtEveryPlace) {
  int checked = 0;
  for (size_t len = 2; len <= 20; ++len) {
    for (size_t at = 0; at < len; ++at) {
      // Digits with one letter: a word, not a number.
      std::string num(len, '7');
      num[at] = 'x';
      // Capitals with one lower case letter: capitalised only if the first
      // is a capital, never all capitals.
      std::string caps(len, 'Q');
      caps[at] = 'q';
      for (const std::string& text : {num, caps}) {
        Document d(text + " ok");
        SegmentDocument(&d);
        ASSERT_EQ(d.tokens.size(), 2u) << text;
        const Token& t = d.tokens[0];
        EXPECT_EQ(t.kind, TokenKind::kWord) << text;
        EXPECT_FALSE(t.has(kAllCaps)) << text;
        EXPECT_EQ(t.has(kCapitalised), text[0] == 'Q') << text;
        std::string lower = text;
        for (char& c : lower) c = static_cast<char>(c == 'Q' ? 'q' : c);
        EXPECT_EQ(t.lower, lower);
        EXPECT_EQ(t.hash, WordSet::Hash(lower)) << text;
        ++checked;
      }
    }
    // All digits with inner digit groups: a number; all capitals: all caps.
    std::string num(len, '4');
    if (len > 3) num[len - 3] = ',';
    std::string caps(len, 'Z');
    Document d(num + " " + caps + " ok");
    SegmentDocument(&d);
    ASSERT_EQ(d.tokens.size(), 3u) << num << " " << caps;
    EXPECT_EQ(d.tokens[0].kind, TokenKind::kNumber) << num;
    EXPECT_TRUE(d.tokens[1].has(kAllCaps)) << caps;
    EXPECT_EQ(d.tokens[1].lower, std::string(len, 'z'));
    EXPECT_EQ(d.tokens[1].hash, WordSet::Hash(std::string(len, 'z')));
  }
  EXPECT_EQ(checked, 2 * 209);
}

// A run of ASCII letters and digits is a token of its own when the byte
// after it joins no word; where that byte may join one (a digit group, an
// inner hyphen, a full stop, an apostrophe, a letter beyond ASCII) the word
// goes on as the rules say, at the end of the text too.
TEST(Segment, AsciiRunEndsWhereNoJoinerFollows) {
  EXPECT_EQ(Tokens("abc,def ab,5 12,500 12,"), (V{"abc", ",", "def", "ab", ",", "5", "12,500", "12", ","}));
  EXPECT_EQ(Tokens("12-abc ab- x ab-\u00e9 ab--c ab-"),
            (V{"12-abc", "ab", "-", "x", "ab-\u00e9", "ab", "--", "c", "ab", "-"}));
  EXPECT_EQ(Tokens("n x n) an(N"), (V{"n", "x", "n", ")", "an", "(", "N"}));
  EXPECT_EQ(Tokens("Gen. ab.cd AB'x ab\u00e9 ab"), (V{"Gen.", "ab", ".", "cd", "AB'x", "ab\u00e9", "ab"}));
  // Before a full stop: abbreviations and initials keep it, other words
  // and numbers do not; a letter, digit or '.' after it goes on by the
  // rules for dotted forms, digit groups and ellipses.
  EXPECT_EQ(Tokens("He said. J. Lee, CORP.\n5. Acme Inc.\"x mln. A.B. 3.5 etc... U.S.A. j."),
            (V{"He", "said", ".", "J.", "Lee", ",", "CORP.", "5", ".", "Acme", "Inc.", "\"", "x", "mln.", "A.B.",
               "3.5", "etc", "...", "U.S.A.", "j", "."}));
  Document d("AB1 A1 12 12-ab Ab\tZZ");
  SegmentDocument(&d);
  ASSERT_EQ(d.tokens.size(), 6u);
  EXPECT_TRUE(d.tokens[0].has(kAllCaps));
  EXPECT_TRUE(d.tokens[0].has(kCapitalised));
  EXPECT_FALSE(d.tokens[1].has(kAllCaps));
  EXPECT_EQ(d.tokens[1].kind, TokenKind::kWord);
  EXPECT_EQ(d.tokens[2].kind, TokenKind::kNumber);
  EXPECT_TRUE(d.tokens[3].has(kHyphenated));
  EXPECT_EQ(d.tokens[3].kind, TokenKind::kWord);
  EXPECT_FALSE(d.tokens[4].has(kAllCaps));
  EXPECT_TRUE(d.tokens[5].has(kAllCaps));
  EXPECT_TRUE(d.tokens[5].has(kSpaceBefore));
  for (const Token& t : d.tokens) EXPECT_EQ(t.hash, WordSet::Hash(t.lower)) << t.lower;
}

// Runs joined by hyphens and words before a clitic, which the tokeniser's
// ASCII path makes out of line: the end of each, its kind and flags, and
// the shapes it leaves to the general path (a digit group after a hyphen,
// an inner apostrophe, "n't").
TEST(Segment, HyphensAndCliticsOnTheAsciiPath) {
  EXPECT_EQ(Tokens("long-term 1-1 SHORT-TERM, x-1,000 1-2,000 year-end. a-b- c-d-"),
            (V{"long-term", "1-1", "SHORT-TERM", ",", "x-1", ",", "000", "1-2,000", "year-end", ".", "a-b", "-",
               "c-d", "-"}));
  EXPECT_EQ(Tokens("traders' Russia's 1980's O'Brien don't we'd 'tis"),
            (V{"traders", "'", "Russia", "'s", "1980", "'s", "O'Brien", "do", "n't", "we", "'d", "'", "tis"}));
  Document d("The long-term 1-1 SHORT-TERM Russia's");
  SegmentDocument(&d);
  ASSERT_EQ(d.tokens.size(), 6u);
  EXPECT_TRUE(d.tokens[1].has(kHyphenated));
  EXPECT_EQ(d.tokens[1].kind, TokenKind::kWord);
  EXPECT_TRUE(d.tokens[2].has(kHyphenated));
  EXPECT_EQ(d.tokens[2].kind, TokenKind::kWord);  // not a number: it holds a hyphen
  EXPECT_TRUE(d.tokens[3].has(kAllCaps));
  EXPECT_TRUE(d.tokens[3].has(kCapitalised));
  EXPECT_FALSE(d.tokens[4].has(kHyphenated));
  EXPECT_EQ(d.tokens[5].kind, TokenKind::kWord);
  EXPECT_FALSE(d.tokens[5].has(kSpaceBefore));
  for (const Token& t : d.tokens) EXPECT_EQ(t.hash, WordSet::Hash(t.lower)) << t.lower;
}

// A hyphenated run that ends the text: the tokeniser stops at the NUL
// after the text and reads nothing beyond it (an address-sanitizer build
// of the fuzz targets caught a read of the byte after the NUL, in a
// dictionary name; the texts here are long enough to live on the heap).
TEST(Segment, HyphenatedRunEndsTheText) {
  EXPECT_EQ(Tokens("the agreement is long-term"), (V{"the", "agreement", "is", "long-term"}));
  EXPECT_EQ(Tokens("the score stood at 1-1"), (V{"the", "score", "stood", "at", "1-1"}));
  EXPECT_EQ(Tokens("a name such as Guinea-Bissau"), (V{"a", "name", "such", "as", "Guinea-Bissau"}));
  EXPECT_EQ(Tokens("a run of words-joined-by-hyphens"), (V{"a", "run", "of", "words-joined-by-hyphens"}));
}

// Digit groups join runs of digits ("1,234.5"); a run with a letter after
// a group mark makes the whole a word ("1.5bn"); a mark before no digit
// stays outside the number, at the end of the text too.
TEST(Segment, DigitGroupsAtEveryPlace) {
  EXPECT_EQ(Tokens("1,234.5 1.5bn 3.5.6 1,000. 12,34,56 7,x 8.-9 1,2"),
            (V{"1,234.5", "1.5bn", "3.5.6", "1,000", ".", "12,34,56", "7", ",", "x", "8", ".", "-", "9", "1,2"}));
  int checked = 0;
  for (const char* tail : {"", " ", ".", ",", "-", "x", "'s", "\u00e9"}) {
    for (const char* number : {"1", "10,000", "1.25", "1,234,567.89", "3,5b", "9.9.9"}) {
      const std::string text = std::string(number) + tail;
      Document d(text);
      SegmentDocument(&d);
      ASSERT_FALSE(d.tokens.empty()) << text;
      const Token& t = d.tokens[0];
      const bool letter = std::string_view(number).find('b') != std::string_view::npos;
      // A letter run joined on ("1x", "1\u00e9") makes a word of the number.
      const bool joined = std::string(tail) == "x" || std::string(tail) == "\u00e9";
      EXPECT_EQ(t.kind, letter || joined ? TokenKind::kWord : TokenKind::kNumber) << text;
      if (!joined) {
        EXPECT_EQ(d.text(t.span), number) << text;
      }
      for (const Token& u : d.tokens) EXPECT_EQ(u.hash, WordSet::Hash(u.lower)) << text;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 8 * 6);
}

// With a vocabulary, every token gets the word id and hash a lookup of its
// lower case gives, whether it is seen for the first time or again (the
// tokeniser remembers short and middling forms per thread), for forms of
// every length, at the end of the text too, and after the vocabulary grew.
TEST(Segment, WordIdsOfFormsOfEveryLength) {
  Vocabulary v;
  std::string text;
  std::vector<std::string> words;
  for (size_t len = 1; len <= 20; ++len) {
    std::string w;
    for (size_t i = 0; i < len; ++i) w.push_back(static_cast<char>('a' + (i * 7 + len) % 26));
    words.push_back(w);
    if (len % 2) v.Add(w);  // half of them known
  }
  for (const std::string& w : words) text += w + " " + w + " ";
  for (const std::string& w : words) text += w + " ";  // the last at the text's end
  text.pop_back();
  for (int round = 0; round < 3; ++round) {
    if (round == 2) v.Add(words[1]);  // grown: the remembered ids must not stay
    Document d(text);
    SegmentDocument(&d, nullptr, &v);
    ASSERT_EQ(d.tokens.size(), 3 * words.size());
    for (const Token& t : d.tokens) {
      EXPECT_EQ(t.hash, WordSet::Hash(t.lower)) << t.lower;
      EXPECT_EQ(t.word, v.Find(t.lower)) << t.lower << " round " << round;
    }
  }
}

// Each token's sentence number names the sentence that holds it, however
// the boundaries were found (full stops, abbreviations, paragraphs,
// datelines).
TEST(Segment, EveryTokenKnowsItsSentence) {
  const std::string text =
      "WARSAW, March 2 - Talks ended. Mr. Smith left the U.S. The talks\n\nresume on Monday! Why? "
      "\"No,\" he said... It is 3.5 pct.\nHEADLINE IN CAPITALS\n\nEnd";
  Document d(text);
  SegmentDocument(&d);
  ASSERT_GT(d.sentences.size(), 5u);
  uint32_t next = 0;
  for (uint32_t s = 0; s < d.sentences.size(); ++s) {
    EXPECT_EQ(d.sentences[s].token_begin, next);
    for (uint32_t i = d.sentences[s].token_begin; i < d.sentences[s].token_end; ++i)
      EXPECT_EQ(d.tokens[i].sentence, s) << i;
    next = d.sentences[s].token_end;
  }
  EXPECT_EQ(next, d.tokens.size());
}

// ASCII punctuation and symbols: one token each, runs of '-' and '.' one
// token, straight quotes opening or closing by their spacing.
TEST(Segment, AsciiPunctuationAndSymbols) {
  Document d("a $5 + (b) -- c... \"d\" e=f; g");
  SegmentDocument(&d);
  std::vector<std::string> got;
  for (const Token& t : d.tokens) got.emplace_back(d.text(t.span));
  ASSERT_EQ(got, (V{"a", "$", "5", "+", "(", "b", ")", "--", "c", "...", "\"", "d", "\"", "e", "=", "f", ";", "g"}));
  EXPECT_EQ(d.tokens[1].kind, TokenKind::kSymbol);
  EXPECT_EQ(d.tokens[3].kind, TokenKind::kSymbol);
  EXPECT_EQ(d.tokens[4].kind, TokenKind::kPunct);
  EXPECT_EQ(d.tokens[7].kind, TokenKind::kPunct);
  EXPECT_TRUE(d.tokens[10].has(kOpenQuote));
  EXPECT_TRUE(d.tokens[12].has(kCloseQuote));
  EXPECT_EQ(d.tokens[14].kind, TokenKind::kSymbol);
  for (const Token& t : d.tokens) {
    EXPECT_EQ(t.norm, d.text(t.span));
    EXPECT_EQ(t.hash, WordSet::Hash(t.lower));
  }
}

// Forms far longer than their text (U+FDFA is 18 letters in NFKC) outgrow
// the room the tokeniser keeps for them: every view still shows its
// token's forms.
TEST(Segment, ViewsStayRightWhenFormsOutgrowTheirRoom) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += i % 2 ? "Word " : "\ufdfa ";
  Document d(text);
  SegmentDocument(&d);
  ASSERT_EQ(d.tokens.size(), 200u);
  for (const Token& t : d.tokens) {
    EXPECT_EQ(t.norm, NormalizeText(d.text(t.span)));
    EXPECT_EQ(t.lower, FoldKey(d.text(t.span)));
    EXPECT_EQ(t.hash, WordSet::Hash(t.lower));
  }
  EXPECT_GT(d.tokens[0].norm.size(), 30u);
}

// The whitespace before a token: ASCII spaces, line breaks, tabs and
// spaces beyond ASCII in one run; indentation after a line break; a run
// that reaches the text's end; a NUL inside the text, which is no space.
TEST(Segment, WhitespaceRunsAndTheTextsEnd) {
  {
    Document d("Talks ended.\n   WARSAW, March 2 - Poland\u00a0\u2003said  \n\n");
    SegmentDocument(&d);
    ASSERT_EQ(d.tokens.size(), 10u);
    EXPECT_EQ(d.text(d.tokens[3].span), "WARSAW");
    EXPECT_TRUE(d.tokens[3].has(kSpaceBefore));
    EXPECT_TRUE(d.tokens[3].has(kNewlineBefore));
    EXPECT_TRUE(d.tokens[3].has(kParagraphBefore));  // indented three spaces
    EXPECT_EQ(d.text(d.tokens[9].span), "said");
    EXPECT_TRUE(d.tokens[9].has(kSpaceBefore));
    EXPECT_FALSE(d.tokens[9].has(kNewlineBefore));
  }
  {
    Document d("one\n\ttwo\n three\tfour");
    SegmentDocument(&d);
    ASSERT_EQ(d.tokens.size(), 4u);
    EXPECT_TRUE(d.tokens[1].has(kParagraphBefore));  // a tab counts four
    EXPECT_TRUE(d.tokens[2].has(kNewlineBefore));
    EXPECT_FALSE(d.tokens[2].has(kParagraphBefore));  // one space does not
    EXPECT_TRUE(d.tokens[3].has(kSpaceBefore));
    EXPECT_FALSE(d.tokens[3].has(kNewlineBefore));
  }
  EXPECT_EQ(Tokens(std::string("a\0b", 3)), (V{"a", std::string(1, '\0'), "b"}));
  EXPECT_EQ(Tokens("  \n "), V{});
}

}  // namespace
}  // namespace parley
