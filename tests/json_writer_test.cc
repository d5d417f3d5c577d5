// Tests of src/io/json_writer.h: strings are written byte for byte as
// RapidJSON's own writer writes them (the output writer copies strings
// with nothing to escape whole, and leaves the others to RapidJSON).
#include "io/json_writer.h"

#include <gtest/gtest.h>
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
    for (size_t len : {1u, 7u, 8u, 9u, 16u, 23u}) {
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
  EXPECT_GT(checked, 10000);
  Document d;
  d.doc_id = "q\"\\\n\t\x01/";
  std::string line;
  WriteDocumentJson(d, &line);
  EXPECT_NE(line.find("\"doc_id\":\"q\\\"\\\\\\n\\t\\u0001/\""), std::string::npos) << line;
}

}  // namespace
}  // namespace parley
