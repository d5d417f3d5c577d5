// Tokenisation and sentence segmentation: the first stage of the pipeline.
//
// Tested by tests/segment_test.cc.
// One left-to-right pass over the UTF-8 text makes tokens with byte offsets
// into the original text (never rewritten); a second pass over the tokens
// places sentence boundaries. Time and memory are linear in the text.
#ifndef PARLEY_TEXT_SEGMENT_H_
#define PARLEY_TEXT_SEGMENT_H_

#include <functional>
#include <string>
#include <string_view>

#include "document/utf8.h"
#include "parley/document.h"
#include "parley/status.h"

namespace parley {

class Vocabulary;  // text/vocabulary.h

// InvalidInput when `text` is not valid UTF-8 or holds binary data (NUL or
// other control characters beyond tab/newline/CR/form feed); the message
// names the byte offset of the first fault.
Status CheckText(std::string_view text);

// ToValidUtf8 (making echoed metadata valid UTF-8) is in document/utf8.h,
// included here, so that the io stage uses it without this later stage.

// Whether the lower-case words of a run of capitals ("rio de janeiro") name
// a place: lets the segmenter split a bare dateline off the body's first
// sentence ("CAIRO An Egyptian court ...", the dateline of a wire story
// reposted without its "(Reuters) -"). The pipeline answers from its
// gazetteer; without it only dashed datelines are split.
using DatelinePlace = std::function<bool(std::string_view key)>;

// Fills doc->tokens and doc->sentences from doc->text(). REQUIRES: the text
// passed CheckText. Any earlier tokens and sentences are replaced. With a
// `vocabulary`, each token gets its word id as it is made (Token::word,
// Document::vocabulary: what Vocabulary::Number would set, without a second
// pass over the tokens); without one the tokens are not numbered (word 0).
void SegmentDocument(Document* doc, const DatelinePlace& is_place = nullptr,
                     const Vocabulary* vocabulary = nullptr);

// Normalised form of `s`: NFKC, curly quotes and primes to ' and ",
// dashes and minus to -, non-breaking and other spaces to ' '.
std::string NormalizeText(std::string_view s);

// Matching key of `s`: NormalizeText, lower case, accents removed
// ("Dolmabahçe" -> "dolmabahce"). Token::lower holds this for each token.
std::string FoldKey(std::string_view s);

}  // namespace parley

#endif  // PARLEY_TEXT_SEGMENT_H_
