// Tested through the stages that read the marks (token_marks.h).
#include "extract/token_marks.h"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>

#include "extract/counts.h"
#include "extract/word_classes.h"
#include "text/wordset.h"

namespace parley {

const WordSet kHeShe = {"he", "she"};
const uint32_t kHeHash = WordSet::Hash("he"), kSheHash = WordSet::Hash("she");

namespace {

enum : uint8_t { kCountWordBit = 1, kHeSheBit = 2 };
const WordClasses kMarkClasses = {&CountStartWords(), &kHeShe};

constexpr uint16_t kMarkFlags = kParagraphBefore | kOpenQuote | kCloseQuote;

// A token's kind (low byte), part of speech and flags (high half) as one
// 32-bit word: the three fields lie side by side in Token.
static_assert(offsetof(Token, pos) == offsetof(Token, kind) + 1 && offsetof(Token, flags) == offsetof(Token, kind) + 2 &&
              sizeof(TokenKind) == 1 && sizeof(Pos) == 1 && sizeof(Token::flags) == 2);
static_assert(std::endian::native == std::endian::little);
inline uint32_t KindAndFlags(const Token& t) {
  uint32_t w;
  std::memcpy(&w, reinterpret_cast<const char*>(&t) + offsetof(Token, kind), sizeof w);
  return w;
}
// The bits of that word that send a token to MarkToken: kind bit 0 (a
// number, or a symbol, which MarkToken passes over), the mark flags and a
// hyphen.
constexpr uint32_t kMaybeBits = 1u | (uint32_t{kMarkFlags | kHyphenated} << 16);
static_assert(static_cast<unsigned>(TokenKind::kNumber) == 1 && static_cast<unsigned>(TokenKind::kWord) == 0 &&
              static_cast<unsigned>(TokenKind::kPunct) == 2);

// The token that the fast test of FindTokenMarks could not pass over: its
// lists by the stages' own tests. Out of line: the pass over every token
// stays small.
[[gnu::noinline]] void MarkToken(const Token& t, uint32_t i, const WordClasses::View& cls, TokenMarks* out) {
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
  const uint8_t* const by_id = cls.by_id();
  const uint32_t past = cls.past();
  const Token* const tb = doc.tokens.data();
  const uint32_t n = static_cast<uint32_t>(doc.tokens.size());
  if (!by_id) {
    // No table (no vocabulary numbered the closed words): each token by
    // its text.
    for (uint32_t i = 0; i < n; ++i) MarkToken(tb[i], i, cls, out);
    return;
  }
  // Whether a token may be in a list, told with one branch that few tokens
  // take, not with branches on its kind or on whether its word is a closed
  // one (both change from token to token, beyond prediction): a token with
  // the flags, a number (or a symbol: kinds 1 and 3), or a token whose word
  // id gives a class or that has no word id (by_id's entry 0: asked by its
  // text). Any other token (an open-class word, punctuation, a symbol) is
  // in neither list. The kind and the flags are read as one word
  // (KindAndFlags); the class by one load at the id clamped to the entry
  // past the closed words (a conditional move, no branch).
  auto maybe = [by_id, past](const Token& t) {
    return (KindAndFlags(t) & kMaybeBits) | by_id[std::min(t.word, past)];
  };
  auto mark = [&](uint32_t i) {
    const Token& t = tb[i];
    if (t.kind == TokenKind::kNumber && !(t.flags & kMarkFlags)) {
      // A number is a count start, never "he" or "she".
      out->count_starts.push_back(i);
      return;
    }
    MarkToken(t, i, cls, out);
  };
  // Two tokens per step, by pointer (no index arithmetic per token): most
  // pairs have neither, one branch for both.
  const Token* t = tb;
  const Token* const last_pair = tb + (n & ~1u);
  for (; t != last_pair; t += 2) {
    if ((maybe(t[0]) | maybe(t[1])) == 0) [[likely]]
      continue;
    const uint32_t i = static_cast<uint32_t>(t - tb);
    if (maybe(t[0])) mark(i);
    if (maybe(t[1])) mark(i + 1);
  }
  if (t != tb + n && maybe(*t)) mark(n - 1);
}

}  // namespace parley
