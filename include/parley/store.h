// store.h: Store, StoreOptions, EventFilter, EventRecord, ExportFormat.
//
// A Store keeps coded articles (the output contract, one Document each) in a
// database and merges their events across articles into "merged events": one
// record per real-world happening, with how many articles, outlets and
// mentions reported it. Two back ends share one schema (docs/store.md):
//   SQLite      uri "PATH", "sqlite:PATH" or "sqlite://PATH" (embedded default)
//   PostgreSQL  uri "postgresql://..." or "postgres://..." (libpq syntax)
//
// Only what happened counts by default: queries and exports return events
// whose outcome is "occurred" (status occurred, not negated) unless
// EventFilter::status asks for others, and what happened never merges with
// what did not, was only planned or was hypothetical.
//
// Floor: parley/document.h and parley/status.h; SQLite and libpqxx appear only
// in src/store/. A Store object is not thread-safe: use one per thread. Many
// processes may open the same store and write to it at once: writers take
// turns (one write transaction at a time, the merge inside it), so the merged
// events are the same as if one writer had stored everything; readers never
// wait for them.
#ifndef PARLEY_STORE_H_
#define PARLEY_STORE_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/document.h"
#include "parley/status.h"

namespace parley {

struct StoreOptions {
  // Knobs that change results (the merge rule, docs/store.md).
  // Two article events merge only if their days are at most this far apart
  // (every pair of events in one merged event is within the window).
  int merge_window_days = 1;
  // Two cities or sites are one place when at most this far apart (km).
  double merge_near_km = 100;
  // A place of no country (a sea, "Persian Gulf") and another, likewise.
  double merge_wide_km = 1000;

  // False: Open fails with NotFound when there is no store at the uri
  // (queries and exports never create an empty one).
  bool create_if_missing = true;

  // Knobs that change speed.
  // Articles written per database transaction. Bigger batches are faster
  // (fewer commits, one merge pass per batch) but hold the write lock longer;
  // a batch that fails as a whole is retried article by article, so one bad
  // article never costs the others.
  size_t batch_size = 1024;
  // SQLite: how long a writer waits for another process's write lock.
  int busy_timeout_ms = 60000;
};

// An event's outcome, one word: "occurred" (status occurred, not negated),
// "negated" (status occurred but negated: "did not attack"), else its status:
// "planned", "hypothetical", "denied".
std::string EventOutcome(std::string_view status, bool negated);
// The outcomes a filter may name, in this order.
const std::vector<std::string>& EventOutcomes();

// Which events a query or an export returns. Empty fields do not filter.
struct EventFilter {
  bool raw = false;            // article events instead of merged events
  // Outcomes to keep (EventOutcomes()); empty = {"occurred"}: only what happened.
  std::vector<std::string> status;
  // Day range, inclusive; partial dates cover their month/year. Events with
  // no date are left out whenever either is set. A merged event is kept
  // when its days [first, last] meet the range.
  Date from, to;
  std::string actor;           // either side: actor code starting with this, or actor country == this
  std::string source_actor;    // source side only (same matching)
  std::string target_actor;    // target side only (same matching)
  std::string cameo;           // CAMEO code starting with this ("19" = root 19, "190", "1951")
  std::string root;            // CAMEO root, exactly ("19")
  int quad_class = 0;          // 1..4; 0 = any
  std::string place;           // location name, case-insensitive, whole name
  std::string country;         // location country (ISO 3166-1 alpha-3)
  std::string text;            // substring of the evidence, case-insensitive (merged: of any member)
  std::string doc_id;          // events of this article (merged: events it contributed to)
  int64_t id = 0;              // this merged event (raw: this article event row); 0 = any
  int64_t merged_id = 0;       // raw: the members of this merged event; 0 = any
  size_t limit = 0;            // 0 = all
  bool with_members = false;   // merged: fill EventRecord::members
  bool by_date = false;        // order by day (undated last), then id; else by id
};

struct ActorRecord {
  bool present = false;        // false: the event has no such actor
  std::string code, country, role;
  std::string name;            // the entity's canonical name, else the text as written
  std::string text;            // raw only: as written
  std::string entity;          // raw only: entity id ("e3")
};

// One row of a query: a merged event, or (raw) one article's event.
struct EventRecord {
  bool merged = true;
  int64_t id = 0;              // merged event id, or the article event's row id
  bool dated = true;           // false: nothing dates the event; day, day_last and date are empty
  int64_t day = 0;             // days since 1970-01-01 of the event (merged: earliest member)
  int64_t day_last = 0;        // merged: latest member's day; raw: == day
  std::string date_precision;  // "day", "month", "year" ("" undated); a month or year counts as its first day
  ActorRecord source, target;
  std::string cameo, cameo_root, base_code, plover;
  int quad_class = 0;
  double goldstein = 0;
  std::string status;          // occurred, planned, hypothetical, denied
  bool negated = false;        // with status: EventOutcome()
  std::optional<Location> location;
  std::string location_basis;  // clause, sentence, story, dateline ("" without a location)
  bool is_root = false;        // reported in the first sentences of an article
  int num_mentions = 1, num_articles = 1, num_sources = 0;
  int64_t first_seen = 0, last_seen = 0;  // unix seconds the first/last member article was stored
  std::string source_url;      // url of the first member article that has one, else its doc_id
  std::string merge_key;       // the merge key (docs/store.md); raw: the event's
  // Raw only.
  std::string doc_id, event_id, evidence, date_basis, quote_id, rule, outlet, url;
  Date date, publish_date;
  uint32_t sentence = 0;
  Span span;
  int64_t merged_id = 0;       // the merged event this event belongs to
  std::string merge_reason;    // why it is in that merged event (the anchor: "first report")
  // Merged, when EventFilter::with_members: (doc_id, event id) of each member.
  std::vector<std::pair<std::string, std::string>> members;
};

struct StoreStats {
  int64_t articles = 0, events = 0, merged_events = 0, entities = 0, quotes = 0, counts = 0;
};

enum class ExportFormat { kGdelt, kCsv, kJson, kJsonl, kTable };
// "gdelt", "csv", "json", "jsonl", "table". InvalidInput otherwise.
Status ParseExportFormat(std::string_view name, ExportFormat* out);

struct ExportOptions {
  // countries.tsv with iso3 and fips columns (data/countries.tsv or the
  // codebook); GDELT geo fields need it for FIPS codes and country names.
  // Empty: those fields stay empty.
  std::filesystem::path countries;
  // cameo.tsv (code, name, ...): the CSV/JSON `description` column. Empty:
  // descriptions stay empty.
  std::filesystem::path cameo;
  // GDELT: a first row of GDELT 2.0's column names.
  bool header = false;
};

class Store {
 public:
  // Opens or creates the store at `uri` and creates or migrates its schema.
  // OK: *out is ready.
  // NotFound: no store there and !opts.create_if_missing (nothing is created).
  // Unsupported: a PostgreSQL uri in a build without libpqxx, or a store
  //   written by a newer parley ("schema 3, this parley reads 2") or by one
  //   too old to migrate (schema 1: ingest its articles again).
  // Unavailable: the server cannot be reached. IOError: the file cannot be opened.
  // On error *out is left as it was.
  static Status Open(const std::string& uri, const StoreOptions& opts, std::unique_ptr<Store>* out);
  virtual ~Store() = default;

  // Writes each document whole in one transaction or not at all; merged
  // events are brought up to date in the same transaction. Idempotent per
  // (doc_id, text hash, annotations): a document already stored unchanged is
  // skipped; one whose text or annotations changed replaces the old rows and
  // its events are un-merged and merged again. A document with `error` set,
  // an empty doc_id, or inconsistent annotations (a span past the text, an
  // entity index out of range, bad UTF-8) is not written and gets a non-OK
  // status; the others are still written.
  // per_doc (may be null) receives one Status per input document.
  // Returns OK unless the store itself failed (Unavailable: the connection
  // was lost, retry the call; IOError/Corrupt otherwise); then documents not
  // yet written carry that status too.
  virtual Status Ingest(const std::vector<const Document*>& docs, std::vector<Status>* per_doc) = 0;

  // Calls fn for each event matching `filter`, in id order (by day with
  // filter.by_date), streaming (pages of a few thousand rows), all from one
  // snapshot. fn returns false to stop early.
  virtual Status Query(const EventFilter& filter, const std::function<bool(const EventRecord&)>& fn) = 0;

  virtual Status Stats(StoreStats* out) = 0;

  // "sqlite" or "postgresql".
  virtual const char* backend() const = 0;

  // Writes the events matching `filter` to `out` in `format` (docs/store.md
  // lists the columns). *rows, if given, gets the number of records written.
  Status Export(const EventFilter& filter, ExportFormat format, const ExportOptions& options,
                std::ostream& out, size_t* rows = nullptr);
};

}  // namespace parley

#endif  // PARLEY_STORE_H_
