// Attribution of actors (issue 11, types 1, 3, 4 and 5): which actor a
// verb's event goes to when the sentence names others nearby. Sentences
// written for these tests; none comes from an evaluation set.
#include "code/coder.h"

#include "real_data.h"
#include "test_util.h"

namespace parley {
namespace {

using testing::RealEvents;

// ---- A subordinate clause ("as X prepared", "after X left") has its own
// subject and verb: what it names is not the object of the verb before it.

TEST(AttribSubordinate, ASubordinateClausesSubjectIsNoTarget) {
  REQUIRE_REAL_DATA();
  // The same act aimed at Argentina by a phrase of its own is coded.
  EXPECT_EQ(RealEvents("Chile ordered its navy to guard the fishing grounds against Argentina."), "CHLMIL>ARG:074");
  EXPECT_EQ(RealEvents("Chile ordered its navy to guard the fishing grounds as Argentina prepared to send a survey ship."),
            "");
}

TEST(AttribSubordinate, ListsWithSuchAsStayObjects) {
  REQUIRE_REAL_DATA();
  // "such as" opens no clause even when a relative clause follows.
  EXPECT_EQ(RealEvents("Norway imposed sanctions on countries such as Iran that have violated the treaty."),
            "NOR>IRN:163");
}

// ---- A state's own country named as the modifier of a thing is not what
// the state's act aims at ("to annex Serbian enclaves" aims at the place
// they lie in); another actor of the same country is ("the opposition
// welcomed the Kenyan reforms": the reforms of the Kenyan state).

TEST(AttribOwnModifier, AStatesOwnAdjectiveIsNoTarget) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Serbia voted to annex Serbian enclaves in Kosovo."), "SRB>KSV:192");
}

TEST(AttribOwnModifier, AnotherActorOfTheSameCountryKeepsTheModifier) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("Kenyan opposition leaders welcomed the Kenyan reforms."), "KENOPP>KEN:051");
  // A body's property is what force is used on.
  EXPECT_EQ(RealEvents("The Colombian army raided FARC camps near the border."), "COLMIL>COLREBFAR:190");
}

// ---- "who" after a country or place in a phrase of a person ("a
// journalist living in Chile who ...") refers to the person.

TEST(AttribWho, APlaceInAPersonsPhraseIsNoWho) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("A Peruvian journalist living in Chile who criticized the Chilean government was expelled."),
            "PERMED>CHLGOV:111");
  EXPECT_EQ(RealEvents("A Peruvian journalist in Chile who criticized the Chilean government was expelled."),
            "PERMED>CHLGOV:111");
}

TEST(AttribWho, AHeadOfStateBeforeWhoStaysTheSubject) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("The president of Chile, who met Peru's foreign minister, praised the deal."), "CHLGOV>PERGOV:040");
}

// ---- A place named after a place noun inside a phrase of the subject
// ("the embassy in the Chilean capital Santiago") is not the subject.

TEST(AttribPlacePhrase, ACapitalInTheSubjectsPhraseIsNoSubject) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("The Peruvian embassy in the Chilean capital Santiago declined to comment."), "PERGOV>-:011");
}

TEST(AttribPlacePhrase, AFrontedPlaceLeavesTheSubject) {
  REQUIRE_REAL_DATA();
  EXPECT_EQ(RealEvents("In Lima the Peruvian president praised Chile."), "PERGOV>CHL:051");
}

}  // namespace
}  // namespace parley
