// Tests of src/document/utf8.h: IsValidUtf8 against utf8proc's decoder
// (the reference for what is well-formed) on every sequence of one to four
// bytes built from the bytes that matter, alone and inside ASCII runs long
// enough to take the eight-byte path.
#include "document/utf8.h"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <string>
#include <vector>

namespace parley {
namespace {

// Well-formed by utf8proc: every sequence decodes, none is a surrogate.
bool ReferenceValid(const std::string& s) {
  size_t pos = 0;
  while (pos < s.size()) {
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + pos),
                              static_cast<utf8proc_ssize_t>(s.size() - pos), &cp);
    if (n <= 0) return false;
    pos += static_cast<size_t>(n);
  }
  return true;
}

TEST(Utf8Test, AgreesWithUtf8procOnShortSequences) {
  // Lead bytes of every class, boundaries of the second-byte ranges, and
  // ASCII; every ordered choice of up to four of them.
  const std::vector<unsigned char> bytes = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
                                            0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0,
                                            0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  const size_t k = bytes.size();
  int checked = 0;
  for (size_t len = 1; len <= 4; ++len) {
    size_t total = 1;
    for (size_t i = 0; i < len; ++i) total *= k;
    for (size_t code = 0; code < total; ++code) {
      std::string s;
      for (size_t i = 0, c = code; i < len; ++i, c /= k) s += static_cast<char>(bytes[c % k]);
      const bool want = ReferenceValid(s);
      ASSERT_EQ(IsValidUtf8(s), want) << "bytes of length " << len << ", case " << code;
      // The same inside ASCII on both sides (the eight-byte path, and a
      // sequence cut by the end of the string).
      const std::string padded = "0123456789" + s + "abcdefghi";
      ASSERT_EQ(IsValidUtf8(padded), want) << "padded, length " << len << ", case " << code;
      ASSERT_EQ(IsValidUtf8("01234567" + s), want);
      ++checked;
    }
  }
  EXPECT_GT(checked, 390000);
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII text that is longer than eight bytes"));
  EXPECT_FALSE(IsValidUtf8("truncated \xE2\x80"));
}

}  // namespace
}  // namespace parley
