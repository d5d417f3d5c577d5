// utf8.h: ToValidUtf8 — making echoed bytes valid UTF-8. At the bottom with
// the Document so that every stage (io's reader and writer included) can use
// it without reaching into a later stage.
#ifndef PARLEY_DOCUMENT_UTF8_H_
#define PARLEY_DOCUMENT_UTF8_H_

#include <string>
#include <string_view>

namespace parley {

// `s` with every byte sequence that is not valid UTF-8 (a stray byte, an
// encoded surrogate such as a JSON "\udc00" decodes to) replaced by U+FFFD,
// so that metadata echoed to JSON output is always valid UTF-8. Returns `s`
// unchanged when it is valid.
std::string ToValidUtf8(std::string_view s);

// True if `s` is well-formed UTF-8 (no stray or truncated sequence, no
// overlong form, no encoded surrogate, nothing above U+10FFFF). ASCII runs
// are checked eight bytes at a time.
bool IsValidUtf8(std::string_view s);

}  // namespace parley

#endif  // PARLEY_DOCUMENT_UTF8_H_
