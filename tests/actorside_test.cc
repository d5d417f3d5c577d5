// Issue 11, the actor side (types 1, 3, 5) and quote speakers (type 8):
// local evidence before the article's main country. Every sentence here is
// written for these tests; none comes from an evaluation set.
#include "extract/actors.h"

#include "test_util.h"

namespace parley {
namespace {

using testing::CodeText;
using testing::EventsOf;

const Mention* FindActor(const Document& d, const std::string& text) {
  for (auto& m : d.mentions)
    if (m.type == MentionType::kActor && d.text(m.span) == text) return &m;
  return nullptr;
}

// ---- Names: a title or honorific before a surname met earlier.

TEST(ActorSide, HonorificAndSurnameIsThePersonMetBefore) {
  Document d = CodeText(
      "French Foreign Minister Odile Varenne arrived in Kyiv on Monday. "
      "Mrs Varenne criticized Russia.");
  const Mention* m = FindActor(d, "Mrs Varenne");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "FRAGOV");  // the office, not just the country
  EXPECT_EQ(m->name, "Odile Varenne");
  const Mention* first = FindActor(d, "French Foreign Minister Odile Varenne");
  ASSERT_TRUE(first);
  EXPECT_EQ(m->entity, first->entity);
  EXPECT_EQ(EventsOf(d), "FRAGOV>RUS:111");
}

TEST(ActorSide, AnotherSurnameAfterAnHonorificIsSomeoneElse) {
  Document d = CodeText(
      "French Foreign Minister Odile Varenne arrived in Kyiv on Monday. "
      "Mr Brodsky criticized Russia.");
  const Mention* m = FindActor(d, "Mr Brodsky");
  ASSERT_TRUE(m);
  EXPECT_NE(m->name, "Odile Varenne");
}

// ---- Bodies: "officials in X", "the court" after a named court.

TEST(ActorSide, OfficialsInABodyAreThatBodys) {
  Document d = CodeText("France imposed sanctions on senior officials in the International Criminal Court.");
  const Mention* m = FindActor(d, "senior officials in the International Criminal Court");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "IGOJUDICC");
}

TEST(ActorSide, StaffAtABodyAreThatBodys) {
  Document d = CodeText("Turkey criticized officials at the United Nations.");
  const Mention* m = FindActor(d, "officials at the United Nations");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "IGOUNO");
}

TEST(ActorSide, OfficialsAtACountryAreNotThatCountrysByThatAlone) {
  // "at" + a country is where they were, not whose they are.
  Document d = CodeText("Italian officials met officials at Albania on Monday.");
  int officials = 0;
  for (auto& m : d.mentions)
    if (m.type == MentionType::kActor && d.text(m.span).substr(0, 9) == "officials") {
      ++officials;
      EXPECT_NE(m.code, "ALBGOV") << d.text(m.span);
    }
  EXPECT_EQ(officials, 1);
}

TEST(ActorSide, TheCourtIsTheCourtNamedBefore) {
  Document d = CodeText(
      "The International Criminal Court opened an inquiry into Albania. "
      "Italy later criticized the court.");
  const Mention* m = FindActor(d, "court");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "IGOJUDICC");
}

TEST(ActorSide, TheCourtWithNoCourtNamedBeforeIsTheCountrys) {
  Document d = CodeText("Albania opened an inquiry. Italy later criticized the court in Albania.");
  const Mention* m = FindActor(d, "court in Albania");
  if (m == nullptr) m = FindActor(d, "court");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code.substr(0, 3), "ALB");
}

// ---- A person after a body's possessive is that body's.

TEST(ActorSide, APersonAfterABodysPossessiveIsTheBodys) {
  Document d = CodeText("Turkey detained journalists. The NBN's Maria Kowalczyk said the police had detained her.");
  const Mention* m = FindActor(d, "NBN's Maria Kowalczyk");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "USAMED");
  EXPECT_EQ(m->entity_type, EntityType::kPerson);
  EXPECT_EQ(m->name, "Maria Kowalczyk");
}

TEST(ActorSide, ABodysPossessiveBeforeCommonWordsIsNoPerson) {
  Document d = CodeText("The NBN's Evening News said the police had detained her.");
  EXPECT_EQ(FindActor(d, "NBN's Evening News"), nullptr);
  for (auto& m : d.mentions) EXPECT_FALSE(m.entity_type == EntityType::kPerson && m.name == "Evening News");
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

// ---- "he" opening a sentence is the last sentence's subject.

TEST(ActorSide, HeAfterASentenceIsItsSubjectNotItsLastPerson) {
  Document d = CodeText(
      "Russian Foreign Minister Pavel Ostrov said Ukrainian Defense Minister Taras Hnatenko would be punished. "
      "He criticized Albania.");
  EXPECT_EQ(EventsOf(d), "RUSGOV>ALB:111");
}

TEST(ActorSide, HeWithNoPersonInTheLastSentenceIsTheLastPerson) {
  Document d = CodeText(
      "Russian Foreign Minister Pavel Ostrov arrived in Albania. Albania protested on Monday. "
      "He criticized Albania.");
  EXPECT_NE(EventsOf(d).find("RUSGOV>ALB:111"), std::string::npos) << EventsOf(d);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

// ---- Quote speakers: the named person, not the role or the possessor.

std::string SpeakerOf(const Document& d) { return d.quotes.empty() ? "(no quote)" : d.quotes[0].speaker; }

TEST(ActorSideQuotes, APossessorsDelegateAfterTheQuoteIsTheSpeaker) {
  Document d = CodeText("\"The talks failed,\" Putin's negotiator Dmitri Orlovsky told reporters.");
  EXPECT_EQ(SpeakerOf(d), "Dmitri Orlovsky");
}

TEST(ActorSideQuotes, TheNameInAppositionToARoleAfterTheVerb) {
  Document d = CodeText("\"The talks failed,\" said a negotiator for the Kremlin, Dmitri Orlovsky.");
  EXPECT_EQ(SpeakerOf(d), "Dmitri Orlovsky");
}

TEST(ActorSideQuotes, TheNameBeforeAnAppositionBeforeTheVerb) {
  Document d = CodeText("Anna Brodska, a former defense minister, said: \"The talks failed.\"");
  EXPECT_EQ(SpeakerOf(d), "Anna Brodska");
}

TEST(ActorSideQuotes, ARoleAloneIsStillTheSpeaker) {
  Document d = CodeText("A former defense minister said: \"The talks failed.\"");
  EXPECT_EQ(SpeakerOf(d), "former defense minister");
}

}  // namespace
}  // namespace parley
