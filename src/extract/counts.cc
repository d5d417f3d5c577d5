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

#include "text/wordset.h"

namespace parley {
namespace {

const WordMap<double> kWords = {
    {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9},
    {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15},
    {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30},
    {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80}, {"ninety", 90},
    {"hundred", 100}, {"thousand", 1000}, {"dozen", 12}, {"dozens", 24}, {"hundreds", 200}, {"thousands", 2000}};
const WordMap<double> kScales = {
    {"hundred", 1e2}, {"thousand", 1e3}, {"million", 1e6}, {"mln", 1e6}, {"billion", 1e9}, {"bln", 1e9},
    {"trillion", 1e12}, {"dozen", 12}, {"m", 1e6}, {"bn", 1e9}};
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

// The digits of `s` (commas skipped) as a number; false when `s` holds a
// byte other than a digit, ',' or '.', or no digit or '.' at all.
bool ParseDigits(std::string_view s, double* v) {
  // Whole numbers of at most 15 digits are exact in a double: the same
  // value as strtod's, without its cost and without copying the digits.
  uint64_t x = 0;
  size_t digits = 0;
  bool dot = false;
  for (char c : s) {
    if (c == ',') continue;
    if (c == '.') dot = true;
    else if (c >= '0' && c <= '9') x = x * 10 + static_cast<uint64_t>(c - '0');
    else return false;
    ++digits;
  }
  if (digits == 0) return false;
  if (digits <= 15 && !dot) {
    *v = static_cast<double>(x);
    return true;
  }
  std::string d;
  d.reserve(digits);
  for (char c : s)
    if (c != ',') d += c;
  *v = std::strtod(d.c_str(), nullptr);
  return true;
}

}  // namespace

void ExtractCounts(Document* doc) {
  const auto& tk = doc->tokens;
  const uint32_t n = static_cast<uint32_t>(tk.size());
  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = tk[i];
    double value = 0;
    uint32_t b = i, e = i + 1;
    std::string what;
    bool hyphen_unit = false;
    if (t.kind == TokenKind::kNumber) {
      if (!ParseDigits(t.norm, &value)) continue;
      bool year_like = t.norm.size() == 4 && value >= 1900 && value <= 2100 && t.norm.find(',') == std::string::npos;
      bool after_month = i > 0 && kMonths.count(tk[i - 1]);
      bool before_month = i + 1 < n && kMonths.count(tk[i + 1]);
      bool clock =
          i + 1 < n && (std::string_view(tk[i + 1].lower) == "a.m." || std::string_view(tk[i + 1].lower) == "p.m." ||
                        std::string_view(tk[i + 1].norm) == ":");
      if (year_like || after_month || before_month || clock) continue;
      if (i > 0 && (std::string_view(tk[i - 1].norm) == "#" || std::string_view(tk[i - 1].lower) == "no." ||
                    std::string_view(tk[i - 1].lower) == "number"))
        continue;
    } else if (t.kind == TokenKind::kWord && t.has(kHyphenated) && t.norm[0] >= '0' && t.norm[0] <= '9') {
      // "90-minute", "15-year-old"
      size_t dash = t.norm.find('-');
      if (!ParseDigits(t.norm.substr(0, dash), &value)) continue;
      what = t.norm.substr(dash + 1);
      hyphen_unit = true;
    } else if (const double* wv = t.kind == TokenKind::kWord ? kWords.Find(t) : nullptr) {
      value = *wv;
      // "twenty-five" is one hyphenated token and not in the table; fine.
      // "hundred" alone ("a hundred") counts; scale below handles "two hundred".
    } else {
      continue;
    }
    // Scale words: "3.5 million", "two dozen", "five hundred".
    while (e < n && !hyphen_unit) {
      const double* scale = kScales.Find(tk[e]);
      if (!scale) break;
      value *= *scale;
      ++e;
    }
    if (e < n && kUnits.count(tk[e])) continue;  // percentages are not counts
    // A number beyond the largest double ("1" and 309 zeros, "a million
    // million ..." repeated) is no count anyone can use, and JSON cannot
    // hold an infinity.
    if (!std::isfinite(value)) continue;
    // Currency before: "$121 billion", "121 billion dlrs".
    if (b > 0 && tk[b - 1].kind == TokenKind::kSymbol) b -= 1;
    // Qualifier before.
    std::string qualifier;
    if (b >= 2 && std::string_view(tk[b - 2].lower) == "at" &&
        (std::string_view(tk[b - 1].lower) == "least" || std::string_view(tk[b - 1].lower) == "most")) {
      qualifier = "at " + std::string(tk[b - 1].lower);
    } else if (b >= 2 && (std::string_view(tk[b - 1].lower) == "than") &&
               (std::string_view(tk[b - 2].lower) == "more" || std::string_view(tk[b - 2].lower) == "fewer" ||
                std::string_view(tk[b - 2].lower) == "less")) {
      qualifier = std::string(tk[b - 2].lower) + " than";
    } else if (b >= 1) {
      static const WordSet kBefore = {"about", "around", "some", "nearly", "almost",
                                                              "over", "approximately", "roughly", "estimated",
                                                              "up", "under", "only", "exactly"};
      if (kBefore.count(tk[b - 1])) qualifier = tk[b - 1].lower;
    }
    // What is counted: up to three following words.
    uint32_t w = e;
    if (!hyphen_unit) {
      while (w < n && w < e + 3 && tk[w].kind == TokenKind::kWord && !kStop.count(tk[w]) &&
             !kWords.count(tk[w]) && std::string_view(tk[w].lower) != "'s") {
        if (!what.empty()) what += ' ';
        what += tk[w].norm;
        ++w;
      }
    }
    if (!hyphen_unit && what.empty() && value < 10 && t.kind != TokenKind::kNumber) continue;  // "two" alone
    uint32_t span_end = w > e ? w : e;
    if (span_end < n && std::string_view(tk[span_end].lower) == "each") {
      qualifier = "each";
      ++span_end;
    }
    Count c;
    c.number = value;
    c.what = std::move(what);
    c.qualifier = std::move(qualifier);
    c.span = doc->TokenSpan(b, span_end);
    doc->counts.push_back(std::move(c));
    Mention m;
    m.type = MentionType::kNumber;
    m.token_begin = b;
    m.token_end = span_end;
    m.span = doc->counts.back().span;
    m.number = value;
    doc->mentions.push_back(std::move(m));
    i = e - 1;
  }
}

}  // namespace parley
