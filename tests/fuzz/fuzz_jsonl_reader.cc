// libFuzzer target: the JSON Lines reader (src/io/reader.cc) on any bytes.
// The input is written to a scratch .jsonl file and read back with a small
// size limit; every line must yield a Document with a doc_id, and an error or
// a text within the limit.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "io/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/parley_fuzz_jsonl." + std::to_string(::getpid()) + ".jsonl";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  parley::ReaderOptions opt;
  opt.max_article_bytes = 4096;
  parley::ArticleReader reader({path}, opt);
  parley::Document doc;
  while (reader.Next(&doc)) {
    if (doc.doc_id.empty()) std::abort();
    if (doc.error.empty() && doc.text().size() > opt.max_article_bytes) std::abort();
  }
  return 0;
}
