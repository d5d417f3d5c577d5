// Sentences that report an event and used to get none (issue 11, span
// tier): agentless passives of legal coercion, whose actor is the
// authorities. Sentences written for these tests; none comes from an
// evaluation set.
#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::RealEvents;

// ---- "X was arrested": legal coercion with no agent was done by the
// authorities (police for arrests, the government otherwise).

TEST(UncodedAgentlessCoercion, AnArrestWithNoAgentIsByThePolice) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Protesters marched in La Paz against the Bolivian government on Monday. The leader of the "
                       "opposition was arrested on Tuesday, two days before the vote."),
            "BOLCVL>BOLGOV:141 BOLCOP>BOLOPP:173");
}

TEST(UncodedAgentlessCoercion, ThePoliceTheArticleNamedMadeTheArrest) {
  REQUIRE_REAL_DATA();
  // The activist's own country did not arrest him: the police of Quito did.
  EXPECT_EQ(RealEvents("Police in Quito said the protest was peaceful. A British activist was arrested on Monday."),
            "ECUCOP>GBROPP:173");
}

TEST(UncodedAgentlessCoercion, AnExpulsionIsByTheStateOneIsSentOutOf) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("A Dutch reporter was expelled from Ethiopia on Sunday."), "ETHGOV>NLDMED:174");
}

TEST(UncodedAgentlessCoercion, TheTargetsOwnCountryIsNoAuthority) {
  REQUIRE_REAL_DATA();
  // Arrested at home or abroad? With no police, place or setting named,
  // nothing says whose authorities acted.
  EXPECT_EQ(RealEvents("Two Chilean engineers were arrested on Monday."), "");
}

TEST(UncodedAgentlessCoercion, ANamedAgentStaysTheSource) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("The Kenyan opposition leader was arrested by the army on Friday."), "KENMIL>KENOPP:173");
}

TEST(UncodedAgentlessCoercion, WhatDidNotOrMayHappenIsNotCoded) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("The Zambian opposition leader was not arrested."), "");
  EXPECT_EQ(RealEvents("The Zambian opposition leader will be arrested if he returns."), "");
}

TEST(UncodedAgentlessCoercion, WarLossesAreNotTheAuthorities) {
  REQUIRE_REAL_DATA();
  // Destroyed or captured in a war: the enemy did it, not the state the
  // article is about.
  EXPECT_EQ(RealEvents("Six Syrian tanks were destroyed in the fighting."), "");
  EXPECT_EQ(RealEvents("The Malian town was captured on Sunday."), "");
}

}  // namespace
}  // namespace parley
