// Sentences that report an event and used to get none (issue 11, span
// tier): agentless passives of legal coercion, whose actor is the
// authorities, and of force by an unnamed attacker (null source); an
// appeal coordinated with what a reporting verb says; events named by a noun that is the subject of a verb of
// onset ("clashes broke out between X and Y"). Sentences written for these
// tests; none comes from an evaluation set.
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

// ---- "X has been shot": force by an attacker the text does not name has
// a null source (written "-" here).

TEST(UncodedUnknownAttacker, AShootingWithNoAgentHasANullSource) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Two Italian aid workers were kidnapped in northern Mali on Sunday."), "->ITANGO:181");
}

TEST(UncodedUnknownAttacker, ANamedAttackerStaysTheSource) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("A Kenyan judge was shot dead by gunmen on Monday."), "KENUAF>KENJUD:180");
}

TEST(UncodedUnknownAttacker, TheDeadOfATollAreNotCodedWithoutTheirKiller) {
  REQUIRE_REAL_DATA();
  // "were killed" reports casualties of what a known side did; the
  // article names it elsewhere.
  EXPECT_EQ(RealEvents("Ten Syrian soldiers were killed in the attack."), "");
}

TEST(UncodedUnknownAttacker, NotWhatDidNotHappenNorAMisreadParticiple) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Two Italian aid workers were not kidnapped."), "");
  EXPECT_EQ(RealEvents("Pakistan says Afghan border police shot at Pakistani farmers."), "");
}

// ---- "X said the talks had failed and urged Y to ...": an appeal joined
// by "and" to what a reporting verb says is the reporter's.

TEST(UncodedReporterCoordination, AnAppealAfterWhatWasSaidIsTheSpeakers) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("The Kenyan president said on Friday the talks had failed and urged Somalia to withdraw its "
                       "troops."),
            "KENGOV>SOM:0256");
}

TEST(UncodedReporterCoordination, NotThroughThat) {
  REQUIRE_REAL_DATA();
  // With "that" the coordinated verb may be part of what was said; left
  // uncoded as before.
  EXPECT_EQ(RealEvents("The Kenyan president said that the talks had failed and urged Somalia to withdraw."), "");
}

// ---- "fighting erupted between X and Y": the onset verb only says the
// event its subject names happened; the parties follow it.

TEST(UncodedOnsetNoun, ClashesThatBrokeOutAreBetweenTheParties) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Clashes broke out between Armenian and Azerbaijani forces on Sunday."),
            "ARMMIL>AZEMIL:190 AZEMIL>ARMMIL:190");
  EXPECT_EQ(RealEvents("Clashes have broken out between Thai troops and Cambodian soldiers."),
            "THAMIL>KHMMIL:190 KHMMIL>THAMIL:190");
}

TEST(UncodedOnsetNoun, AdverbialsMayStandBeforeTheParties) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Gunfire broke out again on Friday between Somali troops and the Kenyan army."),
            "SOMMIL>KENMIL:193 KENMIL>SOMMIL:193");
}

TEST(UncodedOnsetNoun, AVerbTheLexiconDoesNotUseStillOpens) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Fighting erupted between Sudanese troops and rebels near Khartoum."),
            "SDNMIL>SDNREB:190 SDNREB>SDNMIL:190");
}

TEST(UncodedOnsetNoun, AFearedOrDeniedOutbreakIsNoEvent) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Fears that fighting could break out between Serbian and Kosovar police are growing."), "");
  EXPECT_EQ(RealEvents("Clashes did not break out between Indian and Chinese troops."), "");
}

}  // namespace
}  // namespace parley
