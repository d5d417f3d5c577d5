// Actors and clause structure (issue 11, types 1, 3, 4, 5 and the split
// part of 10): who is the subject or object of a verb when names are
// listed, clauses are fronted or coordinated, and a role stands for a
// person. Sentences written for these tests; none comes from an evaluation
// set.
#include "code/coder.h"

#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::EventsOf;

// These tests' articles are dated 1 May 2020 (office holders then).
Document RealDoc(const std::string& text, const std::string& date = "2020-05-01") {
  return testing::RealDoc(text, date);
}
std::string RealEvents(const std::string& text, const std::string& date = "2020-05-01") {
  return testing::RealEvents(text, date);
}

// ---- 4: lists and fronted clauses.

TEST(Actors2Lists, AFrontedClauseIsNotPartOfTheSubject) {
  REQUIRE_REAL_DATA();
  // The countries visited before the comma did not fly.
  EXPECT_EQ(RealEvents("After touring Peru and Chile, the Spanish king flew to Brazil."), "ESPGOV>BRA:042");
}

TEST(Actors2Lists, AListClosedByAndIsEverySubject) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Norway, Finland and Denmark condemned Belarus on Tuesday."),
            "NOR>BLR:111 FIN>BLR:111 DNK>BLR:111");
}

// ---- 4: clauses: who does a verb that opens a clause.

TEST(Actors2Clauses, AVerbAfterAsOpensAnActiveClause) {
  REQUIRE_REAL_DATA();
  // "the Bolivian president called for": active, not a reduced relative.
  EXPECT_EQ(RealEvents("Chile criticized Peru on Monday as the Bolivian president called for talks with Argentina."),
            "CHL>PER:111 BOLGOV>ARG:026");
}

TEST(Actors2Clauses, TheActorOfAnAbsolutePhraseWithWith) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Tensions rose with Ankara sending warships toward Greece."), "TURGOV>GRC:154");
}

// ---- 1/3: a country's office named by its title alone is a person.

TEST(Actors2Offices, HeIsTheOfficeNamedBefore) {
  REQUIRE_REAL_DATA();
  // "He" is the president of Chile, the subject of the sentence before,
  // though no name was given.
  EXPECT_EQ(RealEvents("The conservative president of Chile met Argentina's foreign minister on Monday. "
                       "He said he would not recognize the new government of Bolivia and recalled his ambassador."),
            "CHLGOV>ARGGOV:040 CHLGOV>BOLGOV:120");
}

TEST(Actors2Offices, SheIsTheOfficeNamedBefore) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Argentina's foreign minister arrived in Santiago. She said she would meet Chile's president."),
            "ARGGOV>CHL:042 ARGGOV>CHLGOV:036");
}

TEST(Actors2Offices, ANamedPersonOutranksAnOfficeOfTheSameSentence) {
  REQUIRE_REAL_DATA();
  // The office and the name are one person, apart: "She" is Ana Soto.
  Document d = RealDoc("A Chilean minister who was fired in 2019, Ana Soto, criticized Peru on Monday. "
                       "She said she would meet Bolivia's president.");
  int pronouns = 0;
  for (const Mention& m : d.mentions)
    if (m.pronoun) {
      ++pronouns;
      EXPECT_EQ(m.name, "Ana Soto");
    }
  EXPECT_EQ(pronouns, 2);
}

// ---- 4: shared subjects of coordinated verbs.

TEST(Actors2Clauses, TheObjectOfTheFirstVerbIsNotTheSubjectOfTheSecond) {
  REQUIRE_REAL_DATA();
  // "She" has no antecedent (protesters are no "she"): Bolivia, condemned,
  // did not recall anyone.
  EXPECT_EQ(RealEvents("Protesters gathered in Lima on Monday. She condemned Bolivia on Monday and recalled her "
                       "ambassador."),
            "");
}

// ---- 1/4: appositions: a description of the subject is not the subject.

TEST(Actors2Appositions, TheOneDescribedIsThePatientNotTheDescription) {
  REQUIRE_REAL_DATA();
  // Two descriptions in a row: neither the engineer's employer nor "a
  // mining company" was detained, Jorge Quispe was.
  Document d = RealDoc("Jorge Quispe, an engineer working for Terranova, a mining company, was detained by police in "
                       "Lima.");
  ASSERT_EQ(EventsOf(d), "PERCOP>PER:173");
  ASSERT_TRUE(d.events[0].target.has_value());
  EXPECT_EQ(d.events[0].target->text, "Jorge Quispe");
}

TEST(Actors2Appositions, ADescriptionAfterNoActorIsTheSubject) {
  REQUIRE_REAL_DATA();
  // "The Andean Front" is not known: its description says who walked out.
  EXPECT_EQ(RealEvents("In Lima, the Andean Front, the main opposition party, staged a walkout from parliament."),
            "OPPPTY>PER:143 OPPPTY>PER:140");
}

// ---- 1/10: a role's possessive and participles that modify a noun.

TEST(Actors2Roles, ARolesPossessiveIsTheRole) {
  REQUIRE_REAL_DATA();
  // "newly formed" describes the unit; the army's unit made the arrest.
  EXPECT_EQ(RealEvents("The army's newly formed border unit arrested two Chilean farmers."), "CHLMIL>CHLAGR:173");
  EXPECT_EQ(RealEvents("The police's recently created cyber unit detained a Peruvian journalist."),
            "PERCOP>PERMED:1721");
}

TEST(Actors2Roles, AnIngWordAfterANounIsNoVerb) {
  REQUIRE_REAL_DATA();
  // "a suicide bombing" names an act; "it" before it does not do it.
  Document d = RealDoc("Chile condemned Peru. It was the first case of a suicide bombing in Lima.");
  EXPECT_EQ(EventsOf(d), "CHL>PER:111");
}

}  // namespace
}  // namespace parley
