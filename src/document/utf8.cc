#include "document/utf8.h"

#include <utf8proc.h>

namespace parley {

std::string ToValidUtf8(std::string_view s) {
  std::string out;
  size_t pos = 0, copied = 0;
  while (pos < s.size()) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + pos),
                              static_cast<utf8proc_ssize_t>(s.size() - pos), &cp);
    if (n > 0) {
      pos += static_cast<size_t>(n);
      continue;
    }
    out.append(s.substr(copied, pos - copied));
    out += "\xEF\xBF\xBD";  // U+FFFD
    ++pos;
    // The continuation bytes of the broken sequence go with it.
    while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
    copied = pos;
  }
  if (copied == 0) return std::string(s);
  out.append(s.substr(copied));
  return out;
}

}  // namespace parley
