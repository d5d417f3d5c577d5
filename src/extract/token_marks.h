// The few tokens that TrackEntities, ExtractQuotes and ExtractCounts start
// from, found in one pass over an article's tokens instead of one pass per
// stage (issue 12, item 14): most tokens are none of them, and a token is
// 56 bytes, so each pass over all of them costs instructions and cache
// misses for nothing.
//
// Tested through the stages that use it (tests/entities_counts_fast_test.cc,
// tests/quotes_test.cc, tests/quotes_counts_test.cc).
#ifndef PARLEY_EXTRACT_TOKEN_MARKS_H_
#define PARLEY_EXTRACT_TOKEN_MARKS_H_

#include <cstdint>
#include <vector>

#include "parley/document.h"
#include "text/wordset.h"

namespace parley {

// The pronouns TrackEntities links to a person named before, and their
// hashes (a token whose hash is neither word's is neither word, without a
// lookup). One list for both readers: FindTokenMarks keeps these tokens as
// marks, and TrackEntities tests the marks against it.
extern const WordSet kHeShe;
extern const uint32_t kHeHash, kSheHash;

struct TokenMarks {
  // In token order, each a superset of what its stage looks for (the stage
  // applies its own exact test to these tokens only):
  // - a token that opens a paragraph or is a quotation mark opening or
  //   closing a quote (kParagraphBefore, kOpenQuote, kCloseQuote), or that
  //   may be "he" or "she" (TrackEntities; ExtractQuotes reads those that
  //   open a quote);
  std::vector<uint32_t> marks;
  // - a token a count may start at: a number, a word of digits and a hyphen
  //   ("90-minute"), a number word ("five", "dozens") (ExtractCounts).
  std::vector<uint32_t> count_starts;
};

// Fills *marks for doc's tokens (their lists cleared first; their storage
// kept). The lists stay valid while doc->tokens is unchanged: the stages
// that read them add mentions, entities, quotes and counts, never tokens.
void FindTokenMarks(const Document& doc, TokenMarks* marks);

}  // namespace parley

#endif  // PARLEY_EXTRACT_TOKEN_MARKS_H_
