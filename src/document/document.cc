#include "parley/document.h"

#include <cstdio>

#include "parley/status.h"

namespace parley {

const std::string& Status::message() const {
  static const std::string kEmpty;
  return rep_ ? rep_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  static const char* const kNames[] = {"OK",          "InvalidInput", "NotFound", "IOError",
                                       "Unavailable", "Unsupported",  "Corrupt"};
  return std::string(kNames[static_cast<int>(code())]) + ": " + message();
}

namespace {

// Empties `v`, keeping its storage unless it holds more than `keep` items.
template <typename T>
void ClearKeeping(std::vector<T>* v, size_t keep) {
  if (v->capacity() > keep) std::vector<T>().swap(*v);
  else v->clear();
}

}  // namespace

void Document::Reset() {
  // About 5.5 bytes of text per token: token_text holds 2.25 bytes per
  // byte of text, kept up to the same article size as the tokens.
  constexpr size_t kKeepTextBytes = kKeepTokens * 6 * 9 / 4;
  if (text_.capacity() > kKeepTextBytes) std::string().swap(text_);
  else text_.clear();
  text_checked_ = false;
  doc_id.clear();
  publish_date = Date();
  title.reset();
  url.reset();
  source.reset();
  error.clear();
  ClearKeeping(&tokens, kKeepTokens);
  // The tokeniser refills the buffer in place when this Document alone
  // holds it (SegmentDocument).
  if (token_text && (token_text.use_count() != 1 || token_text->capacity() > kKeepTextBytes)) token_text.reset();
  vocabulary = 0;
  ClearKeeping(&sentences, kKeepTokens / 8);
  ClearKeeping(&mentions, kKeepTokens / 4);
  ClearKeeping(&entities, kKeepTokens / 16);
  ClearKeeping(&quotes, kKeepTokens / 16);
  ClearKeeping(&counts, kKeepTokens / 16);
  ClearKeeping(&events, kKeepTokens / 16);
}

const char* EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kPerson: return "PERSON";
    case EntityType::kOrg: return "ORG";
    case EntityType::kCountry: return "COUNTRY";
    case EntityType::kLocation: return "LOCATION";
    case EntityType::kGroup: return "GROUP";
  }
  return "ORG";
}

const char* EventStatusName(EventStatus s) {
  switch (s) {
    case EventStatus::kOccurred: return "occurred";
    case EventStatus::kPlanned: return "planned";
    case EventStatus::kHypothetical: return "hypothetical";
    case EventStatus::kDenied: return "denied";
  }
  return "occurred";
}

std::string Date::ToString() const {
  char buf[16];
  if (!valid()) return "";
  if (month == 0) std::snprintf(buf, sizeof buf, "%04d", year);
  else if (day == 0) std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

static bool Digits(std::string_view s, size_t pos, size_t n, int* v) {
  if (pos + n > s.size()) return false;
  int r = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    r = r * 10 + (s[i] - '0');
  }
  *v = r;
  return true;
}

static int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

bool Date::Parse(std::string_view s, Date* out) {
  Date d;
  if (!Digits(s, 0, 4, &d.year) || d.year == 0) return false;
  if (s.size() == 4) { *out = d; return true; }
  if (s.size() < 7 || s[4] != '-' || !Digits(s, 5, 2, &d.month) || d.month < 1 || d.month > 12) return false;
  if (s.size() == 7) { *out = d; return true; }
  if (s.size() != 10 || s[7] != '-' || !Digits(s, 8, 2, &d.day) || d.day < 1 ||
      d.day > DaysInMonth(d.year, d.month))
    return false;
  *out = d;
  return true;
}

}  // namespace parley
