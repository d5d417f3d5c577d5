// Tests of src/io/json_writer.h: strings are written byte for byte as
// RapidJSON's own writer writes them (the output writer copies strings
// with nothing to escape whole, and escapes the others as RapidJSON does);
// dates as Date::ToString writes them.
#include "io/json_writer.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "document/utf8.h"
#include "parley/document.h"

namespace parley {
namespace {

std::string RapidJsonString(const std::string& s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return std::string(buf.GetString(), buf.GetSize());
}

TEST(JsonWriter, StringsAsRapidJsonWritesThem) {
  // Every byte, at every place of an eight-byte word and in the tail, in
  // strings of several lengths; and pairs of bytes that need escaping.
  int checked = 0;
  for (int b = 1; b < 256; ++b) {
    for (size_t len : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u, 12u, 15u, 16u, 17u, 23u, 31u, 32u, 33u}) {
      for (size_t at = 0; at < len; ++at) {
        std::string title(len, 'a');
        title[at] = static_cast<char>(b);
        if (b == 0xC3 && at + 1 < len) title[at + 1] = static_cast<char>(0xA7);  // a whole UTF-8 "ç"
        Document d;
        d.doc_id = "x";
        d.title = title;
        std::string line;
        WriteDocumentJson(d, &line);
        const std::string want = "\"title\":" + RapidJsonString(ToValidUtf8(title));
        ASSERT_NE(line.find(want), std::string::npos) << "byte " << b << " at " << at << " of " << len << ": " << line;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 50000);
  // A long text with every byte below 0x80 (runs between escapes copied
  // whole), as evidence and quotes are.
  std::string text;
  for (int round = 0; round < 3; ++round)
    for (int b = 1; b < 128; ++b) text += std::string(static_cast<size_t>(b % 5), 'x') + static_cast<char>(b);
  {
    Document d;
    d.doc_id = "x";
    d.title = text;
    std::string line;
    WriteDocumentJson(d, &line);
    EXPECT_NE(line.find("\"title\":" + RapidJsonString(text)), std::string::npos) << line;
  }
  Document d;
  d.doc_id = "q\"\\\n\t\x01/";
  std::string line;
  WriteDocumentJson(d, &line);
  EXPECT_NE(line.find("\"doc_id\":\"q\\\"\\\\\\n\\t\\u0001/\""), std::string::npos) << line;
}

TEST(JsonWriter, DatesAsToStringWritesThem) {
  for (Date date : {Date{2025, 5, 16}, Date{2025, 12, 0}, Date{2022, 0, 0}, Date{999, 1, 2}, Date{1, 0, 0},
                    Date{9999, 12, 31}, Date{10000, 1, 1}, Date{-44, 3, 15}}) {
    Document d;
    d.doc_id = "x";
    d.publish_date = date;
    std::string line;
    WriteDocumentJson(d, &line);
    EXPECT_NE(line.find("\"publish_date\":\"" + date.ToString() + "\""), std::string::npos) << line;
  }
}

std::string RapidJsonDouble(double v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.Double(v);
  return std::string(buf.GetString(), buf.GetSize());
}

// The output writer's numbers are RapidJSON's: doubles (goldstein scores,
// counts that are no whole number below 1e15) as its dtoa writes them,
// whole numbers in plain decimal.
TEST(JsonWriter, NumbersAsRapidJsonWritesThem) {
  const double values[] = {0.0, -0.0, 1.0, -2.0, 10.0, 3.4, -7.2, 0.1, 1e-7, 123456.789, 2.5e15, -1e300,
                           1.7976931348623157e308, 5e-324, 1.0 / 3.0, 1e15, 999999999999999.5};
  int checked = 0;
  for (double v : values) {
    Document d;
    d.doc_id = "x";
    Event ev;
    ev.goldstein = v;
    ev.quad_class = -3;
    d.events.push_back(ev);
    Count c;
    c.number = v;
    c.span = Span{4294967295u, 0};
    d.counts.push_back(c);
    std::string line;
    WriteDocumentJson(d, &line);
    EXPECT_NE(line.find("\"goldstein\":" + RapidJsonDouble(v) + ","), std::string::npos) << v << ": " << line;
    EXPECT_NE(line.find("\"quad_class\":-3,"), std::string::npos) << line;
    EXPECT_NE(line.find("\"span\":[4294967295,0]"), std::string::npos) << line;
    const bool whole = v == static_cast<double>(static_cast<int64_t>(v)) && v < 1e15 && v > -1e15;
    const std::string number = whole ? std::to_string(static_cast<int64_t>(v)) : RapidJsonDouble(v);
    EXPECT_NE(line.find("\"number\":" + number + ","), std::string::npos) << v << ": " << line;
    // Commas and colons as RapidJSON puts them: the line parses back.
    rapidjson::Document parsed;
    parsed.Parse(line.c_str());
    EXPECT_FALSE(parsed.HasParseError()) << line;
    ++checked;
  }
  EXPECT_EQ(checked, 17);
}

// Coordinates are written from their ten-thousandths, not through dtoa:
// every one of them (up to 200 degrees either way) as RapidJSON writes
// the rounded double, and values around and beyond them too.
TEST(JsonWriter, CoordinatesAsRapidJsonWritesThem) {
  auto expected = [](double v) {
    const double r = std::round(v * 1e4) / 1e4;
    return std::isfinite(r) ? RapidJsonDouble(r) : std::string("null");
  };
  auto written = [](double v) {
    char buf[32];
    return std::string(buf, WriteCoordinate(v, buf));
  };
  int mismatches = 0;
  for (int k = -2000100; k <= 2000100; ++k) {
    for (double v : {k / 1e4, (k + 0.3) / 1e4, (k - 0.5) / 1e4}) {
      if (written(v) != expected(v) && ++mismatches < 10) ADD_FAILURE() << v << ": " << written(v) << " vs " << expected(v);
    }
  }
  for (double v : {0.0, -0.0, -0.00004, 0.00004, 0.00005, -0.00005, 1e-300, 179.99996, -179.99996, 1e6, -1e300,
                   1.7976931348623157e308, std::numeric_limits<double>::infinity(),
                   -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()})
    EXPECT_EQ(written(v), expected(v)) << v;
  EXPECT_EQ(written(-0.00004), "-0.0");
  EXPECT_EQ(written(12.5), "12.5");
  EXPECT_EQ(written(100), "100.0");
  EXPECT_EQ(written(0.0001), "0.0001");
  EXPECT_EQ(mismatches, 0);
}

// Strings under sixteen bytes are copied as one sixteen-byte block from
// their storage: a string's own buffer, or an allocation it kept after it
// shrank. Every length, a byte to escape at each place, both storages; and
// the names of every entity type and event status, written as prebuilt
// blocks, as EntityTypeName and EventStatusName give them.
TEST(JsonWriter, ShortStringsAndNamesAsRapidJsonWritesThem) {
  for (bool shrunk : {false, true}) {
    for (size_t len = 0; len < 17; ++len) {
      for (size_t at = 0; at <= len; ++at) {
        std::string s;
        if (shrunk) {
          s.assign(64, 'z');
          s.resize(len, 'z');
          ASSERT_GE(s.capacity(), 16u);
        }
        s.assign(len, 'b');
        if (at < len) s[at] = '"';
        Document d;
        d.doc_id = "x";
        Entity e;
        e.id = s;
        e.name = s.empty() ? "n" : s;
        e.country = s;
        d.entities.push_back(e);
        std::string line;
        WriteDocumentJson(d, &line);
        const std::string want = "{\"id\":" + RapidJsonString(s) + ",\"name\":" + RapidJsonString(e.name) +
                                 ",\"type\":\"COUNTRY\",\"country\":" + (s.empty() ? "null" : RapidJsonString(s));
        ASSERT_NE(line.find(want), std::string::npos) << len << " " << at << " " << shrunk << ": " << line;
      }
    }
  }
  for (EntityType t : {EntityType::kPerson, EntityType::kOrg, EntityType::kCountry, EntityType::kLocation,
                       EntityType::kGroup}) {
    Document d;
    d.doc_id = "x";
    Entity e;
    e.id = "e1";
    e.name = "n";
    e.type = t;
    d.entities.push_back(e);
    std::string line;
    WriteDocumentJson(d, &line);
    EXPECT_NE(line.find(",\"name\":\"n\",\"type\":\"" + std::string(EntityTypeName(t)) + "\",\"country\":"),
              std::string::npos)
        << line;
  }
  for (EventStatus st : {EventStatus::kOccurred, EventStatus::kPlanned, EventStatus::kHypothetical,
                         EventStatus::kDenied}) {
    Document d("x y");
    d.doc_id = "x";
    Event ev;
    ev.id = "ev-1";
    ev.span = Span{0, 1};
    ev.status = st;
    ev.negated = true;
    d.events.push_back(ev);
    std::string line;
    WriteDocumentJson(d, &line);
    EXPECT_NE(line.find(",\"negated\":true,\"status\":\"" + std::string(EventStatusName(st)) + "\",\"date\":"),
              std::string::npos)
        << line;
  }
}

// Spans as std::to_string writes their offsets, for every offset up to
// 120,000 and the largest.
TEST(JsonWriter, SpansInPlainDecimal) {
  Document d;
  d.doc_id = "x";
  std::string want = "\"sentences\":[";
  for (uint32_t v = 0; v <= 120000; ++v) {
    d.sentences.push_back(Sentence{Span{v, v + 1}});
    want += (v ? ",[" : "[") + std::to_string(v) + "," + std::to_string(v + 1) + "]";
  }
  d.sentences.push_back(Sentence{Span{4294967294u, 4294967295u}});
  want += ",[4294967294,4294967295]],";
  std::string line;
  WriteDocumentJson(d, &line);
  EXPECT_NE(line.find(want), std::string::npos);
}

// The key names of a parsed object, in the order written.
std::vector<std::string> Keys(const rapidjson::Value& object) {
  std::vector<std::string> keys;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) keys.emplace_back(it->name.GetString());
  return keys;
}

// The writer writes the keys as literals with their punctuation: a
// Document with something in every list (a LOCATION entity and another,
// events with and without actors, place and repeated mentions, a quote, a
// count) and an empty one both parse back, with the contract's keys in the
// contract's order and the values written.
TEST(JsonWriter, EveryObjectParsesBackWithItsKeysInOrder) {
  Document d("Putin met Erdogan in Ankara. \"We agreed,\" he said. 300 people marched.");
  d.doc_id = "a1";
  d.publish_date = Date{2025, 5, 16};
  d.title = "Title";
  d.sentences = {Sentence{Span{0, 28}}, Sentence{Span{29, 51}}, Sentence{Span{52, 72}}};
  Entity person;
  person.id = "e1";
  person.name = "Vladimir Putin";
  person.type = EntityType::kPerson;
  person.country = "RUS";
  person.code = "RUSGOV";
  person.country_basis = "dictionary";
  person.mentions = {Span{0, 5}};
  Entity place;
  place.id = "e2";
  place.name = "Ankara";
  place.type = EntityType::kLocation;
  place.country = "TUR";
  place.lat = 39.91987;
  place.feature = "city";
  place.mentions = {Span{21, 27}, Span{21, 27}};
  d.entities = {person, place};
  Event met;
  met.id = "ev-1";
  met.span = Span{0, 17};
  met.source = Actor{"RUSGOV", "RUS", "GOV", 0, "Putin", Span{0, 5}};
  met.target = Actor{"TUR", "TUR", "", 7, "Erdogan", Span{10, 17}};
  met.cameo = "040";
  met.cameo_root = "04";
  met.quad_class = 1;
  met.goldstein = 1.0;
  met.plover = "CONSULT";
  met.date = Date{2025, 5, 16};
  met.date_basis = "publish_date";
  met.location = Location{"Ankara", "TUR", 39.9199, 32.8543, "city", "TR.68"};
  met.location_basis = "clause";
  met.quote = 0;
  met.rule = "data/verbs.tsv:1 meet";
  met.mentions = {Span{0, 17}, Span{0, 5}};
  Event bare;
  bare.id = "ev-2";
  bare.sentence = 2;
  bare.span = Span{56, 70};
  bare.cameo = "141";
  bare.cameo_root = "14";
  bare.quad_class = 3;
  bare.goldstein = -6.5;
  bare.negated = true;
  bare.status = EventStatus::kDenied;
  d.events = {met, bare};
  Quote q;
  q.id = "q1";
  q.speaker = "Vladimir Putin";
  q.speaker_entity = 0;
  q.text = "We agreed,";
  q.span = Span{30, 40};
  d.quotes = {q};
  Count c;
  c.number = 300;
  c.what = "people";
  c.span = Span{52, 62};
  d.counts = {c};

  std::string line = "previous line\n";  // appended to, never replaced
  WriteDocumentJson(d, &line);
  ASSERT_EQ(line.rfind("previous line\n{", 0), 0u);
  rapidjson::Document parsed;
  parsed.Parse(line.c_str() + 14);
  ASSERT_FALSE(parsed.HasParseError()) << line;
  using V = std::vector<std::string>;
  EXPECT_EQ(Keys(parsed), (V{"doc_id", "publish_date", "title", "url", "source", "error", "sentences", "entities",
                             "events", "quotes", "counts"}));
  EXPECT_EQ(parsed["sentences"].Size(), 3u);
  EXPECT_EQ(parsed["sentences"][2][1].GetUint(), 72u);
  const auto& entities = parsed["entities"];
  ASSERT_EQ(entities.Size(), 2u);
  EXPECT_EQ(Keys(entities[0]), (V{"id", "name", "type", "country", "role", "code", "country_basis", "mentions"}));
  EXPECT_EQ(Keys(entities[1]), (V{"id", "name", "type", "country", "role", "code", "country_basis", "lat", "lon",
                                  "feature", "mentions"}));
  EXPECT_DOUBLE_EQ(entities[1]["lat"].GetDouble(), 39.9199);
  EXPECT_TRUE(entities[1]["lon"].IsNull());
  EXPECT_EQ(entities[1]["mentions"].Size(), 2u);
  const auto& events = parsed["events"];
  ASSERT_EQ(events.Size(), 2u);
  const V event_keys{"id",     "sentence", "span",   "evidence",       "source",        "target",
                     "cameo",  "cameo_root", "quad_class", "goldstein", "plover",        "negated",
                     "status", "date",     "date_basis", "date_precision", "location", "location_basis",
                     "quote",  "rule"};
  V with_mentions = event_keys;
  with_mentions.push_back("mentions");
  EXPECT_EQ(Keys(events[0]), with_mentions);
  EXPECT_EQ(Keys(events[1]), event_keys);
  EXPECT_EQ(Keys(events[0]["source"]), (V{"code", "country", "role", "entity", "text"}));
  EXPECT_STREQ(events[0]["source"]["entity"].GetString(), "e1");
  EXPECT_TRUE(events[0]["target"]["entity"].IsNull());  // no such entity
  EXPECT_TRUE(events[0]["target"]["role"].IsNull());
  EXPECT_EQ(Keys(events[0]["location"]), (V{"name", "country", "lat", "lon", "feature", "admin1"}));
  EXPECT_STREQ(events[0]["evidence"].GetString(), "Putin met Erdogan");
  EXPECT_STREQ(events[0]["quote"].GetString(), "q1");
  EXPECT_STREQ(events[0]["date_precision"].GetString(), "day");
  EXPECT_TRUE(events[1]["source"].IsNull());
  EXPECT_TRUE(events[1]["location"].IsNull());
  EXPECT_TRUE(events[1]["date"].IsNull());
  EXPECT_TRUE(events[1]["negated"].GetBool());
  EXPECT_STREQ(events[1]["status"].GetString(), "denied");
  EXPECT_EQ(events[1]["sentence"].GetUint(), 2u);
  EXPECT_DOUBLE_EQ(events[1]["goldstein"].GetDouble(), -6.5);
  ASSERT_EQ(parsed["quotes"].Size(), 1u);
  EXPECT_EQ(Keys(parsed["quotes"][0]), (V{"id", "speaker", "speaker_entity", "speaker_code", "text", "span"}));
  EXPECT_STREQ(parsed["quotes"][0]["speaker_entity"].GetString(), "e1");
  ASSERT_EQ(parsed["counts"].Size(), 1u);
  EXPECT_EQ(Keys(parsed["counts"][0]), (V{"number", "what", "qualifier", "span"}));
  EXPECT_EQ(parsed["counts"][0]["number"].GetInt(), 300);

  // An empty Document: every list empty, every value null but the id.
  Document empty;
  empty.doc_id = "b";
  std::string line2;
  WriteDocumentJson(empty, &line2);
  EXPECT_EQ(line2,
            "{\"doc_id\":\"b\",\"publish_date\":null,\"title\":null,\"url\":null,\"source\":null,\"error\":null,"
            "\"sentences\":[],\"entities\":[],\"events\":[],\"quotes\":[],\"counts\":[]}");
}


// Each item is written into room asked for once, for the most its strings
// can take escaped (six bytes a byte) and its spans at ten digits: items
// whose every string needs escaping at every byte, with many spans of the
// largest offsets, in a buffer that starts small, are written in full and
// read back as they were.
TEST(JsonWriter, ItemsOfEscapedStringsAndLargeSpans) {
  std::string controls;
  for (int i = 0; i < 3000; ++i) controls += static_cast<char>(1 + i % 31);
  Document d(controls);
  d.doc_id = "x";
  for (int i = 0; i < 3; ++i) {
    Entity e;
    e.id = controls.substr(0, 40);
    e.name = controls;
    e.type = EntityType::kLocation;
    e.country = e.role = e.code = e.country_basis = e.feature = controls.substr(0, 500);
    e.lat = -179.99995;
    e.lon = 1e300;
    e.mentions.assign(200, Span{4294967290u, 4294967295u});
    d.entities.push_back(e);
  }
  Event ev;
  ev.id = controls.substr(0, 100);
  ev.sentence = 4294967295u;
  ev.span = Span{0, static_cast<uint32_t>(controls.size())};
  ev.source = Actor{controls, controls, controls, 0, controls, Span{0, 1}};
  ev.target = ev.source;
  ev.cameo = ev.cameo_root = ev.plover = ev.date_basis = ev.location_basis = ev.rule = controls;
  ev.goldstein = -1.7976931348623157e308;
  ev.date = Date{-2000000000, 12, 31};
  ev.location = Location{controls, controls, -1e-300, 123456.789, controls, controls};
  ev.quote = 0;
  ev.mentions.assign(300, Span{4294967295u, 4294967295u});
  d.events = {ev, ev};
  Quote q;
  q.id = q.speaker = q.speaker_code = q.text = controls;
  q.speaker_entity = 1;
  q.span = Span{4294967295u, 4294967295u};
  d.quotes = {q};
  Count c;
  c.number = -1.2345678901234567e-300;
  c.what = c.qualifier = controls;
  c.span = Span{4294967295u, 4294967295u};
  d.counts = {c, c};
  std::string line;
  WriteDocumentJson(d, &line);
  rapidjson::Document parsed;
  parsed.Parse(line.c_str());
  ASSERT_FALSE(parsed.HasParseError()) << line.size();
  EXPECT_EQ(std::string(parsed["entities"][2]["name"].GetString(), parsed["entities"][2]["name"].GetStringLength()),
            controls);
  EXPECT_EQ(parsed["entities"][2]["mentions"].Size(), 200u);
  EXPECT_EQ(parsed["events"][1]["mentions"][299][1].GetUint(), 4294967295u);
  EXPECT_EQ(std::string(parsed["events"][1]["rule"].GetString(), parsed["events"][1]["rule"].GetStringLength()),
            controls);
  EXPECT_EQ(std::string(parsed["events"][1]["evidence"].GetString(), parsed["events"][1]["evidence"].GetStringLength()),
            controls);
  EXPECT_EQ(std::string(parsed["quotes"][0]["speaker_entity"].GetString(),
                        parsed["quotes"][0]["speaker_entity"].GetStringLength()),
            controls.substr(0, 40));
  EXPECT_EQ(std::string(parsed["counts"][1]["qualifier"].GetString(), parsed["counts"][1]["qualifier"].GetStringLength()),
            controls);
}

}  // namespace
}  // namespace parley
