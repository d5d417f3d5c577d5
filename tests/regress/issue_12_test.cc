// Regression tests for issue 12 ("Robust and fast"), items 1-4 and 6-10:
// each reproducer of the issue, at the level of the component that broke.
// The command-line reproducers are in tests/e2e/robust.sh; the quadratic
// cases of item 5 in tests/regress/linear_time_test.cc.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "extract/counts.h"
#include "io/atomic_file.h"
#include "io/json_writer.h"
#include "io/reader.h"
#include "parley/lexicon.h"
#include "store/output_reader.h"
#include "text/segment.h"

namespace parley {
namespace {
namespace fs = std::filesystem;

class Issue12 : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("parley_issue12." + std::to_string(::getpid()) + "." + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_ / "locked", fs::perms::owner_all, ec);
    fs::remove_all(dir_, ec);
  }
  std::string Write(const std::string& rel, const std::string& content) {
    fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  static std::vector<Document> ReadAll(std::vector<std::string> inputs, ReaderOptions opt = {}) {
    ArticleReader reader(std::move(inputs), std::move(opt));
    std::vector<Document> docs;
    Document d;
    while (reader.Next(&d)) docs.push_back(std::move(d));
    return docs;
  }
  static bool ValidJson(const std::string& line) {
    rapidjson::Document j;
    j.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
    return !j.HasParseError() && j.IsObject();
  }
  fs::path dir_;
};

// ---------------------------------------------------------------- item 1

TEST_F(Issue12, DeeplyNestedLineIsOneErrorAndLosesNothingAroundIt) {
  std::string p = Write("nested.jsonl", "{\"id\": \"before\", \"text\": \"Talks resumed.\"}\n" +
                                            std::string(200000, '[') + "\n" + "{\"id\": \"deep\", \"text\": \"x\", " +
                                            "\"extra\": " + std::string(100000, '[') + std::string(100000, ']') +
                                            "}\n" + "{\"id\": \"after\", \"text\": \"Talks ended.\"}\n");
  auto docs = ReadAll({p});
  ASSERT_EQ(docs.size(), 4u);
  EXPECT_EQ(docs[0].doc_id, "before");
  EXPECT_TRUE(docs[0].error.empty());
  EXPECT_EQ(docs[1].doc_id, p + ":2");
  EXPECT_NE(docs[1].error.find("malformed JSON"), std::string::npos) << docs[1].error;
  EXPECT_EQ(docs[2].doc_id, "deep");  // deep but well formed: read
  EXPECT_TRUE(docs[2].error.empty()) << docs[2].error;
  EXPECT_EQ(docs[3].doc_id, "after");
  EXPECT_EQ(docs[3].text(), "Talks ended.");
}

TEST_F(Issue12, LineLongerThanTheLimitIsSkippedNotHeld) {
  ReaderOptions opt;
  opt.max_article_bytes = 100;
  const size_t limit = MaxJsonLineBytes(100);
  std::string big(limit + 1000, 'a');
  std::string p = Write("long.jsonl", "{\"id\": \"big\", \"text\": \"" + big + "\"}\n" +
                                          "{\"id\": \"ok\", \"text\": \"Talks resumed.\"}\n");
  auto docs = ReadAll({p}, opt);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].doc_id, p + ":1");  // not parsed, so its id is unknown
  EXPECT_NE(docs[0].error.find("too large: JSON line of " + std::to_string(big.size() + std::string("{\"id\": \"big\", \"text\": \"\"}").size()) + " bytes"),
            std::string::npos)
      << docs[0].error;
  EXPECT_EQ(docs[1].doc_id, "ok");
  EXPECT_TRUE(docs[1].error.empty());
}

TEST_F(Issue12, NulByteInALineIsMalformedNotAnEnd) {
  std::string line = "{\"id\": \"n\", \"text\": \"x\"}";
  std::string p = Write("nul.jsonl", line + std::string(1, '\0') + "garbage\n");
  auto docs = ReadAll({p});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_NE(docs[0].error.find("NUL"), std::string::npos) << docs[0].error;
}

// ---------------------------------------------------------------- item 2

TEST_F(Issue12, NumberBeyondTheLargestDoubleIsNoCount) {
  Document d("1" + std::string(309, '0') + " people were killed in Iraq. 40 people were hurt.");
  ASSERT_TRUE(CheckText(d.text()).ok());
  SegmentDocument(&d);
  ExtractCounts(&d);
  for (auto& c : d.counts) EXPECT_TRUE(std::isfinite(c.number));
  ASSERT_EQ(d.counts.size(), 1u);
  EXPECT_EQ(d.counts[0].number, 40);
}

TEST_F(Issue12, WriterNeverWritesAnEmptyNumber) {
  Document d("Forty people.");
  d.doc_id = "n";
  Count c;
  c.number = INFINITY;
  c.what = "people";
  c.span = {0, 5};
  d.counts.push_back(c);
  c.number = NAN;
  d.counts.push_back(c);
  std::string line;
  WriteDocumentJson(d, &line);
  EXPECT_TRUE(ValidJson(line)) << line;
  EXPECT_NE(line.find("\"number\":null"), std::string::npos) << line;
}

TEST_F(Issue12, LoneSurrogateInMetadataBecomesReplacementCharacter) {
  std::string p = Write("s.jsonl",
                        "{\"id\": \"a\\udc00b\", \"title\": \"t\\udfff\", \"source\": \"\\udc00\", "
                        "\"url\": \"u\\udc00\", \"text\": \"Talks resumed.\"}\n");
  auto docs = ReadAll({p});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].doc_id, "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(docs[0].title.value_or(""), "t\xEF\xBF\xBD");
  EXPECT_EQ(docs[0].source.value_or(""), "\xEF\xBF\xBD");
  EXPECT_TRUE(docs[0].error.empty());
  std::string line;
  WriteDocumentJson(docs[0], &line);
  EXPECT_TRUE(ValidJson(line)) << line;
}

TEST_F(Issue12, WriterEchoesInvalidBytesAsValidUtf8) {
  Document d;
  d.doc_id = "file\xFF\xFE";  // a file name in another encoding
  d.title = "caf\xE9";
  d.error = "cannot open /x/\xC3: No such file or directory";
  std::string line;
  WriteDocumentJson(d, &line);
  EXPECT_TRUE(ValidJson(line)) << line;
  EXPECT_EQ(ToValidUtf8("ok \xC3\xA7"), "ok \xC3\xA7");
  EXPECT_EQ(ToValidUtf8("\xED\xB0\x80" "x"), "\xEF\xBF\xBD" "x");  // an encoded lone surrogate, one U+FFFD
}

// ---------------------------------------------------------------- item 3

TEST_F(Issue12, NumericIdsKeepEveryDigit) {
  std::string p = Write("ids.jsonl",
                        "{\"id\": 18446744073709551616, \"text\": \"One.\"}\n"
                        "{\"id\": 18446744073709551617, \"text\": \"Two.\"}\n"
                        "{\"id\": 123456789012345678901234567890, \"text\": \"Three.\"}\n"
                        "{\"id\": -9223372036854775809, \"text\": \"Four.\"}\n"
                        "{\"id\": 12.50, \"text\": \"Five.\"}\n");
  auto docs = ReadAll({p});
  ASSERT_EQ(docs.size(), 5u);
  EXPECT_EQ(docs[0].doc_id, "18446744073709551616");
  EXPECT_EQ(docs[1].doc_id, "18446744073709551617");
  EXPECT_EQ(docs[2].doc_id, "123456789012345678901234567890");
  EXPECT_EQ(docs[3].doc_id, "-9223372036854775809");
  EXPECT_EQ(docs[4].doc_id, "12.50");
}

// Found by fuzz_jsonl_reader: an empty id left the line without a doc_id.
TEST_F(Issue12, EmptyIdIsNoId) {
  std::string p = Write("empty-id.jsonl",
                        "{\"doc_id\": \"\", \"text\": \"One.\"}\n"
                        "{\"id\": \"\", \"doc_id\": \"two\", \"text\": \"Two.\"}\n");
  auto docs = ReadAll({p});
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].doc_id, p + ":1");
  EXPECT_EQ(docs[1].doc_id, "two");
}

// ---------------------------------------------------------------- item 4

TEST_F(Issue12, OutOntoASymlinkWritesItsTarget) {
  Write("real.jsonl", "old\n");
  fs::create_symlink("real.jsonl", dir_ / "link.jsonl");
  fs::create_symlink("absent.jsonl", dir_ / "dangling.jsonl");
  for (const char* name : {"link.jsonl", "dangling.jsonl"}) {
    AtomicFile out((dir_ / name).string());
    ASSERT_TRUE(out.ok()) << out.error();
    out.stream() << "new\n";
    ASSERT_TRUE(out.Commit());
    EXPECT_TRUE(fs::is_symlink(dir_ / name)) << name;
  }
  std::ifstream a(dir_ / "real.jsonl"), b(dir_ / "absent.jsonl");
  std::string la, lb;
  std::getline(a, la);
  std::getline(b, lb);
  EXPECT_EQ(la, "new");
  EXPECT_EQ(lb, "new");
  for (auto& e : fs::directory_iterator(dir_))
    EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << e.path();
}

TEST_F(Issue12, OutOntoAFifoWritesThroughIt) {
  fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // A reader on the other end, so that opening for writing does not block.
  int rfd = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(rfd, 0);
  {
    AtomicFile out(fifo.string());
    ASSERT_TRUE(out.ok()) << out.error();
    out.stream() << "through\n";
    ASSERT_TRUE(out.Commit());
  }
  char buf[16] = {};
  ssize_t n = ::read(rfd, buf, sizeof buf);
  ::close(rfd);
  EXPECT_EQ(std::string(buf, n > 0 ? static_cast<size_t>(n) : 0), "through\n");
  EXPECT_TRUE(fs::is_fifo(fifo));
}

TEST_F(Issue12, OutOntoADeviceStaysADevice) {
  // Only the decision is checked on /dev/null: writing to it is harmless.
  AtomicFile out("/dev/null");
  ASSERT_TRUE(out.ok()) << out.error();
  out.stream() << "discarded\n";
  ASSERT_TRUE(out.Commit());
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

// ---------------------------------------------------------------- item 6

TEST_F(Issue12, TooLargeMessagesGiveExactBytes) {
  ReaderOptions opt;
  opt.max_article_bytes = 1 << 20;
  auto docs = ReadAll({Write("over.txt", std::string((1 << 20) + 1, 'x'))}, opt);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].error, "too large: 1048577 bytes > 1048576 (1.0 MiB)");
  EXPECT_EQ(TooLargeMessage(1048577, 1048576), "too large: 1048577 bytes > 1048576 (1.0 MiB)");
}

TEST_F(Issue12, AStreamIsReadNoFurtherThanTheLimit) {
  // /dev/zero never ends: the reader must stop at the limit and say so.
  std::ifstream probe("/dev/zero");
  if (!probe) GTEST_SKIP() << "no /dev/zero";
  ReaderOptions opt;
  opt.max_article_bytes = 1000;
  auto docs = ReadAll({"/dev/zero"}, opt);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].doc_id, "zero");
  EXPECT_NE(docs[0].error.find("too large: more than 1000 bytes"), std::string::npos) << docs[0].error;
  EXPECT_TRUE(docs[0].text().empty());
}

// ---------------------------------------------------------------- item 8

TEST_F(Issue12, RequiredDictionaryMissingOrEmptyIsAnError) {
  fs::path lex = fs::path(PARLEY_TEST_DATA_DIR) / "lexicon";
  fs::path d = dir_ / "data";
  fs::copy(lex, d, fs::copy_options::recursive);
  std::unique_ptr<Lexicon> out;
  ASSERT_TRUE(Lexicon::Load(d, &out).ok());
  fs::remove(d / "verbs.tsv");
  std::ofstream(d / "nouns.tsv") << "# header only\n";
  fs::remove(d / "people.tsv");
  fs::create_directory(d / "people.tsv");
  std::ofstream(d / "roles.tsv", std::ios::app);  // untouched: still fine
  Status s = Lexicon::Load(d, &out);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("verbs.tsv: cannot open: No such file or directory"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("nouns.tsv: holds no rows"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("people.tsv: cannot open: not a regular file"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("roles.tsv"), std::string::npos) << s.message();
}

TEST_F(Issue12, DictionaryBomIsReportedAsABom) {
  fs::path d = dir_ / "data";
  fs::copy(fs::path(PARLEY_TEST_DATA_DIR) / "lexicon", d, fs::copy_options::recursive);
  std::string roles;
  {
    std::ifstream in(d / "roles.tsv", std::ios::binary);
    roles.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::ofstream(d / "roles.tsv", std::ios::binary) << "\xEF\xBB\xBF" << roles;
  std::unique_ptr<Lexicon> out;
  Status s = Lexicon::Load(d, &out);
  ASSERT_FALSE(s.ok());
  // The loader names the file by its real path (every loader error does).
  EXPECT_EQ(s.message(), (d / "roles.tsv").string() + ":1: starts with a UTF-8 byte order mark (BOM); save the file without one");
}

// ---------------------------------------------------------------- item 9

TEST_F(Issue12, IngestSpansAreBoundedByTheText) {
  Document d;
  Status s = ReadOutputLine(
      R"({"doc_id":"big","sentences":[[1999999999,2000000000]],"entities":[],"events":[],"quotes":[],"counts":[]})",
      &d);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("sentences[0]: past"), std::string::npos) << s.message();
  s = ReadOutputLine(R"({"doc_id":"t","text":"Talks.","sentences":[[0,6]],"quotes":[],)"
                     R"("counts":[{"number":3,"what":"x","span":[2,9]}]})",
                     &d);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("counts[0].span: past the end of the text (6 bytes)"), std::string::npos) << s.message();
  s = ReadOutputLine(R"({"doc_id":"ok","sentences":[[0,6]],"counts":[{"number":3,"what":"x","span":[0,6]}]})", &d);
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(d.text().size(), 6u);
}

TEST_F(Issue12, IngestNumbersAvoidTheFullPrecisionPath) {
  Document d;
  Status s = ReadOutputLine(R"({"doc_id":"z","sentences":[[0,5]],)"
                            R"("counts":[{"number":0e94,"what":"x","span":[0,5]},)"
                            R"({"number":1.5e3,"what":"y","span":[0,5]}]})",
                            &d);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(d.counts.size(), 2u);
  EXPECT_EQ(d.counts[0].number, 0);
  EXPECT_EQ(d.counts[1].number, 1500);
  // Deep nesting is parsed iteratively, not by recursion.
  s = ReadOutputLine("{\"doc_id\":\"n\",\"x\":" + std::string(200000, '[') + std::string(200000, ']') + "}", &d);
  EXPECT_TRUE(s.ok()) << s.message();
}

// ---------------------------------------------------------------- item 10

TEST_F(Issue12, DirectoryProblemsGetTheirOwnLines) {
  Write("corpus/a.txt", "A.");
  Write("corpus/z.txt", "Z.");
  fs::create_symlink("nowhere.txt", dir_ / "corpus" / "b-dangling.txt");
  fs::create_symlink("c-loop.txt", dir_ / "corpus" / "c-loop.txt");
  fs::create_directories(dir_ / "corpus" / "d-sub");
  ASSERT_EQ(::mkfifo((dir_ / "corpus" / "d-sub" / "fifo.txt").c_str(), 0600), 0);
  auto docs = ReadAll({(dir_ / "corpus").string()});
  std::vector<std::string> ids;
  for (auto& d : docs) ids.push_back(d.doc_id + (d.error.empty() ? "" : "!"));
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b-dangling.txt!", "c-loop.txt!", "d-sub/fifo.txt!", "z"}));
  ASSERT_EQ(docs.size(), 5u);
  EXPECT_NE(docs[1].error.find("No such file or directory"), std::string::npos) << docs[1].error;
  EXPECT_NE(docs[2].error.find("Too many levels of symbolic links"), std::string::npos) << docs[2].error;
  EXPECT_NE(docs[3].error.find("not a regular file"), std::string::npos) << docs[3].error;
}

TEST_F(Issue12, UnreadableSubfolderGetsALine) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every folder; run as another user to test this";
  Write("corpus/a.txt", "A.");
  Write("corpus/locked/b.txt", "B.");
  fs::permissions(dir_ / "corpus" / "locked", fs::perms::none);
  auto docs = ReadAll({(dir_ / "corpus").string()});
  fs::permissions(dir_ / "corpus" / "locked", fs::perms::owner_all);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[1].doc_id, "locked");
  EXPECT_NE(docs[1].error.find("Permission denied"), std::string::npos) << docs[1].error;
}

TEST_F(Issue12, CannotOpenSaysWhy) {
  auto docs = ReadAll({(dir_ / "missing.txt").string(), (dir_ / "missing.jsonl").string()});
  ASSERT_EQ(docs.size(), 2u);
  for (auto& d : docs) EXPECT_NE(d.error.find(": No such file or directory"), std::string::npos) << d.error;
}

TEST_F(Issue12, CrOnlyJsonlSplitsIntoItsRecords) {
  std::string p = Write("cr.jsonl",
                        "{\"id\": \"a\", \"text\": \"A.\"}\r{\"id\": \"b\", \"text\": \"B.\"}\r\r"
                        "{\"id\": \"c\", \"text\": \"C.\"}\r\n{\"id\": \"d\", \"text\": \"D.\"}\r");
  auto docs = ReadAll({p});
  std::vector<std::string> ids;
  for (auto& d : docs) {
    ids.push_back(d.doc_id);
    EXPECT_TRUE(d.error.empty()) << d.error;
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c", "d"}));
}

}  // namespace
}  // namespace parley
