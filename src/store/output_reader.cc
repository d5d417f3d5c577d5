#include "store/output_reader.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <unordered_map>

namespace parley {
namespace {

using Value = rapidjson::Value;

class Reader {
 public:
  Status Fail(const std::string& where, const std::string& what) {
    return Status::InvalidInput(where + ": " + what);
  }
  // "events[2]" + "span" -> "events[2].span"; "" + "doc_id" -> "doc_id".
  static std::string Key(const std::string& where, const char* k) { return where.empty() ? k : where + "." + k; }

  // A string or null (-> "") under key k of object o; missing keys are null.
  Status OptString(const Value& o, const char* k, const std::string& where, std::string* out, bool* present = nullptr) {
    auto it = o.FindMember(k);
    if (present) *present = false;
    if (it == o.MemberEnd() || it->value.IsNull()) {
      out->clear();
      return Status::OK();
    }
    if (!it->value.IsString()) return Fail(Key(where, k), "expected a string or null");
    out->assign(it->value.GetString(), it->value.GetStringLength());
    if (present) *present = true;
    return Status::OK();
  }

  Status OptNumber(const Value& o, const char* k, const std::string& where, std::optional<double>* out) {
    auto it = o.FindMember(k);
    out->reset();
    if (it == o.MemberEnd() || it->value.IsNull()) return Status::OK();
    if (!it->value.IsNumber()) return Fail(Key(where, k), "expected a number or null");
    *out = it->value.GetDouble();
    return Status::OK();
  }

  Status ReadSpan(const Value& v, const std::string& where, Span* out) {
    if (!v.IsArray() || v.Size() != 2 || !v[0].IsUint() || !v[1].IsUint() || v[0].GetUint() > v[1].GetUint())
      return Fail(where, "expected [start, end] with 0 <= start <= end");
    if (v[1].GetUint() > span_limit)
      return Fail(where, has_text ? "past the end of the text (" + std::to_string(span_limit) + " bytes)"
                                  : "past " + std::to_string(span_limit) +
                                        " bytes, the most a line without its text may imply");
    out->begin = v[0].GetUint();
    out->end = v[1].GetUint();
    return Status::OK();
  }

  Status SpanKey(const Value& o, const char* k, const std::string& where, Span* out) {
    auto it = o.FindMember(k);
    if (it == o.MemberEnd()) return Fail(Key(where, k), "missing");
    return ReadSpan(it->value, Key(where, k), out);
  }

  // The array under key k, or null when the key is missing or null.
  Status Array(const Value& o, const char* k, const Value** out) {
    auto it = o.FindMember(k);
    *out = nullptr;
    if (it == o.MemberEnd() || it->value.IsNull()) return Status::OK();
    if (!it->value.IsArray()) return Fail(k, "expected an array");
    *out = &it->value;
    return Status::OK();
  }

  Status EntityRef(const Value& o, const char* k, const std::string& where, int* out) {
    std::string id;
    Status s = OptString(o, k, where, &id);
    if (!s.ok()) return s;
    *out = -1;
    if (id.empty()) return Status::OK();
    auto it = entity_index.find(id);
    if (it == entity_index.end()) return Fail(Key(where, k), "no entity with id \"" + id + "\"");
    *out = it->second;
    return Status::OK();
  }

  Status ReadActor(const Value& v, const std::string& where, std::optional<Actor>* out) {
    out->reset();
    if (v.IsNull()) return Status::OK();
    if (!v.IsObject()) return Fail(where, "expected an object or null");
    Actor a;
    Status s;
    if (s.ok()) s = OptString(v, "code", where, &a.code);
    if (s.ok()) s = OptString(v, "country", where, &a.country);
    if (s.ok()) s = OptString(v, "role", where, &a.role);
    if (s.ok()) s = OptString(v, "text", where, &a.text);
    if (s.ok()) s = EntityRef(v, "entity", where, &a.entity);
    if (s.ok() && v.HasMember("span")) s = SpanKey(v, "span", where, &a.span);
    if (!s.ok()) return s;
    *out = std::move(a);
    return Status::OK();
  }

  std::unordered_map<std::string, int> entity_index, quote_index;
  // Spans end at or before this: the text's size, or kMaxImpliedTextBytes.
  size_t span_limit = kMaxImpliedTextBytes;
  bool has_text = false;
};

bool EntityTypeFromName(std::string_view n, EntityType* t) {
  for (EntityType c : {EntityType::kPerson, EntityType::kOrg, EntityType::kCountry, EntityType::kLocation,
                       EntityType::kGroup}) {
    if (n == EntityTypeName(c)) {
      *t = c;
      return true;
    }
  }
  return false;
}

bool StatusFromName(std::string_view n, EventStatus* t) {
  for (EventStatus c : {EventStatus::kOccurred, EventStatus::kPlanned, EventStatus::kHypothetical,
                        EventStatus::kDenied}) {
    if (n == EventStatusName(c)) {
      *t = c;
      return true;
    }
  }
  return false;
}

}  // namespace

Status ReadOutputLine(std::string_view line, Document* out) {
  rapidjson::Document j;
  // Iterative: a deeply nested line cannot overflow the stack. No
  // kParseFullPrecisionFlag: its path is undefined behaviour on "0e94".
  j.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(line.data(), line.size());
  if (j.HasParseError())
    return Status::InvalidInput("column " + std::to_string(j.GetErrorOffset() + 1) + ": " +
                                rapidjson::GetParseError_En(j.GetParseError()));
  if (!j.IsObject()) return Status::InvalidInput("expected a JSON object");
  Reader r;
  Document d;
  Status s;
  std::string str;
  bool present = false;

  s = r.OptString(j, "doc_id", "", &d.doc_id, &present);
  if (!s.ok()) return s;
  if (!present || d.doc_id.empty()) return Status::InvalidInput("doc_id: missing or empty");
  if ((s = r.OptString(j, "publish_date", "", &str)).ok() && !str.empty() &&
      !Date::Parse(str, &d.publish_date))
    return Status::InvalidInput("publish_date: expected YYYY-MM-DD, YYYY-MM or YYYY, got \"" + str + "\"");
  if (!s.ok()) return s;
  for (auto [key, field] : {std::pair{"title", &d.title}, std::pair{"url", &d.url}, std::pair{"source", &d.source}}) {
    s = r.OptString(j, key, "", &str, &present);
    if (!s.ok()) return s;
    if (present) *field = str;
  }
  if (!(s = r.OptString(j, "error", "", &d.error)).ok()) return s;
  std::string text;
  bool has_text = false;
  if (!(s = r.OptString(j, "text", "", &text, &has_text)).ok()) return s;
  r.has_text = has_text;
  if (has_text) r.span_limit = text.size();

  const Value* arr = nullptr;
  if (!(s = r.Array(j, "sentences", &arr)).ok()) return s;
  if (arr) {
    for (rapidjson::SizeType i = 0; i < arr->Size(); ++i) {
      Sentence sent;
      if (!(s = r.ReadSpan((*arr)[i], "sentences[" + std::to_string(i) + "]", &sent.span)).ok()) return s;
      d.sentences.push_back(sent);
    }
  }

  if (!(s = r.Array(j, "entities", &arr)).ok()) return s;
  if (arr) {
    for (rapidjson::SizeType i = 0; i < arr->Size(); ++i) {
      const Value& v = (*arr)[i];
      std::string w = "entities[" + std::to_string(i) + "]";
      if (!v.IsObject()) return Status::InvalidInput(w + ": expected an object");
      Entity e;
      if (!(s = r.OptString(v, "id", w, &e.id)).ok()) return s;
      if (e.id.empty()) return Status::InvalidInput(w + ".id: missing or empty");
      if (!(s = r.OptString(v, "name", w, &e.name)).ok()) return s;
      if (!(s = r.OptString(v, "type", w, &str)).ok()) return s;
      if (!str.empty() && !EntityTypeFromName(str, &e.type))
        return Status::InvalidInput(w + ".type: unknown type \"" + str + "\"");
      if (!(s = r.OptString(v, "country", w, &e.country)).ok()) return s;
      if (!(s = r.OptString(v, "role", w, &e.role)).ok()) return s;
      if (!(s = r.OptString(v, "code", w, &e.code)).ok()) return s;
      if (!(s = r.OptString(v, "feature", w, &e.feature)).ok()) return s;
      if (!(s = r.OptString(v, "country_basis", w, &e.country_basis)).ok()) return s;
      if (!(s = r.OptNumber(v, "lat", w, &e.lat)).ok()) return s;
      if (!(s = r.OptNumber(v, "lon", w, &e.lon)).ok()) return s;
      const Value* m = nullptr;
      auto it = v.FindMember("mentions");
      if (it != v.MemberEnd() && !it->value.IsNull()) {
        if (!it->value.IsArray()) return Status::InvalidInput(w + ".mentions: expected an array");
        m = &it->value;
        for (rapidjson::SizeType k = 0; k < m->Size(); ++k) {
          Span sp;
          if (!(s = r.ReadSpan((*m)[k], w + ".mentions[" + std::to_string(k) + "]", &sp)).ok()) return s;
          e.mentions.push_back(sp);
        }
      }
      if (!r.entity_index.emplace(e.id, static_cast<int>(d.entities.size())).second)
        return Status::InvalidInput(w + ".id: duplicate entity id \"" + e.id + "\"");
      d.entities.push_back(std::move(e));
    }
  }

  if (!(s = r.Array(j, "quotes", &arr)).ok()) return s;
  if (arr) {
    for (rapidjson::SizeType i = 0; i < arr->Size(); ++i) {
      const Value& v = (*arr)[i];
      std::string w = "quotes[" + std::to_string(i) + "]";
      if (!v.IsObject()) return Status::InvalidInput(w + ": expected an object");
      Quote q;
      if (!(s = r.OptString(v, "id", w, &q.id)).ok()) return s;
      if (!(s = r.OptString(v, "speaker", w, &q.speaker)).ok()) return s;
      if (!(s = r.OptString(v, "speaker_code", w, &q.speaker_code)).ok()) return s;
      if (!(s = r.OptString(v, "text", w, &q.text)).ok()) return s;
      if (!(s = r.EntityRef(v, "speaker_entity", w, &q.speaker_entity)).ok()) return s;
      if (!(s = r.SpanKey(v, "span", w, &q.span)).ok()) return s;
      if (!q.id.empty() && !r.quote_index.emplace(q.id, static_cast<int>(d.quotes.size())).second)
        return Status::InvalidInput(w + ".id: duplicate quote id \"" + q.id + "\"");
      d.quotes.push_back(std::move(q));
    }
  }

  if (!(s = r.Array(j, "counts", &arr)).ok()) return s;
  if (arr) {
    for (rapidjson::SizeType i = 0; i < arr->Size(); ++i) {
      const Value& v = (*arr)[i];
      std::string w = "counts[" + std::to_string(i) + "]";
      if (!v.IsObject()) return Status::InvalidInput(w + ": expected an object");
      Count c;
      auto it = v.FindMember("number");
      if (it == v.MemberEnd() || !it->value.IsNumber()) return Status::InvalidInput(w + ".number: expected a number");
      c.number = it->value.GetDouble();
      if (!(s = r.OptString(v, "what", w, &c.what)).ok()) return s;
      if (!(s = r.OptString(v, "qualifier", w, &c.qualifier)).ok()) return s;
      if (!(s = r.SpanKey(v, "span", w, &c.span)).ok()) return s;
      d.counts.push_back(std::move(c));
    }
  }

  std::vector<std::string> evidence;
  std::vector<bool> has_evidence;
  if (!(s = r.Array(j, "events", &arr)).ok()) return s;
  if (arr) {
    for (rapidjson::SizeType i = 0; i < arr->Size(); ++i) {
      const Value& v = (*arr)[i];
      std::string w = "events[" + std::to_string(i) + "]";
      if (!v.IsObject()) return Status::InvalidInput(w + ": expected an object");
      Event e;
      if (!(s = r.OptString(v, "id", w, &e.id)).ok()) return s;
      auto it = v.FindMember("sentence");
      if (it != v.MemberEnd() && !it->value.IsNull()) {
        if (!it->value.IsUint()) return Status::InvalidInput(w + ".sentence: expected a non-negative integer");
        e.sentence = it->value.GetUint();
      }
      if (!(s = r.SpanKey(v, "span", w, &e.span)).ok()) return s;
      bool ev_present = false;
      std::string ev;
      if (!(s = r.OptString(v, "evidence", w, &ev, &ev_present)).ok()) return s;
      for (auto [key, field] : {std::pair{"source", &e.source}, std::pair{"target", &e.target}}) {
        auto a = v.FindMember(key);
        if (a == v.MemberEnd()) continue;
        if (!(s = r.ReadActor(a->value, w + "." + key, field)).ok()) return s;
      }
      if (!(s = r.OptString(v, "cameo", w, &e.cameo)).ok()) return s;
      if (e.cameo.empty()) return Status::InvalidInput(w + ".cameo: missing or empty");
      if (!(s = r.OptString(v, "cameo_root", w, &e.cameo_root)).ok()) return s;
      if (e.cameo_root.empty()) e.cameo_root = e.cameo.substr(0, 2);
      it = v.FindMember("quad_class");
      if (it != v.MemberEnd() && !it->value.IsNull()) {
        if (!it->value.IsInt()) return Status::InvalidInput(w + ".quad_class: expected an integer");
        e.quad_class = it->value.GetInt();
      }
      it = v.FindMember("goldstein");
      if (it != v.MemberEnd() && !it->value.IsNull()) {
        if (!it->value.IsNumber()) return Status::InvalidInput(w + ".goldstein: expected a number");
        e.goldstein = it->value.GetDouble();
      }
      if (!(s = r.OptString(v, "plover", w, &e.plover)).ok()) return s;
      it = v.FindMember("negated");
      if (it != v.MemberEnd() && !it->value.IsNull()) {
        if (!it->value.IsBool()) return Status::InvalidInput(w + ".negated: expected true or false");
        e.negated = it->value.GetBool();
      }
      if (!(s = r.OptString(v, "status", w, &str)).ok()) return s;
      if (!str.empty() && !StatusFromName(str, &e.status))
        return Status::InvalidInput(w + ".status: unknown status \"" + str + "\"");
      if (!(s = r.OptString(v, "date", w, &str)).ok()) return s;
      if (!str.empty() && !Date::Parse(str, &e.date))
        return Status::InvalidInput(w + ".date: expected YYYY-MM-DD, YYYY-MM or YYYY, got \"" + str + "\"");
      if (!(s = r.OptString(v, "date_basis", w, &e.date_basis)).ok()) return s;
      it = v.FindMember("location");
      if (it != v.MemberEnd() && !it->value.IsNull()) {
        const Value& l = it->value;
        std::string lw = w + ".location";
        if (!l.IsObject()) return Status::InvalidInput(lw + ": expected an object or null");
        Location loc;
        std::optional<double> lat, lon;
        if (!(s = r.OptString(l, "name", lw, &loc.name)).ok()) return s;
        if (!(s = r.OptString(l, "country", lw, &loc.country)).ok()) return s;
        if (!(s = r.OptString(l, "feature", lw, &loc.feature)).ok()) return s;
        if (!(s = r.OptString(l, "admin1", lw, &loc.admin1)).ok()) return s;
        if (!(s = r.OptNumber(l, "lat", lw, &lat)).ok()) return s;
        if (!(s = r.OptNumber(l, "lon", lw, &lon)).ok()) return s;
        loc.lat = lat.value_or(0);
        loc.lon = lon.value_or(0);
        e.location = std::move(loc);
        if (!(s = r.OptString(v, "location_basis", w, &e.location_basis)).ok()) return s;
      }
      if (!(s = r.OptString(v, "quote", w, &str)).ok()) return s;
      if (!str.empty()) {
        auto q = r.quote_index.find(str);
        if (q == r.quote_index.end()) return Status::InvalidInput(w + ".quote: no quote with id \"" + str + "\"");
        e.quote = q->second;
      }
      if (!(s = r.OptString(v, "rule", w, &e.rule)).ok()) return s;
      it = v.FindMember("confidence");
      if (it != v.MemberEnd() && !it->value.IsNull()) {
        if (!it->value.IsNumber()) return Status::InvalidInput(w + ".confidence: expected a number");
        e.confidence = it->value.GetDouble();
      }
      if (ev_present && ev.size() != e.span.size())
        return Status::InvalidInput(w + ".evidence: " + std::to_string(ev.size()) + " bytes, but the span holds " +
                                    std::to_string(e.span.size()));
      evidence.push_back(std::move(ev));
      has_evidence.push_back(ev_present);
      d.events.push_back(std::move(e));
    }
  }

  if (!has_text) {
    // Rebuild a text in which every span reads what the line says it reads.
    size_t size = 0;
    auto grow = [&](const Span& sp) { size = std::max<size_t>(size, sp.end); };
    for (auto& x : d.sentences) grow(x.span);
    for (auto& x : d.entities)
      for (auto& m : x.mentions) grow(m);
    for (auto& x : d.events) grow(x.span);
    for (auto& x : d.quotes) grow(x.span);
    for (auto& x : d.counts) grow(x.span);
    text.assign(size, '\0');
    for (auto& q : d.quotes)
      if (q.text.size() == q.span.size()) text.replace(q.span.begin, q.span.size(), q.text);
    for (size_t i = 0; i < d.events.size(); ++i)
      if (has_evidence[i]) text.replace(d.events[i].span.begin, d.events[i].span.size(), evidence[i]);
  }
  for (size_t i = 0; i < d.events.size(); ++i) {
    const Span& sp = d.events[i].span;
    std::string w = "events[" + std::to_string(i) + "]";
    if (sp.end > text.size())
      return Status::InvalidInput(w + ".span: past the end of the text (" + std::to_string(text.size()) + " bytes)");
    if (has_evidence[i] && std::string_view(text).substr(sp.begin, sp.size()) != evidence[i])
      return Status::InvalidInput(w + ".evidence: does not match the text at its span");
  }
  d.set_text(std::move(text));
  *out = std::move(d);
  return Status::OK();
}

}  // namespace parley
