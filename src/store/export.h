// export.h: CountryTable, GdeltActor, WriteGdeltRow — the pieces of
// Store::Export that tests look at directly. Columns are listed in
// docs/store.md.
#ifndef PARLEY_STORE_EXPORT_H_
#define PARLEY_STORE_EXPORT_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/status.h"
#include "parley/store.h"

namespace parley::store {

// iso3 -> FIPS 10-4 code, CAMEO country block, name, representative point;
// read from data/countries.tsv (columns named in a "# Columns" comment) or the
// codebook (a header line); either way by column name.
class CountryTable {
 public:
  struct Country {
    std::string iso3, cameo, fips, name;
    double lat = 0, lon = 0;
    bool has_point = false;
  };
  // OK: the table holds every row. NotFound: no such file. InvalidInput: no
  // iso3/fips columns, "file:line: reason".
  Status Load(const std::filesystem::path& path);
  const Country* ByIso3(std::string_view iso3) const;
  const Country* ByCameo(std::string_view cameo) const;
  size_t size() const { return rows_.size(); }

 private:
  std::vector<Country> rows_;
  std::unordered_map<std::string, size_t> by_iso3_, by_cameo_;
};

// CAMEO code -> its name in the codebook (data/cameo.tsv: code, name, ...),
// for the `description` column of CSV and JSON exports.
class CameoNames {
 public:
  // OK: loaded. NotFound: no such file. InvalidInput: "file:line: reason".
  Status Load(const std::filesystem::path& path);
  // "" when the code is unknown; a root-level "11" is looked up as "110".
  std::string Name(const std::string& code) const;

 private:
  std::unordered_map<std::string, std::string> names_;
};

// GDELT's ADM1Code: FIPS country code + GeoNames admin1 code ("US", "US.TX" -> "USTX").
std::string Adm1Code(const std::string& fips, const std::string& admin1);

// The ten GDELT actor columns of one actor: Code, Name, CountryCode,
// KnownGroupCode, EthnicCode, Religion1Code, Religion2Code, Type1..3Code.
std::vector<std::string> GdeltActor(const ActorRecord& a, const CountryTable& countries);

// Appends one 61-column GDELT 2.0 event row (tab-separated, "\n"-terminated).
void WriteGdeltRow(const EventRecord& r, const CountryTable& countries, std::string* out);

}  // namespace parley::store

#endif  // PARLEY_STORE_EXPORT_H_
