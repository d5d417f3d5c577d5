// Tested by tests/dates_test.cc. The method is in dates.h.
#include "extract/dates.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/word_classes.h"
#include "text/wordset.h"

namespace parley {

int64_t DaysFromCivil(int year, int month, int day) {
  // Shift the year to start in March so that the leap day is last.
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                                   // [0, 399]
  const int64_t mp = (month + 9) % 12;                                 // March = 0
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;                    // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return era * 146097 + doe - 719468;
}

Date CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  Date d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

int DayOfWeek(const Date& d) {
  // 1970-01-01 was a Thursday (3).
  int64_t w = (DaysFromCivil(d.year, d.month, d.day) + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

Date AddDays(const Date& d, int n) { return CivilFromDays(DaysFromCivil(d.year, d.month, d.day) + n); }

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[month - 1];
}

namespace {

Date Ymd(int y, int m, int d) { return Date{y, m, d}; }
Date MonthOnly(const Date& d) { return Date{d.year, d.month, 0}; }
Date AddMonths(const Date& d, int n) {
  int m = d.year * 12 + (d.month - 1) + n;
  return Date{m / 12, m % 12 + 1, 0};
}

// Month name or abbreviation ("nov." included) -> 1..12, else 0.
int MonthOf(std::string_view w, bool allow_abbrev) {
  static constexpr std::array<std::string_view, 12> kFull = {"january", "february", "march",     "april",   "may",      "june",
                                                    "july",    "august",   "september", "october", "november", "december"};
  static constexpr std::array<std::string_view, 12> kAbbr = {"jan", "feb", "mar", "apr", "may", "jun",
                                                    "jul", "aug", "sep", "oct", "nov", "dec"};
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  for (int i = 0; i < 12; ++i)
    if (w == kFull[i]) return i + 1;
  if (!allow_abbrev) return 0;
  for (int i = 0; i < 12; ++i)
    if (w == kAbbr[i]) return i + 1;
  if (w == "sept") return 9;
  return 0;
}

// "monday" -> 0 ... "sunday" -> 6, else -1.
int WeekdayOf(std::string_view w) {
  static constexpr std::array<std::string_view, 7> kDays = {"monday", "tuesday", "wednesday", "thursday",
                                                   "friday", "saturday", "sunday"};
  for (int i = 0; i < 7; ++i)
    if (w == kDays[i]) return i;
  return -1;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// "16", "16th", "1st" -> 16, 16, 1; else 0.
int DayNumber(std::string_view w) {
  size_t n = 0;
  while (n < w.size() && w[n] >= '0' && w[n] <= '9') ++n;
  if (n == 0 || n > 2) return 0;
  std::string_view rest = w.substr(n);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return 0;
  int d = ToInt(w.substr(0, n));
  return d >= 1 && d <= 31 ? d : 0;
}

int YearNumber(std::string_view w) {
  if (w.size() != 4 || !AllDigits(w)) return 0;
  int y = ToInt(w);
  return y >= 1800 && y <= 2100 ? y : 0;
}

// "three" -> 3, "a" -> 1, "12" -> 12; else 0.
int CountWord(std::string_view w) {
  static constexpr std::array<std::string_view, 13> kWords = {"zero", "one", "two",   "three",  "four",  "five",  "six",
                                                     "seven", "eight", "nine", "ten", "eleven", "twelve"};
  if (w == "a" || w == "an") return 1;
  for (int i = 1; i < 13; ++i)
    if (w == kWords[i]) return i;
  if (w == "fifteen") return 15;
  if (w == "twenty") return 20;
  if (w == "thirty") return 30;
  if (w == "forty") return 40;
  if (w == "fifty") return 50;
  if (AllDigits(w) && w.size() <= 3) return ToInt(w);
  return 0;
}

bool OneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// The letter words a date rule of DateFinder::TryAt may start at, by the
// one rule each may start, so that a word is tried by its rule alone:
// months (as MonthOf reads them after Bare: "jan", "jan.", "jan.."),
// weekdays, holidays, words of relative dates, and the counts of "N ...
// ago". Namespace scope, so that they are closed lists a numbered token
// answers by id.
constexpr std::string_view kMonthList[] = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january.", "february.", "march.", "april.", "may.", "june.", "july.", "august.", "september.", "october.",
    "november.", "december.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.",
    "nov.", "dec.", "january..", "february..", "march..", "april..", "may..", "june..", "july..", "august..",
    "september..", "october..", "november..", "december..", "jan..", "feb..", "mar..", "apr..", "jun..",
    "jul..", "aug..", "sep..", "sept..", "oct..", "nov..", "dec.."};
constexpr std::string_view kWeekdayList[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr std::string_view kHolidayList[] = {"new", "christmas", "boxing", "halloween", "bastille"};
constexpr std::string_view kRelativeList[] = {"yesterday", "today", "tonight", "tomorrow", "last", "this", "next", "earlier", "later"};
constexpr std::string_view kCountList[] = {"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                             "ten", "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty"};

// The lists given, one after another, to build a set of any of their words.
std::vector<std::string_view> Joined(std::initializer_list<std::span<const std::string_view>> lists) {
  std::vector<std::string_view> all;
  for (std::span<const std::string_view> l : lists) all.insert(all.end(), l.begin(), l.end());
  return all;
}
WordSet SetOf(std::initializer_list<std::span<const std::string_view>> lists) {
  const std::vector<std::string_view> all = Joined(lists);
  return WordSet(all.begin(), all.end());
}

const WordSet kMonthWords = SetOf({kMonthList});
const WordSet kWeekdayWords = SetOf({kWeekdayList});
const WordSet kHolidayWords = SetOf({kHolidayList});
const WordSet kRelativeWords = SetOf({kRelativeList});
const WordSet kCountWords = SetOf({kCountList});
// The five lists as bits of one byte per word: a word in any of them is
// one a rule may start at; in lower case only the relative dates and the
// counts of "N ... ago" may start one.
enum : uint8_t { kMonthBit = 1, kWeekdayBit = 2, kHolidayBit = 4, kRelativeBit = 8, kCountBit = 16 };
const WordClasses kStartClasses = {&kMonthWords, &kWeekdayWords, &kHolidayWords, &kRelativeWords, &kCountWords};

// The words the clause around a date is read for (DateFinder's
// FutureContext and PastContext), as bits of a second byte per word.
const WordSet kClauseStops = {";", ":", "that", "which", "who", "because", "but", "said", "says", "told", "added",
                              "announced", "reported", "\""};
const WordSet kPastAux = {"was", "were", "had", "did"};
const WordSet kFutureWords = {"will", "shall", "'ll", "wo", "upcoming", "tomorrow"};
const WordSet kPlanWords = {"expected", "due", "scheduled", "planned", "plans", "planning", "plan"};
const WordSet kPastWords = {"was", "were", "had", "did", "began", "took", "came", "met", "won", "fell", "held", "saw",
                            "left", "went", "fought", "broke", "shot", "struck", "stood", "told", "gave", "made", "ran",
                            "led", "sent", "spoke", "lost", "paid", "set", "hit", "put", "cut", "got", "rose", "drove"};
// "-ed" words that tell no past ("expected"), and the words before one
// that make it a passive or perfect in the present ("are imposed").
const WordSet kNotPastEd = {"expected", "scheduled", "planned", "proposed", "needed", "red", "united", "based"};
const WordSet kPresentBefore = {"is", "are", "be", "been", "being", "am", "'s", "'re", "will", "would", "to",
                                "get", "gets", "has", "have"};
enum : uint8_t {
  kStopBit = 1, kPastAuxBit = 2, kFutureBit = 4, kPlanBit = 8, kPastBit = 16, kNotPastEdBit = 32, kPresentBit = 64
};
const WordClasses kClauseClasses = {&kClauseStops, &kPastAux,   &kFutureWords,  &kPlanWords,
                                    &kPastWords,   &kNotPastEd, &kPresentBefore};

// Words read next to a month or a year, asked of the token (by its word
// id) rather than compared with each word of a list.
// Before a month alone: "in March", "until June".
const WordSet kMonthCues = {"in", "since", "until", "till", "by", "from", "through", "during", "early",
                            "late", "mid", "before", "after", "throughout", "between", "of"};
// Before a number that is no year: "$1990", "No. 2000", "flight 1549".
const WordSet kNotYearAfter = {"$", "no.", "no", "number", "flight", "route", "page", "room", "article", "resolution"};
// After a number that is no year: "2000 people", "1990 pct".
const WordSet kNotYearBefore = {"%", "pct", "people", "dlrs", "dollars", "euros", "tonnes", "tons", "troops",
                                "soldiers", "men", "women", "children", "miles", "km", "kilometres", "kilometers",
                                "metres", "meters", "feet", "votes", "barrels", "mln", "bln", "hours", "minutes",
                                "times", "-"};
// Before a year that a plural noun follows ("in 2000 protests"): still a year.
const WordSet kYearCues = {"in", "since", "after", "before", "by", "until", "the", "a", "an", "its", "their", "his", "her"};

enum class Dir { kPast, kFuture, kLast, kNext, kThis };

class DateFinder {
 public:
  // `wanted`, when given, marks the sentences to find dates in (one byte per
  // sentence); the others are passed over.
  explicit DateFinder(Document* doc, const std::vector<char>* wanted = nullptr)
      : doc_(doc), wanted_(wanted), tk_(doc->tokens), pub_(doc->publish_date) {
    has_pub_ = pub_.valid() && pub_.month >= 1 && pub_.month <= 12 && pub_.day >= 1 &&
               pub_.day <= DaysInMonth(pub_.year, pub_.month);
  }

  void Run() {
    // The view in a local, so that it stays in registers through the scan
    // (the mentions appended below could alias a member).
    const WordClasses::View classes = classes_;
    const Token* const tb = tk_.data();
    const uint32_t n = static_cast<uint32_t>(tk_.size());
    // One scan over the article's tokens (the sentences cover them in
    // order); a rule reads only its sentence, whose bounds are set at its
    // first candidate.
    uint32_t current = UINT32_MAX;  // the sentence sb_ and se_ bound
    for (uint32_t i = 0; i < n;) {
      // On to the next token that may start a rule, in a tight loop: a
      // superset of MayStart from the token's class byte, flags and first
      // byte. Nine tokens in ten are words in none of the lists, with no
      // hyphen, that open with no digit.
      i = static_cast<uint32_t>(NextMaybe(tb + i, tb + n, classes) - tb);
      if (i == n) break;
      const Token& t = tb[i];
      if (t.sentence != current || i < sb_ || i >= se_) {
        current = SentenceOf(i);
        if (current == UINT32_MAX) {  // in no sentence: no rule reads it
          ++i;
          continue;
        }
        const Sentence& sent = doc_->sentences[current];
        sb_ = sent.token_begin;
        se_ = std::min(sent.token_end, n);
        dateline_ = IsDateline(sent);
        if (wanted_ && !(current < wanted_->size() && (*wanted_)[current])) {
          // No rule reads past its sentence: on to the first token of the
          // next sentence asked for (sentences are in token order).
          uint32_t next = current + 1;
          while (next < wanted_->size() && !(*wanted_)[next]) ++next;
          i = next < doc_->sentences.size() ? std::max(se_, doc_->sentences[next].token_begin) : n;
          continue;
        }
      }
      uint8_t cls = classes.Of(t);
      // Punctuation and symbols are in no list: the class byte the rules
      // read for them is 0.
      if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kSymbol) cls = 0;
      // A word of kCountWords alone ("a", "three": one in six candidates)
      // can start only "N ... ago": TryAt is asked of it only then.
      if (!MayStart(t, cls) ||
          (cls == kCountBit && !t.has(kHyphenated) && !(i + 2 < se_ && tb[i + 2].lower == "ago"))) {
        ++i;
        continue;
      }
      Match m;
      if (TryAt(i, cls, &m)) {
        Mention& mention = doc_->mentions.emplace_back();
        mention.type = MentionType::kDate;
        mention.token_begin = m.begin;
        mention.token_end = m.end;
        mention.span = doc_->TokenSpan(m.begin, m.end);
        mention.date = m.date;
        mention.name = doc_->text(mention.span);
        mention.rule = dateline_ ? "date:dateline" : m.rule;
        i = m.end;
      } else {
        ++i;
      }
    }
  }

 private:
  // The first token in [p, end) that may start a rule by a superset of
  // MayStart: in a class, hyphenated, empty or opening with a digit. Nine
  // tokens in ten are none of these; out of line, with its few values in
  // registers, the scan costs a score of instructions a token.
  [[gnu::noinline]] static const Token* NextMaybe(const Token* p, const Token* end, const WordClasses::View& classes) {
    const uint8_t* const table = classes.table();
    const uint32_t span = classes.span();
    for (; p != end; ++p) {
      const uint32_t k = p->word - 1;
      if (k < span) [[likely]] {
        if (table[k]) break;
      } else if (p->word == kUnnumberedWord || !table) {
        break;  // the caller asks the lists by text
      }
      if (p->flags & kHyphenated) break;
      const std::string_view w = p->lower;
      if (w.empty() || static_cast<unsigned char>(w[0] - '0') <= 9) break;
    }
    return p;
  }

  // The sentence whose tokens hold token i: Token::sentence, as the
  // segmenter sets it, or else the one whose range holds i (sentences in
  // token order); UINT32_MAX when none does.
  uint32_t SentenceOf(uint32_t i) const {
    const auto& sents = doc_->sentences;
    const uint32_t s = tk_[i].sentence;
    if (s < sents.size() && sents[s].token_begin <= i && i < sents[s].token_end) return s;
    auto it = std::upper_bound(sents.begin(), sents.end(), i,
                               [](uint32_t tok, const Sentence& x) { return tok < x.token_begin; });
    if (it == sents.begin() || i >= std::prev(it)->token_end) return UINT32_MAX;
    return static_cast<uint32_t>(std::prev(it) - sents.begin());
  }

  struct Match {
    uint32_t begin = 0, end = 0;
    Date date;  // invalid when it cannot be resolved
    const char* rule = "";
  };

  std::string_view W(uint32_t i) const {
    if (i < sb_ || i >= se_) return {};
    return tk_[i].lower;
  }
  std::string_view Bare(uint32_t i) const {  // "nov." -> "nov"
    std::string_view w = W(i);
    if (!w.empty() && w.back() == '.' && w.size() > 1) w.remove_suffix(1);
    return w;
  }
  // The token's bits in kClauseClasses; 0 outside the sentence.
  uint8_t Clause(uint32_t i) const { return i >= sb_ && i < se_ ? clause_.Of(tk_[i]) : 0; }
  bool Cap(uint32_t i) const { return i >= sb_ && i < se_ && (tk_[i].has(kCapitalised) || tk_[i].has(kAllCaps)); }

  // A wire dateline sentence: "SALVADOR, Feb 26 -" (headline, ends in a dash).
  bool IsDateline(const Sentence& s) const {
    if (!s.headline || s.token_end <= s.token_begin + 2) return false;
    const Token& last = tk_[s.token_end - 1];
    return tk_[s.token_begin].has(kAllCaps) && last.kind == TokenKind::kPunct &&
           (std::string_view(last.norm) == "-" || std::string_view(last.norm) == "--");
  }

  // Words near the expression [b, e) that put it in the future. The window
  // is the clause around it: up to 8 tokens before and 6 after, cut at
  // reporting verbs and clause openers (so "said on Friday that X will"
  // stays past).
  bool FutureContext(uint32_t b, uint32_t e) const {
    if (dateline_) return false;
    auto stop = [&](uint32_t i) {
      return (Clause(i) & kStopBit) || tk_[i].has(kOpenQuote) || tk_[i].has(kCloseQuote);
    };
    uint32_t lo = b, hi = e;
    while (lo > sb_ && b - lo < 8 && !stop(lo - 1)) --lo;
    while (hi < se_ && hi - e < 6 && !stop(hi) && (W(hi) != "," || hi == e)) ++hi;  // "On Monday, X will
    bool past_aux = false;
    for (uint32_t i = lo; i < hi; ++i)
      if (Clause(i) & kPastAuxBit) past_aux = true;
    for (uint32_t i = lo; i < hi; ++i) {
      if (i >= b && i < e) continue;
      std::string_view w = W(i);
      const uint8_t c = Clause(i);
      if (c & kFutureBit) return true;
      if (w == "to" && W(i + 1) == "be" && !past_aux) return true;
      if (past_aux) continue;
      if (c & kPlanBit) return true;
      if (w == "set" && W(i + 1) == "to") return true;
      if (w == "going" && W(i + 1) == "to") return true;
    }
    return false;
  }

  Dir Sense(uint32_t b, uint32_t e) const { return FutureContext(b, e) ? Dir::kFuture : Dir::kPast; }

  // Past-tense words in the clause around [b, e): was, were, had, did, -ed.
  bool PastContext(uint32_t b, uint32_t e) const {
    uint32_t lo = b > sb_ + 8 ? b - 8 : sb_, hi = std::min(se_, e + 6);
    for (uint32_t i = lo; i < hi; ++i) {
      if (i >= b && i < e) continue;
      std::string_view w = W(i);
      const uint8_t c = Clause(i);
      if (c & kPastBit) return true;
      // "-ed", unless a passive or perfect in the present ("are imposed").
      if (w.size() > 4 && w.substr(w.size() - 2) == "ed" && !tk_[i].has(kCapitalised) && !(c & kNotPastEdBit) &&
          !(i > sb_ && (Clause(i - 1) & kPresentBit)))
        return true;
    }
    return false;
  }

  // A month and day without a year. CAVEAT: past by default, but a day at
  // most a month after the publish date in a clause with no past tense is
  // the coming one ("justice at the ballot box on 8 November", published 7
  // November).
  Date MonthDay(int month, int day, uint32_t b, uint32_t e) const {
    Dir dir = Sense(b, e);
    if (dir == Dir::kPast && has_pub_ && !dateline_) {
      Date next = ResolveMonthDay(month, day, Dir::kFuture);
      if (next.valid()) {
        int64_t ahead = DaysFromCivil(next.year, next.month, next.day) - DaysFromCivil(pub_.year, pub_.month, pub_.day);
        if (ahead > 0 && ahead <= 31 && !PastContext(b, e)) dir = Dir::kFuture;
      }
    }
    return ResolveMonthDay(month, day, dir);
  }

  Date ResolveWeekday(int wd, Dir dir) const {
    if (!has_pub_) return Date();
    int pw = DayOfWeek(pub_);
    switch (dir) {
      case Dir::kPast: return AddDays(pub_, -((pw - wd + 7) % 7));
      case Dir::kLast: { int d = (pw - wd + 7) % 7; return AddDays(pub_, -(d == 0 ? 7 : d)); }
      case Dir::kFuture:
      case Dir::kNext: { int d = (wd - pw + 7) % 7; return AddDays(pub_, d == 0 ? 7 : d); }
      case Dir::kThis: return AddDays(pub_, (wd - pw + 7) % 7);
    }
    return Date();
  }

  Date ResolveMonthDay(int month, int day, Dir dir) const {
    if (!has_pub_) return Date();
    int y = pub_.year;
    bool after = month > pub_.month || (month == pub_.month && day > pub_.day);
    bool before = month < pub_.month || (month == pub_.month && day < pub_.day);
    if ((dir == Dir::kPast || dir == Dir::kLast) && after) --y;
    if ((dir == Dir::kFuture || dir == Dir::kNext) && before) ++y;
    if (day > DaysInMonth(y, month)) return Date();
    return Ymd(y, month, day);
  }

  Date ResolveMonth(int month, Dir dir) const {
    if (!has_pub_) return Date();
    int y = pub_.year;
    switch (dir) {
      case Dir::kPast: if (month > pub_.month) --y; break;
      case Dir::kFuture: if (month < pub_.month) ++y; break;
      case Dir::kLast: if (month >= pub_.month) --y; break;
      case Dir::kNext: if (month <= pub_.month) ++y; break;
      case Dir::kThis: break;
    }
    return Date{y, month, 0};
  }

  bool Set(Match* m, uint32_t b, uint32_t e, Date d, const char* rule) const {
    m->begin = b;
    m->end = e;
    m->date = d;
    m->rule = rule;
    return true;
  }

  // A following ", 2025" or " 2025": the year and the token after it.
  bool YearAfter(uint32_t i, int* year, uint32_t* end) const {
    if (int y = YearNumber(W(i))) { *year = y; *end = i + 1; return true; }
    if (W(i) == "," && YearNumber(W(i + 1))) { *year = YearNumber(W(i + 1)); *end = i + 2; return true; }
    return false;
  }

  // "of last year", "last year", "this year", "of 2025": the year relative
  // to the publish date.
  bool RelativeYearAfter(uint32_t i, int* year, uint32_t* end) const {
    uint32_t j = W(i) == "of" ? i + 1 : i;
    if (j == i + 1 && YearNumber(W(j))) { *year = YearNumber(W(j)); *end = j + 1; return true; }
    if (!has_pub_ || W(j + 1) != "year") return false;
    if (W(j) == "last") *year = pub_.year - 1;
    else if (W(j) == "this") *year = pub_.year;
    else if (W(j) == "next") *year = pub_.year + 1;
    else return false;
    *end = j + 2;
    return true;
  }

  // Whether any rule of TryAt can start at token t (of the sentence): a
  // test of the token's kind, first byte, flags and word id, inlined in
  // Run's loop so that the nine tokens in ten that start no date cost no
  // call.
  // `cls`: the token's bits in kStartClasses.
  [[gnu::always_inline]] static bool MayStart(const Token& t, uint8_t cls) {
    if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kSymbol) return false;
    const std::string_view w = t.lower;
    const bool digit = !w.empty() && w[0] >= '0' && w[0] <= '9';
    if (t.has(kHyphenated)) return true;
    // A number starts a rule only at the sizes the rules read: a day
    // ("16", "16th"), a year, a count of "N ... ago" (at most 4 bytes) or
    // an ISO date (10); "1,500" or "12.5" starts none.
    if (digit) return w.size() <= 4 || w.size() == 10;
    // Every rule starts at a digit, a capital, a hyphenated word or a
    // lower-case relative date or count of "N ... ago"; a word that opens
    // with a letter and has no hyphen (nearly every capitalised word) can
    // only start a month, a weekday, a holiday, a relative date or a count
    // "N ... ago": one byte of the word's classes rejects nearly every
    // word.
    const bool cap = t.flags & (kCapitalised | kAllCaps);  // Cap(i): i is in the sentence
    if (w.empty()) return cap;
    return cls != 0 && (cap || (cls & (kRelativeBit | kCountBit)));
  }

  // `cls`: the token's bits in kStartClasses.
  bool TryAt(uint32_t i, uint8_t cls, Match* m) const {
    // REQUIRES: MayStart(i, cls) (Run asks it first).
    const Token& t = tk_[i];
    std::string_view w = W(i);

    // 2025-05-16
    if (w.size() == 10 && w[4] == '-' && w[7] == '-' && AllDigits(w.substr(0, 4)) && AllDigits(w.substr(5, 2)) &&
        AllDigits(w.substr(8, 2))) {
      int y = ToInt(w.substr(0, 4)), mo = ToInt(w.substr(5, 2)), d = ToInt(w.substr(8, 2));
      if (mo >= 1 && mo <= 12 && d >= 1 && d <= DaysInMonth(y, mo)) return Set(m, i, i + 1, Ymd(y, mo, d), "date:iso");
    }

    // Which rules may match: those of digits, or the one rule of a word
    // (see kMonthWords). Each rule below matches only where its test says
    // it may.
    const bool digit = !w.empty() && w[0] >= '0' && w[0] <= '9';

    // 16 May [2025]
    if (int d = digit ? DayNumber(w) : 0) {
      if (int mo = MonthOf(Bare(i + 1), true); mo && Cap(i + 1)) {
        int y;
        uint32_t end;
        if (YearAfter(i + 2, &y, &end)) {
          if (d > DaysInMonth(y, mo)) return false;
          return Set(m, i, end, Ymd(y, mo, d), "date:day-month-year");
        }
        return Set(m, i, i + 2, MonthDay(mo, d, i, i + 2), "date:day-month");
      }
    }

    // Months: "May 16[, 2025]", "May 2025", "May of last year", "in March".
    if (int mo = !digit && (cls & kMonthBit) ? MonthOf(Bare(i), true) : 0; mo && Cap(i)) {
      bool full = MonthOf(Bare(i), false) != 0;
      bool is_may = mo == 5 && full;
      if (int d = DayNumber(W(i + 1)); d && !(W(i + 2) == "%" || W(i + 2) == "pct")) {
        int y;
        uint32_t end;
        if (YearAfter(i + 2, &y, &end)) {
          if (d > DaysInMonth(y, mo)) return false;
          return Set(m, i, end, Ymd(y, mo, d), "date:month-day-year");
        }
        return Set(m, i, i + 2, MonthDay(mo, d, i, i + 2), "date:month-day");
      }
      int y;
      uint32_t end;
      if (YearNumber(W(i + 1))) return Set(m, i, i + 2, Date{YearNumber(W(i + 1)), mo, 0}, "date:month-year");
      if (RelativeYearAfter(i + 1, &y, &end)) return Set(m, i, end, Date{y, mo, 0}, "date:month-year");
      if (!full && !tk_[i].has(kAbbreviation)) return false;  // "Mar", "Jun" need a day or a year
      std::string_view prev = W(i - 1);
      if (i > sb_ && OneOf(prev, {"last", "next", "this"})) {
        Dir dir = prev == "last" ? Dir::kLast : prev == "next" ? Dir::kNext : Dir::kThis;
        return Set(m, i - 1, i + 1, ResolveMonth(mo, dir), "date:month");
      }
      bool cue = i > sb_ && kMonthCues.contains(tk_[i - 1]);
      if (!is_may && i > sb_ && OneOf(prev, {"and", "to", "or"})) cue = true;
      if (W(i + 1) == "'s" && !is_may) cue = true;
      if (cue) return Set(m, i, i + 1, ResolveMonth(mo, Sense(i, i + 1)), "date:month");
      return false;
    }
    // "mid-March", "early-2022"
    if (t.has(kHyphenated)) {
      size_t dash = w.find('-');
      std::string_view head = w.substr(0, dash), tail = w.substr(dash + 1);
      if (OneOf(head, {"mid", "early", "late", "end"})) {
        if (int mo = MonthOf(tail, false)) return Set(m, i, i + 1, ResolveMonth(mo, Sense(i, i + 1)), "date:month");
        if (int y = YearNumber(tail)) return Set(m, i, i + 1, Date{y, 0, 0}, "date:year");
      }
      // "2009-13", "2009-2013": the first year.
      if (int y = YearNumber(head); y && AllDigits(tail) && (tail.size() == 2 || tail.size() == 4))
        return Set(m, i, i + 1, Date{y, 0, 0}, "date:year");
    }

    // Weekdays: "Friday", "on Friday", "last Friday", "Friday's".
    if (int wd = !digit && (cls & kWeekdayBit) ? WeekdayOf(w) : -1; wd >= 0 && Cap(i)) {
      std::string_view prev = i > sb_ ? W(i - 1) : std::string_view();
      if (i > sb_ && Cap(i - 1) &&
          OneOf(prev, {"good", "black", "holy", "cyber", "ash", "easter", "maundy", "super", "bloody", "palm"}))
        return false;
      if (OneOf(prev, {"last", "past"})) return Set(m, i - 1, i + 1, ResolveWeekday(wd, Dir::kLast), "date:weekday");
      if (OneOf(prev, {"next", "coming"})) return Set(m, i - 1, i + 1, ResolveWeekday(wd, Dir::kNext), "date:weekday");
      if (prev == "this") {
        Dir dir = FutureContext(i - 1, i + 1) ? Dir::kThis : Dir::kPast;
        return Set(m, i - 1, i + 1, ResolveWeekday(wd, dir), "date:weekday");
      }
      return Set(m, i, i + 1, ResolveWeekday(wd, Sense(i, i + 1)), "date:weekday");
    }

    // Holidays with a fixed day.
    if (!digit && Cap(i) && (cls & kHolidayBit)) {
      if (w == "new" && W(i + 1) == "year" && W(i + 2) == "'s" && (W(i + 3) == "eve" || W(i + 3) == "day")) {
        bool eve = W(i + 3) == "eve";
        return Set(m, i, i + 4, eve ? ResolveMonthDay(12, 31, Sense(i, i + 4)) : ResolveMonthDay(1, 1, Sense(i, i + 4)),
                   "date:holiday");
      }
      if (w == "christmas") {
        if (W(i + 1) == "eve") return Set(m, i, i + 2, ResolveMonthDay(12, 24, Sense(i, i + 2)), "date:holiday");
        uint32_t end = W(i + 1) == "day" ? i + 2 : i + 1;
        if (end == i + 1 && Cap(i + 1)) return false;  // "Christmas Island"
        return Set(m, i, end, ResolveMonthDay(12, 25, Sense(i, end)), "date:holiday");
      }
      if (w == "boxing" && W(i + 1) == "day") return Set(m, i, i + 2, ResolveMonthDay(12, 26, Sense(i, i + 2)), "date:holiday");
      if (w == "halloween") return Set(m, i, i + 1, ResolveMonthDay(10, 31, Sense(i, i + 1)), "date:holiday");
      if (w == "bastille" && W(i + 1) == "day") return Set(m, i, i + 2, ResolveMonthDay(7, 14, Sense(i, i + 2)), "date:holiday");
    }

    // Relative dates: the rules of the words of kRelativeWords.
    if (!digit && (cls & kRelativeBit)) {
      // yesterday, today, tomorrow, tonight, last night, this morning.
      if (w == "yesterday") return Set(m, i, i + 1, has_pub_ ? AddDays(pub_, -1) : Date(), "date:relative");
      if (w == "today" || w == "tonight") return Set(m, i, i + 1, has_pub_ ? pub_ : Date(), "date:relative");
      if (w == "tomorrow") return Set(m, i, i + 1, has_pub_ ? AddDays(pub_, 1) : Date(), "date:relative");
      if (w == "last" && W(i + 1) == "night") return Set(m, i, i + 2, has_pub_ ? AddDays(pub_, -1) : Date(), "date:relative");
      if (w == "this" && OneOf(W(i + 1), {"morning", "afternoon", "evening"}))
        return Set(m, i, i + 2, has_pub_ ? pub_ : Date(), "date:relative");

      // last/this/next week|weekend|month|year, earlier/later this month.
      if (OneOf(w, {"last", "this", "next", "earlier", "later"})) {
        uint32_t j = i;
        if ((w == "earlier" || w == "later") && W(i + 1) == "this") j = i + 1;
        std::string_view mod = W(j), unit = W(j + 1);
        if (OneOf(mod, {"last", "this", "next"}) && OneOf(unit, {"week", "weekend", "month", "year"})) {
          if (mod == "last" && W(j + 2) == "of") return false;  // "the last week of"
          Date d;
          if (has_pub_) {
            int sign = mod == "last" ? -1 : mod == "next" ? 1 : 0;
            if (unit == "week") d = MonthOnly(AddDays(pub_, 7 * sign));
            else if (unit == "weekend") {
              int pw = DayOfWeek(pub_);
              // The Saturday before (last), of this week, or after (next).
              Date sat = AddDays(pub_, -((pw - 5 + 7) % 7));
              if (sign < 0 && (pw == 5 || pw == 6)) sat = AddDays(sat, -7);
              if (sign > 0) sat = AddDays(sat, 7);
              if (sign == 0 && pw < 5) sat = AddDays(sat, 7);
              d = MonthOnly(sat);
            } else if (unit == "month") d = AddMonths(pub_, sign);
            else d = Date{pub_.year + sign, 0, 0};
          }
          return Set(m, i, j + 2, d, "date:relative");
        }
      }
    }

    // N days|weeks|months|years ago.
    // ("ago" first: it is rarer than a count.)
    if (int n = W(i + 2) == "ago" && (digit || (cls & kCountBit)) ? CountWord(w) : 0) {
      std::string_view unit = W(i + 1);
      if (W(i + 2) == "ago" && n > 0) {
        Date d;
        bool ok = true;
        if (OneOf(unit, {"day", "days"})) d = has_pub_ ? AddDays(pub_, -n) : Date();
        else if (OneOf(unit, {"week", "weeks"})) d = has_pub_ ? MonthOnly(AddDays(pub_, -7 * n)) : Date();
        else if (OneOf(unit, {"month", "months"})) d = has_pub_ ? AddMonths(pub_, -n) : Date();
        else if (OneOf(unit, {"year", "years"})) d = has_pub_ ? Date{pub_.year - n, 0, 0} : Date();
        else if (OneOf(unit, {"decade", "decades"})) d = has_pub_ ? Date{pub_.year - 10 * n, 0, 0} : Date();
        else ok = false;
        if (ok) return Set(m, i, i + 3, d, "date:ago");
      }
    }

    // Years: "in 2022", "a 2011 report", "2016:".
    if (int y = digit ? YearNumber(w) : 0; y && t.kind == TokenKind::kNumber) {
      std::string_view next = W(i + 1);
      if (i > sb_ && (tk_[i - 1].kind == TokenKind::kSymbol || kNotYearAfter.contains(tk_[i - 1]))) return false;
      if (i + 1 < se_ && kNotYearBefore.contains(tk_[i + 1])) return false;
      // A plural noun after a bare number is a count ("2000 protesters").
      if (!next.empty() && tk_[i + 1].kind == TokenKind::kWord && !tk_[i + 1].has(kCapitalised) && next.size() > 3 &&
          next.back() == 's' && next != "was" && next != "has" && next != "is" &&
          !(i > sb_ && kYearCues.contains(tk_[i - 1])))
        return false;
      return Set(m, i, i + 1, Date{y, 0, 0}, "date:year");
    }
    return false;
  }

  Document* doc_;
  const std::vector<char>* wanted_;  // the sentences to read; null: all
  const WordClasses::View classes_ = kStartClasses.Get();
  const WordClasses::View clause_ = kClauseClasses.Get();
  const std::vector<Token>& tk_;
  Date pub_;
  bool has_pub_ = false;
  uint32_t sb_ = 0, se_ = 0;
  bool dateline_ = false;
};

}  // namespace

void RecogniseDates(Document* doc) { DateFinder(doc).Run(); }

void RecogniseDatesForEvents(Document* doc) {
  const auto& sents = doc->sentences;
  const auto& tk = doc->tokens;
  const size_t nsent = sents.size();
  if (nsent == 0 || tk.empty()) return;
  thread_local std::vector<char> wanted;  // kept between articles
  wanted.assign(nsent, 0);
  // A sentence s and the two before it (ResolveEventDates' own sentence and
  // the scene the paragraph set).
  auto want = [&](size_t s) {
    s = std::min(s, nsent - 1);
    for (size_t k = 0; k < 3 && k <= s; ++k) wanted[s - k] = 1;
  };
  for (const Event& ev : doc->events) {
    // Both ways ResolveEventDates may place the event: its sentence, or
    // the sentence of the token its span starts at (a superset is fine:
    // a sentence read needlessly adds mentions no event looks at).
    want(ev.sentence);
    auto it = std::lower_bound(tk.begin(), tk.end(), ev.span.begin,
                               [](const Token& t, uint32_t b) { return t.span.begin < b; });
    want(it == tk.end() ? tk.back().sentence : it->sentence);
  }
  // The news day: the opening, up to and including the third sentence of
  // running text.
  for (size_t s = 0, prose = 0; s < nsent && prose < 3; ++s) {
    wanted[s] = 1;
    if (!sents[s].headline) ++prose;
  }
  DateFinder(doc, &wanted).Run();
}

}  // namespace parley
