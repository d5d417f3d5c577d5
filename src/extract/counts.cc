// Tested by tests/counts_test.cc.
#include "extract/counts.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/word_classes.h"
#include "text/wordset.h"

namespace parley {
namespace {

// Number words and scale words with their values; the sets below find a
// word's index in these lists.
constexpr std::pair<std::string_view, double> kWordValues[] = {
    {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9},
    {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15},
    {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30},
    {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80}, {"ninety", 90},
    {"hundred", 100}, {"thousand", 1000}, {"dozen", 12}, {"dozens", 24}, {"hundreds", 200}, {"thousands", 2000}};
constexpr std::pair<std::string_view, double> kScaleValues[] = {
    {"hundred", 1e2}, {"thousand", 1e3}, {"million", 1e6}, {"mln", 1e6}, {"billion", 1e9}, {"bln", 1e9},
    {"trillion", 1e12}, {"dozen", 12}, {"m", 1e6}, {"bn", 1e9}};
template <size_t N>
WordSet KeysOf(const std::pair<std::string_view, double> (&list)[N]) {
  std::vector<std::string_view> keys;
  for (const auto& p : list) keys.push_back(p.first);
  return WordSet(keys.begin(), keys.end());
}
const WordSet kWords = KeysOf(kWordValues);
const WordSet kScales = KeysOf(kScaleValues);
const WordSet kMonths = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "jan.", "feb", "feb.", "mar", "mar.", "apr", "apr.", "jun", "jun.", "jul",
    "jul.", "aug", "aug.", "sep", "sep.", "sept", "sept.", "oct", "oct.", "nov", "nov.", "dec", "dec."};
const WordSet kStop = {
    "of", "in", "on", "at", "to", "and", "or", "the", "a", "an", "was", "were", "is", "are", "be", "been", "has",
    "have", "had", "will", "would", "each", "who", "which", "that", "from", "for", "by", "with", "as", "than",
    "after", "before", "since", "ago", "per", "percent", "pct", "%", "said", "say", "says", "it", "they", "he",
    "she", "we", "them", "their", "its", "his", "her", "our", "you", "i", "this", "these", "those"};
const WordSet kUnits = {"percent", "pct", "%", "per", "cent"};
// Qualifiers right before a count: "about 40", "nearly 200".
const WordSet kBefore = {"about", "around", "some", "nearly", "almost", "over", "approximately",
                         "roughly", "estimated", "up", "under", "only", "exactly"};

// The lists above as bits of one byte per word, read once per token.
enum : uint8_t { kWordBit = 1, kScaleBit = 2, kMonthBit = 4, kStopBit = 8, kUnitBit = 16, kBeforeBit = 32 };
const WordClasses kClasses = {&kWords, &kScales, &kMonths, &kStop, &kUnits, &kBefore};

// The digits of `s` (commas skipped) as a number; false when `s` holds a
// byte other than a digit, ',' or '.', or no digit or '.' at all.
bool ParseDigits(std::string_view s, double* v) {
  // At most 15 digits, with at most one '.', are exact in a double as a
  // whole number, and so is 10^k for the k digits after the '.': their
  // quotient, rounded once by the division, is the double nearest the
  // decimal, which is strtod's value (the fast path of correctly rounded
  // decimal conversion), without its cost and without copying the digits.
  static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  // Most numbers are digits alone ("12", "1986"): their value at once.
  if (!s.empty() && s.size() <= 15) {
    uint64_t x = 0;
    size_t k = 0;
    for (; k < s.size(); ++k) {
      const unsigned d = static_cast<unsigned char>(s[k]) - unsigned{'0'};
      if (d > 9) break;
      x = x * 10 + d;
    }
    if (k == s.size()) {
      *v = static_cast<double>(x);
      return true;
    }
  }
  uint64_t x = 0;
  size_t digits = 0, dots = 0, after_dot = 0;
  for (char c : s) {
    if (c == ',') continue;
    if (c == '.') ++dots;
    else if (c >= '0' && c <= '9') {
      x = x * 10 + static_cast<uint64_t>(c - '0');
      after_dot += dots;
    } else {
      return false;
    }
    ++digits;
  }
  if (digits == 0) return false;
  if (digits - dots <= 15 && dots <= 1 && digits > dots) {
    *v = static_cast<double>(x) / kPow10[after_dot];
    return true;
  }
  std::string d;
  d.reserve(digits);
  for (char c : s)
    if (c != ',') d += c;
  *v = std::strtod(d.c_str(), nullptr);
  return true;
}

// The count that token i starts, added to doc->counts and doc->mentions;
// returns the token to go on from (past the count, or i + 1 when i starts
// none). REQUIRES: a count may start at tk[i] (FindTokenMarks' count_starts). `cls` gives a token's bits in kClasses.
// The kNumber mention is added only `with_mention`.
// Out of line: ExtractCounts' loop over every token stays small.
[[gnu::noinline]] uint32_t CountAt(Document* doc, uint32_t i, const WordClasses::View& cls, bool with_mention) {
  const auto& tk = doc->tokens;
  const uint32_t n = static_cast<uint32_t>(tk.size());
  const Token& t = tk[i];
  double value = 0;
  uint32_t b = i, e = i + 1;
  std::string_view hyphen_what;  // "minute" in "90-minute"
  bool hyphen_unit = false;
  if (t.kind == TokenKind::kNumber) {
    if (!ParseDigits(t.norm, &value)) return i + 1;
    bool year_like = t.norm.size() == 4 && value >= 1900 && value <= 2100 && t.norm.find(',') == std::string::npos;
    bool after_month = i > 0 && (cls.Of(tk[i - 1]) & kMonthBit);
    bool before_month = i + 1 < n && (cls.Of(tk[i + 1]) & kMonthBit);
    bool clock =
        i + 1 < n && (std::string_view(tk[i + 1].lower) == "a.m." || std::string_view(tk[i + 1].lower) == "p.m." ||
                      std::string_view(tk[i + 1].norm) == ":");
    if (year_like || after_month || before_month || clock) return i + 1;
    if (i > 0 && (std::string_view(tk[i - 1].norm) == "#" || std::string_view(tk[i - 1].lower) == "no." ||
                  std::string_view(tk[i - 1].lower) == "number"))
      return i + 1;
  } else if (t.has(kHyphenated)) {
    // "90-minute", "15-year-old"
    size_t dash = t.norm.find('-');
    if (!ParseDigits(t.norm.substr(0, dash), &value)) return i + 1;
    hyphen_what = t.norm.substr(dash + 1);
    hyphen_unit = true;
  } else {
    value = kWordValues[kWords.Find(t)].second;
    // "twenty-five" is one hyphenated token and not in the table; fine.
    // "hundred" alone ("a hundred") counts; scale below handles "two hundred".
  }
  // Scale words: "3.5 million", "two dozen", "five hundred".
  while (e < n && !hyphen_unit) {
    if (!(cls.Of(tk[e]) & kScaleBit)) break;
    value *= kScaleValues[kScales.Find(tk[e])].second;
    ++e;
  }
  if (e < n && (cls.Of(tk[e]) & kUnitBit)) return i + 1;  // percentages are not counts
  // A number beyond the largest double ("1" and 309 zeros, "a million
  // million ..." repeated) is no count anyone can use, and JSON cannot
  // hold an infinity.
  if (!std::isfinite(value)) return i + 1;
  // What is counted: up to three following words.
  uint32_t w = e;
  if (!hyphen_unit) {
    while (w < n && w < e + 3 && tk[w].kind == TokenKind::kWord && !(cls.Of(tk[w]) & (kStopBit | kWordBit)) &&
           std::string_view(tk[w].lower) != "'s")
      ++w;
  }
  // The words' text, joined below; "" when they have none.
  bool no_what = true;
  for (uint32_t k = e; k < w && no_what; ++k) no_what = tk[k].norm.empty();
  if (!hyphen_unit && no_what && value < 10 && t.kind != TokenKind::kNumber) return i + 1;  // "two" alone
  // Currency before: "$121 billion", "121 billion dlrs".
  if (b > 0 && tk[b - 1].kind == TokenKind::kSymbol) b -= 1;
  Count& c = doc->counts.emplace_back();
  c.number = value;
  if (hyphen_unit) {
    c.what = hyphen_what;
  } else {
    for (uint32_t k = e; k < w; ++k) {
      if (!c.what.empty()) c.what += ' ';
      c.what += tk[k].norm;
    }
  }
  // Qualifier before.
  if (b >= 2 && std::string_view(tk[b - 2].lower) == "at" &&
      (std::string_view(tk[b - 1].lower) == "least" || std::string_view(tk[b - 1].lower) == "most")) {
    c.qualifier = "at ";
    c.qualifier += tk[b - 1].lower;
  } else if (b >= 2 && (std::string_view(tk[b - 1].lower) == "than") &&
             (std::string_view(tk[b - 2].lower) == "more" || std::string_view(tk[b - 2].lower) == "fewer" ||
              std::string_view(tk[b - 2].lower) == "less")) {
    c.qualifier = tk[b - 2].lower;
    c.qualifier += " than";
  } else if (b >= 1) {
    if (cls.Of(tk[b - 1]) & kBeforeBit) c.qualifier = tk[b - 1].lower;
  }
  uint32_t span_end = w > e ? w : e;
  if (span_end < n && std::string_view(tk[span_end].lower) == "each") {
    c.qualifier = "each";
    ++span_end;
  }
  c.span = doc->TokenSpan(b, span_end);
  if (!with_mention) return e;
  Mention& m = doc->mentions.emplace_back();
  m.type = MentionType::kNumber;
  m.token_begin = b;
  m.token_end = span_end;
  m.span = c.span;
  m.number = value;
  return e;
}

}  // namespace

void ExtractCounts(Document* doc, bool with_mentions) {
  TokenMarks marks;
  FindTokenMarks(*doc, &marks);
  ExtractCounts(doc, with_mentions, marks);
}

void ExtractCounts(Document* doc, bool with_mentions, const TokenMarks& marks) {
  const WordClasses::View cls = kClasses.Get();
  // Each token a count may start at (FindTokenMarks: a number, a word of
  // digits and a hyphen, a number word), from where the last count ended.
  // CountAt adds to doc->counts and doc->mentions, never to the tokens.
  const std::vector<uint32_t>& starts = marks.count_starts;
  uint32_t i = 0;
  for (size_t k = 0; k < starts.size(); ++k)
    if (starts[k] >= i) i = CountAt(doc, starts[k], cls, with_mentions);
}

const WordSet& CountStartWords() { return kWords; }

}  // namespace parley
