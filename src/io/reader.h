// Article input: plain text files, directories of them, JSON Lines, stdin.
//
// Tested by tests/reader_test.cc and tests/e2e/bad_input.sh.
// The reader never drops an input: whatever it cannot read (a missing file,
// a malformed JSON line, a record without text, an article over the size
// limit) still yields a Document, with `error` set and a doc_id, in input
// order. Rules for doc_id and publish_date follow the output contract.
#ifndef PARLEY_IO_READER_H_
#define PARLEY_IO_READER_H_

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <istream>
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

class ArticleReader {
 public:
  ArticleReader(std::vector<std::string> inputs, ReaderOptions options);
  ~ArticleReader();

  // Next article in input order; false at the end. A Document whose
  // `error` is set could not be read (its text is then empty).
  bool Next(Document* doc);

  // Warnings that did not stop an article (e.g. an unreadable date), one
  // line each; drained by the caller.
  std::vector<std::string> TakeWarnings() { return std::move(warnings_); }

 private:
  struct Item {
    std::filesystem::path path;  // "-" for stdin
    std::string doc_id;
    bool jsonl = false;
  };
  bool OpenNext();
  bool NextJsonLine(Document* doc);
  void ReadTextItem(const Item& item, Document* doc);
  void ParseJsonRecord(const std::string& line, Document* doc);

  std::vector<std::string> inputs_;
  ReaderOptions opt_;
  size_t next_input_ = 0;
  std::vector<Item> pending_;   // expanded items of the current input
  size_t next_item_ = 0;
  // Current JSON Lines stream.
  std::unique_ptr<std::ifstream> file_;
  std::istream* jsonl_ = nullptr;
  std::string jsonl_name_;
  size_t line_no_ = 0;
  std::vector<std::string> warnings_;
};

// "5.1 MiB" style size for messages.
std::string HumanBytes(size_t n);

}  // namespace parley

#endif  // PARLEY_IO_READER_H_
