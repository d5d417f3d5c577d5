// Organisations the dictionaries do not list (issue 11, failure types 1
// and 2): a body known from its capitalised name and head word, from an
// apposition naming what it is, or from an acronym the article defines;
// later mentions of the same name, of the acronym, or "the company", "the
// union" are the same body. Sentences and names written for these tests;
// none comes from an evaluation set.
#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::RealDoc;
using testing::RealEvents;

bool Has(const std::string& events, const std::string& e) { return events.find(e) != std::string::npos; }

const Mention* ActorNamed(const Document& d, const std::string& text) {
  for (const Mention& m : d.mentions)
    if (m.type == MentionType::kActor && d.text(m.span) == text) return &m;
  return nullptr;
}

TEST(Orgs, AnAppositionNamesABodyNotAPerson) {
  REQUIRE_REAL_DATA();
  // Before, "Greenfield Agro" was taken for a person of no role.
  Document d = RealDoc(
      "Farmers in Kenya blocked roads on Tuesday. Greenfield Agro, a Nairobi-based seed company, accused the "
      "government of ignoring the farmers.");
  const Mention* m = ActorNamed(d, "Greenfield Agro");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->entity_type, EntityType::kOrg);
  EXPECT_EQ(m->code, "KENBUS");
  std::string ev = RealEvents(
      "Farmers in Kenya blocked roads on Tuesday. Greenfield Agro, a Nairobi-based seed company, accused the "
      "government of ignoring the farmers.");
  EXPECT_TRUE(Has(ev, "KENBUS>KENGOV:112")) << ev;
}

TEST(Orgs, ABodyNamedOnceIsKnownByItsNameLater) {
  REQUIRE_REAL_DATA();
  // A one-word name: before, "Kavuli" alone was no actor at all.
  std::string ev = RealEvents(
      "Kavuli, the largest dairy firm in Tanzania, raised its prices on Monday. Kavuli later criticized the "
      "agriculture ministry.");
  EXPECT_TRUE(Has(ev, "TZABUS>TZAGOV:111")) << ev;
}

TEST(Orgs, AnAcronymInBracketsNamesTheBodyLater) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents(
      "The Mining Workers Federation of Peru (MWFP) called a national strike on Monday. The MWFP accused the "
      "government of breaking its promises.");
  EXPECT_TRUE(Has(ev, "PERLAB>PERGOV:112")) << ev;
  // The acronym in brackets is no second actor of its own.
  Document d = RealDoc("The Mining Workers Federation of Peru (MWFP) called a national strike on Monday.");
  EXPECT_EQ(ActorNamed(d, "MWFP"), nullptr);
}

TEST(Orgs, TheUnionIsTheUnionNamedBeforeEvenAForeignOne) {
  REQUIRE_REAL_DATA();
  // Without the link "the union" would be a Chilean union (the article's
  // main country).
  std::string ev = RealEvents(
      "Chilean police arrested ten Bolivian miners in Santiago on Monday. Chile deported the miners on Tuesday. "
      "The Bolivian Miners Union condemned the arrests. The union accused Chile of racism.");
  EXPECT_TRUE(Has(ev, "BOLLAB>CHL:112")) << ev;
  EXPECT_FALSE(Has(ev, "CHLLAB>CHL")) << ev;
}

TEST(Orgs, TheDescribedCompanyIsTheCompanyNamedBefore) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents(
      "Ghana's parliament debated a new mining law on Monday. The Norwegian firm Fjordmet Company criticized the "
      "law. The Scandinavian company accused the government of Ghana of breaking contracts.");
  EXPECT_TRUE(Has(ev, "NORBUS>GHAGOV:112")) << ev;
}

TEST(Orgs, AMultinationalIsCodedMNC) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents(
      "Protesters in Accra attacked stores on Monday. Zentrix, a multinational electronics company, apologised "
      "to Ghana on Tuesday.");
  EXPECT_TRUE(Has(ev, "MNC>GHA:055")) << ev;
}

TEST(Orgs, ACountryMayOpenTheNameOfABody) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Uganda Coffee Authority officials met farmers on Monday. Kenya Airways criticized "
                              "the Chilean government.");
  EXPECT_TRUE(Has(ev, "KENBUS>CHLGOV:111")) << ev;
}

TEST(Orgs, ABodysNameBeforeANounIsNoActor) {
  REQUIRE_REAL_DATA();
  // "the Kenya Airways flight" names a thing, not who acted.
  Document d = RealDoc("Rescuers searched for victims of the Kenya Airways flight crash in Cameroon on Monday.");
  EXPECT_EQ(ActorNamed(d, "Kenya Airways"), nullptr);
  std::string ev = RealEvents("Eleven people were killed by the Kenya Airways flight crash in Cameroon.");
  EXPECT_FALSE(Has(ev, "KENBUS")) << ev;
}

TEST(Orgs, APersonDescribedByACompanyIsStillAPerson) {
  REQUIRE_REAL_DATA();
  // "the company's chief executive", "a union leader": a person of a body.
  Document d = RealDoc(
      "Tom Baxter, the company's chief executive, criticized the ministry. Ana Ruiz, a union leader, condemned the "
      "police.");
  for (const char* name : {"Tom Baxter", "Ana Ruiz"}) {
    const Mention* m = ActorNamed(d, name);
    ASSERT_NE(m, nullptr) << name;
    EXPECT_EQ(m->entity_type, EntityType::kPerson) << name;
  }
}

TEST(Orgs, ADescriptionNamingAnotherBodyLeavesAPerson) {
  REQUIRE_REAL_DATA();
  // The role noun belongs to the body the person works with, not to the person.
  Document d = RealDoc("Jane Roe, an oil analyst with Harbour Bankers, said prices would fall.");
  const Mention* m = ActorNamed(d, "Jane Roe");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->entity_type, EntityType::kPerson);
  // "Ltd" after a bracket ends a name; it starts none.
  d = RealDoc("Lakeside Equity (Pacific) Ltd, a Hong Kong investment firm, said it raised its stake.");
  EXPECT_EQ(ActorNamed(d, "Ltd"), nullptr);
}

TEST(Orgs, TheCompanyWithNoBodyNamedBeforeStaysARole) {
  REQUIRE_REAL_DATA();
  // No company named: "the company" is a company of the article's country,
  // and a person named before is not taken for it.
  std::string ev = RealEvents(
      "Jan Kowalczyk visited Warsaw on Monday. Polish police arrested six miners. The company criticized the "
      "police.");
  EXPECT_TRUE(Has(ev, "POLBUS>POLCOP:111")) << ev;
}

TEST(Orgs, BusinessNounsNameACompany) {
  REQUIRE_REAL_DATA();
  // "retailer", "carmaker", "airline" (data/roles.tsv) describe one company.
  std::string ev = RealEvents(
      "Students protested in Nairobi on Monday. Brightmart, the retailer which ran the advert, apologised to the "
      "students on Tuesday.");
  EXPECT_TRUE(Has(ev, "KENBUS>KENEDU:055")) << ev;
  ev = RealEvents("Workers in Brazil went on strike on Monday. The German carmaker Volkan criticized the Brazilian "
                  "government. The carmaker accused Brazil of breaking its promises.");
  EXPECT_TRUE(Has(ev, "DEUBUS>BRAGOV:111")) << ev;
  EXPECT_TRUE(Has(ev, "DEUBUS>BRA:112")) << ev;
}

// The recogniser looks for a body's head word at most five words after
// the name's first, and for an apposition's comma at most four: names of
// those lengths are found whole (the shortcuts that skip other words stop
// there too).
TEST(Orgs, ANameOfSixWordsEndingInItsHeadIsOneBody) {
  REQUIRE_REAL_DATA();
  Document d = RealDoc("Farmers in Kenya blocked roads. The Fjordmet Valley Blue Coffee Growers Union accused the "
                       "government of ignoring them.");
  const Mention* m = ActorNamed(d, "Fjordmet Valley Blue Coffee Growers Union");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->entity_type, EntityType::kOrg);
}

TEST(Orgs, AnAppositionAfterANameOfFourWordsNamesABody) {
  REQUIRE_REAL_DATA();
  Document d = RealDoc("Farmers in Kenya blocked roads on Tuesday. Greenfield Agro Mwangi Kariuki, a Nairobi-based "
                       "seed company, accused the government of ignoring the farmers.");
  const Mention* m = ActorNamed(d, "Greenfield Agro Mwangi Kariuki");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->entity_type, EntityType::kOrg);
  EXPECT_EQ(m->code, "KENBUS");
}

}  // namespace
}  // namespace parley
