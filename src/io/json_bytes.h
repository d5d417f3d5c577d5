// The bytes a JSON string cannot hold as they are: '"', '\\' and the
// control bytes below 0x20. The reader looks for them to find a string's
// end or an escape; the writer, to know what it must escape. Bytes of 0x80
// and above (UTF-8) are not among them.
#ifndef PARLEY_IO_JSON_BYTES_H_
#define PARLEY_IO_JSON_BYTES_H_

#if defined(__SSE2__)
#include <emmintrin.h>

namespace parley {

// 0xFF in each of the sixteen lanes of `v` that holds such a byte, 0
// elsewhere. The unsigned minimum of a byte and 0x1F is the byte itself
// only for a control byte.
inline __m128i JsonSpecialBytes(__m128i v) {
  return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                      _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v));
}

// The same lanes and those of bytes of 0x80 and above, as the reader looks
// for them (a run of such bytes is checked as UTF-8): as signed bytes, the
// bytes below 0x20 and those of 0x80 and above are exactly the ones less
// than 0x20, so one compare finds both.
inline __m128i JsonSpecialOrHighBytes(__m128i v) {
  return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                      _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
}

}  // namespace parley

#endif  // __SSE2__
#endif  // PARLEY_IO_JSON_BYTES_H_
