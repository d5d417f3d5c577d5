#include "extract/places.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "extract/dates.h"
#include "lexicon/gazetteer.h"
#include "resolve/resolve.h"
#include "text/segment.h"
#include "text/vocabulary.h"

namespace parley {
namespace {

const Gazetteer& Fixture() {
  static std::unique_ptr<Gazetteer> g = [] {
    std::unique_ptr<Gazetteer> out;
    Status s = Gazetteer::Load(std::filesystem::path(PARLEY_TEST_DATA_DIR) / "gazetteer", &out);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }();
  return *g;
}

struct Found {
  std::string text, name, country, feature;
  double lat = 0, lon = 0;
};

Document Doc(const std::string& text, const Gazetteer& gaz, const char* publish = "2025-05-17") {
  Document doc(text);
  Date::Parse(publish, &doc.publish_date);
  SegmentDocument(&doc);
  RecogniseDates(&doc);
  RecognisePlaces(gaz, &doc);
  return doc;
}

std::vector<Found> Places(const Document& doc) {
  std::vector<Found> out;
  for (const Mention& m : doc.mentions)
    if (m.type == MentionType::kPlace)
      out.push_back({std::string(doc.text(m.span)), m.name, m.country, m.feature, m.lat, m.lon});
  return out;
}

std::vector<Found> Places(const std::string& text, const Gazetteer& gaz = Fixture()) { return Places(Doc(text, gaz)); }

void AddEvent(Document* doc, const std::string& evidence) {
  size_t pos = doc->text().find(evidence);
  ASSERT_NE(pos, std::string::npos) << evidence;
  Event ev;
  ev.span = Span{static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + evidence.size())};
  for (const Token& t : doc->tokens)
    if (t.span.begin >= pos) { ev.sentence = t.sentence; break; }
  doc->events.push_back(ev);
}

// Marks `word` (its first occurrence) as a capital standing for its government.
void AddMetonym(Document* doc, const std::string& word, const std::string& code) {
  size_t pos = doc->text().find(word);
  ASSERT_NE(pos, std::string::npos);
  Mention m;
  m.type = MentionType::kActor;
  m.metonym = true;
  m.code = code;
  m.country = code.substr(0, 3);
  for (uint32_t i = 0; i < doc->tokens.size(); ++i)
    if (doc->tokens[i].span.begin == pos) { m.token_begin = i; m.token_end = i + 1; }
  m.span = doc->TokenSpan(m.token_begin, m.token_end);
  doc->mentions.push_back(m);
}

TEST(Gazetteer, KeyFoldsCaseAccentsQuotesAndSpace) {
  EXPECT_EQ(Gazetteer::Key("  Dolmabahçe \n Palace "), "dolmabahce palace");
  EXPECT_EQ(Gazetteer::Key("Côte d\xE2\x80\x99Ivoire"), "cote d'ivoire");
  EXPECT_EQ(Gazetteer::Key("DÜSSELDORF"), "dusseldorf");
}

TEST(Gazetteer, LoadsTheFixture) {
  const Gazetteer& g = Fixture();
  EXPECT_TRUE(g.has_generated());
  auto d = g.Lookup("Dolmabahçe Palace");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0]->name(), "Dolmabahce Palace");
  EXPECT_EQ(d[0]->country(), "TUR");
  EXPECT_EQ(d[0]->feature, PlaceFeature::kSite);
  EXPECT_EQ(g.Lookup("dolmabahce palace").size(), 1u);
  auto kiev = g.Lookup("Kiev");
  ASSERT_FALSE(kiev.empty());
  EXPECT_EQ(kiev[0]->name(), "Kyiv");
  EXPECT_TRUE(kiev[0]->is_capital);
  EXPECT_EQ(g.Lookup("Düsseldorf").size(), 1u);
  EXPECT_EQ(g.Lookup("Dusseldorf").size(), 1u);
  // Capitals-only aliases match only as written.
  ASSERT_EQ(g.Lookup("US").size(), 1u);
  EXPECT_EQ(g.Lookup("US")[0]->country(), "USA");
  EXPECT_TRUE(g.Lookup("us").empty());
  ASSERT_NE(g.Country("UKR"), nullptr);
  EXPECT_EQ(g.Country("UKR")->name(), "Ukraine");
  EXPECT_EQ(g.Country("XXX"), nullptr);
  EXPECT_EQ(g.max_words(), 4);  // "united states of america"
  EXPECT_TRUE(g.HasPrefix("sea of"));
  EXPECT_FALSE(g.HasPrefix("sea of japan"));
  // HasKey answers as LookupKey's emptiness does.
  for (std::string_view key : {"dolmabahce palace", "kiev", "kyiv", "dusseldorf", "ukraine", "sea of", "", "us",
                               "\x01US", "united states of america", "nowhere at all"})
    EXPECT_EQ(g.HasKey(key), !g.LookupKey(key).empty()) << key;
  EXPECT_TRUE(g.HasKey("kiev"));
  EXPECT_FALSE(g.HasKey("nowhere at all"));
}

// A key's group, kept by a caller (RecognisePlaces keeps it per word),
// gives the places LookupKey gives, capitals-only aliases included.
TEST(Gazetteer, LookupGroupAnswersAsLookupKey) {
  const Gazetteer& g = Fixture();
  std::vector<const Place*> by_key, by_group;
  for (auto [key, text] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {"kiev", "Kiev"}, {"us", "US"}, {"us", "us"}, {"paris", "Paris"}, {"", "US"},
           {"nowhere", "Nowhere"}, {"ukraine", "UKRAINE"}}) {
    const uint32_t hash = StringTable<int>::Hash(key);
    g.LookupKey(key, hash, text, &by_key);
    const uint32_t group = g.KeyGroup(key, hash);
    EXPECT_EQ(group == Gazetteer::kNoGroup, !g.HasKey(key)) << key;
    g.LookupGroup(group, text, &by_group);
    EXPECT_EQ(by_group, by_key) << key << " " << text;
  }
  EXPECT_EQ(g.KeyGroup("nowhere", StringTable<int>::Hash("nowhere")), Gazetteer::kNoGroup);
}

TEST(Gazetteer, RanksNamesakesAndHidesDuplicates) {
  const Gazetteer& g = Fixture();
  auto paris = g.Lookup("Paris");
  // The hand row hides the GeoNames Paris, France and the countries.tsv capital.
  ASSERT_EQ(paris.size(), 3u);
  EXPECT_EQ(paris[0]->country(), "FRA");
  EXPECT_EQ(paris[0]->source, PlaceSource::kPlaces);
  EXPECT_EQ(paris[0]->Rule(), "data/places.tsv:3");
  EXPECT_EQ(paris[1]->country(), "USA");
  auto moscow = g.Lookup("Moscow");
  ASSERT_EQ(moscow.size(), 2u);
  EXPECT_EQ(moscow[0]->country(), "RUS");
  // A disputed city keeps the empty country of its hand row.
  auto jerusalem = g.Lookup("Jerusalem");
  ASSERT_EQ(jerusalem.size(), 1u);
  EXPECT_EQ(jerusalem[0]->country(), "");
  // Countries first.
  auto georgia = g.Lookup("Georgia");
  ASSERT_EQ(georgia.size(), 2u);
  EXPECT_EQ(georgia[0]->feature, PlaceFeature::kCountry);
}

TEST(Gazetteer, Errors) {
  std::unique_ptr<Gazetteer> g;
  EXPECT_EQ(Gazetteer::Load("/nonexistent/dir", &g).code(), Status::Code::kNotFound);
  EXPECT_EQ(g, nullptr);

  auto dir = std::filesystem::temp_directory_path() / "parley_gazetteer_test";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(std::filesystem::path(PARLEY_TEST_DATA_DIR) / "gazetteer" / "countries.tsv",
                             dir / "countries.tsv", std::filesystem::copy_options::overwrite_existing);
  {
    std::ofstream out(dir / "places.tsv");
    out << "# header\nCrimea\t\tUKR\tregion\t45.3\t34.4\t0\t\t\nAtlantis\t\t\tcontinent\t0\t0\t0\t\t\n";
  }
  Status s = Gazetteer::Load(dir, &g);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  // The real path of the file (dict check and the engine name the same).
  EXPECT_EQ(s.message(), (dir / "places.tsv").string() + ":3: feature 'continent' is not country, region, city or site");
  {
    std::ofstream out(dir / "places.tsv");
    out << "Crimea\t\tUKR\tregion\tnorth\t34.4\n";
  }
  s = Gazetteer::Load(dir, &g);
  EXPECT_EQ(s.message(), (dir / "places.tsv").string() + ":1: bad latitude 'north'");
  // Without places.tsv and generated/: countries and capitals only.
  std::filesystem::remove(dir / "places.tsv");
  ASSERT_TRUE(Gazetteer::Load(dir, &g).ok());
  EXPECT_FALSE(g->has_generated());
  EXPECT_EQ(g->Lookup("Kyiv").size(), 1u);
  EXPECT_TRUE(g->Lookup("Crimea").empty());
  std::filesystem::remove_all(dir);
}

TEST(RecognisePlaces, LongestMatchCountriesCapitalsAndSites) {
  auto v = Places("Talks at the Dolmabahçe Palace in Istanbul ended. Kiev and the United States of America "
                  "reacted; ships sailed into the Sea of Japan.");
  ASSERT_EQ(v.size(), 5u);
  EXPECT_EQ(v[0].name, "Dolmabahce Palace");
  EXPECT_EQ(v[0].country, "TUR");
  EXPECT_EQ(v[0].feature, "site");
  EXPECT_EQ(v[1].name, "Istanbul");
  EXPECT_EQ(v[2].name, "Kyiv");  // the canonical name
  EXPECT_EQ(v[2].text, "Kiev");
  EXPECT_EQ(v[3].name, "United States");
  EXPECT_EQ(v[3].feature, "country");
  EXPECT_EQ(v[4].name, "Sea of Japan");
  EXPECT_EQ(v[4].country, "");
}

TEST(RecognisePlaces, ParisFranceOrParisTexas) {
  auto fr = Places("Protesters marched through Paris as France prepared for the summit.");
  ASSERT_EQ(fr.size(), 2u);
  EXPECT_EQ(fr[0].country, "FRA");
  auto us = Places("A tornado struck Texas overnight. The storm flattened homes in Paris, officials said.");
  ASSERT_EQ(us.size(), 2u);
  EXPECT_EQ(us[1].name, "Paris");
  EXPECT_EQ(us[1].country, "USA");
  EXPECT_NEAR(us[1].lat, 33.66, 0.01);  // Paris, Texas, not Paris, Illinois
  // Without Texas, the prominent Paris wins even in an American story.
  auto plain = Places("The United States and its allies met in Paris.");
  ASSERT_EQ(plain.size(), 2u);
  EXPECT_EQ(plain[1].country, "FRA");
}

TEST(RecognisePlaces, CityAndItsRegionAreOneMention) {
  auto v = Places("Trump told supporters in Sterling Heights, Michigan that he would win. Later he spoke in "
                  "Leesburg, Virginia.");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].text, "Sterling Heights, Michigan");
  EXPECT_EQ(v[0].name, "Sterling Heights, Michigan");
  EXPECT_EQ(v[0].country, "USA");
  EXPECT_EQ(v[1].name, "Leesburg, Virginia");
  EXPECT_NEAR(v[1].lat, 39.12, 0.01);  // the Virginia one
}

TEST(RecognisePlaces, CountryContextPicksTheNamesake) {
  // "Georgia" is the country unless the story is American.
  auto geo = Places("Russia sent troops to the border with Georgia.");
  ASSERT_EQ(geo.size(), 2u);
  EXPECT_EQ(geo[1].country, "GEO");
  EXPECT_EQ(geo[1].feature, "country");
  auto us = Places("The United States held primaries. Voters in Georgia and Texas queued for hours; America "
                   "watched.");
  ASSERT_GE(us.size(), 3u);
  EXPECT_EQ(us[1].name, "Georgia");
  EXPECT_EQ(us[1].country, "USA");
  EXPECT_EQ(us[1].feature, "region");
}

TEST(RecognisePlaces, AvoidsNamesAndCommonWords) {
  EXPECT_TRUE(Places("Michael Jordan scored forty points.").empty());
  EXPECT_TRUE(Places("Mr Moscow said nothing.").empty());
  EXPECT_TRUE(Places("The Washington Post and Paris Match reported it.").empty());
  auto jordan = Places("Jordan closed its border.");
  ASSERT_EQ(jordan.size(), 1u);
  EXPECT_EQ(jordan[0].country, "JOR");
  // "Police" is a town in Poland; here it is the police.
  auto police = Places("Police in Kyiv said Poland had not been told.");
  ASSERT_EQ(police.size(), 2u);
  EXPECT_EQ(police[0].name, "Kyiv");
  EXPECT_EQ(police[1].name, "Poland");
  // A surname seen in a full name is a person later on.
  auto sur = Places("The talks were led by Anna Jordan. Jordan said the talks went well.");
  EXPECT_TRUE(sur.empty());
  // All-caps headline words are not small towns.
  EXPECT_TRUE(Places("POLICE ARREST SUSPECT\n\nThe suspect was held.").empty());
}

TEST(RecognisePlaces, GeoNamesPlacesNeedSupport) {
  // A small town with a locative preposition, in a country the story names.
  auto v = Places("North Korea fired missiles from the western town of Hwangju toward the Sea of Japan.",
                  Fixture());
  // North Korea is not in the fixture's countries: Hwangju's country is not named, so it is dropped.
  for (const Found& f : v) EXPECT_NE(f.name, "Hwangju");
  auto w = Places("Leaders gathered in Dusseldorf. Germany hosted them.");
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].name, "Dusseldorf");  // as written, not "Düsseldorf"
  EXPECT_EQ(w[0].country, "DEU");
}

TEST(RecognisePlaces, Dateline) {
  Document doc = Doc("KYIV, May 17 - Ukraine said talks would go on.", Fixture());
  auto v = Places(doc);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].text, "KYIV");
  EXPECT_EQ(v[0].name, "Kyiv");
  AddEvent(&doc, "Ukraine said talks would go on");
  ResolveEventPlaces(Fixture(), &doc);
  ASSERT_TRUE(doc.events[0].location.has_value());
  EXPECT_EQ(doc.events[0].location->name, "Kyiv");
}

TEST(ResolveEventPlaces, BareDatelineRefinesTheStorysCountry) {
  // "KYIV" opens the body without "(Reuters) -"; the story's place is
  // otherwise only its country, so the city inside it is the finer answer.
  Document doc("Ceasefire holds\n\nKYIV Ukrainian troops were shelled in Ukraine on Friday.\n"
               "Soldiers returned fire.");
  Date::Parse("2025-05-17", &doc.publish_date);
  SegmentDocument(&doc, [](std::string_view key) { return !Fixture().LookupKey(key).empty(); });
  RecogniseDates(&doc);
  RecognisePlaces(Fixture(), &doc);
  AddEvent(&doc, "Soldiers returned fire");
  ResolveEventPlaces(Fixture(), &doc);
  ASSERT_TRUE(doc.events[0].location.has_value());
  EXPECT_EQ(doc.events[0].location->name, "Kyiv");
  EXPECT_EQ(doc.events[0].location_basis, "dateline");
}

TEST(ResolveEventPlaces, AttachedPlacesSceneAndMetonyms) {
  Document doc = Doc(
      "Russia and Ukraine agreed on a prisoner exchange. The meeting, held in Istanbul on Friday, resulted in a "
      "deal.\nThe talks were hosted at the Dolmabahce Palace.\nMoscow continues to claim Crimea.\n"
      "Zelensky, speaking from a summit in Albania, criticized Putin.",
      Fixture());
  AddMetonym(&doc, "Moscow", "RUSGOV");
  AddEvent(&doc, "Russia and Ukraine agreed on a prisoner exchange");
  AddEvent(&doc, "resulted in a deal");
  AddEvent(&doc, "The talks were hosted at the Dolmabahce Palace");
  AddEvent(&doc, "Moscow continues to claim Crimea");
  AddEvent(&doc, "Zelensky, speaking from a summit in Albania, criticized Putin");
  ResolveEventPlaces(Fixture(), &doc);
  ASSERT_TRUE(doc.events[0].location.has_value());
  EXPECT_EQ(doc.events[0].location->name, "Istanbul");  // the next sentence sets the scene
  ASSERT_TRUE(doc.events[1].location.has_value());
  EXPECT_EQ(doc.events[1].location->name, "Istanbul");
  EXPECT_EQ(doc.events[1].location->country, "TUR");
  EXPECT_NEAR(doc.events[1].location->lat, 41.0, 0.1);
  EXPECT_NEAR(doc.events[1].location->lon, 29.0, 0.1);
  EXPECT_EQ(doc.events[1].location->feature, "city");
  ASSERT_TRUE(doc.events[2].location.has_value());
  EXPECT_EQ(doc.events[2].location->name, "Dolmabahce Palace");
  EXPECT_EQ(doc.events[2].location->feature, "site");
  ASSERT_TRUE(doc.events[3].location.has_value());
  EXPECT_NE(doc.events[3].location->name, "Moscow");  // a metonym is not a place of events
  ASSERT_TRUE(doc.events[4].location.has_value());
  EXPECT_EQ(doc.events[4].location->name, "Albania");
  EXPECT_EQ(doc.events[4].location->feature, "country");
}

TEST(ResolveEventPlaces, NoPlaceMeansNoLocation) {
  Document doc = Doc("The rebels said they would fight on.", Fixture());
  AddEvent(&doc, "The rebels said they would fight on");
  ResolveEventPlaces(Fixture(), &doc);
  EXPECT_FALSE(doc.events[0].location.has_value());
}

// The project's data, when present: the reference article, load time and size.
class RealData : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto t0 = std::chrono::steady_clock::now();
    Status s = Gazetteer::Load(PARLEY_DATA_DIR, &gaz_);
    load_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!s.ok()) gaz_.reset();
  }
  static std::unique_ptr<Gazetteer> gaz_;
  static double load_seconds_;
};
std::unique_ptr<Gazetteer> RealData::gaz_;
double RealData::load_seconds_ = 0;

TEST_F(RealData, LoadsAndReports) {
  if (!gaz_) GTEST_SKIP() << "no data/countries.tsv";
  RecordProperty("gazetteer_places", static_cast<int>(gaz_->size()));
  RecordProperty("gazetteer_load_ms", static_cast<int>(load_seconds_ * 1000));
  RecordProperty("gazetteer_bytes", static_cast<int>(gaz_->MemoryBytes()));
  EXPECT_GT(gaz_->size(), 250u);
  if (gaz_->has_generated()) {
    EXPECT_GT(gaz_->size(), 100000u);
  }
}

TEST_F(RealData, ReferenceArticle) {
  if (!gaz_) GTEST_SKIP() << "no data/countries.tsv";
  std::ifstream in(std::string(PARLEY_SHARED_DIR) + "/examples/istanbul-talks/article.txt");
  if (!in) GTEST_SKIP() << "no shared examples";
  std::stringstream ss;
  ss << in.rdbuf();
  Document doc = Doc(ss.str(), *gaz_, "2025-05-17");
  std::map<std::string, std::string> country;
  for (const Found& f : Places(doc)) country[f.name] = f.country;
  EXPECT_EQ(country["Kyiv"], "UKR");
  EXPECT_EQ(country["Moscow"], "RUS");
  EXPECT_EQ(country["Crimea"], "UKR");
  EXPECT_EQ(country["Istanbul"], "TUR");
  EXPECT_EQ(country["Dolmabahce Palace"], "TUR");
  EXPECT_EQ(country["Albania"], "ALB");

  AddMetonym(&doc, "Moscow continues", "RUSGOV");
  AddEvent(&doc, "Russia and Ukraine agreed on a major prisoner exchange");
  AddEvent(&doc, "The meeting, held in Istanbul on Friday, resulted in a deal to swap 1,000 prisoners each");
  AddEvent(&doc, "The 90-minute talks were hosted by Turkish Foreign Minister Hakan Fidan at the Dolmabahce Palace");
  AddEvent(&doc, "criticized Russian President Vladimir Putin");
  AddEvent(&doc, "Ukrainian President Volodymyr Zelensky, speaking from a European summit in Albania, criticized "
                 "Russian President Vladimir Putin");
  ResolveEventDates(&doc);
  ResolveEventPlaces(*gaz_, &doc);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(doc.events[i].date.ToString(), "2025-05-16") << i;
    EXPECT_EQ(doc.events[i].date_basis, "text") << i;
  }
  ASSERT_TRUE(doc.events[0].location && doc.events[1].location && doc.events[2].location && doc.events[4].location);
  EXPECT_EQ(doc.events[0].location->name, "Istanbul");
  EXPECT_EQ(doc.events[1].location->name, "Istanbul");
  EXPECT_NEAR(doc.events[1].location->lat, 41.0, 0.1);
  EXPECT_NEAR(doc.events[1].location->lon, 29.0, 0.1);
  EXPECT_EQ(doc.events[2].location->name, "Dolmabahce Palace");
  EXPECT_EQ(doc.events[4].location->name, "Albania");
  EXPECT_EQ(doc.events[4].location->country, "ALB");
}


// countries.tsv lists a capital's spellings with '|': each is a name of the
// one capital, and the first is the name it goes by.
TEST(Gazetteer, CapitalSpellings) {
  auto dir = std::filesystem::temp_directory_path() / "parley_gazetteer_capitals";
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "countries.tsv");
    out << "UKR\tUKR\tUA\tUP\tUkraine\t\tUkrainian\tKyiv|Kiev\t49\t32\t50.43\t30.52\n";
  }
  std::unique_ptr<Gazetteer> g;
  ASSERT_TRUE(Gazetteer::Load(dir, &g).ok());
  for (const char* spelling : {"Kyiv", "Kiev"}) {
    auto found = g->Lookup(spelling);
    ASSERT_EQ(found.size(), 1u) << spelling;
    EXPECT_EQ(found[0]->name(), "Kyiv");
    EXPECT_TRUE(found[0]->is_capital);
  }
  EXPECT_TRUE(g->Lookup("Kyiv|Kiev").empty());
  std::filesystem::remove_all(dir);
}

// The date and place finders test words by id when the tokens are numbered
// (closed word lists, src/text/vocabulary.h) and by string when they are
// not: both give the same mentions.
TEST(PlacesAndDates, NumberedTokensFindTheSameMentions) {
  const std::string text =
      "PARIS, March 3 - President Emmanuel Macron met officials in the town of Moscow last Tuesday.\n\n"
      "Macron said talks in Sterling Heights, Michigan, and the Bank of Paris began three days ago; "
      "the University of Texas and Cologne Police were not there. In early-2022 the Kyiv mayor "
      "travelled from Leesburg, Virginia to Istanbul on Friday, after a visit to Georgia in May 2024.";
  auto mentions = [](const Document& d) {
    std::vector<std::string> out;
    for (const Mention& m : d.mentions)
      out.push_back(std::to_string(static_cast<int>(m.type)) + " " + std::to_string(m.token_begin) + "-" +
                    std::to_string(m.token_end) + " " + m.name + " " + m.country + " " + m.rule);
    return out;
  };
  Document plain = Doc(text, Fixture());
  Document numbered(text);
  Date::Parse("2025-05-17", &numbered.publish_date);
  SegmentDocument(&numbered);
  Vocabulary v;
  v.Number(&numbered);
  ASSERT_EQ(numbered.vocabulary, v.tag());
  RecogniseDates(&numbered);
  RecognisePlaces(Fixture(), &numbered);
  EXPECT_EQ(mentions(numbered), mentions(plain));
  int dates = 0, places = 0;
  for (const Mention& m : plain.mentions) {
    dates += m.type == MentionType::kDate;
    places += m.type == MentionType::kPlace;
  }
  EXPECT_GE(dates, 4);
  EXPECT_GE(places, 4);
}

// LookupKey into a caller's vector (what RecognisePlaces uses) answers as
// the vector-returning form: each place once, most prominent first, the
// vector cleared between lookups; also past the few namesakes compared
// with each other, where places are marked instead.
TEST(Gazetteer, LookupIntoReusedVectorListsManyNamesakesOnce) {
  auto dir = std::filesystem::temp_directory_path() / "parley_gazetteer_namesakes_test";
  std::filesystem::create_directories(dir / "generated");
  std::filesystem::copy_file(std::filesystem::path(PARLEY_TEST_DATA_DIR) / "gazetteer" / "countries.tsv",
                             dir / "countries.tsv", std::filesystem::copy_options::overwrite_existing);
  {
    std::ofstream out(dir / "generated" / "cities.tsv");
    // 40 towns called Brookfield, 5 degrees apart (none hides another),
    // one of them a division seat, and one town known by two names.
    for (int i = 0; i < 40; ++i)
      out << "Brookfield\t\tUSA\tcity\t" << (i % 8) * 5 << "\t" << -60 - (i / 8) * 5 << "\t\tUS.X" << i << "\t"
          << (i == 17 ? "seat" : "") << "\n";
    out << "Oldtown\tNewtown\tUSA\tcity\t10.5\t-10.5\t\tUS.Y\t\n";
  }
  std::unique_ptr<Gazetteer> g;
  ASSERT_TRUE(Gazetteer::Load(dir, &g).ok());
  std::vector<const Place*> found = {nullptr};  // stale contents are dropped
  g->LookupKey("brookfield", "Brookfield", &found);
  EXPECT_EQ(found, g->LookupKey("brookfield", "Brookfield"));
  ASSERT_EQ(found.size(), 40u);
  std::vector<const Place*> sorted = found;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());
  EXPECT_TRUE(found.front()->seat);  // division seats rank above other towns
  for (size_t i = 1; i < found.size(); ++i) EXPECT_GE(found[i - 1]->prominence, found[i]->prominence);
  // The same vector again: only this lookup's places.
  g->LookupKey("newtown", "Newtown", &found);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->name(), "Oldtown");
  g->LookupKey("nowhere", "Nowhere", &found);
  EXPECT_TRUE(found.empty());
  // And the 40 again, after the marks of the first lookup.
  g->LookupKey("brookfield", "", &found);
  EXPECT_EQ(found.size(), 40u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace parley
