// Tests of src/io/json_writer.h: strings are written byte for byte as
// RapidJSON's own writer writes them (the output writer copies strings
// with nothing to escape whole, and escapes the others as RapidJSON does);
// dates as Date::ToString writes them.
#include "io/json_writer.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

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
    for (size_t len : {1u, 7u, 8u, 9u, 15u, 16u, 17u, 23u, 31u, 32u, 33u}) {
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
  EXPECT_GT(checked, 40000);
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

}  // namespace
}  // namespace parley
