// Article input: plain text files, directories of them, JSON Lines, stdin.
//
// Tested by tests/reader_test.cc and tests/e2e/bad_input.sh.
// The reader never drops an input: whatever it cannot read (a missing file,
// a malformed JSON line, a record without text, an article over the size
// limit) still yields a Document, with `error` set and a doc_id, in input
// order. Rules for doc_id and publish_date follow the output contract.
//
// Memory is bounded by the size limit whatever the input: a text file or
// standard input is read to at most max_article_bytes + 1 bytes (so
// `parley code - < /dev/zero` ends with a "too large" line), and a JSON line
// longer than MaxJsonLineBytes() is skipped to its end without being held.
// JSON is parsed iteratively (no recursion: a line of 200,000 '[' is a
// malformed-record line like any other) and numbers are kept as their text,
// so a numeric id keeps every digit. JSON Lines end at LF, CRLF or a lone CR.
#ifndef PARLEY_IO_READER_H_
#define PARLEY_IO_READER_H_

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parley/document.h"

namespace parley {

struct ReaderOptions {
  bool force_jsonl = false;             // --input jsonl
  std::optional<std::string> id;        // --id, for one text input
  Date date;                            // --date, fills records without one
  size_t max_article_bytes = 1 << 20;   // larger texts get an error
};

// The longest JSON line read for a record whose text may hold up to
// `max_article_bytes` bytes: every byte of text escaped (\u00XX, 6 bytes)
// plus 64 KiB for the other fields. Longer lines get a "too large" line.
size_t MaxJsonLineBytes(size_t max_article_bytes);

// A record read but not yet parsed (see ArticleReader::NextUnparsed): one
// JSON line and the doc_id it gets when it names none ("file.jsonl:12").
struct UnparsedRecord {
  bool json = false;        // false: the Document was completed by the reader
  std::string line;         // the JSON line, without its end
  std::string fallback_id;  // "NAME:LINE"
};

// Parses a JSON line of NextUnparsed into *doc (which is reset first), as
// Next would: doc_id, publish_date (else options.date), title, url, source,
// text; `error` set for a malformed record. Warnings that do not stop the
// article (an unreadable date) are appended to *warnings. Uses nothing but
// its arguments, so it may run on any thread.
void ParseJsonRecord(const UnparsedRecord& record, const ReaderOptions& options, Document* doc,
                     std::vector<std::string>* warnings);
// The same, choosing the parser: `quick_parser` false sends every line to
// RapidJSON (tests compare the two ways on many lines).
void ParseJsonRecordWith(const UnparsedRecord& record, const ReaderOptions& options, Document* doc,
                         std::vector<std::string>* warnings, bool quick_parser);

class ArticleReader {
 public:
  ArticleReader(std::vector<std::string> inputs, ReaderOptions options);
  ~ArticleReader();

  // Next article in input order; false at the end. A Document whose
  // `error` is set could not be read (its text is then empty).
  bool Next(Document* doc);

  // As Next, but a JSON line is only split off, not parsed: record->json is
  // then true, record->line holds the line and *doc is left untouched; the
  // caller finishes it with ParseJsonRecord (on a worker thread: the reading
  // thread only splits lines). Otherwise record->json is false and *doc is
  // the article, as from Next. `record` is reused: its line keeps its buffer.
  bool NextUnparsed(Document* doc, UnparsedRecord* record);

  // True when the next Next or NextUnparsed may wait for input that has
  // not come (a slow pipe or FIFO): the caller then writes out what it
  // holds first. Never for regular files, except once between two inputs
  // (the next is not open yet). Costs a poll(2) only on such a stream with
  // no whole line buffered.
  bool InputMayWait() const;

  // Warnings that did not stop an article (e.g. an unreadable date), one
  // line each; drained by the caller.
  std::vector<std::string> TakeWarnings() { return std::move(warnings_); }

 private:
  struct Item {
    std::filesystem::path path;  // "-" for stdin
    std::string doc_id;
    std::string error;           // set: the item could not be listed or opened
  };
  class LineSource;
  bool OpenNext();
  void ListDirectory(const std::filesystem::path& given);
  bool NextJsonLine(Document* doc, UnparsedRecord* record);
  void ReadTextItem(const Item& item, Document* doc);

  std::vector<std::string> inputs_;
  ReaderOptions opt_;
  size_t next_input_ = 0;
  std::vector<Item> pending_;   // expanded items of the current input
  size_t next_item_ = 0;
  // Current JSON Lines stream (null when none).
  std::unique_ptr<LineSource> jsonl_;
  std::string jsonl_name_;
  size_t line_no_ = 0;
  UnparsedRecord record_;       // Next's JSON line, reused
  std::vector<std::string> warnings_;
};

// "5.1 MiB" style size for messages.
std::string HumanBytes(size_t n);

// "too large: 1048577 bytes > 1048576 (1.0 MiB)": exact sizes, so that one
// byte over the limit does not read "1.0 MiB > 1.0 MiB".
std::string TooLargeMessage(size_t size, size_t limit);

}  // namespace parley

#endif  // PARLEY_IO_READER_H_
