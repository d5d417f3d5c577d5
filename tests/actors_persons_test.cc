// Persons: who a name is and which country they belong to (issue 13's
// persons recall, issue 11 failure types 1 and 5). Sentences written for
// these tests; the people are invented (tests/data/lexicon/people/names_fixture.tsv).
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

const Entity* FindPerson(const Document& d, const std::string& name) {
  for (auto& e : d.entities)
    if (e.type == EntityType::kPerson && e.name == name) return &e;
  return nullptr;
}

TEST(ActorsPersons, EntityKeepsTheArticlesSpellingOfAKnownName) {
  Document d = CodeText("Oleg Marchenko met the delegation. Marchenko said little.", "2004-03-01");
  const Entity* e = FindPerson(d, "Oleg Marchenko");
  ASSERT_TRUE(e) << "the entity is named as the article spells it";
  EXPECT_EQ(e->code, "UKRGOV");
  EXPECT_EQ(FindPerson(d, "Oleh Marchenko"), nullptr);
  // The surname alone is the same entity.
  const Mention* later = FindActor(d, "Marchenko");
  ASSERT_TRUE(later);
  EXPECT_EQ(&d.entities[later->entity], e);
}

TEST(ActorsPersons, LongArabicNameWithoutItsMiddlePartsIsTheKnownPerson) {
  Document d = CodeText("Karim al-Hadi al-Tamir said he received the envoy.", "2004-03-01");
  const Mention* m = FindActor(d, "Karim al-Hadi al-Tamir");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->name, "Karim Al-Hadi Al-Jabbar Al-Tamir");
  EXPECT_EQ(m->code, "IRQGOV");
  // A middle name that fits neither namesake is someone else.
  Document other = CodeText("Karim al-Fadil al-Tamir said he was leaving.", "2004-03-01");
  const Mention* o = FindActor(other, "Karim al-Fadil al-Tamir");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->name, "Karim al-Fadil al-Tamir");
  EXPECT_TRUE(o->country.empty()) << o->code;
}

TEST(ActorsPersons, TitleWithAPostBetweenItAndTheName) {
  Document d = CodeText("U.S. Ambassador to Russia Jane Roeburn said talks would resume.");
  const Mention* m = FindActor(d, "U.S. Ambassador to Russia Jane Roeburn");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->name, "Jane Roeburn");
  EXPECT_EQ(m->code, "USAGOV");
  EXPECT_EQ(m->entity_type, EntityType::kPerson);
}

TEST(ActorsPersons, DescriptionAfterTheNameGivesTheNationality) {
  Document d = CodeText("Tobias Dorrance, who heads the American team, said the talks went well. Dorrance left.");
  const Mention* m = FindActor(d, "Tobias Dorrance");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->country, "USA");
  const Mention* later = FindActor(d, "Dorrance");
  ASSERT_TRUE(later);
  EXPECT_EQ(later->country, "USA");

  Document a = CodeText("Tobias Wrenfield, a Russian engineer, was detained on Monday.");
  ASSERT_TRUE(FindActor(a, "Tobias Wrenfield"));
  EXPECT_EQ(FindActor(a, "Tobias Wrenfield")->country, "RUS");
}

TEST(ActorsPersons, NationalityOfSomeoneElseInTheDescriptionIsNotTheirs) {
  // (The article's main country may still be given to him later; not
  // from the description.)
  Document d = CodeText("Tobias Wrenfield, who met the American team, said the talks went well.");
  const Mention* m = FindActor(d, "Tobias Wrenfield");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->rule.find("described as"), std::string::npos) << m->rule;
}

TEST(ActorsPersons, OneAppointedIsAPersonEvenWithWordsForAName) {
  Document d = CodeText("The bank named Grace Hope as its first chief executive.");
  const Mention* m = FindActor(d, "Grace Hope");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->entity_type, EntityType::kPerson);
}

TEST(ActorsPersons, MonthNameAfterATitleIsAName) {
  Document d = CodeText("The ruling by President May was upheld.");
  const Mention* m = FindActor(d, "President May");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->entity_type, EntityType::kPerson);
  // A day after it makes it a date.
  EXPECT_EQ(FindActor(CodeText("The ruling by the president on May 5 was upheld."), "president on May"), nullptr);
  EXPECT_EQ(FindActor(CodeText("President May 5 was the day of the ruling."), "President May"), nullptr);
}


TEST(ActorsPersons, NamesInAppositionToAPluralNationalityNoun) {
  Document d = CodeText(
      "Television showed the two Ukrainians released by Moscow, Pavel Hrenko and Ostap Vyrlyk, leaving the plane.");
  const Mention* a = FindActor(d, "Pavel Hrenko");
  const Mention* b = FindActor(d, "Ostap Vyrlyk");
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_EQ(a->country, "UKR");
  EXPECT_EQ(b->country, "UKR");
}

TEST(ActorsPersons, ANationalityNounIsTheArticlesOneUnknownPerson) {
  Document d = CodeText(
      "Turkey ordered a Frenchman living in Ankara to leave the country. Turkish officials said the Frenchman had "
      "criticised the government. Luc Vermandois, a teacher, said he would appeal.");
  const Mention* m = FindActor(d, "Luc Vermandois");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->country, "FRA");
  // Two unknown people: which one is meant is not known.
  Document two = CodeText(
      "Turkey ordered a Frenchman living in Ankara to leave. Luc Vermandois, a teacher, said he would appeal. "
      "Marc Tellier, a neighbour, said he was surprised.");
  ASSERT_TRUE(FindActor(two, "Marc Tellier"));
  EXPECT_EQ(FindActor(two, "Marc Tellier")->rule.find("national"), std::string::npos);
}

}  // namespace
}  // namespace parley
