// Local evidence before the article's main country (issue 11, type 5):
// roles named without a country of their own take the country of the place
// their clause names, not the country the article is mostly about.
// Sentences written for these tests; none comes from an evaluation set.
#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::RealDoc;
using testing::RealEvents;

bool Has(const std::string& events, const std::string& e) { return events.find(e) != std::string::npos; }

// An article about the United States: roles without a country take USA
// unless their own clause says otherwise.
const std::string kAmerican =
    "The United States said on Monday it was worried. Washington urged calm. American officials met in "
    "Washington. ";

// The code of the first actor mention whose text is `text`, or "".
std::string CodeOf(const Document& d, std::string_view text) {
  for (const Mention& m : d.mentions)
    if (m.type == MentionType::kActor && d.text().substr(m.span.begin, m.span.end - m.span.begin) == text)
      return m.code;
  return "";
}

TEST(LocalSide, PoliceAndStudentsAreThoseOfTheCityTheyAreIn) {
  REQUIRE_REAL_DATA();
  // Before: USACOP -> USAEDU, the article's country.
  std::string ev = RealEvents(kAmerican + "Police fired tear gas at students in Lagos.");
  EXPECT_TRUE(Has(ev, "NGACOP>NGAEDU:175")) << ev;
}

TEST(LocalSide, GunmenAreThoseOfThePlaceTheyAttack) {
  REQUIRE_REAL_DATA();
  Document d = RealDoc(kAmerican + "Gunmen attacked a police station in eastern Congo.");
  EXPECT_EQ(CodeOf(d, "Gunmen"), "COGUAF");
}

TEST(LocalSide, APlaceNarrowedByADirectionStillCounts) {
  REQUIRE_REAL_DATA();
  // "in northern Nigeria", "in the north of Mali": the direction words do
  // not hide the locative. Before, the victims were American.
  Document d = RealDoc(kAmerican + "Gunmen killed nine people at a bus station in northern Nigeria.");
  EXPECT_EQ(CodeOf(d, "people"), "NGACVL");
  d = RealDoc(kAmerican + "Rebels ambushed a convoy in the north of Mali.");
  EXPECT_EQ(CodeOf(d, "Rebels"), "MLIREB");
}

// An article about Russia: bare civilians take RUS unless the sentence
// says where they were.
const std::string kRussian =
    "Russia's defence ministry said on Monday that Russian forces had made gains. Moscow said Russian troops "
    "advanced. ";

TEST(LocalSide, TheVictimsAreThoseOfThePlaceAttacked) {
  REQUIRE_REAL_DATA();
  // Before: RUSMIL -> RUSCVL, RUS -> RUSCVL.
  std::string ev = RealEvents(kRussian + "Russian drones struck Odesa overnight, wounding three residents.");
  EXPECT_TRUE(Has(ev, "RUSMIL>UKRCVL:18")) << ev;
  ev = RealEvents(kRussian + "Russia shelled the Kharkiv region, killing two children.");
  EXPECT_TRUE(Has(ev, "RUS>UKRCVL:18")) << ev;
}

TEST(LocalSide, APlaceThatSpeaksIsNoPlaceAttacked) {
  REQUIRE_REAL_DATA();
  // "Kyiv said ...": the place opens the sentence as its speaker; it says
  // nothing of where the civilians were.
  Document d = RealDoc(kRussian + "Kyiv said the raid had killed civilians.");
  EXPECT_EQ(CodeOf(d, "civilians"), "RUSCVL");
}

TEST(LocalSide, AFrontedLocativeGivesTheCountryOfItsClause) {
  REQUIRE_REAL_DATA();
  // Before: the workers were British, the protest at their own country
  // lost its country ("LAB>GBR").
  const std::string british =
      "Britain said on Monday it was worried. London urged calm. British officials met in London. ";
  std::string ev = RealEvents(british + "In Toronto, transit workers joined the protest.");
  EXPECT_TRUE(Has(ev, "CANLAB>CAN:141")) << ev;
}

TEST(LocalSide, APlaceInAnotherClauseIsNoEvidence) {
  REQUIRE_REAL_DATA();
  // The summit in Rome is where the deal is to be rejected, not where the
  // farmers are.
  Document d = RealDoc(kAmerican + "Farmers demanded that the government reject the deal at a summit in Rome.");
  EXPECT_EQ(CodeOf(d, "Farmers"), "USAAGR");
  d = RealDoc(kAmerican + "Police arrested the protest leaders, who were later freed in Paris.");
  EXPECT_EQ(CodeOf(d, "Police"), "USACOP");
}

TEST(LocalSide, TravellingRolesKeepTheArticlesCountry) {
  REQUIRE_REAL_DATA();
  // Soldiers and officials are sent abroad: a place is no evidence of
  // whose they are.
  Document d = RealDoc(kAmerican + "Soldiers fired on a crowd in Kabul.");
  EXPECT_EQ(CodeOf(d, "Soldiers"), "USAMIL");
}

TEST(LocalSide, TheBeforeATownsNameIsNoLocative) {
  REQUIRE_REAL_DATA();
  // "in the Lagos area": a town's name after "the" may name a region
  // elsewhere; only a country's name or a narrowed place takes "the".
  Document d = RealDoc(kAmerican + "Police fired tear gas at students in the Lagos area.");
  EXPECT_EQ(CodeOf(d, "Police"), "USACOP");
  d = RealDoc(kAmerican + "Police fired tear gas at students in the southern Philippines.");
  EXPECT_EQ(CodeOf(d, "Police"), "PHLCOP");
}

}  // namespace
}  // namespace parley
