#include "io/json_writer.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "document/utf8.h"

namespace parley {
namespace {

// RapidJSON's writer with a quicker way for strings and keys: one with no
// byte to escape ('"', '\\' or a control byte; other bytes, UTF-8
// included, are written as they are), which is nearly every one, is copied
// whole between its quotes instead of byte by byte through the escape
// table. The same bytes as RapidJSON writes; others go through RapidJSON.
class Writer : public rapidjson::Writer<rapidjson::StringBuffer> {
 public:
  using Base = rapidjson::Writer<rapidjson::StringBuffer>;
  using Base::Base;

  bool String(const char* s, rapidjson::SizeType n, bool copy = false) {
    if (NeedsEscape(s, n)) return Base::String(s, n, copy);
    Prefix(rapidjson::kStringType);
    char* out = os_->Push(n + 2);
    out[0] = '"';
    if (n > 0) std::memcpy(out + 1, s, n);
    out[n + 1] = '"';
    return EndValue(true);
  }
  bool String(const char* s) { return String(s, static_cast<rapidjson::SizeType>(std::strlen(s))); }
  // As RapidJSON's Key: a string in the key's place.
  bool Key(const char* s) { return String(s); }

 private:
  static bool NeedsEscape(const char* s, size_t n) {
    for (; n >= 8; s += 8, n -= 8) {
      uint64_t w;
      std::memcpy(&w, s, 8);
      constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
      const uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
      const uint64_t special = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | (w - kOnes * 0x20);
      if ((special & ~w & kHigh) != 0) return true;
    }
    for (; n > 0; ++s, --n) {
      const unsigned char c = static_cast<unsigned char>(*s);
      if (c < 0x20 || c == '"' || c == '\\') return true;
    }
    return false;
  }
};

void Str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
// Metadata echoed from the input (ids, titles, file names in messages) may
// hold bytes that are not UTF-8; the output is always valid UTF-8.
void Echo(Writer& w, std::string_view s) {
  std::string valid = ToValidUtf8(s);
  Str(w, valid);
}
void OptEcho(Writer& w, const std::optional<std::string>& s) {
  if (s) Echo(w, *s);
  else w.Null();
}
void StrOrNull(Writer& w, const std::string& s) {
  if (s.empty()) w.Null();
  else Str(w, s);
}
// JSON has no infinity or NaN: such a value is written as null (RapidJSON
// would write nothing at all, leaving `"key":,`).
void Double(Writer& w, double v) {
  if (std::isfinite(v)) w.Double(v);
  else w.Null();
}
void SpanJson(Writer& w, const Span& s) {
  w.StartArray();
  w.Uint(s.begin);
  w.Uint(s.end);
  w.EndArray();
}
void Num(Writer& w, double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) w.Int64(static_cast<int64_t>(v));
  else Double(w, v);
}
void Coord(Writer& w, double v) { Double(w, std::round(v * 1e4) / 1e4); }

void ActorJson(Writer& w, const std::optional<Actor>& a, const Document& doc) {
  if (!a) {
    w.Null();
    return;
  }
  w.StartObject();
  w.Key("code"); StrOrNull(w, a->code);
  w.Key("country"); StrOrNull(w, a->country);
  w.Key("role"); StrOrNull(w, a->role);
  w.Key("entity");
  if (a->entity >= 0 && a->entity < static_cast<int>(doc.entities.size())) Str(w, doc.entities[a->entity].id);
  else w.Null();
  w.Key("text"); Str(w, a->text);
  w.EndObject();
}

}  // namespace

void WriteDocumentJson(const Document& doc, std::string* out) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  w.Key("doc_id"); Echo(w, doc.doc_id);
  w.Key("publish_date");
  if (doc.publish_date.valid()) Str(w, doc.publish_date.ToString());
  else w.Null();
  w.Key("title"); OptEcho(w, doc.title);
  w.Key("url"); OptEcho(w, doc.url);
  w.Key("source"); OptEcho(w, doc.source);
  w.Key("error");
  if (doc.error.empty()) w.Null();
  else Echo(w, doc.error);

  w.Key("sentences");
  w.StartArray();
  for (auto& s : doc.sentences) SpanJson(w, s.span);
  w.EndArray();

  w.Key("entities");
  w.StartArray();
  for (auto& e : doc.entities) {
    w.StartObject();
    w.Key("id"); Str(w, e.id);
    w.Key("name"); Str(w, e.name);
    w.Key("type"); w.String(EntityTypeName(e.type));
    w.Key("country"); StrOrNull(w, e.country);
    w.Key("role"); StrOrNull(w, e.role);
    w.Key("code"); StrOrNull(w, e.code);
    w.Key("country_basis"); StrOrNull(w, e.country_basis);
    if (e.type == EntityType::kLocation) {
      w.Key("lat"); if (e.lat) Coord(w, *e.lat); else w.Null();
      w.Key("lon"); if (e.lon) Coord(w, *e.lon); else w.Null();
      w.Key("feature"); StrOrNull(w, e.feature);
    }
    w.Key("mentions");
    w.StartArray();
    for (auto& m : e.mentions) SpanJson(w, m);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();

  w.Key("events");
  w.StartArray();
  for (auto& ev : doc.events) {
    w.StartObject();
    w.Key("id"); Str(w, ev.id);
    w.Key("sentence"); w.Uint(ev.sentence);
    w.Key("span"); SpanJson(w, ev.span);
    w.Key("evidence"); Str(w, doc.text(ev.span));
    w.Key("source"); ActorJson(w, ev.source, doc);
    w.Key("target"); ActorJson(w, ev.target, doc);
    w.Key("cameo"); Str(w, ev.cameo);
    w.Key("cameo_root"); Str(w, ev.cameo_root);
    w.Key("quad_class"); w.Int(ev.quad_class);
    w.Key("goldstein"); Double(w, ev.goldstein);
    w.Key("plover"); StrOrNull(w, ev.plover);
    w.Key("negated"); w.Bool(ev.negated);
    w.Key("status"); w.String(EventStatusName(ev.status));
    w.Key("date");
    if (ev.date.valid()) Str(w, ev.date.ToString());
    else w.Null();
    w.Key("date_basis");
    if (ev.date.valid() && !ev.date_basis.empty()) Str(w, ev.date_basis);
    else w.Null();
    w.Key("date_precision");
    if (ev.date.valid()) w.String(ev.date.Precision());
    else w.Null();
    w.Key("location");
    if (ev.location) {
      w.StartObject();
      w.Key("name"); Str(w, ev.location->name);
      w.Key("country"); StrOrNull(w, ev.location->country);
      w.Key("lat"); Coord(w, ev.location->lat);
      w.Key("lon"); Coord(w, ev.location->lon);
      w.Key("feature"); StrOrNull(w, ev.location->feature);
      w.Key("admin1"); StrOrNull(w, ev.location->admin1);
      w.EndObject();
    } else {
      w.Null();
    }
    w.Key("location_basis");
    if (ev.location && !ev.location_basis.empty()) Str(w, ev.location_basis);
    else w.Null();
    w.Key("quote");
    if (ev.quote >= 0 && ev.quote < static_cast<int>(doc.quotes.size())) Str(w, doc.quotes[ev.quote].id);
    else w.Null();
    w.Key("rule"); Str(w, ev.rule);
    if (!ev.mentions.empty()) {
      w.Key("mentions");
      w.StartArray();
      for (const Span& m : ev.mentions) SpanJson(w, m);
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();

  w.Key("quotes");
  w.StartArray();
  for (auto& q : doc.quotes) {
    w.StartObject();
    w.Key("id"); Str(w, q.id);
    w.Key("speaker"); StrOrNull(w, q.speaker);
    w.Key("speaker_entity");
    if (q.speaker_entity >= 0 && q.speaker_entity < static_cast<int>(doc.entities.size()))
      Str(w, doc.entities[q.speaker_entity].id);
    else w.Null();
    w.Key("speaker_code"); StrOrNull(w, q.speaker_code);
    w.Key("text"); Str(w, q.text);
    w.Key("span"); SpanJson(w, q.span);
    w.EndObject();
  }
  w.EndArray();

  w.Key("counts");
  w.StartArray();
  for (auto& c : doc.counts) {
    w.StartObject();
    w.Key("number"); Num(w, c.number);
    w.Key("what"); StrOrNull(w, c.what);
    w.Key("qualifier"); StrOrNull(w, c.qualifier);
    w.Key("span"); SpanJson(w, c.span);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out->append(buf.GetString(), buf.GetSize());
}

}  // namespace parley
