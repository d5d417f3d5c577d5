// Tests of the store (include/parley/store.h, src/store/): ingest, merge,
// query, export, reading output lines back, crash safety.
//
// Every StoreTest runs against SQLite and, when PARLEY_TEST_PG holds a
// postgresql:// URI (scripts/with_postgres.sh sets one up), against
// PostgreSQL too; each PostgreSQL test works in a schema of its own.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "io/json_writer.h"
#include "parley/store.h"
#include "store/export.h"
#include "store/merge.h"
#include "store/output_reader.h"
#ifdef PARLEY_HAVE_POSTGRES
#include <pqxx/pqxx>
#endif

namespace parley {
namespace {

namespace fs = std::filesystem;

// --- building articles by hand ----------------------------------------------

struct Ev {
  Ev() = default;
  Ev(std::string s, std::string t, std::string c, std::string d = "", std::string p = "", std::string pc = "")
      : src(std::move(s)), tgt(std::move(t)), cameo(std::move(c)), date(std::move(d)), place(std::move(p)),
        place_country(std::move(pc)) {}
  std::string src, tgt, cameo;
  std::string date;                 // "" = no date
  std::string place, place_country; // "" = no location
  double goldstein = -2.0;
  int quad = 3;
  EventStatus status = EventStatus::kOccurred;
  bool negated = false;
};

std::optional<Actor> MakeActor(const std::string& code) {
  if (code.empty()) return std::nullopt;
  Actor a;
  a.code = code;
  if (code.rfind("IGO", 0) != 0) {
    a.country = code.substr(0, 3);
    a.role = code.substr(3);
  }
  a.text = "the " + code + " people";
  return a;
}

// An article whose text has one sentence per event, each event's evidence.
Document MakeArticle(const std::string& doc_id, const std::string& outlet, const std::vector<Ev>& evs,
                     const std::string& publish = "2025-05-17", const std::string& salt = "") {
  Document d;
  d.doc_id = doc_id;
  if (!publish.empty()) {
    EXPECT_TRUE(Date::Parse(publish, &d.publish_date));
  }
  if (!outlet.empty()) {
    d.source = outlet;
    d.url = "https://" + outlet + "/news/" + doc_id;
  }
  d.title = "Headline of " + doc_id;
  std::string text = "Headline of " + doc_id + salt + ".\n";
  d.sentences.push_back(Sentence{Span{0, static_cast<uint32_t>(text.size() - 1)}, 0, 0, true});
  Entity ent;
  ent.id = "e1";
  ent.name = "Somebody Important";
  ent.type = EntityType::kPerson;
  ent.country = "UKR";
  ent.role = "President";
  ent.code = "UKRGOV";
  d.entities.push_back(ent);
  for (size_t i = 0; i < evs.size(); ++i) {
    const Ev& v = evs[i];
    std::string sent = v.src + " did " + v.cameo + " to " + v.tgt + " (" + std::to_string(i) + ") on " +
                       (v.date.empty() ? "some day" : v.date) + ".";
    Span sp{static_cast<uint32_t>(text.size()), static_cast<uint32_t>(text.size() + sent.size())};
    text += sent + " ";
    d.sentences.push_back(Sentence{sp, 0, 0, false});
    Event e;
    e.id = "ev-" + doc_id + "-" + std::to_string(i);
    e.sentence = static_cast<uint32_t>(i + 1);
    e.span = sp;
    e.source = MakeActor(v.src);
    e.target = MakeActor(v.tgt);
    if (e.source && e.source->code == "UKRGOV") e.source->entity = 0;
    e.cameo = v.cameo;
    e.cameo_root = v.cameo.substr(0, 2);
    e.quad_class = v.quad;
    e.goldstein = v.goldstein;
    e.plover = "ACCUSE";
    if (!v.date.empty()) {
      EXPECT_TRUE(Date::Parse(v.date, &e.date)) << v.date;
      e.date_basis = "text";
    }
    if (!v.place.empty() || !v.place_country.empty()) {
      Location l;
      l.name = v.place;
      l.country = v.place_country;
      // A few real places, so that distances mean something.
      std::string key = v.place;
      for (char& c : key) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
      l.lat = key == "kyiv" ? 50.45 : key == "lviv" ? 49.84 : key == "brovary" ? 50.51 : 41.01;
      l.lon = key == "kyiv" ? 30.52 : key == "lviv" ? 24.03 : key == "brovary" ? 30.79 : 28.98;
      l.feature = v.place.empty() ? "country" : "city";
      l.admin1 = key == "istanbul" ? "TR.34" : "";
      e.location = l;
      e.location_basis = v.place == "Dateline" ? "dateline" : "clause";
    }
    e.status = v.status;
    e.negated = v.negated;
    e.rule = "test:" + std::to_string(i);
    d.events.push_back(e);
  }
  Quote q;
  q.id = "q1";
  q.speaker = "Somebody Important";
  q.speaker_entity = 0;
  q.speaker_code = "UKRGOV";
  q.text = "Headline";
  q.span = Span{0, 8};
  d.quotes.push_back(q);
  Count c;
  c.number = 1000;
  c.what = "prisoners";
  c.qualifier = "each";
  c.span = Span{0, 8};
  d.counts.push_back(c);
  d.set_text(text);
  return d;
}

const Ev kIstanbul{"UKRGOV", "RUSGOV", "111", "2025-05-16", "Istanbul", "TUR"};

std::vector<const Document*> Ptrs(const std::vector<Document>& docs) {
  std::vector<const Document*> p;
  for (auto& d : docs) p.push_back(&d);
  return p;
}

// "m" + 7 -> "m7", by appending: GCC 12 warns (-Wrestrict, a false
// positive) about "literal" + std::to_string(...), which inserts in front.
std::string Cat(const char* prefix, int n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

int64_t Today() { return static_cast<int64_t>(std::time(nullptr)) / 86400; }

std::vector<std::vector<std::string>> GdeltRows(const std::string& text);

// --- the fixture --------------------------------------------------------------

std::string Sanitize(std::string s) {
  for (char& c : s)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      const char* pg = std::getenv("PARLEY_TEST_PG");
      if (!pg || !*pg)
        GTEST_SKIP() << "PostgreSQL run skipped: set PARLEY_TEST_PG=postgresql://user@host:port/db "
                        "(scripts/with_postgres.sh ctest does it with a throwaway server)";
#ifndef PARLEY_HAVE_POSTGRES
      GTEST_SKIP() << "PostgreSQL run skipped: this build has no libpqxx";
#else
      pg_base_ = pg;
      const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
      schema_ = Sanitize(std::string("t_") + info->name() + "_" + std::to_string(::getpid()));
      schema_ = schema_.substr(0, 60);
      pqxx::connection c(pg_base_);
      pqxx::nontransaction tx(c);
      tx.exec("SET client_min_messages = warning; DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " +
              schema_);
      uri_ = pg_base_ + (pg_base_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
#endif
    } else {
      char tmpl[] = "/tmp/parley-store-test-XXXXXX";
      ASSERT_NE(mkdtemp(tmpl), nullptr);
      dir_ = tmpl;
      uri_ = dir_ + "/store.db";
    }
  }

  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
#ifdef PARLEY_HAVE_POSTGRES
    if (!schema_.empty()) {
      extra_schemas_.push_back(schema_);
      try {
        pqxx::connection c(pg_base_);
        pqxx::nontransaction tx(c);
        for (auto& schema : extra_schemas_)
          tx.exec("SET client_min_messages = warning; DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (const std::exception&) {
      }
    }
#endif
  }

  // A store URI that is separate from uri_ (for comparing two stores).
  std::string SecondUri(const std::string& suffix = "b") {
    if (!dir_.empty()) return dir_ + "/" + suffix + ".db";
#ifdef PARLEY_HAVE_POSTGRES
    std::string schema = schema_.substr(0, 55) + "_" + suffix;
    pqxx::connection c(pg_base_);
    pqxx::nontransaction tx(c);
    tx.exec("SET client_min_messages = warning; DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
    extra_schemas_.push_back(schema);
    return pg_base_ + (pg_base_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
#else
    return "";
#endif
  }

  std::unique_ptr<Store> Open(const StoreOptions& o = {}, const std::string& uri = "") {
    std::unique_ptr<Store> s;
    Status st = Store::Open(uri.empty() ? uri_ : uri, o, &s);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return s;
  }

  static std::vector<EventRecord> All(Store* s, EventFilter f = {}) {
    std::vector<EventRecord> out;
    Status st = s->Query(f, [&](const EventRecord& r) {
      out.push_back(r);
      return true;
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }

  static StoreStats Stats(Store* s) {
    StoreStats st;
    Status x = s->Stats(&st);
    EXPECT_TRUE(x.ok()) << x.ToString();
    return st;
  }

  static void IngestOk(Store* s, const std::vector<Document>& docs) {
    std::vector<Status> per;
    Status st = s->Ingest(Ptrs(docs), &per);
    ASSERT_TRUE(st.ok()) << st.ToString();
    ASSERT_EQ(per.size(), docs.size());
    for (size_t i = 0; i < per.size(); ++i) EXPECT_TRUE(per[i].ok()) << docs[i].doc_id << ": " << per[i].ToString();
  }

  // The clustering as a set of member lists: comparable across stores.
  static std::set<std::vector<std::pair<std::string, std::string>>> Clusters(Store* s) {
    EventFilter f;
    f.with_members = true;
    f.status = EventOutcomes();
    std::set<std::vector<std::pair<std::string, std::string>>> out;
    for (auto& r : All(s, f)) {
      auto m = r.members;
      std::sort(m.begin(), m.end());
      out.insert(m);
    }
    return out;
  }

  // Merged events agree with the article events they link to.
  static void CheckMergeInvariants(Store* s) {
    EventFilter raw;
    raw.raw = true;
    raw.status = EventOutcomes();
    std::map<int64_t, std::vector<EventRecord>> by_merged;
    for (auto& r : All(s, raw)) {
      EXPECT_NE(r.merged_id, 0) << r.doc_id << " " << r.event_id << " is in no merged event";
      by_merged[r.merged_id].push_back(r);
    }
    EventFilter all;
    all.status = EventOutcomes();
    auto merged = All(s, all);
    EXPECT_EQ(merged.size(), by_merged.size());
    for (auto& m : merged) {
      auto& evs = by_merged[m.id];
      ASSERT_FALSE(evs.empty()) << "merged event " << m.id << " has no members";
      std::set<std::string> docs, outlets;
      int64_t lo = INT64_MAX, hi = INT64_MIN;
      for (auto& e : evs) {
        docs.insert(e.doc_id);
        if (!e.outlet.empty()) outlets.insert(e.outlet);
        lo = std::min(lo, e.day);
        hi = std::max(hi, e.day);
        EXPECT_EQ(e.merge_key, m.merge_key);
        EXPECT_EQ(e.cameo_root, m.cameo_root);
        EXPECT_EQ(e.status, m.status);
        EXPECT_EQ(e.negated, m.negated);
        EXPECT_FALSE(e.merge_reason.empty());
      }
      EXPECT_EQ(m.num_mentions, static_cast<int>(evs.size()));
      EXPECT_EQ(m.num_articles, static_cast<int>(docs.size()));
      EXPECT_EQ(m.num_sources, static_cast<int>(outlets.size()));
      EXPECT_EQ(m.day, lo);
      EXPECT_EQ(m.day_last, hi);
    }
  }

  std::string uri_, dir_, pg_base_, schema_;
  std::vector<std::string> extra_schemas_;
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

// --- ingest -------------------------------------------------------------------

TEST_P(StoreTest, IngestTwiceKeepsOneCopy) {
  auto s = Open();
  std::vector<Document> docs = {MakeArticle("a1", "kyivpost.com", {kIstanbul, {"RUSMIL", "UKR", "190"}})};
  IngestOk(s.get(), docs);
  IngestOk(s.get(), docs);
  StoreStats st = Stats(s.get());
  EXPECT_EQ(st.articles, 1);
  EXPECT_EQ(st.events, 2);
  EXPECT_EQ(st.merged_events, 2);
  EXPECT_EQ(st.entities, 1);
  EXPECT_EQ(st.quotes, 1);
  EXPECT_EQ(st.counts, 1);
  // Reopening finds the same store and still skips the copy.
  s = Open();
  IngestOk(s.get(), docs);
  EXPECT_EQ(Stats(s.get()).articles, 1);
  CheckMergeInvariants(s.get());
}

TEST_P(StoreTest, AwkwardCharactersSurvive) {
  auto s = Open();
  Document d = MakeArticle("odd", "x.com", {kIstanbul});
  const std::string evidence = "Zelensky\t said \\N \"no\"\r\n to Putin’s ‘offer’ — in Kyiv, 100%_ sure.";
  d.set_text(d.text() + evidence);
  d.events[0].span = Span{static_cast<uint32_t>(d.text().size() - evidence.size()), static_cast<uint32_t>(d.text().size())};
  d.events[0].rule = "tab\there, backslash \\ and\nnewline";
  d.events[0].location->name = "Kyiv\\Київ";
  IngestOk(s.get(), {d});
  EventFilter raw;
  raw.raw = true;
  auto evs = All(s.get(), raw);
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(evs[0].evidence, evidence);
  EXPECT_EQ(evs[0].rule, d.events[0].rule);
  EXPECT_EQ(evs[0].location->name, "Kyiv\\Київ");
  raw.text = "\\n \"NO\"";
  EXPECT_EQ(All(s.get(), raw).size(), 1u);
  raw.text = "100%_";
  EXPECT_EQ(All(s.get(), raw).size(), 1u);
  raw.text = "100%x";
  EXPECT_EQ(All(s.get(), raw).size(), 0u);
  std::ostringstream gdelt;
  ASSERT_TRUE(s->Export({}, ExportFormat::kGdelt, {}, gdelt).ok());
  for (auto& row : GdeltRows(gdelt.str())) EXPECT_EQ(row.size(), 61u);
  IngestOk(s.get(), {d});
  EXPECT_EQ(Stats(s.get()).articles, 1);
}

TEST_P(StoreTest, TenCopiesFromTenOutletsMergeIntoOne) {
  auto s = Open();
  std::vector<Document> docs;
  for (int i = 0; i < 10; ++i) docs.push_back(MakeArticle("copy" + std::to_string(i), "outlet" + std::to_string(i) + ".com", {kIstanbul}));
  IngestOk(s.get(), docs);
  auto merged = All(s.get());
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].num_articles, 10);
  EXPECT_EQ(merged[0].num_sources, 10);
  EXPECT_EQ(merged[0].num_mentions, 10);
  EXPECT_EQ(merged[0].cameo, "111");
  EXPECT_EQ(merged[0].source.code, "UKRGOV");
  EXPECT_EQ(merged[0].source.name, "Somebody Important");
  ASSERT_TRUE(merged[0].location.has_value());
  EXPECT_EQ(merged[0].location->name, "Istanbul");
  EventFilter raw;
  raw.raw = true;
  auto evs = All(s.get(), raw);
  ASSERT_EQ(evs.size(), 10u);
  for (auto& e : evs) EXPECT_EQ(e.merged_id, merged[0].id);
  CheckMergeInvariants(s.get());
}

TEST_P(StoreTest, OneOutletCountsAsOneSource) {
  auto s = Open();
  std::vector<Document> docs;
  for (int i = 0; i < 3; ++i) docs.push_back(MakeArticle("same" + std::to_string(i), "bbc.co.uk", {kIstanbul}));
  docs.push_back(MakeArticle("nooutlet", "", {kIstanbul}));
  IngestOk(s.get(), docs);
  auto merged = All(s.get());
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].num_articles, 4);
  EXPECT_EQ(merged[0].num_sources, 1);
}

TEST_P(StoreTest, ChangedTextReplacesRows) {
  auto s = Open();
  IngestOk(s.get(), {MakeArticle("a", "x.com", {kIstanbul, {"RUSMIL", "UKR", "190"}})});
  EXPECT_EQ(Stats(s.get()).events, 2);
  IngestOk(s.get(), {MakeArticle("a", "x.com", {{"USAGOV", "CHNGOV", "036", "2025-05-20"}}, "2025-05-21", " v2")});
  StoreStats st = Stats(s.get());
  EXPECT_EQ(st.articles, 1);
  EXPECT_EQ(st.events, 1);
  EXPECT_EQ(st.merged_events, 1);
  EXPECT_EQ(st.entities, 1);
  auto merged = All(s.get());
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].cameo, "036");
  EXPECT_EQ(merged[0].source.code, "USAGOV");
  CheckMergeInvariants(s.get());
}

TEST_P(StoreTest, ChangedAnnotationsAlsoReplaceRows) {
  auto s = Open();
  Document d = MakeArticle("a", "x.com", {kIstanbul});
  IngestOk(s.get(), {d});
  d.events[0].goldstein = -5;  // same text, recoded
  IngestOk(s.get(), {d});
  auto merged = All(s.get());
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].goldstein, -5);
  EXPECT_EQ(Stats(s.get()).events, 1);
}

TEST_P(StoreTest, ReingestedArticleIsUnlinkedAndMergedAgain) {
  auto s = Open();
  Ev other{"USAGOV", "CHNGOV", "036", "2025-05-16"};
  IngestOk(s.get(), {MakeArticle("a", "a.com", {kIstanbul}), MakeArticle("b", "b.com", {kIstanbul})});
  auto merged = All(s.get());
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].num_articles, 2);
  const int64_t kept = merged[0].id;
  // "a" now reports something else: the Istanbul event keeps only "b".
  IngestOk(s.get(), {MakeArticle("a", "a.com", {other}, "2025-05-17", " corrected")});
  merged = All(s.get());
  ASSERT_EQ(merged.size(), 2u);
  std::map<std::string, EventRecord> by_code;
  for (auto& m : merged) by_code[m.cameo] = m;
  EXPECT_EQ(by_code["111"].num_articles, 1);
  EXPECT_EQ(by_code["111"].num_sources, 1);
  EXPECT_EQ(by_code["111"].id, kept);
  EXPECT_EQ(by_code["036"].num_articles, 1);
  CheckMergeInvariants(s.get());
  // And back again.
  IngestOk(s.get(), {MakeArticle("a", "a.com", {kIstanbul})});
  merged = All(s.get());
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].num_articles, 2);
  EXPECT_EQ(merged[0].id, kept);
  CheckMergeInvariants(s.get());
}

TEST_P(StoreTest, FailedArticleWritesNothing) {
  auto s = Open();
  Document failed = MakeArticle("failed", "x.com", {kIstanbul});
  failed.error = "too large: 5.1 MiB > 1 MiB";
  Document bad_span = MakeArticle("badspan", "x.com", {kIstanbul});
  bad_span.events[0].span.end = static_cast<uint32_t>(bad_span.text().size() + 10);
  Document bad_utf8 = MakeArticle("badutf8", "x.com", {kIstanbul});
  bad_utf8.title = std::string("caf\xC3", 4);
  Document no_id = MakeArticle("", "x.com", {kIstanbul});
  Document good = MakeArticle("good", "y.com", {kIstanbul});
  std::vector<Document> docs = {failed, bad_span, good, bad_utf8, no_id};
  std::vector<Status> per;
  Status st = s->Ingest(Ptrs(docs), &per);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(per.size(), 5u);
  EXPECT_EQ(per[0].code(), Status::Code::kInvalidInput);
  EXPECT_NE(per[0].message().find("too large"), std::string::npos) << per[0].message();
  EXPECT_EQ(per[1].code(), Status::Code::kInvalidInput);
  EXPECT_NE(per[1].message().find("outside the text"), std::string::npos) << per[1].message();
  EXPECT_TRUE(per[2].ok()) << per[2].ToString();
  EXPECT_EQ(per[3].code(), Status::Code::kInvalidInput);
  EXPECT_EQ(per[4].code(), Status::Code::kInvalidInput);
  StoreStats stats = Stats(s.get());
  EXPECT_EQ(stats.articles, 1);
  EXPECT_EQ(stats.events, 1);
  EventFilter f;
  f.raw = true;
  f.doc_id = "failed";
  EXPECT_TRUE(All(s.get(), f).empty());
  // A failed re-run of a stored article leaves the stored version alone.
  Document good_failed = good;
  good_failed.error = "bad encoding";
  st = s->Ingest({&good_failed}, &per);
  ASSERT_TRUE(st.ok());
  EXPECT_FALSE(per[0].ok());
  EXPECT_EQ(Stats(s.get()).events, 1);
}

TEST_P(StoreTest, SameDocIdTwiceInOneCallKeepsTheLast) {
  StoreOptions o;
  o.batch_size = 8;
  auto s = Open(o);
  std::vector<Document> docs = {MakeArticle("d", "x.com", {kIstanbul}),
                                MakeArticle("d", "x.com", {{"USAGOV", "CHNGOV", "036"}}, "2025-05-17", " v2")};
  IngestOk(s.get(), docs);
  auto merged = All(s.get());
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].cameo, "036");
  CheckMergeInvariants(s.get());
}

// --- merge ----------------------------------------------------------------------

TEST_P(StoreTest, MergeWindowAndPlace) {
  auto s = Open();
  std::vector<Document> docs;
  for (std::string day : {"2025-05-16", "2025-05-17", "2025-05-18"})
    docs.push_back(MakeArticle("d" + day, "o" + day, {{"UKRGOV", "RUSGOV", "111", day}}));
  IngestOk(s.get(), docs);
  // 16 and 17 are one event; 18 is two days after 16.
  auto merged = All(s.get());
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].num_articles + merged[1].num_articles, 3);
  CheckMergeInvariants(s.get());

  StoreOptions wide;
  wide.merge_window_days = 2;
  auto s2 = Open(wide, SecondUri());
  IngestOk(s2.get(), docs);
  ASSERT_EQ(All(s2.get()).size(), 1u);

  // Places: Kyiv and Lviv differ; an event without a place joins the first.
  auto s3 = s2.get();
  std::vector<Document> places = {
      MakeArticle("kyiv", "a", {{"RUSMIL", "UKRMIL", "190", "2025-06-01", "Kyiv", "UKR"}}),
      MakeArticle("lviv", "b", {{"RUSMIL", "UKRMIL", "190", "2025-06-01", "Lviv", "UKR"}}),
      MakeArticle("nowhere", "c", {{"RUSMIL", "UKRMIL", "190", "2025-06-01"}}),
      MakeArticle("kyiv2", "d", {{"RUSMIL", "UKRMIL", "190", "2025-06-02", "KYIV", "UKR"}}),
  };
  IngestOk(s3, places);
  EventFilter f;
  f.cameo = "19";
  f.with_members = true;
  auto m = All(s3, f);
  ASSERT_EQ(m.size(), 2u);
  std::map<std::string, int> articles;
  for (auto& r : m) articles[r.location->name] = r.num_articles;
  EXPECT_EQ(articles["Kyiv"], 3);  // kyiv, nowhere, and kyiv2 a day later ("KYIV": case does not matter)
  EXPECT_EQ(articles["Lviv"], 1);
}

TEST_P(StoreTest, SameRootMergesDifferentRootDoesNot) {
  auto s = Open();
  IngestOk(s.get(), {MakeArticle("a", "a", {{"ISRMIL", "PSE", "1951", "2025-01-01"}}),
                     MakeArticle("b", "b", {{"ISRMIL", "PSE", "195", "2025-01-01"}}),
                     MakeArticle("c", "c", {{"ISRMIL", "PSE", "195", "2025-01-01"}}),
                     MakeArticle("d", "d", {{"ISR", "PSE", "190", "2025-01-01"}}),
                     MakeArticle("e", "e", {{"ISRMIL", "PSE", "19", "2025-01-01"}}),
                     MakeArticle("f", "f", {{"ISRMIL", "PSE", "180", "2025-01-01"}}),
                     MakeArticle("g", "g", {{"ISRGOV", "PSE", "190", "2025-01-01"}}),
                     MakeArticle("h", "h", {{"ISRCVL", "PSE", "190", "2025-01-01"}})});
  auto merged = All(s.get());
  ASSERT_EQ(merged.size(), 3u);
  std::map<std::string, EventRecord> by_code;
  for (auto& m : merged) by_code[m.source.code + " " + m.cameo] = m;
  // One root-19 attack by Israel's state: "ISR" fits any role, "ISRGOV" fits
  // "ISRMIL" (both agents of the state), "ISRCVL" (civilians) does not.
  EXPECT_EQ(by_code["ISRMIL 195"].num_articles, 6);  // the most reported code and actor
  EXPECT_EQ(by_code["ISRMIL 180"].num_articles, 1);
  EXPECT_EQ(by_code["ISRCVL 190"].num_articles, 1);
  CheckMergeInvariants(s.get());
}

// "X could / plans to / did not / did do Y": one event happened, and only it
// is exported by default; none of them merge with another.
TEST_P(StoreTest, OnlyWhatHappenedIsCountedAndNothingElseMergesWithIt) {
  auto s = Open();
  auto ev = [](EventStatus st, bool neg) {
    Ev e{"CHN", "JPN", "163", "2025-03-03", "Beijing", "CHN"};
    e.status = st;
    e.negated = neg;
    return e;
  };
  IngestOk(s.get(), {MakeArticle("could", "a", {ev(EventStatus::kHypothetical, false)}),
                     MakeArticle("plans", "b", {ev(EventStatus::kPlanned, false)}),
                     MakeArticle("did-not", "c", {ev(EventStatus::kOccurred, true)}),
                     MakeArticle("did", "d", {ev(EventStatus::kOccurred, false)})});
  auto occurred = All(s.get());
  ASSERT_EQ(occurred.size(), 1u);
  EXPECT_EQ(occurred[0].num_articles, 1);
  EXPECT_EQ(occurred[0].status, "occurred");
  EXPECT_FALSE(occurred[0].negated);
  std::ostringstream gdelt, csv, json;
  size_t rows = 0;
  ASSERT_TRUE(s->Export({}, ExportFormat::kGdelt, {}, gdelt, &rows).ok());
  EXPECT_EQ(rows, 1u);
  EventFilter raw;
  raw.raw = true;
  ASSERT_TRUE(s->Export(raw, ExportFormat::kJsonl, {}, json, &rows).ok());
  EXPECT_EQ(rows, 1u);
  EXPECT_NE(json.str().find("\"doc_id\":\"did\""), std::string::npos);
  EventFilter all;
  all.status = EventOutcomes();
  auto every = All(s.get(), all);
  ASSERT_EQ(every.size(), 4u);  // four outcomes, four merged events
  std::set<std::string> outcomes;
  for (auto& r : every) {
    EXPECT_EQ(r.num_articles, 1);
    outcomes.insert(EventOutcome(r.status, r.negated));
  }
  EXPECT_EQ(outcomes, (std::set<std::string>{"occurred", "negated", "planned", "hypothetical"}));
  EventFilter neg;
  neg.status = {"negated"};
  ASSERT_EQ(All(s.get(), neg).size(), 1u);
  EXPECT_EQ(All(s.get(), neg)[0].merge_key.find("CHN|JPN|16|negated"), 0u);
  CheckMergeInvariants(s.get());
}

// Articles without a publish date and events the text does not date: no
// date at all, never the day they were stored; date filters leave them out.
TEST_P(StoreTest, UndatedEventsHaveNoDateAndMergeWithNothing) {
  auto s = Open();
  IngestOk(s.get(), {MakeArticle("u1", "a", {{"UKRGOV", "RUSGOV", "111"}}, ""),
                     MakeArticle("u2", "b", {{"UKRGOV", "RUSGOV", "111"}}, ""),
                     MakeArticle("month", "c", {{"UKRGOV", "RUSGOV", "111", "2025-05"}}, ""),
                     MakeArticle("month2", "d", {{"UKRGOV", "RUSGOV", "111", "2025-05"}}, ""),
                     MakeArticle("day", "e", {{"UKRGOV", "RUSGOV", "111", "2025-05-01"}}, "")});
  auto merged = All(s.get());
  ASSERT_EQ(merged.size(), 4u);  // u1, u2, {month, month2}, day
  int undated = 0;
  for (auto& m : merged) {
    if (!m.dated) {
      ++undated;
      EXPECT_EQ(m.num_articles, 1);
      EXPECT_TRUE(m.date_precision.empty());
      continue;
    }
    EXPECT_NE(m.day, Today());
    if (m.date_precision == "month") {
      EXPECT_EQ(m.num_articles, 2);  // a month date merges with month dates only
      EXPECT_EQ(m.date.ToString(), "2025-05");
    } else {
      EXPECT_EQ(m.date_precision, "day");
      EXPECT_EQ(m.num_articles, 1);
    }
  }
  EXPECT_EQ(undated, 2);
  EventFilter raw;
  raw.raw = true;
  for (auto& r : All(s.get(), raw)) {
    if (r.doc_id[0] == 'u') {
      EXPECT_FALSE(r.dated);
      EXPECT_TRUE(r.date_basis.empty());
    }
  }
  EventFilter f;
  f.from = Date{2000, 1, 1};
  EXPECT_EQ(All(s.get(), f).size(), 2u);
  std::ostringstream gdelt;
  ASSERT_TRUE(s->Export({}, ExportFormat::kGdelt, {}, gdelt).ok());
  for (auto& row : GdeltRows(gdelt.str())) {
    ASSERT_EQ(row.size(), 61u);
    if (row[1].empty()) EXPECT_TRUE(row[2].empty() && row[3].empty());
    else EXPECT_NE(row[1].substr(0, 4), "2026");  // never the ingest year
  }
  CheckMergeInvariants(s.get());
}

// Reports of one event placed in nearby towns merge; a dateline is no place.
TEST_P(StoreTest, PlacesMergeByDistanceAndDatelinesDoNotSplit) {
  auto s = Open();
  IngestOk(s.get(), {MakeArticle("kyiv", "a", {{"RUSMIL", "UKR", "190", "2025-06-01", "Kyiv", "UKR"}}),
                     MakeArticle("brovary", "b", {{"RUSMIL", "UKR", "190", "2025-06-01", "Brovary", "UKR"}}),
                     MakeArticle("country", "c", {{"RUS", "UKR", "190", "2025-06-01", "", "UKR"}}),
                     MakeArticle("filed", "d", {{"RUSMIL", "UKR", "190", "2025-06-01", "Dateline", "TUR"}}),
                     MakeArticle("lviv", "e", {{"RUSMIL", "UKR", "190", "2025-06-01", "Lviv", "UKR"}})});
  EventFilter f;
  f.with_members = true;
  auto merged = All(s.get(), f);
  ASSERT_EQ(merged.size(), 2u);
  std::map<std::string, int> by_place;
  for (auto& m : merged) by_place[m.location->name] = m.num_articles;
  EXPECT_EQ(by_place["Brovary"], 4);  // and Kyiv, 20 km away; Ukraine and the dateline fit any
  EXPECT_EQ(by_place["Lviv"], 1);     // 470 km
  CheckMergeInvariants(s.get());
}

TEST_P(StoreTest, MergeDoesNotDependOnArrivalOrderOrBatching) {
  std::mt19937 rng(7);
  const char* actors[] = {"UKRGOV", "RUSGOV", "RUSMIL", "USAGOV", ""};
  const char* codes[] = {"111", "112", "190", "1951", "036"};
  const char* places[] = {"", "", "Kyiv", "Lviv"};
  std::vector<Document> docs;
  for (int i = 0; i < 120; ++i) {
    std::vector<Ev> evs;
    int n = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < n; ++k) {
      Ev e;
      e.src = actors[rng() % 2];
      e.tgt = actors[2 + rng() % 3];
      e.cameo = codes[rng() % 5];
      int day = 1 + static_cast<int>(rng() % 9);
      e.date = rng() % 5 ? "2025-03-0" + std::to_string(day) : "";
      e.place = places[rng() % 4];
      if (!e.place.empty()) e.place_country = "UKR";
      evs.push_back(e);
    }
    docs.push_back(MakeArticle("doc" + std::to_string(i), "outlet" + std::to_string(rng() % 7), evs,
                               "2025-03-0" + std::to_string(1 + rng() % 9)));
  }
  StoreOptions one;
  one.batch_size = 1;
  auto a = Open(one);
  IngestOk(a.get(), docs);
  std::vector<Document> shuffled = docs;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  StoreOptions big;
  big.batch_size = 50;
  auto b = Open(big, SecondUri());
  IngestOk(b.get(), shuffled);
  EXPECT_EQ(Clusters(a.get()), Clusters(b.get()));
  CheckMergeInvariants(a.get());
  CheckMergeInvariants(b.get());

  // Three processes writing their shares at the same time (as workers
  // would) end with the store one writer makes.
  const std::string concurrent = SecondUri("w");
  { auto init = Open({}, concurrent); }
  std::vector<pid_t> kids;
  for (int w = 0; w < 3; ++w) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      StoreOptions o;
      o.batch_size = 4;
      std::unique_ptr<Store> st;
      if (!Store::Open(concurrent, o, &st).ok()) _exit(2);
      std::vector<const Document*> mine;
      for (size_t i = static_cast<size_t>(w); i < shuffled.size(); i += 3) mine.push_back(&shuffled[i]);
      std::vector<Status> per;
      bool ok = st->Ingest(mine, &per).ok();
      for (auto& x : per) ok = ok && x.ok();
      _exit(ok ? 0 : 1);
    }
    kids.push_back(pid);
  }
  for (pid_t k : kids) {
    int ws = 0;
    waitpid(k, &ws, 0);
    EXPECT_TRUE(WIFEXITED(ws) && WEXITSTATUS(ws) == 0) << "writer exit status " << ws;
  }
  auto w = Open({}, concurrent);
  EXPECT_EQ(Clusters(b.get()), Clusters(w.get()));
  CheckMergeInvariants(w.get());

  // Changing a third of the articles in `a` must give what `b` gets from
  // the changed set directly.
  std::vector<Document> changed;
  for (size_t i = 0; i < docs.size(); i += 3) {
    Document d = docs[(i * 7) % docs.size()];
    d.events.erase(d.events.begin());
    if (d.events.empty()) d.events.push_back(docs[i].events[0]), d.events.back().span = Span{0, 8};
    d.set_text(d.text() + " (corrected)");
    changed.push_back(d);
  }
  IngestOk(a.get(), changed);
  std::map<std::string, Document> final_set;
  for (auto& d : docs) final_set[d.doc_id] = d;
  for (auto& d : changed) final_set[d.doc_id] = d;
  std::vector<Document> fresh;
  for (auto& [id, d] : final_set) fresh.push_back(d);
  std::shuffle(fresh.begin(), fresh.end(), rng);
  StoreOptions mid;
  mid.batch_size = 7;
  auto c = Open(mid, SecondUri("c"));
  IngestOk(c.get(), fresh);
  EXPECT_EQ(Clusters(a.get()), Clusters(c.get()));
  CheckMergeInvariants(a.get());
  EXPECT_EQ(Stats(a.get()).events, Stats(c.get()).events);
}

// --- query and export -------------------------------------------------------------

class Fixture {
 public:
  static std::vector<Document> Docs() {
    return {
        MakeArticle("ist1", "reuters.com", {kIstanbul, {"RUSMIL", "UKR", "190", "2025-05-18", "Kharkiv", "UKR"}}),
        MakeArticle("ist2", "apnews.com", {kIstanbul}),
        MakeArticle("un", "un.org", {{"IGOUNO", "RUSGOV", "112", "2025-04", "", ""}}, "2025-04-20"),
        MakeArticle("usa", "", {{"USAGOV", "CHNGOV", "036", "", "Washington", "USA"}}, "2025-06-02"),
    };
  }
};

TEST_P(StoreTest, QueryFilters) {
  auto s = Open();
  IngestOk(s.get(), Fixture::Docs());
  auto count = [&](EventFilter f) { return All(s.get(), f).size(); };
  EventFilter f;
  EXPECT_EQ(count(f), 4u);
  f.raw = true;
  EXPECT_EQ(count(f), 5u);
  f = {};
  f.actor = "UKR";  // country or code prefix, either side
  EXPECT_EQ(count(f), 2u);
  f.actor = "rus";
  EXPECT_EQ(count(f), 3u);
  f = {};
  f.source_actor = "RUS";
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.target_actor = "RUSGOV";
  EXPECT_EQ(count(f), 2u);
  f = {};
  f.actor = "IGO";
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.cameo = "11";
  EXPECT_EQ(count(f), 2u);
  f.cameo = "111";
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.root = "19";
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.quad_class = 3;
  EXPECT_EQ(count(f), 4u);
  f.quad_class = 1;
  EXPECT_EQ(count(f), 0u);
  f = {};
  f.place = "istanbul";
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.country = "usa";
  EXPECT_EQ(count(f), 1u);
  f = {};
  ASSERT_TRUE(Date::Parse("2025-05-16", &f.from));
  ASSERT_TRUE(Date::Parse("2025-05-17", &f.to));
  EXPECT_EQ(count(f), 1u);
  f.to = Date();
  ASSERT_TRUE(Date::Parse("2025-05", &f.to));  // through May 31
  EXPECT_EQ(count(f), 2u);
  f = {};
  ASSERT_TRUE(Date::Parse("2025", &f.from));
  ASSERT_TRUE(Date::Parse("2025-04", &f.to));
  EXPECT_EQ(count(f), 1u);  // the UN event, dated 2025-04 -> April 1st
  f = {};
  f.text = "DID 190";
  EXPECT_EQ(count(f), 1u);
  f.raw = true;
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.text = "100%_";
  EXPECT_EQ(count(f), 0u);
  f = {};
  f.doc_id = "ist2";
  auto m = All(s.get(), f);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].num_articles, 2);
  f.raw = true;
  EXPECT_EQ(count(f), 1u);
  f = {};
  f.limit = 3;
  EXPECT_EQ(count(f), 3u);
}

std::vector<std::vector<std::string>> GdeltRows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> f;
    size_t start = 0;
    for (;;) {
      size_t tab = line.find('\t', start);
      f.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    rows.push_back(f);
  }
  return rows;
}

fs::path CountriesTsv() {
  fs::path data = fs::path(PARLEY_DATA_DIR) / "countries.tsv";
  store::CountryTable t;
  if (t.Load(data).ok() && t.ByIso3("UKR") && !t.ByIso3("UKR")->fips.empty()) return data;
  return fs::path(PARLEY_SHARED_DIR) / "codebooks" / "countries.tsv";
}

TEST(CountryTable, ReadsBothLayouts) {
  for (fs::path p : {fs::path(PARLEY_DATA_DIR) / "countries.tsv", fs::path(PARLEY_SHARED_DIR) / "codebooks" / "countries.tsv"}) {
    if (!fs::exists(p)) continue;
    store::CountryTable t;
    Status s = t.Load(p);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_GT(t.size(), 200u) << p;
    ASSERT_NE(t.ByIso3("UKR"), nullptr);
    EXPECT_EQ(t.ByIso3("UKR")->fips, "UP");
    EXPECT_EQ(t.ByIso3("DEU")->fips, "GM");
    EXPECT_NE(t.ByIso3("RUS")->name.find("Russia"), std::string::npos);
    EXPECT_TRUE(t.ByIso3("RUS")->has_point);
  }
}

TEST_P(StoreTest, GdeltExport) {
  auto s = Open();
  std::vector<Document> docs = Fixture::Docs();
  Document nodate = MakeArticle("nodate", "x.com", {{"FRAGOV", "DEUGOV", "040"}}, "");
  docs.push_back(nodate);
  IngestOk(s.get(), docs);
  ExportOptions eo;
  eo.countries = CountriesTsv();
  eo.header = true;
  for (bool raw : {false, true}) {
    std::ostringstream out;
    EventFilter f;
    f.raw = raw;
    f.by_date = true;
    size_t n = 0;
    Status st = s->Export(f, ExportFormat::kGdelt, eo, out, &n);
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto rows = GdeltRows(out.str());
    ASSERT_EQ(rows.size(), raw ? 7u : 6u);
    EXPECT_EQ(n + 1, rows.size());
    ASSERT_EQ(rows[0].size(), 61u);  // --header: GDELT 2.0's column names
    EXPECT_EQ(rows[0][0], "GLOBALEVENTID");
    EXPECT_EQ(rows[0][54], "ActionGeo_ADM1Code");
    EXPECT_EQ(rows[0][60], "SOURCEURL");
    rows.erase(rows.begin());
    // In date order; the undated row last.
    for (size_t i = 1; i < rows.size(); ++i) {
      if (rows[i][1].empty()) continue;
      EXPECT_FALSE(rows[i - 1][1].empty());
      EXPECT_LE(rows[i - 1][1], rows[i][1]);
    }
    EXPECT_TRUE(rows.back()[1].empty());
    std::map<std::string, std::vector<std::string>> by_code;
    for (auto& r : rows) {
      ASSERT_EQ(r.size(), 61u) << out.str();
      by_code[r[26]] = r;  // EventCode
    }
    const auto& ist = by_code["111"];
    EXPECT_EQ(ist[1], "20250516");     // SQLDATE
    EXPECT_EQ(ist[2], "202505");       // MonthYear
    EXPECT_EQ(ist[3], "2025");         // Year
    EXPECT_EQ(ist[4], "2025.3726");    // FractionDate: ((5-1)*30+16)/365
    EXPECT_EQ(ist[5], "UKRGOV");       // Actor1Code
    EXPECT_EQ(ist[6], "SOMEBODY IMPORTANT");
    EXPECT_EQ(ist[7], "UKR");          // Actor1CountryCode
    EXPECT_EQ(ist[12], "GOV");         // Actor1Type1Code
    EXPECT_EQ(ist[15], "RUSGOV");      // Actor2Code
    EXPECT_EQ(ist[17], "RUS");
    EXPECT_EQ(ist[22], "GOV");
    EXPECT_EQ(ist[25], "1");           // IsRootEvent: sentence 1
    EXPECT_EQ(ist[27], "111");         // EventBaseCode
    EXPECT_EQ(ist[28], "11");          // EventRootCode
    EXPECT_EQ(ist[29], "3");           // QuadClass
    EXPECT_DOUBLE_EQ(std::stod(ist[30]), -2.0);  // GoldsteinScale
    EXPECT_EQ(ist[31], raw ? "1" : "2");   // NumMentions
    EXPECT_EQ(ist[32], raw ? "1" : "2");   // NumSources
    EXPECT_EQ(ist[33], raw ? "1" : "2");   // NumArticles
    EXPECT_EQ(ist[34], "");            // AvgTone: not computed, so empty (not a neutral 0)
    EXPECT_EQ(ist[35], "1");           // Actor1Geo_Type: country
    EXPECT_EQ(ist[37], "UP");          // Actor1Geo_CountryCode (FIPS)
    EXPECT_EQ(ist[45], "RS");          // Actor2Geo_CountryCode
    EXPECT_EQ(ist[51], "4");           // ActionGeo_Type: world city
    EXPECT_EQ(ist[52], "Istanbul, Turkey");
    EXPECT_EQ(ist[53], "TU");          // ActionGeo_CountryCode
    EXPECT_EQ(ist[54], "TU34");        // ActionGeo_ADM1Code: FIPS + admin1 of TR.34
    EXPECT_EQ(ist[58], "");            // ActionGeo_FeatureID: no GeoNames id in the gazetteer
    EXPECT_EQ(ist[56], "41.01");       // ActionGeo_Lat
    EXPECT_EQ(ist[57], "28.98");       // ActionGeo_Long
    EXPECT_EQ(ist[59].size(), 14u);    // DATEADDED YYYYMMDDHHMMSS
    EXPECT_EQ(ist[60].rfind("https://", 0), 0u) << ist[60];  // SOURCEURL

    const auto& un = by_code["112"];
    EXPECT_EQ(un[1], "20250401");      // partial date -> first day of the month
    EXPECT_EQ(un[5], "IGOUNO");
    EXPECT_EQ(un[7], "");              // no country
    EXPECT_EQ(un[8], "UNO");           // KnownGroupCode
    EXPECT_EQ(un[12], "IGO");          // Type1Code
    EXPECT_EQ(un[35], "0");            // no Actor1Geo
    EXPECT_EQ(un[51], "0");            // no ActionGeo

    const auto& usa = by_code["036"];
    EXPECT_EQ(usa[1], "20250602");     // no event date -> publish date
    EXPECT_EQ(usa[51], "3");           // US city
    EXPECT_EQ(usa[53], "US");
    EXPECT_EQ(usa[32], "0");           // no outlet known
    EXPECT_EQ(usa[54], "US");          // no admin1 known: the country's code
    EXPECT_EQ(usa[60], "usa");         // no url: the doc_id, never the outlet

    const auto& nd = by_code["040"];   // no date, no publish date -> no date, never the day added
    EXPECT_EQ(nd[1], "");
    EXPECT_EQ(nd[2], "");
    EXPECT_EQ(nd[3], "");
    EXPECT_EQ(nd[37], "FR");
    EXPECT_EQ(nd[45], "GM");
  }
}

TEST_P(StoreTest, CsvJsonJsonlExports) {
  auto s = Open();
  IngestOk(s.get(), Fixture::Docs());
  ExportOptions eo;
  for (bool raw : {false, true}) {
    EventFilter f;
    f.raw = raw;
    const size_t want = raw ? 5 : 4;
    std::ostringstream csv, json, jsonl, table;
    ASSERT_TRUE(s->Export(f, ExportFormat::kCsv, eo, csv).ok());
    ASSERT_TRUE(s->Export(f, ExportFormat::kJson, eo, json).ok());
    ASSERT_TRUE(s->Export(f, ExportFormat::kJsonl, eo, jsonl).ok());
    ASSERT_TRUE(s->Export(f, ExportFormat::kTable, eo, table).ok());
    // CSV: a header and one line per record (no field here has a newline).
    std::istringstream in(csv.str());
    std::string header, line;
    std::getline(in, header);
    auto fields = [](const std::string& l) {  // commas outside quotes, plus one
      long n = 1;
      bool quoted = false;
      for (char c : l) {
        if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) ++n;
      }
      return n;
    };
    long ncols = fields(header);
    size_t lines = 0;
    while (std::getline(in, line)) {
      ++lines;
      EXPECT_EQ(fields(line), ncols) << line;
    }
    EXPECT_EQ(lines, want);
    EXPECT_EQ(header.rfind("id,", 0), 0u);
    EXPECT_GT(ncols, 20);
    EXPECT_NE(header.find(raw ? ",date_precision," : ",date_precision,status,negated,"), std::string::npos);
    EXPECT_NE(header.find(",location_basis,"), std::string::npos);
    EXPECT_NE(header.find(",description,"), std::string::npos);
    rapidjson::Document j;
    j.Parse(json.str().c_str());
    ASSERT_FALSE(j.HasParseError()) << json.str();
    ASSERT_TRUE(j.IsArray());
    EXPECT_EQ(j.Size(), want);
    if (!raw) {
      bool found = false;
      for (auto& r : j.GetArray()) {
        if (std::string(r["cameo"].GetString()) != "111") continue;
        found = true;
        EXPECT_EQ(r["num_articles"].GetInt(), 2);
        ASSERT_TRUE(r["events"].IsArray());
        EXPECT_EQ(r["events"].Size(), 2u);
        EXPECT_EQ(std::string(r["location"]["name"].GetString()), "Istanbul");
      }
      EXPECT_TRUE(found);
    } else {
      EXPECT_TRUE(j[0].HasMember("evidence"));
      EXPECT_TRUE(j[0].HasMember("doc_id"));
    }
    std::istringstream jl(jsonl.str());
    lines = 0;
    while (std::getline(jl, line)) {
      rapidjson::Document o;
      o.Parse(line.c_str());
      EXPECT_FALSE(o.HasParseError()) << line;
      EXPECT_TRUE(o.IsObject());
      ++lines;
    }
    EXPECT_EQ(lines, want);
    const std::string t = table.str();
    EXPECT_EQ(std::count(t.begin(), t.end(), '\n'), static_cast<long>(want + 1)) << t;
  }
  // Empty results are still valid documents.
  EventFilter none;
  none.cameo = "20";
  std::ostringstream json;
  ASSERT_TRUE(s->Export(none, ExportFormat::kJson, eo, json).ok());
  EXPECT_EQ(json.str(), "[]\n");
}

TEST_P(StoreTest, ManyArticlesSpanSeveralBatches) {
  StoreOptions o;
  o.batch_size = 16;
  auto s = Open(o);
  std::vector<Document> docs;
  for (int i = 0; i < 100; ++i)
    docs.push_back(MakeArticle(Cat("m", i), Cat("o", i % 5), {kIstanbul, {"RUSMIL", "UKRMIL", "190", Cat("2025-05-", 10 + i % 9)}}));
  IngestOk(s.get(), docs);
  StoreStats st = Stats(s.get());
  EXPECT_EQ(st.articles, 100);
  EXPECT_EQ(st.events, 200);
  auto merged = All(s.get());
  EventFilter f;
  f.cameo = "111";
  auto ist = All(s.get(), f);
  ASSERT_EQ(ist.size(), 1u);
  EXPECT_EQ(ist[0].num_articles, 100);
  EXPECT_EQ(ist[0].num_sources, 5);
  CheckMergeInvariants(s.get());
}

// --- opening ----------------------------------------------------------------------

TEST(StoreOpen, RejectsNonStoresAndNewerSchemas) {
  char tmpl[] = "/tmp/parley-store-open-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  {
    std::ofstream junk(dir + "/junk.db");
    junk << "this is not a database, just some words that fill a page or so. " << std::string(4096, 'x');
  }
  std::unique_ptr<Store> s;
  Status st = Store::Open(dir + "/junk.db", {}, &s);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(s, nullptr);
  st = Store::Open(dir + "/no/such/dir/x.db", {}, &s);
  EXPECT_EQ(st.code(), Status::Code::kIOError) << st.ToString();
  st = Store::Open("sqlite:" + dir + "/ok.db", {}, &s);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_STREQ(s->backend(), "sqlite");
  s.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/ok.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE schema_version SET version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  st = Store::Open(dir + "/ok.db", {}, &s);
  EXPECT_EQ(st.code(), Status::Code::kUnsupported) << st.ToString();
  EXPECT_NE(st.message().find("schema 99"), std::string::npos);
#ifndef PARLEY_HAVE_POSTGRES
  EXPECT_EQ(Store::Open("postgresql://localhost/x", {}, &s).code(), Status::Code::kUnsupported);
#else
  st = Store::Open("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2", {}, &s);
  EXPECT_EQ(st.code(), Status::Code::kUnavailable) << st.ToString();
  EXPECT_EQ(st.message().find("secret"), std::string::npos) << st.message();
#endif
  fs::remove_all(dir);
}

// --- crash safety (SQLite) ------------------------------------------------------

int64_t CountArticles(const std::string& path) {
  sqlite3* db = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 1000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM articles", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

std::string SqliteScalar(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out = "<error>";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      const auto* t = sqlite3_column_text(st, 0);
      out = t ? reinterpret_cast<const char*>(t) : "NULL";
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

constexpr int kCrashArticles = 2500;

TEST(StoreCrash, KilledWriterLeavesWholeArticlesAndRerunCompletes) {
  char tmpl[] = "/tmp/parley-store-crash-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl, path = dir + "/crash.db";
  std::vector<Document> docs;
  const char* targets[] = {"RUSGOV", "RUSMIL", "USAGOV", "CHNGOV"};
  int64_t total_events = 0;
  const int64_t first_day = store::DaysFromCivil(2025, 3, 1);
  for (int i = 0; i < kCrashArticles; ++i) {
    std::vector<Ev> evs;
    Date date;
    store::CivilFromDays(first_day + (i / 5) % 60, &date.year, &date.month, &date.day);
    for (int k = 0; k <= i % 4; ++k) evs.push_back({"UKRGOV", targets[(i + k) % 4], k % 2 ? "111" : "036", date.ToString()});
    total_events += static_cast<int64_t>(evs.size());
    docs.push_back(MakeArticle(Cat("crash", i), Cat("o", i % 13), evs));
  }
  StoreOptions o;
  o.batch_size = 20;
  std::fflush(nullptr);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::unique_ptr<Store> s;
    if (!Store::Open(path, o, &s).ok()) _exit(3);
    for (size_t at = 0; at < docs.size(); at += 40) {
      std::vector<const Document*> part;
      for (size_t k = at; k < std::min(docs.size(), at + 40); ++k) part.push_back(&docs[k]);
      if (!s->Ingest(part, nullptr).ok()) _exit(4);
    }
    _exit(0);
  }
  // Kill the writer once a fair share is in, in the middle of its work.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  int64_t seen = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    seen = CountArticles(path);
    if (seen >= 300) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill(pid, SIGKILL);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  const bool killed = WIFSIGNALED(wstatus);
  if (!killed) std::fprintf(stderr, "note: the writer finished before it could be killed\n");

  // The store opens cleanly and holds whole articles only.
  EXPECT_EQ(SqliteScalar(path, "PRAGMA integrity_check"), "ok");
  {
    std::unique_ptr<Store> s;
    Status st = Store::Open(path, o, &s);
    ASSERT_TRUE(st.ok()) << st.ToString();
    StoreStats stats;
    ASSERT_TRUE(s->Stats(&stats).ok());
    if (killed) {
      EXPECT_LT(stats.articles, kCrashArticles);
    }
    EXPECT_GE(stats.articles, 300);
    EXPECT_EQ(SqliteScalar(path, "SELECT COUNT(*) FROM articles a WHERE a.num_events <> "
                                 "(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id)"),
              "0");
    EXPECT_EQ(SqliteScalar(path, "SELECT COUNT(*) FROM articles a WHERE 1 <> "
                                 "(SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id)"),
              "0");
    EXPECT_EQ(SqliteScalar(path, "SELECT COUNT(*) FROM events e LEFT JOIN merged_links l ON l.event_id = e.id "
                                 "WHERE l.merged_id IS NULL"),
              "0");
    EXPECT_EQ(SqliteScalar(path, "SELECT COUNT(*) FROM merged_events m WHERE m.num_mentions <> "
                                 "(SELECT COUNT(*) FROM merged_links l WHERE l.merged_id = m.id)"),
              "0");
    // Each stored article is exactly as written: (i % 4) + 1 events.
    EventFilter raw;
    raw.raw = true;
    std::map<std::string, int> per_doc;
    ASSERT_TRUE(s->Query(raw, [&](const EventRecord& r) {
                   ++per_doc[r.doc_id];
                   return true;
                 }).ok());
    for (auto& [doc, n] : per_doc) {
      EXPECT_EQ(n, std::stoi(doc.substr(5)) % 4 + 1) << doc;
    }

    // Rerun: completes with no duplicates.
    std::vector<Status> per;
    ASSERT_TRUE(s->Ingest(Ptrs(docs), &per).ok());
    for (auto& p : per) ASSERT_TRUE(p.ok()) << p.ToString();
    ASSERT_TRUE(s->Stats(&stats).ok());
    EXPECT_EQ(stats.articles, kCrashArticles);
    EXPECT_EQ(stats.events, total_events);
    EXPECT_EQ(SqliteScalar(path, "SELECT COUNT(*) FROM (SELECT doc_id FROM articles GROUP BY doc_id HAVING COUNT(*) > 1)"),
              "0");
    EXPECT_EQ(SqliteScalar(path, "SELECT COUNT(*) FROM merged_events m WHERE m.num_mentions <> "
                                 "(SELECT COUNT(*) FROM merged_links l WHERE l.merged_id = m.id)"),
              "0");
    EXPECT_EQ(SqliteScalar(path, "SELECT COUNT(*) FROM events e LEFT JOIN merged_links l ON l.event_id = e.id "
                                 "WHERE l.merged_id IS NULL"),
              "0");
    EXPECT_EQ(SqliteScalar(path, "SELECT SUM(num_mentions) FROM merged_events"), std::to_string(total_events));
  }
  fs::remove_all(dir);
}

// --- the merge rule, without a database -------------------------------------------

TEST(Merge, BaseCodes) {
  EXPECT_EQ(store::BaseCode("1121"), "112");
  EXPECT_EQ(store::BaseCode("112"), "112");
  EXPECT_EQ(store::BaseCode("11"), "110");
  EXPECT_EQ(store::BaseCode("0211"), "021");
}

TEST(Merge, DaysRoundTrip) {
  EXPECT_EQ(store::DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(store::DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(store::DaysFromCivil(1969, 12, 31), -1);
  for (int64_t d = -800000; d < 800000; d += 97) {
    int y, m, dd;
    store::CivilFromDays(d, &y, &m, &dd);
    ASSERT_EQ(store::DaysFromCivil(y, m, dd), d);
    Date date{y, m, dd};
    Date back;
    if (y > 0 && y < 10000) {
      ASSERT_TRUE(Date::Parse(date.ToString(), &back)) << date.ToString();
    }
  }
}

// Items of one group: (day, doc) pairs, no stored clustering.
// A city for the merge: known, with its point.
store::MergePlace City(const char* name, double lat, double lon) {
  store::MergePlace p;
  p.known = true;
  p.name = name;
  p.country = "UKR";
  p.lat = lat;
  p.lon = lon;
  return p;
}

std::vector<store::MergeItem> Items(const std::vector<std::pair<int, std::string>>& v) {
  std::vector<store::MergeItem> items;
  for (auto& [day, doc] : v) {
    store::MergeItem it;
    it.day = day;
    it.doc_id = doc;
    it.event_id = static_cast<int64_t>(items.size()) + 1;
    items.push_back(it);
  }
  return items;
}

// Cluster of each item (by doc_id), as numbers in order of creation.
std::map<std::string, int> ClusterOf(const std::vector<store::MergeItem>& items, const store::MergePlan& plan) {
  std::map<std::string, int> out;
  for (size_t c = 0; c < plan.clusters.size(); ++c)
    for (size_t k : plan.clusters[c].members) out[items[k].doc_id] = static_cast<int>(c);
  return out;
}

// Stores the plan's clustering in the items, as the store would.
void Store(std::vector<store::MergeItem>* items, const store::MergePlan& plan) {
  for (size_t c = 0; c < plan.clusters.size(); ++c) {
    const auto& m = plan.clusters[c].members;
    for (size_t k : m) {
      (*items)[k].old_merged = static_cast<int64_t>(c) + 100;
      (*items)[k].old_anchor = (*items)[m.front()].event_id;
      (*items)[k].old_anchor_day = (*items)[m.front()].day;
    }
  }
}

TEST(Merge, PlacesAndRolesFit) {
  store::MergeLimits lim;
  std::string why;
  store::MergePlace none, kyiv = City("Kyiv", 50.45, 30.52), brovary = City("Brovary", 50.51, 30.79),
                          lviv = City("Lviv", 49.84, 24.03);
  EXPECT_TRUE(store::PlacesFit(none, lviv, lim, &why));
  EXPECT_TRUE(store::PlacesFit(kyiv, brovary, lim, &why));
  EXPECT_NE(why.find("20 km"), std::string::npos) << why;
  EXPECT_FALSE(store::PlacesFit(kyiv, lviv, lim, &why));
  store::MergePlace ukraine = City("Ukraine", 49, 32), gulf = City("Persian Gulf", 26.5, 52), kuwait = City("Kuwait", 29.3, 47.7),
                    turkey = City("Turkey", 39, 35);
  ukraine.coarse = gulf.coarse = kuwait.coarse = turkey.coarse = true;
  gulf.country = "";
  kuwait.country = "KWT";
  turkey.country = "TUR";
  EXPECT_TRUE(store::PlacesFit(ukraine, lviv, lim, nullptr));    // same country
  EXPECT_FALSE(store::PlacesFit(turkey, lviv, lim, nullptr));    // another country
  EXPECT_TRUE(store::PlacesFit(gulf, kuwait, lim, &why));        // a sea and a place 500 km away
  EXPECT_FALSE(store::PlacesFit(gulf, lviv, lim, nullptr));
  EXPECT_TRUE(store::RolesFit("", "MIL"));
  EXPECT_TRUE(store::RolesFit("MIL", "MIL"));
  EXPECT_TRUE(store::RolesFit("GOV", "MIL"));   // agents of one state
  EXPECT_FALSE(store::RolesFit("REB", "MIL"));
  EXPECT_FALSE(store::RolesFit("CVL", "GOV"));
}

TEST(Merge, ClustersAreAnchoredOnTheirFirstDay) {
  auto items = Items({{3, "c"}, {1, "a"}, {2, "b"}, {4, "d"}, {4, "e"}});
  store::MergePlan plan;
  ASSERT_TRUE(store::PlanMerge(&items, 1, 4, store::MergeLimits{}, 1000, {}, &plan));
  auto c = ClusterOf(items, plan);
  EXPECT_EQ(c, (std::map<std::string, int>{{"a", 0}, {"b", 0}, {"c", 1}, {"d", 1}, {"e", 1}}));
  EXPECT_EQ(plan.end, 6);
  for (auto& cl : plan.clusters) EXPECT_FALSE(cl.open_at_end);

  // Places: Kyiv and Lviv differ; no place fits the first open cluster.
  items = Items({{5, "a"}, {5, "b"}, {5, "c"}, {6, "d"}});
  items[0].place = City("Kyiv", 50.45, 30.52);
  items[1].place = City("Lviv", 49.84, 24.03);
  items[3].place = City("Lviv", 49.84, 24.03);
  ASSERT_TRUE(store::PlanMerge(&items, 5, 6, store::MergeLimits{}, 1000, {}, &plan));
  EXPECT_EQ(ClusterOf(items, plan), (std::map<std::string, int>{{"a", 0}, {"b", 1}, {"c", 0}, {"d", 1}}));
}

TEST(Merge, ReplayStopsWhereNothingChanges) {
  // A daily run, one event a day: {1,2} {3,4} {5,6} {7,8} {9,10}.
  std::vector<std::pair<int, std::string>> days;
  for (int d = 1; d <= 10; ++d) days.push_back({d, "d" + std::to_string(100 + d)});
  auto items = Items(days);
  store::MergePlan plan;
  ASSERT_TRUE(store::PlanMerge(&items, 1, 10, store::MergeLimits{}, 1000, {}, &plan));
  ASSERT_EQ(plan.clusters.size(), 5u);
  Store(&items, plan);
  // A second report on day 4 joins {3,4}; from day 5 on nothing moves.
  store::MergeItem extra;
  extra.day = 4;
  extra.doc_id = "new";
  extra.event_id = 99;
  items.push_back(extra);
  std::vector<store::MergeItem> window;
  for (auto& it : items)
    if (it.day >= 3 && it.day <= 8) window.push_back(it);
  ASSERT_TRUE(store::PlanMerge(&window, 4, 4, store::MergeLimits{}, 8, {}, &plan));
  EXPECT_EQ(plan.end, 6);
  auto c = ClusterOf(window, plan);
  EXPECT_EQ(c["d103"], c["new"]);
  EXPECT_EQ(c["d104"], c["new"]);
  for (auto& cl : plan.clusters) {
    bool has5 = false;
    for (size_t k : cl.members) has5 |= window[k].doc_id == "d105";
    EXPECT_EQ(cl.open_at_end, has5);  // {5}: unchanged, left alone
  }
  // A report on day 0 shifts every anchor: the replay runs to the end.
  window = items;
  extra.day = 0;
  extra.doc_id = "early";
  window.push_back(extra);
  EXPECT_FALSE(store::PlanMerge(&window, 0, 0, store::MergeLimits{}, 5, {}, &plan));  // not settled by day 5
  ASSERT_TRUE(store::PlanMerge(&window, 0, 0, store::MergeLimits{}, 1000, {}, &plan));
  EXPECT_EQ(plan.end, 12);
  c = ClusterOf(window, plan);
  EXPECT_EQ(c["early"], c["d101"]);
  EXPECT_EQ(c["d102"], c["d103"]);
  EXPECT_EQ(c["d110"], 5);
}

TEST(Merge, LostMembersKeepTheReplayGoing) {
  auto items = Items({{1, "a"}, {2, "b"}, {3, "c"}});
  store::MergePlan plan;
  ASSERT_TRUE(store::PlanMerge(&items, 1, 3, store::MergeLimits{}, 1000, {}, &plan));
  Store(&items, plan);  // {a,b} {c}
  // "a" is replaced by nothing: b now anchors its own cluster, and c joins it.
  std::vector<store::MergeItem> rest(items.begin() + 1, items.end());
  ASSERT_TRUE(store::PlanMerge(&rest, 1, 1, store::MergeLimits{}, 1000, {1}, &plan));
  auto c = ClusterOf(rest, plan);
  EXPECT_EQ(c["b"], c["c"]);
  EXPECT_EQ(plan.clusters.size(), 1u);
}

// --- reading output lines back --------------------------------------------------

TEST(OutputReader, RoundTripsTheWriter) {
  Document d = MakeArticle("round", "reuters.com", {kIstanbul, {"IGOUNO", "", "112", "2025-05"}});
  d.events[0].quote = 0;
  d.events[0].location->feature = "city";
  Entity loc;
  loc.id = "e2";
  loc.name = "Istanbul";
  loc.type = EntityType::kLocation;
  loc.country = "TUR";
  loc.lat = 41.01;
  loc.lon = 28.97;
  loc.feature = "city";
  loc.mentions = {Span{0, 8}};
  d.entities.push_back(loc);
  std::string line;
  WriteDocumentJson(d, &line);
  Document back;
  Status s = ReadOutputLine(line, &back);
  ASSERT_TRUE(s.ok()) << s.ToString() << "\n" << line;
  EXPECT_EQ(back.doc_id, "round");
  EXPECT_EQ(back.publish_date.ToString(), "2025-05-17");
  EXPECT_EQ(back.source, d.source);
  EXPECT_EQ(back.url, d.url);
  EXPECT_EQ(back.title, d.title);
  ASSERT_EQ(back.sentences.size(), d.sentences.size());
  EXPECT_EQ(back.sentences[1].span, d.sentences[1].span);
  ASSERT_EQ(back.entities.size(), 2u);
  EXPECT_EQ(back.entities[0].name, "Somebody Important");
  EXPECT_EQ(back.entities[0].code, "UKRGOV");
  EXPECT_EQ(back.entities[1].type, EntityType::kLocation);
  EXPECT_DOUBLE_EQ(*back.entities[1].lat, 41.01);
  ASSERT_EQ(back.events.size(), 2u);
  const Event& e = back.events[0];
  EXPECT_EQ(e.id, d.events[0].id);
  EXPECT_EQ(e.span, d.events[0].span);
  EXPECT_EQ(back.text(e.span), d.text(d.events[0].span));
  ASSERT_TRUE(e.source.has_value());
  EXPECT_EQ(e.source->code, "UKRGOV");
  EXPECT_EQ(e.source->entity, 0);
  EXPECT_EQ(e.source->text, d.events[0].source->text);
  EXPECT_EQ(e.target->country, "RUS");
  EXPECT_EQ(e.cameo, "111");
  EXPECT_EQ(e.quad_class, 3);
  EXPECT_DOUBLE_EQ(e.goldstein, -2.0);
  EXPECT_EQ(e.plover, "ACCUSE");
  EXPECT_EQ(e.date.ToString(), "2025-05-16");
  EXPECT_EQ(e.date_basis, "text");
  ASSERT_TRUE(e.location.has_value());
  EXPECT_EQ(e.location->name, "Istanbul");
  EXPECT_DOUBLE_EQ(e.location->lat, 41.01);
  EXPECT_EQ(e.location->admin1, "TR.34");
  EXPECT_EQ(e.location_basis, "clause");
  EXPECT_EQ(e.quote, 0);
  EXPECT_EQ(e.rule, "test:0");
  EXPECT_FALSE(back.events[1].target.has_value());
  EXPECT_EQ(back.events[1].date.ToString(), "2025-05");
  ASSERT_EQ(back.quotes.size(), 1u);
  EXPECT_EQ(back.quotes[0].speaker_entity, 0);
  EXPECT_EQ(back.quotes[0].text, "Headline");
  EXPECT_EQ(back.text(back.quotes[0].span), "Headline");
  ASSERT_EQ(back.counts.size(), 1u);
  EXPECT_EQ(back.counts[0].number, 1000);
  EXPECT_EQ(back.counts[0].qualifier, "each");
  // Writing the read document gives the same line.
  std::string again;
  WriteDocumentJson(back, &again);
  EXPECT_EQ(again, line);
}

TEST(OutputReader, UsesTextWhenTheLineHasIt) {
  Document d;
  Status s = ReadOutputLine(
      R"({"doc_id":"t","text":"Kyiv said no.","events":[{"id":"ev-1","span":[0,4],"evidence":"Kyiv","cameo":"010"}]})", &d);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(d.text(), "Kyiv said no.");
  EXPECT_EQ(d.events[0].cameo_root, "01");
  s = ReadOutputLine(
      R"({"doc_id":"t","text":"Kyiv said no.","events":[{"id":"ev-1","span":[0,4],"evidence":"Kiev","cameo":"010"}]})", &d);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_NE(s.message().find("events[0].evidence"), std::string::npos) << s.message();
}

TEST(OutputReader, ErrorLinesReadAndAreNotStored) {
  Document d;
  Status s = ReadOutputLine(
      R"({"doc_id":"x","publish_date":null,"title":null,"url":null,"source":null,"error":"no text","sentences":[],"entities":[],"events":[],"quotes":[],"counts":[]})",
      &d);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(d.error, "no text");
  EXPECT_FALSE(d.title.has_value());
}

TEST(OutputReader, MalformedLinesSayWhy) {
  struct Case {
    const char* line;
    const char* says;
  };
  const Case cases[] = {
      {"not json", "column"},
      {"", "column 1"},
      {"[1,2]", "expected a JSON object"},
      {R"({"doc_id": 5})", "doc_id"},
      {R"({"title": "x"})", "doc_id: missing"},
      {R"({"doc_id":"a","publish_date":"17 May"})", "publish_date"},
      {R"({"doc_id":"a","events":[{"span":[5,2],"cameo":"010"}]})", "events[0].span"},
      {R"({"doc_id":"a","events":[{"span":[0,3],"evidence":"abcd","cameo":"010"}]})", "events[0].evidence"},
      {R"({"doc_id":"a","events":[{"span":[0,1],"cameo":"010","source":{"code":"X","entity":"e9"}}]})", "no entity"},
      {R"({"doc_id":"a","events":[{"span":[0,1],"cameo":"010","quote":"q7"}]})", "no quote"},
      {R"({"doc_id":"a","events":[{"span":[0,1],"cameo":"010","status":"maybe"}]})", "status"},
      {R"({"doc_id":"a","events":[{"span":[0,1]}]})", "cameo"},
      {R"({"doc_id":"a","events":{}})", "events: expected an array"},
      {R"({"doc_id":"a","entities":[{"id":"e1","type":"ALIEN"}]})", "entities[0].type"},
      {R"({"doc_id":"a"} trailing)", "column"},
      {"{\"doc_id\":\"caf\xC3\"}", "column"},
  };
  for (const Case& c : cases) {
    Document d;
    d.doc_id = "untouched";
    Status s = ReadOutputLine(c.line, &d);
    EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << c.line;
    EXPECT_NE(s.message().find(c.says), std::string::npos) << c.line << " -> " << s.message();
    EXPECT_EQ(d.doc_id, "untouched");
  }
}

TEST_P(StoreTest, IngestsLinesReadBack) {
  // A line without "text": the store keeps evidence, and the text as unknown.
  Document d = MakeArticle("line", "x.com", {kIstanbul});
  std::string line;
  WriteDocumentJson(d, &line);
  Document back;
  ASSERT_TRUE(ReadOutputLine(line, &back).ok());
  auto s = Open();
  IngestOk(s.get(), {back});
  IngestOk(s.get(), {back});
  EventFilter raw;
  raw.raw = true;
  auto evs = All(s.get(), raw);
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(evs[0].evidence, std::string(d.text(d.events[0].span)));
  EXPECT_EQ(Stats(s.get()).articles, 1);
}

}  // namespace
}  // namespace parley
