// Reactions and implicit targets (issue 11, type 6): a reaction to an act
// the article named before is aimed at whoever did it, though the verb's
// object is the act, not an actor. Sentences written for these tests; none
// comes from an evaluation set.
#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::RealEvents;

bool Has(const std::string& events, const std::string& e) { return events.find(e) != std::string::npos; }

// ---- A definite act noun as the object: its author is the target.

TEST(ReactionsNamedAct, CondemningAnActNamedBeforeIsAimedAtItsAuthor) {
  REQUIRE_REAL_DATA();
  // Before, "the move" named no actor and the condemnation was not coded.
  std::string ev = RealEvents("Chile imposed tariffs on Peruvian copper. Peru condemned the move.");
  EXPECT_TRUE(Has(ev, "PER>CHL:111")) << ev;
  ev = RealEvents("Ecuador expelled the Colombian ambassador on Monday. Colombia strongly criticised the decision.");
  EXPECT_TRUE(Has(ev, "COL>ECU:111")) << ev;
}

TEST(ReactionsNamedAct, AnEventNounFindsTheLatestActOfItsKind) {
  REQUIRE_REAL_DATA();
  // "the raid" names the attack, not the later statement.
  std::string ev = RealEvents(
      "Kenyan troops raided a camp in Somalia on Tuesday. Ethiopia said it would send an envoy to Nairobi. Somalia "
      "condemned the raid.");
  EXPECT_TRUE(Has(ev, "SOM>KEN")) << ev;
  EXPECT_FALSE(Has(ev, "SOM>ETH:11")) << ev;
}

TEST(ReactionsNamedAct, DenyingTheChargesAnswersTheAccuser) {
  REQUIRE_REAL_DATA();
  // Before, the denial had no target.
  std::string ev = RealEvents("Serbia accused Kosovo of arming local militias. Kosovo denied the accusations.");
  EXPECT_TRUE(Has(ev, "KSV>SRB:016")) << ev;
}

TEST(ReactionsNamedAct, OnesOwnActIsNoTarget) {
  REQUIRE_REAL_DATA();
  // The only act before is the reactor's own: no one to aim at.
  std::string ev = RealEvents("Peru imposed tariffs on Chinese steel. Peru defended the move.");
  EXPECT_FALSE(Has(ev, "PER>PER")) << ev;
  ev = RealEvents("Peru imposed tariffs on Chinese steel. Bolivia praised the move.");
  EXPECT_TRUE(Has(ev, "BOL>PER:051")) << ev;
}

TEST(ReactionsNamedAct, AnIndefiniteActIsNew) {
  REQUIRE_REAL_DATA();
  // "a move" is not one named before.
  std::string ev = RealEvents("Chile imposed tariffs on Peruvian copper. Peru would condemn a move of that kind.");
  EXPECT_FALSE(Has(ev, "PER>CHL:111")) << ev;
}

// ---- The act as the subject of a verb whose object reacts ("anger SRC").

TEST(ReactionsNamedAct, AnActThatAngersAnotherIsTheirDisapprovalOfItsAuthor) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Algeria closed its border with Morocco on Friday. The decision angered Rabat.");
  EXPECT_TRUE(Has(ev, "MAR") && Has(ev, ">DZA") && Has(ev, ":110")) << ev;
}

// ---- Passive of such a verb: the subject reacts to the agent.

TEST(ReactionsPassive, DismayedByAnothersRemarksIsDisapprovalOfThem) {
  REQUIRE_REAL_DATA();
  // Before, the direction was reversed (the one who spoke disapproved).
  std::string ev = RealEvents("Norway was dismayed by Sweden's remarks on fishing quotas.");
  EXPECT_TRUE(Has(ev, "NOR") && Has(ev, ">SWE") && Has(ev, ":110")) << ev;
  EXPECT_FALSE(Has(ev, "SWE>NOR")) << ev;
}

// ---- "drew criticism from X": X criticises the subject, or the author of
// the act the subject names.

TEST(ReactionsDrawn, AnActThatDrawsCriticismIsTheCriticsCriticismOfItsAuthor) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Brazil drew sharp criticism from Argentina for its trade policy.");
  EXPECT_TRUE(Has(ev, "ARG>BRA:111")) << ev;
  ev = RealEvents("Chile imposed tariffs on Peruvian copper. The tariffs drew criticism from Peru.");
  EXPECT_TRUE(Has(ev, "PER>CHL:111")) << ev;
  ev = RealEvents("The sanctions imposed by the United States drew condemnation from Cuba.");
  EXPECT_TRUE(Has(ev, "CUB>USA:111")) << ev;
}

TEST(ReactionsDrawn, AnActorBetweenDeterminerAndNounIsTheAuthor) {
  REQUIRE_REAL_DATA();
  // The actor set off by commas inside the subject is not its author.
  std::string ev = RealEvents(
      "The Turkish move, made despite objections from the European Union, drew condemnation from Greece.");
  EXPECT_TRUE(Has(ev, "GRC>TUR:111")) << ev;
  EXPECT_FALSE(Has(ev, "GRC>IGOEU")) << ev;
}

// ---- One sentence, one act: the same key twice is one event.

TEST(ReactionsMerge, OneSentenceReportingOneCriticismTwiceGivesOneEvent) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents(
      "Chile imposed tariffs on Peruvian copper. The tariffs drew criticism from Peru, which said Chile had no right "
      "to impose them.");
  size_t n = 0;
  for (size_t at = ev.find("PER>CHL:111"); at != std::string::npos; at = ev.find("PER>CHL:111", at + 1)) ++n;
  EXPECT_EQ(n, 1u) << ev;
}

// ---- Retaliation answers whoever last acted against the reactor.

TEST(ReactionsAnswer, RetaliationIsAimedAtTheLastAttacker) {
  REQUIRE_REAL_DATA();
  // Before, "retaliated" named no one and was not coded.
  const std::string attack = "Armenian forces attacked Azerbaijan on Monday. ";
  std::string ev = RealEvents(attack + "Azerbaijan retaliated on Tuesday.");
  EXPECT_TRUE(Has(ev, "AZE>ARMMIL:19")) << ev;
  ev = RealEvents(attack + "Azerbaijan vowed to retaliate.");
  EXPECT_TRUE(Has(ev, "AZE>ARMMIL:13")) << ev;
}

TEST(ReactionsAnswer, WhatWasNotDoneAnswersNoOne) {
  REQUIRE_REAL_DATA();
  std::string ev = RealEvents("Armenian forces attacked Azerbaijan on Monday. Azerbaijan chose not to retaliate.");
  EXPECT_FALSE(Has(ev, "AZE>ARMMIL")) << ev;
  // No act against the reactor before: no one to answer.
  ev = RealEvents("Armenian forces attacked Georgia on Monday. Azerbaijan retaliated on Tuesday.");
  EXPECT_FALSE(Has(ev, "AZE>ARMMIL")) << ev;
}

}  // namespace
}  // namespace parley
