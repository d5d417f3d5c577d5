// The dictionaries: the people folder, who held an office on a date, and
// `parley dict check` (CheckDictionaries) on small malformed copies of the
// fixture in tests/data/lexicon.
#include "parley/lexicon.h"

#include <gtest/gtest.h>

#include <fstream>

#include "parley/pipeline.h"
#include "test_util.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

const Lexicon& Fixture() { return testing::FixturePipeline().lexicon(); }

Date D(const std::string& s) {
  Date d;
  EXPECT_TRUE(Date::Parse(s, &d)) << s;
  return d;
}

// The names of the holders of `slot` in `country` on `date`, joined by '|'.
std::string Holder(const std::string& country, OfficeSlot slot, const std::string& date) {
  std::string out;
  for (auto& h : Fixture().HoldersOn(country, slot, D(date))) out += (out.empty() ? "" : "|") + h.person->name;
  return out;
}

TEST(Lexicon, PeopleFolderIsReadAfterPeopleTsvInNameOrder) {
  const Lexicon& lex = Fixture();
  ASSERT_GE(lex.people_files().size(), 2u);
  EXPECT_EQ(lex.people_files()[0], "people.tsv");
  EXPECT_EQ(lex.people_files()[1], "people/leaders.tsv");
  // Rows of one name join across files: Putin's 2012 term (people.tsv)
  // and his earlier ones (people/leaders.tsv).
  const Person* putin = nullptr;
  for (auto& p : lex.people())
    if (p.name == "Vladimir Putin") putin = &p;
  ASSERT_TRUE(putin);
  EXPECT_EQ(putin->terms.size(), 4u);
  EXPECT_EQ(putin->terms[0].rule, "people.tsv:4");
  EXPECT_EQ(putin->terms[1].rule.rfind("people/leaders.tsv:", 0), 0u);
  // The title news uses is the one in brackets.
  EXPECT_EQ(putin->terms[1].title, "Acting President");
  EXPECT_EQ(putin->terms[1].office, "Head of state (Acting President)");
}

TEST(Lexicon, SlotsOfOffices) {
  EXPECT_EQ(SlotOf("Head of state and government (President)"), OfficeSlot::kHeadOfBoth);
  EXPECT_EQ(SlotOf("Head of state (King)"), OfficeSlot::kHeadOfState);
  EXPECT_EQ(SlotOf("Head of government (Chancellor)"), OfficeSlot::kHeadOfGovernment);
  EXPECT_EQ(SlotOf("Foreign Minister"), OfficeSlot::kForeignMinister);
  EXPECT_EQ(SlotOf("Defence Minister"), OfficeSlot::kDefenceMinister);
  EXPECT_EQ(SlotOf("Foreign Minister (Secretary of State)"), OfficeSlot::kForeignMinister);
  EXPECT_EQ(SlotOf("Defence Minister (Defence Secretary)"), OfficeSlot::kDefenceMinister);
  EXPECT_EQ(SlotOf("Foreign Ministry Spokesman"), OfficeSlot::kNone);
  EXPECT_EQ(SlotOf("President"), OfficeSlot::kNone);
  EXPECT_TRUE(IsCollectiveOffice("Head of state (Member of the Presidency)"));
  EXPECT_TRUE(IsCollectiveOffice("Head of state (Captain Regent)"));
  EXPECT_FALSE(IsCollectiveOffice("Head of state (President)"));
}

// Putin and Medvedev swapped offices on 2008-05-07/08 and back on
// 2012-05-07/08; on a handover day the incoming holder is meant.
TEST(Lexicon, PutinMedvedevHandoverDays) {
  const auto hos = OfficeSlot::kHeadOfState, hog = OfficeSlot::kHeadOfGovernment;
  EXPECT_EQ(Holder("RUS", hos, "1999-12-30"), "Boris Yeltsin");
  EXPECT_EQ(Holder("RUS", hos, "1999-12-31"), "Vladimir Putin");  // acting, from Yeltsin's resignation
  EXPECT_EQ(Holder("RUS", hos, "2000-05-07"), "Vladimir Putin");
  EXPECT_EQ(Holder("RUS", hos, "2008-05-06"), "Vladimir Putin");
  EXPECT_EQ(Holder("RUS", hos, "2008-05-07"), "Dmitry Medvedev");
  EXPECT_EQ(Holder("RUS", hos, "2012-05-06"), "Dmitry Medvedev");
  EXPECT_EQ(Holder("RUS", hos, "2012-05-07"), "Vladimir Putin");
  EXPECT_EQ(Holder("RUS", hos, "2025-12-31"), "Vladimir Putin");  // open term
  EXPECT_EQ(Holder("RUS", hog, "2008-05-08"), "Vladimir Putin");
  EXPECT_EQ(Holder("RUS", hog, "2012-05-07"), "Vladimir Putin");
  EXPECT_EQ(Holder("RUS", hog, "2012-05-08"), "Dmitry Medvedev");
  EXPECT_EQ(Holder("RUS", hog, "2020-01-15"), "Dmitry Medvedev");
  EXPECT_EQ(Holder("RUS", hog, "2020-01-16"), "Mikhail Mishustin");
  // The term of a person: both ends belong to it.
  for (auto& p : Fixture().people())
    if (p.name == "Dmitry Medvedev") {
      EXPECT_EQ(Lexicon::TermOn(p, D("2008-05-07"))->office, "Head of state (President)");
      EXPECT_EQ(Lexicon::TermOn(p, D("2012-05-07"))->office, "Head of state (President)");
      EXPECT_EQ(Lexicon::TermOn(p, D("2012-05-08"))->office, "Head of government (Prime Minister)");
      EXPECT_EQ(Lexicon::TermOn(p, D("2008-05-06")), nullptr);
    }
}

// Netanyahu's three tenures; Olmert acting for the incapacitated Sharon.
TEST(Lexicon, NetanyahuTermsAndAnInterimLeader) {
  const auto hog = OfficeSlot::kHeadOfGovernment;
  EXPECT_EQ(Holder("ISR", hog, "1996-06-17"), "");  // Peres is not in the fixture
  EXPECT_EQ(Holder("ISR", hog, "1996-06-18"), "Benjamin Netanyahu");
  EXPECT_EQ(Holder("ISR", hog, "1999-07-05"), "Benjamin Netanyahu");
  EXPECT_EQ(Holder("ISR", hog, "1999-07-06"), "Ehud Barak");
  EXPECT_EQ(Holder("ISR", hog, "2006-01-03"), "Ariel Sharon");
  EXPECT_EQ(Holder("ISR", hog, "2006-01-04"), "Ehud Olmert");
  EXPECT_EQ(Holder("ISR", hog, "2006-05-04"), "Ehud Olmert");
  EXPECT_EQ(Holder("ISR", hog, "2009-03-30"), "Ehud Olmert");
  EXPECT_EQ(Holder("ISR", hog, "2009-03-31"), "Benjamin Netanyahu");
  EXPECT_EQ(Holder("ISR", hog, "2021-06-12"), "Benjamin Netanyahu");
  EXPECT_EQ(Holder("ISR", hog, "2021-06-13"), "Naftali Bennett");
  EXPECT_EQ(Holder("ISR", hog, "2022-07-01"), "Yair Lapid");
  EXPECT_EQ(Holder("ISR", hog, "2022-12-28"), "Yair Lapid");
  EXPECT_EQ(Holder("ISR", hog, "2022-12-29"), "Benjamin Netanyahu");
  // A head-of-state question is not answered by a head of government.
  EXPECT_EQ(Holder("ISR", OfficeSlot::kHeadOfState, "2010-01-01"), "");
  // An acting holder's title is what news calls him.
  for (auto& h : Fixture().HoldersOn("ISR", hog, D("2006-02-01"))) EXPECT_EQ(h.term->title, "Acting Prime Minister");
}

// Berlusconi's three governments, and the coder's view of him between them.
TEST(Lexicon, BerlusconiRestoredThreeTimes) {
  const auto hog = OfficeSlot::kHeadOfGovernment;
  EXPECT_EQ(Holder("ITA", hog, "1994-05-10"), "Silvio Berlusconi");
  EXPECT_EQ(Holder("ITA", hog, "1995-01-16"), "Silvio Berlusconi");
  EXPECT_EQ(Holder("ITA", hog, "1995-01-17"), "Lamberto Dini");
  EXPECT_EQ(Holder("ITA", hog, "2001-06-10"), "Giuliano Amato");
  EXPECT_EQ(Holder("ITA", hog, "2001-06-11"), "Silvio Berlusconi");
  EXPECT_EQ(Holder("ITA", hog, "2006-05-16"), "Silvio Berlusconi");
  EXPECT_EQ(Holder("ITA", hog, "2006-05-17"), "Romano Prodi");
  EXPECT_EQ(Holder("ITA", hog, "2008-05-08"), "Silvio Berlusconi");
  EXPECT_EQ(Holder("ITA", hog, "2011-11-15"), "Silvio Berlusconi");
  EXPECT_EQ(Holder("ITA", hog, "2011-11-16"), "Mario Monti");
  // The same in articles: in office he is ITAGOV with his title, between
  // governments the country's elite.
  auto code_on = [](const std::string& date) {
    Document d = testing::CodeText("Berlusconi criticized the plan.", date);
    for (auto& m : d.mentions)
      if (m.type == MentionType::kActor && d.text(m.span) == "Berlusconi") return m.code + "/" + m.title;
    return std::string("none");
  };
  EXPECT_EQ(code_on("2003-06-01"), "ITAGOV/Prime Minister");
  EXPECT_EQ(code_on("1997-06-01"), "ITAELI/");
  EXPECT_EQ(code_on("2008-05-08"), "ITAGOV/Prime Minister");
  EXPECT_EQ(code_on("2013-01-01"), "ITAELI/");
}

// A title in the text for an office the dictionary does not list for the
// person (Netanyahu was foreign minister 2002-2003; the fixture lists only
// his premierships): the title's role, not the elite; "former" keeps the
// elite, and a listed office outside its dates stays the elite too.
TEST(Lexicon, ATitleTheDictionaryDoesNotListForThePerson) {
  auto code_of = [](const std::string& text, const std::string& date, const std::string& name) {
    Document d = testing::CodeText(text, date);
    for (auto& m : d.mentions)
      if (m.type == MentionType::kActor && m.name == name) return m.code;
    return std::string("none");
  };
  EXPECT_EQ(code_of("Foreign Minister Benjamin Netanyahu criticized the plan.", "2003-01-15", "Benjamin Netanyahu"),
            "ISRGOV");
  EXPECT_EQ(code_of("Former Foreign Minister Benjamin Netanyahu criticized the plan.", "2004-01-15",
                    "Benjamin Netanyahu"),
            "ISRELI");
  EXPECT_EQ(code_of("Benjamin Netanyahu criticized the plan.", "2003-01-15", "Benjamin Netanyahu"), "ISRELI");
  EXPECT_EQ(code_of("President Trump criticized the plan.", "2023-06-01", "Donald Trump"), "USAELI");
}

// "-ych" and "-ich" are both common spellings of East Slavic names.
TEST(Lexicon, EastSlavicNamesInBothSpellings) {
  auto name_of = [](const std::string& text) {
    Document d = testing::CodeText(text, "2013-06-01");
    for (auto& m : d.mentions)
      if (m.type == MentionType::kActor && m.entity_type == EntityType::kPerson) return m.name + "/" + m.code;
    return std::string("none");
  };
  EXPECT_EQ(name_of("Viktor Yanukovych criticized the plan."), "Viktor Yanukovych/UKRGOV");
  EXPECT_EQ(name_of("Viktor Yanukovich criticized the plan."), "Viktor Yanukovych/UKRGOV");
  EXPECT_EQ(name_of("Yanukovich criticized the plan."), "Viktor Yanukovych/UKRGOV");
}

TEST(Lexicon, HyphenatedNamesAlsoWithSpaces) {
  Document d = testing::CodeText("Naftali Bennett and Yair Lapid met Frank Walter Steinmeier.", "2021-07-01");
  std::string names;
  for (auto& m : d.mentions)
    if (m.type == MentionType::kActor && m.entity_type == EntityType::kPerson) names += m.name + ";";
  EXPECT_EQ(names, "Naftali Bennett;Yair Lapid;Frank-Walter Steinmeier;");
}

// A bare Arabic surname alias ("Maliki") also matches with its article.
TEST(Lexicon, ArabicSurnameWithItsArticle) {
  Document d = testing::CodeText("The delegation later met al-Maliki in Baghdad.", "2010-06-01");
  std::string found;
  for (auto& m : d.mentions)
    if (m.type == MentionType::kActor && m.entity_type == EntityType::kPerson) found = m.name + "/" + m.code;
  EXPECT_EQ(found, "Nouri al-Maliki/IRQGOV");
}

TEST(Lexicon, CollectiveOfficeGivesEveryMember) {
  EXPECT_EQ(Holder("BIH", OfficeSlot::kHeadOfState, "2020-01-01"), "Milorad Dodik|Sefik Dzaferovic|Zeljko Komsic");
  EXPECT_EQ(Holder("BIH", OfficeSlot::kHeadOfState, "2023-01-01"), "Zeljko Komsic");
}

// --- dict check on malformed copies of the fixture ---

class DictCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("parley-dictcheck-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::copy(fs::path(PARLEY_TEST_DATA_DIR) / "lexicon", dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // Appends `row` to `file` and returns its line number.
  int Append(const std::string& file, const std::string& row) {
    std::string text;
    {
      std::ifstream in(dir_ / file);
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += row + '\n';
    std::ofstream(dir_ / file, std::ios::trunc) << text;
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  }
  std::vector<std::string> Check() {
    std::vector<std::string> problems;
    std::string summary;
    Status s = CheckDictionaries(dir_, &problems, &summary);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return problems;
  }
  // The one problem reported for `file`:`line`, or "" (fails when absent).
  std::string At(const std::vector<std::string>& problems, const std::string& file, int line) {
    std::string want = (dir_ / file).string() + ":" + std::to_string(line) + ": ";
    for (auto& p : problems)
      if (p.rfind(want, 0) == 0) return p.substr(want.size());
    ADD_FAILURE() << "no problem reported at " << want;
    return "";
  }
  fs::path dir_;
};

TEST_F(DictCheck, TheFixtureIsClean) {
  auto problems = Check();
  EXPECT_TRUE(problems.empty()) << problems.front();
}

// A bad latitude in places.tsv: the engine refuses to load and check says
// the same, both naming the real file.
TEST_F(DictCheck, EveryLoaderErrorIsACheckErrorWithTheRealPath) {
  Append("places.tsv", "# name aliases country feature lat lon population");
  Append("places.tsv", "Crimea\t\tUKR\tregion\t45\t34\t");
  int bad = Append("places.tsv", "Nowhere\t\tUKR\tcity\tabc\t30\t");
  std::unique_ptr<Pipeline> p;
  Status s = Pipeline::Create(dir_, CodeOptions{}, &p);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find((dir_ / "places.tsv").string() + ":" + std::to_string(bad) + ": "), std::string::npos)
      << s.message();
  int bad2 = Append("roles.tsv", "only one column");
  int bad3 = Append("places.tsv", "Far North\t\tRUS\tcity\t95\t10\t");
  auto problems = Check();
  EXPECT_NE(At(problems, "places.tsv", bad).find("latitude 'abc'"), std::string::npos);
  EXPECT_NE(At(problems, "roles.tsv", bad2).find("columns"), std::string::npos);
  EXPECT_NE(At(problems, "places.tsv", bad3).find("latitude '95'"), std::string::npos);
  EXPECT_EQ(problems.size(), 3u) << ::testing::PrintToString(problems);
}

// CodeOptions::load_threads = 2 loads the gazetteer on its own thread: the
// same errors come back, the lexicon's first when both are bad.
TEST_F(DictCheck, LoadingOnTwoThreadsReportsTheSameErrors) {
  CodeOptions two;
  two.load_threads = 2;
  auto create = [&](const CodeOptions& o) {
    std::unique_ptr<Pipeline> p;
    Status s = Pipeline::Create(dir_, o, &p);
    EXPECT_EQ(s.ok(), p != nullptr);
    return s;
  };
  ASSERT_TRUE(create(two).ok());
  Append("places.tsv", "# name aliases country feature lat lon population");
  int bad = Append("places.tsv", "Nowhere\t\tUKR\tcity\tabc\t30\t");
  Status one_s = create(CodeOptions{}), two_s = create(two);
  ASSERT_FALSE(two_s.ok());
  EXPECT_NE(two_s.message().find("places.tsv:" + std::to_string(bad) + ": "), std::string::npos) << two_s.message();
  EXPECT_EQ(two_s.message(), one_s.message());
  int bad2 = Append("people.tsv", "Eighth Holder\t\tFRAGOV\tForeign Minister\t2012-05-03\t2012-05-02");
  one_s = create(CodeOptions{});
  two_s = create(two);
  ASSERT_FALSE(two_s.ok());
  EXPECT_NE(two_s.message().find("people.tsv:" + std::to_string(bad2) + ": "), std::string::npos) << two_s.message();
  EXPECT_EQ(two_s.message(), one_s.message());
}

TEST_F(DictCheck, UnknownCodesInPeopleAndPlaces) {
  int l1 = Append("people.tsv", "Nobody Known\t\tXXXGOV\tHead of state (President)\t2001\t2002");
  int l2 = Append("people.tsv", "Someone Else\t\tFRAFOO\tForeign Minister\t2001\t2002");
  int l3 = Append("people.tsv", "Third Person\t\tIGOXYZ\tSecretary-General\t2001\t2002");
  Append("places.tsv", "# name aliases country feature lat lon population");
  int l4 = Append("places.tsv", "Atlantis\t\tATL\tcity\t10\t10\t");
  auto problems = Check();
  EXPECT_EQ(At(problems, "people.tsv", l1), "unknown country code XXX in XXXGOV");
  EXPECT_EQ(At(problems, "people.tsv", l2), "unknown role code FOO in FRAFOO");
  EXPECT_EQ(At(problems, "people.tsv", l3), "unknown international body code IGOXYZ");
  EXPECT_EQ(At(problems, "places.tsv", l4), "unknown country code ATL");
}

TEST_F(DictCheck, OverlappingTermsAndEndsBeforeStarts) {
  // Two presidents of France at once; a same-day handover and month-only
  // dates that may touch are fine; the collective office is exempt.
  Append("people.tsv", "First Holder\t\tFRAGOV\tHead of state (President)\t2001-01-01\t2005-06-01");
  int l2 = Append("people.tsv", "Second Holder\t\tFRAGOV\tHead of state (President)\t2005-03-01\t2009-01-01");
  Append("people.tsv", "Third Holder\t\tFRAGOV\tHead of state (President)\t2009-01-01\t2010-05");
  Append("people.tsv", "Fourth Holder\t\tFRAGOV\tHead of state (President)\t2010-05\t2011");
  // One holder of both offices while a head of government is listed.
  int l5 = Append("people.tsv", "Fifth Holder\t\tFRAGOV\tHead of state and government (President)\t2011-06-01\t2012");
  Append("people.tsv", "Sixth Holder\t\tFRAGOV\tHead of government (Prime Minister)\t2010-01-01\t2011-06-01");
  int l7 = Append("people.tsv", "Seventh Holder\t\tFRAGOV\tHead of government (Prime Minister)\t2011-06-01\t2011-12-01");
  int l8 = Append("people.tsv", "Eighth Holder\t\tFRAGOV\tForeign Minister\t2012-05-03\t2012-05-02");
  Append("people.tsv", "Ninth Holder\t\tFRAGOV\tForeign Minister\t2012\t2012-05");  // "2012" may end in May
  auto problems = Check();
  std::string o = At(problems, "people.tsv", l2);
  EXPECT_NE(o.find("FRA head of state: Second Holder (2005-03-01..2009-01-01) overlaps First Holder"), std::string::npos)
      << o;
  EXPECT_NE(At(problems, "people.tsv", l7).find("overlaps Fifth Holder"), std::string::npos);
  (void)l5;
  EXPECT_EQ(At(problems, "people.tsv", l8), "end 2012-05-02 is before start 2012-05-03");
  EXPECT_EQ(problems.size(), 3u) << ::testing::PrintToString(problems);
  // The loader refuses an end before the start too.
  std::unique_ptr<Pipeline> p;
  EXPECT_FALSE(Pipeline::Create(dir_, CodeOptions{}, &p).ok());
}

TEST_F(DictCheck, AliasOfTwoPeopleInOfficeAtOnce) {
  fs::create_directories(dir_ / "people");
  std::string f = "people/zz.tsv";
  Append(f, "Anna Example\tExample\tFRAGOV\tForeign Minister\t2001-01-01\t2004-01-01");
  int l2 = Append(f, "Bruno Example\tExample\tFRAGOV\tDefence Minister\t2003-01-01\t2006-01-01");
  // Sharing a surname one after the other is fine (the one in office wins).
  Append(f, "Carla Sample\tSample\tFRAGOV\tForeign Minister\t2004-01-01\t2006-01-01");
  Append(f, "Dario Sample\tSample\tFRAGOV\tDefence Minister\t2006-01-01\t2008-01-01");
  auto problems = Check();
  EXPECT_NE(At(problems, f, l2).find("alias 'example' of Bruno Example"), std::string::npos);
  EXPECT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
}

TEST(DictCheckData, NoDictionariesIsNotFound) {
  std::vector<std::string> problems;
  std::string summary;
  fs::path empty = fs::path(::testing::TempDir()) / "parley-dictcheck-empty";
  fs::create_directories(empty);
  EXPECT_EQ(CheckDictionaries(empty, &problems, &summary).code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace parley
