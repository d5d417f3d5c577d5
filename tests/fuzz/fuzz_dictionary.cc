// libFuzzer target: the dictionary loaders (Lexicon::Load, Gazetteer::Load)
// on a data folder whose files come from the input. The input is split at
// "\n====\n" into up to nine files, in the order below; missing ones are
// left empty. Any input must give OK or a clear error, never a crash.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "parley/lexicon.h"
#include "lexicon/gazetteer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  static const fs::path dir = fs::temp_directory_path() / ("parley_fuzz_dict." + std::to_string(::getpid()));
  static const char* kFiles[] = {"countries.tsv", "cameo.tsv",  "igos.tsv",   "organisations.tsv", "roles.tsv",
                                 "people.tsv",    "verbs.tsv",  "nouns.tsv",  "places.tsv"};
  static const bool made = [] {
    // Empty generated tables, so that the loader does not fall back to
    // WordNet and hunspell files on every run.
    fs::create_directories(dir / "generated");
    for (const char* g : {"verb_forms.tsv", "noun_forms.tsv", "common_words.txt"}) std::ofstream(dir / "generated" / g);
    return true;
  }();
  (void)made;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  for (const char* name : kFiles) {
    size_t cut = in.find("\n====\n");
    std::string_view part = in.substr(0, cut);
    std::ofstream(dir / name, std::ios::binary | std::ios::trunc).write(part.data(), static_cast<std::streamsize>(part.size()));
    in = cut == std::string_view::npos ? std::string_view() : in.substr(cut + 6);
  }
  std::unique_ptr<parley::Lexicon> lex;
  (void)parley::Lexicon::Load(dir, &lex);
  std::unique_ptr<parley::Gazetteer> gaz;
  (void)parley::Gazetteer::Load(dir, &gaz);
  return 0;
}
