// The lexicon's name tables as they lie in its compiled image (or in the
// text load's layout of the same tables, Lexicon::LayOutNames): each a key
// table (image::KeyTable, keys in byte order) and, at each key's position,
// its value. Written by WriteNameTables and read in place by
// ReadNameTables (lexicon_image.cc); the lookups are in lexicon.cc.
//
// Layout, in order: the name keys; every name's references (NameRef
// records, by key); the names' lists (NameRefs, self-relative, by key); the
// first-token keys; their maxima (int32, by key); the last-name keys; the
// people's indexes (u32, by key); their lists (PersonIds, by key).
#ifndef PARLEY_LEXICON_NAME_TABLES_H_
#define PARLEY_LEXICON_NAME_TABLES_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "lexicon/image_file.h"
#include "parley/lexicon.h"

namespace parley {

struct Lexicon::NameTables {
  image::KeyTable name_keys;  // folded names ("south korea")
  std::span<const NameRef> refs;
  std::span<const NameRefs> name_lists;  // by name_keys' position
  image::KeyTable first_keys;             // first tokens of names
  std::span<const int32_t> first_max;     // longest name, in tokens
  image::KeyTable last_keys;              // LastNameKey of last words
  std::span<const uint32_t> ids;
  std::span<const PersonIds> last_lists;  // by last_keys' position

  // What the tables hold, each list sorted by key (byte order), as the
  // writer takes them.
  struct Rows {
    std::vector<std::pair<std::string_view, std::span<const NameRef>>> names;
    std::vector<std::pair<std::string_view, int32_t>> first;
    std::vector<std::pair<std::string_view, std::span<const uint32_t>>> last;
  };
  Rows rows() const;
  static void Write(const Rows& rows, image::Out& o);
  // Reads what Write wrote, in place; false when a table's layout is wrong
  // or a list points outside its records (each list is checked: O(names)).
  // Checks of the values against the lexicon's other tables are the
  // caller's.
  bool Read(image::In& in);
};

}  // namespace parley

#endif  // PARLEY_LEXICON_NAME_TABLES_H_
