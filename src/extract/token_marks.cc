// Tested through the stages that read the marks (token_marks.h).
#include "extract/token_marks.h"

#include "extract/counts.h"
#include "extract/word_classes.h"
#include "text/wordset.h"

namespace parley {
namespace {

// The words TrackEntities links to a person named before (its kHeShe).
const WordSet kHeSheWords = {"he", "she"};

enum : uint8_t { kCountWordBit = 1, kHeSheBit = 2 };
const WordClasses kMarkClasses = {&CountStartWords(), &kHeSheWords};

constexpr uint16_t kMarkFlags = kParagraphBefore | kOpenQuote | kCloseQuote;

// The token that the fast test of FindTokenMarks could not pass over: its
// lists by the stages' own tests. Out of line: the pass over every token
// stays small.
[[gnu::noinline]] void MarkToken(const Token& t, uint32_t i, const WordClasses::View& cls, TokenMarks* out) {
  static const uint32_t kHeHash = WordSet::Hash("he"), kSheHash = WordSet::Hash("she");
  const uint8_t c = cls.Of(t);
  // TrackEntities: a paragraph or quotation mark, or "he"/"she" (its own
  // test by hash and set follows; the hash alone is kept here as well).
  if ((t.flags & kMarkFlags) || (c & kHeSheBit) || t.hash == kHeHash || t.hash == kSheHash)
    out->marks.push_back(i);
  // ExtractCounts: a number; a hyphenated word that opens with a digit
  // ("90-minute"); a plain word by its class.
  bool count;
  if (t.kind == TokenKind::kNumber) count = true;
  else if (t.kind != TokenKind::kWord) count = false;
  else if (t.flags & kHyphenated) count = !t.norm.empty() && t.norm[0] >= '0' && t.norm[0] <= '9';
  else count = (c & kCountWordBit) != 0;
  if (count) out->count_starts.push_back(i);
}

}  // namespace

void FindTokenMarks(const Document& doc, TokenMarks* out) {
  out->marks.clear();
  out->count_starts.clear();
  const WordClasses::View cls = kMarkClasses.Get();
  const uint8_t* const table = cls.table();
  const uint32_t span = cls.span();
  const Token* const tb = doc.tokens.data();
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  if (span == 0) {
    // No table (no vocabulary numbered the closed words): each token by
    // its text.
    for (uint32_t i = 0; i < n; ++i) MarkToken(tb[i], i, cls, out);
    return;
  }
  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = tb[i];
    const unsigned flags = t.flags;
    if (t.kind == TokenKind::kWord) [[likely]] {
      // A word with none of the flags (nearly every token): in neither
      // list when its word id says it is in no class: a numbered closed
      // word by its class byte, an open-class word (an id past the table)
      // at once. Else, and for an unnumbered word, by its text.
      if (!(flags & (kMarkFlags | kHyphenated))) [[likely]] {
        const uint32_t k = t.word - 1;
        if (k < span) [[likely]] {
          if (table[k] == 0) continue;
        } else if (t.word != kUnnumberedWord) {
          continue;
        }
      }
      MarkToken(t, i, cls, out);
    } else if (flags & kMarkFlags) {
      MarkToken(t, i, cls, out);
    } else if (t.kind == TokenKind::kNumber) {
      // A number is a count start, never "he" or "she".
      out->count_starts.push_back(i);
    }
    // Punctuation and symbols without the flags: neither (no word of
    // either class is one).
  }
}

}  // namespace parley
