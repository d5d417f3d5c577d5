// report.h: Printable — the command line's messages with control bytes shown.
#ifndef PARLEY_CLI_REPORT_H_
#define PARLEY_CLI_REPORT_H_

#include <cstdio>
#include <string>
#include <string_view>

namespace parley {

// `msg` with each control byte (a NUL or other byte below 0x20, or 0x7f)
// written as \xNN, so that a doc_id or path holding one ("a\0b") cannot cut a
// stderr line short or break the terminal.
inline std::string Printable(std::string_view msg) {
  std::string line;
  line.reserve(msg.size());
  for (char c : msg) {
    unsigned char b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", b);
      line += buf;
    } else {
      line += c;
    }
  }
  return line;
}

}  // namespace parley

#endif  // PARLEY_CLI_REPORT_H_
