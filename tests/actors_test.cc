#include "extract/actors.h"

#include "test_util.h"

namespace parley {
namespace {

using testing::CodeText;

const Mention* FindActor(const Document& d, const std::string& text) {
  for (auto& m : d.mentions)
    if (m.type == MentionType::kActor && d.text(m.span) == text) return &m;
  return nullptr;
}

TEST(Actors, CountryNamesDemonymsAndCapitals) {
  Document d = CodeText("Ukrainian forces shelled Russian positions. Moscow continues to protest in Kyiv.");
  ASSERT_TRUE(FindActor(d, "Ukrainian forces"));
  EXPECT_EQ(FindActor(d, "Ukrainian forces")->code, "UKRMIL");
  ASSERT_TRUE(FindActor(d, "Moscow"));
  EXPECT_EQ(FindActor(d, "Moscow")->code, "RUSGOV");  // capital as its government
  EXPECT_TRUE(FindActor(d, "Moscow")->metonym);
  EXPECT_EQ(FindActor(d, "Kyiv"), nullptr);           // "in Kyiv" is a place
}

TEST(Actors, TitlesAndNamesNotInTheDictionary) {
  Document d = CodeText("Turkish Foreign Minister Hakan Fidan met the delegations.");
  const Mention* m = FindActor(d, "Turkish Foreign Minister Hakan Fidan");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "TURGOV");
  EXPECT_EQ(m->name, "Hakan Fidan");
  EXPECT_EQ(m->title, "Foreign Minister");
  EXPECT_EQ(m->entity_type, EntityType::kPerson);
}

TEST(Actors, AppositionGivesTheCountry) {
  Document d = CodeText("Russia's top negotiator, Vladimir Medinsky, said little. Medinsky left.");
  const Mention* m = FindActor(d, "Vladimir Medinsky");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "RUSGOV");
  ASSERT_GE(m->entity, 0);
  EXPECT_EQ(d.entities[m->entity].country, "RUS");
  EXPECT_EQ(d.entities[m->entity].role, "top negotiator");
  // The surname alone later is the same person.
  const Mention* s = FindActor(d, "Medinsky");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->entity, m->entity);
}

TEST(Actors, OfficeHoldersDependOnTheDate) {
  const std::string text = "President Trump criticized the plan.";
  EXPECT_EQ(FindActor(CodeText(text, "2019-06-01"), "President Trump")->code, "USAGOV");
  EXPECT_EQ(FindActor(CodeText(text, "2023-06-01"), "President Trump")->code, "USAELI");
  EXPECT_EQ(FindActor(CodeText(text, "2025-06-01"), "President Trump")->code, "USAGOV");
}

TEST(Actors, ShortCapitalAliasesNeedCapitals) {
  Document d = CodeText("The US told us to wait.");
  EXPECT_TRUE(FindActor(d, "US"));
  EXPECT_EQ(FindActor(d, "us"), nullptr);
}

TEST(Actors, RolesAloneTakeTheMainCountry) {
  Document d = CodeText("Ecuador declared a strike. Police arrested protesters in Quito.");
  ASSERT_TRUE(FindActor(d, "Police"));
  EXPECT_EQ(FindActor(d, "Police")->code, "ECUCOP");
}

TEST(Actors, NationalityAndADescriptionBeforeAName) {
  Document d = CodeText("Egyptian blogger Karim Sadeq left. Police later held Karim Sadeq.");
  const Mention* m = FindActor(d, "Egyptian blogger Karim Sadeq");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->name, "Karim Sadeq");
  EXPECT_EQ(m->code, "EGY");
  EXPECT_EQ(m->entity_type, EntityType::kPerson);
  // A verb is no description: "Ukrainian forces shelled ..." stays a group,
  // and "Russian drones hit Gaza City" names no person.
  Document v = CodeText("Chinese ships reached Mako Island.");
  for (auto& x : v.mentions) EXPECT_NE(x.entity_type, EntityType::kPerson) << v.text(x.span);
}

TEST(Actors, AnUnknownPersonTakesTheCountryALaterMentionGives) {
  Document d = CodeText("Israel has held Ahed Tamimi since May. Palestinian teen Ahed Tamimi spoke to her lawyer.");
  const Mention* first = FindActor(d, "Ahed Tamimi");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->code, "PSE");
}

TEST(Actors, RolesOfABodyOrFromACountry) {
  Document d = CodeText("Qatar will expel leaders of Egypt's Muslim Brotherhood and meet dissidents from military-ruled Myanmar.");
  const Mention* m = FindActor(d, "leaders of Egypt's Muslim Brotherhood");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "EGYOPPMUS");
  const Mention* f = FindActor(d, "dissidents from military-ruled Myanmar");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->code, "MMROPP");
}

TEST(Actors, ACapitalBeforeANameIsTheCountry) {
  Document d = CodeText("Biden will attend the Beijing Olympics. Beijing protested.");
  const Mention* attr = FindActor(d, "Beijing");
  ASSERT_TRUE(attr);
  EXPECT_EQ(attr->code, "CHN");  // the first "Beijing": an attribute
  EXPECT_FALSE(attr->metonym);
  int governments = 0;
  for (auto& m : d.mentions)
    if (m.type == MentionType::kActor && m.code == "CHNGOV") ++governments;
  EXPECT_EQ(governments, 1);  // "Beijing protested"
}

TEST(Actors, ABareNgoRoleIsDomestic) {
  Document d = CodeText("Egypt jailed the activists. Egyptian courts met. The civil society groups protested.");
  const Mention* m = FindActor(d, "civil society groups");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "EGYNGO");
}

TEST(Actors, PartisanGroupsDoNotTakeTheMainCountry) {
  Document d = CodeText("Ukraine said Ukraine will win. Pro-Russia rebels and pro-Russian rebels attacked.");
  for (auto& m : d.mentions) {
    if (m.type == MentionType::kActor && d.text(m.span).find("rebels") != std::string_view::npos) {
      EXPECT_EQ(m.code, "REB") << d.text(m.span);
    }
  }
}

TEST(Actors, AKnownNameInLowerCaseAfterATitle) {
  const Mention* m = FindActor(CodeText("President putin spoke."), "President putin");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "RUSGOV");
  // Without a title a lower-case word is not a name.
  EXPECT_EQ(FindActor(CodeText("The putin spoke."), "putin"), nullptr);
}

TEST(Actors, ACountrysDelegateToABodyIsTheCountrys) {
  const Mention* m = FindActor(CodeText("Russia's UN ambassador spoke."), "Russia's UN ambassador");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "RUSGOV");
}

TEST(Actors, TheLeaderOfALedForce) {
  const Mention* m = FindActor(CodeText("Russian-led forces crossed."), "Russian-led forces");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "RUSMIL");
}

TEST(Actors, WithNoCountryNamedRolesTakeThePlaces) {
  Document d = CodeText("Police dispersed protesters in Kyiv.");
  const Mention* m = FindActor(d, "Police");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "UKRCOP");
}

TEST(Entities, MentionsJoinOneEntityAndPronouns) {
  Document d = CodeText("Ukrainian President Volodymyr Zelensky spoke in Albania. He criticized Putin. Zelensky left.");
  int zel = -1;
  for (size_t i = 0; i < d.entities.size(); ++i)
    if (d.entities[i].name == "Volodymyr Zelensky") zel = static_cast<int>(i);
  ASSERT_GE(zel, 0);
  EXPECT_EQ(d.entities[zel].type, EntityType::kPerson);
  EXPECT_EQ(d.entities[zel].code, "UKRGOV");
  EXPECT_EQ(d.entities[zel].mentions.size(), 3u);  // full name, "He", "Zelensky"
  for (auto& span : d.entities[zel].mentions) EXPECT_FALSE(d.text(span).empty());
}


TEST(Entities, TitleWithTheNameOutranksTheApposition) {
  Document d = CodeText("Ukraine's chief negotiator, Defense Minister Rustem Umerov, spoke.");
  bool found = false;
  for (auto& e : d.entities)
    if (e.name == "Rustem Umerov") {
      found = true;
      EXPECT_EQ(e.role, "Defense Minister");
      EXPECT_EQ(e.code, "UKRGOV");
      EXPECT_EQ(e.mentions.size(), 2u);  // the apposition and the name
    }
  EXPECT_TRUE(found);
}


TEST(Entities, ItsPresidentIsTheLastCountrysOffice) {
  Document d = CodeText("Ukraine's Volodymyr Zelensky flew to Turkey and met its president.");
  const Mention* m = nullptr;
  for (auto& x : d.mentions)
    if (x.type == MentionType::kActor && d.text(x.span) == "president") m = &x;
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "TURGOV");
}

// A known person named in full after another person with the same title is
// that person, not "the president" of the earlier one.
TEST(Actors, AKnownPersonNamedInFullIsNoBareTitle) {
  Document d = CodeText(
      "President Volodymyr Zelensky spoke on Sunday. In a call with Russia's Vladimir Putin on Monday, "
      "officials said talks would go on.",
      "2025-05-17");
  const Mention* m = FindActor(d, "Vladimir Putin");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->name, "Vladimir Putin");
  EXPECT_EQ(m->code, "RUSGOV");
}

}  // namespace
}  // namespace parley
