// Tests of src/io/reader.h: how inputs become Documents (doc_id,
// publish_date, metadata, errors), per ../shared/spec/output.md "Input".
#include "io/reader.h"
#include "text/segment.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace parley {
namespace {
namespace fs = std::filesystem;

// A scratch directory of its own for each test (ctest runs tests in parallel).
class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("parley_reader_test." + std::to_string(::getpid()) + "." + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Writes `content` to dir_/rel (creating folders); returns the path.
  std::string Write(const std::string& rel, const std::string& content) {
    fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
    return p.string();
  }

  static std::vector<Document> ReadAll(std::vector<std::string> inputs, ReaderOptions opt = {},
                                       std::vector<std::string>* warnings = nullptr) {
    ArticleReader reader(std::move(inputs), std::move(opt));
    std::vector<Document> docs;
    Document d;
    while (reader.Next(&d)) {
      docs.push_back(std::move(d));
      d = Document();
    }
    if (warnings) *warnings = reader.TakeWarnings();
    return docs;
  }

  static Date D(const char* s) {
    Date d;
    EXPECT_TRUE(Date::Parse(s, &d)) << s;
    return d;
  }

  fs::path dir_;
};

// ---------------------------------------------------------------- text files

TEST_F(ReaderTest, TextFileIdIsStem) {
  std::string p = Write("istanbul-talks.txt", "Russia and Ukraine met.");
  ReaderOptions opt;
  opt.date = D("2025-05-17");
  auto docs = ReadAll({p}, opt);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].doc_id, "istanbul-talks");
  EXPECT_EQ(docs[0].text(), "Russia and Ukraine met.");
  EXPECT_EQ(docs[0].publish_date.ToString(), "2025-05-17");
  EXPECT_TRUE(docs[0].error.empty());
  EXPECT_FALSE(docs[0].title.has_value());
  EXPECT_FALSE(docs[0].url.has_value());
  EXPECT_FALSE(docs[0].source.has_value());
}

TEST_F(ReaderTest, TextFileWithoutDateHasNoPublishDate) {
  auto docs = ReadAll({Write("a.txt", "Text.")});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_FALSE(docs[0].publish_date.valid());
}

TEST_F(ReaderTest, StemKeepsInnerDots) {
  auto docs = ReadAll({Write("reuters.1987.txt", "Text.")});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].doc_id, "reuters.1987");
}

TEST_F(ReaderTest, IdOverridesStemOfSingleFile) {
  ReaderOptions opt;
  opt.id = "my-id";
  auto docs = ReadAll({Write("article.txt", "Text.")}, opt);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].doc_id, "my-id");
}

TEST_F(ReaderTest, IdIgnoredForSeveralInputs) {
  ReaderOptions opt;
  opt.id = "my-id";
  auto docs = ReadAll({Write("one.txt", "One."), Write("two.txt", "Two.")}, opt);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].doc_id, "one");
  EXPECT_EQ(docs[1].doc_id, "two");
}

TEST_F(ReaderTest, TextKeptByteForByte) {
  std::string text = "\xEF\xBB\xBFLine one.\r\nLine two \xE2\x80\x94 “quoted”.\n\n";
  auto docs = ReadAll({Write("bytes.txt", text)});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text(), text);
}

TEST_F(ReaderTest, InvalidUtf8TextIsReadAsIs) {
  // The reader does not judge encoding (the pipeline's CheckText does); it
  // must not drop or alter the bytes.
  std::string text = "Bad \xFF\xFE bytes.";
  auto docs = ReadAll({Write("bad.txt", text)});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(docs[0].error.empty());
  EXPECT_EQ(docs[0].text(), text);
}

TEST_F(ReaderTest, MissingTextFileIsAnErrorWithId) {
  auto docs = ReadAll({(dir_ / "nope.txt").string(), Write("there.txt", "Here.")});
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].doc_id, "nope");
  EXPECT_FALSE(docs[0].error.empty());
  EXPECT_TRUE(docs[0].text().empty());
  EXPECT_EQ(docs[1].doc_id, "there");
  EXPECT_TRUE(docs[1].error.empty());
}

TEST_F(ReaderTest, TooLargeTextFile) {
  ReaderOptions opt;
  opt.max_article_bytes = 10;
  auto docs = ReadAll({Write("big.txt", std::string(11, 'x')), Write("small.txt", std::string(10, 'x'))}, opt);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].doc_id, "big");
  EXPECT_NE(docs[0].error.find("too large"), std::string::npos) << docs[0].error;
  EXPECT_TRUE(docs[0].text().empty());
  EXPECT_TRUE(docs[1].error.empty());
  EXPECT_EQ(docs[1].text(), std::string(10, 'x'));
}

TEST_F(ReaderTest, DefaultLimitIsOneMiB) {
  auto docs = ReadAll({Write("big.txt", std::string((1 << 20) + 1, 'x')),
                       Write("edge.txt", std::string(1 << 20, 'x'))});
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_NE(docs[0].error.find("too large"), std::string::npos) << docs[0].error;
  EXPECT_TRUE(docs[1].error.empty());
}

// ---------------------------------------------------------------- directories

TEST_F(ReaderTest, DirectoryRecursionIdsAreRelativePaths) {
  Write("corpus/b.txt", "B.");
  Write("corpus/a.txt", "A.");
  Write("corpus/sub/c.txt", "C.");
  Write("corpus/sub/deeper/d.txt", "D.");
  Write("corpus/istanbul-talks/article.txt", "Article.");
  Write("corpus/notes.md", "not an article");
  Write("corpus/data.jsonl", "{\"id\": \"x\", \"text\": \"not read from a directory\"}\n");
  ReaderOptions opt;
  opt.date = D("2024-01-02");
  auto docs = ReadAll({(dir_ / "corpus").string()}, opt);
  std::vector<std::string> ids;
  for (auto& d : docs) {
    ids.push_back(d.doc_id);
    EXPECT_TRUE(d.error.empty()) << d.doc_id << ": " << d.error;
    EXPECT_EQ(d.publish_date.ToString(), "2024-01-02");
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "istanbul-talks/article", "sub/c", "sub/deeper/d"}));
  ASSERT_EQ(docs.size(), 5u);
  EXPECT_EQ(docs[2].text(), "Article.");
  EXPECT_EQ(docs[4].text(), "D.");
}

TEST_F(ReaderTest, DirectoryWithTrailingSlash) {
  Write("corpus/sub/c.txt", "C.");
  auto docs = ReadAll({(dir_ / "corpus").string() + "/"});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].doc_id, "sub/c");
}

TEST_F(ReaderTest, EmptyDirectoryWarnsAndYieldsNothing) {
  fs::create_directories(dir_ / "empty");
  std::vector<std::string> warnings;
  auto docs = ReadAll({(dir_ / "empty").string(), Write("after.txt", "After.")}, {}, &warnings);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].doc_id, "after");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("no .txt files"), std::string::npos) << warnings[0];
}

TEST_F(ReaderTest, MixedInputsKeepOrder) {
  std::string t1 = Write("first.txt", "First.");
  Write("dir/x.txt", "X.");
  std::string j = Write("recs.jsonl", "{\"id\": \"r1\", \"text\": \"R1.\"}\n{\"id\": \"r2\", \"text\": \"R2.\"}\n");
  std::string t2 = Write("last.txt", "Last.");
  auto docs = ReadAll({t1, (dir_ / "dir").string(), j, t2});
  std::vector<std::string> ids;
  for (auto& d : docs) ids.push_back(d.doc_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"first", "x", "r1", "r2", "last"}));
}

// ---------------------------------------------------------------- JSON Lines

TEST_F(ReaderTest, JsonlFields) {
  std::string p = Write("in.jsonl",
                        "{\"id\": \"a1\", \"text\": \"Alpha.\", \"publish_date\": \"2025-05-17\", "
                        "\"title\": \"T\", \"url\": \"https://example.org/a\", \"source\": \"Reuters\", "
                        "\"extra\": [1, {\"x\": 2}]}\n"
                        "{\"doc_id\": \"b2\", \"text\": \"Beta.\", \"date\": \"1987-03-02\"}\n"
                        "{\"id\": \"c3\", \"doc_id\": \"ignored\", \"text\": \"Gamma.\", "
                        "\"publish_date\": \"2016-11-13T10:00:00Z\", \"title\": null}\n");
  auto docs = ReadAll({p});
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].doc_id, "a1");
  EXPECT_EQ(docs[0].text(), "Alpha.");
  EXPECT_EQ(docs[0].publish_date.ToString(), "2025-05-17");
  EXPECT_EQ(docs[0].title.value_or("<none>"), "T");
  EXPECT_EQ(docs[0].url.value_or("<none>"), "https://example.org/a");
  EXPECT_EQ(docs[0].source.value_or("<none>"), "Reuters");
  EXPECT_TRUE(docs[0].error.empty());

  EXPECT_EQ(docs[1].doc_id, "b2");
  EXPECT_EQ(docs[1].publish_date.ToString(), "1987-03-02");
  EXPECT_FALSE(docs[1].title.has_value());
  EXPECT_FALSE(docs[1].url.has_value());
  EXPECT_FALSE(docs[1].source.has_value());

  EXPECT_EQ(docs[2].doc_id, "c3");  // id wins over doc_id
  EXPECT_EQ(docs[2].publish_date.ToString(), "2016-11-13");  // timestamp cut to the day
  EXPECT_FALSE(docs[2].title.has_value());
}

TEST_F(ReaderTest, JsonlNumericId) {
  auto docs = ReadAll({Write("n.jsonl", "{\"id\": 12345, \"text\": \"N.\"}\n")});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].doc_id, "12345");
}

TEST_F(ReaderTest, JsonlUnicodeEscapesDecoded) {
  auto docs = ReadAll({Write("u.jsonl", "{\"id\": \"u\", \"text\": \"Dolmabah\\u00e7e \\u201cPalace\\u201d\\n\"}\n")});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text(), "Dolmabah\xC3\xA7" "e \xE2\x80\x9CPalace\xE2\x80\x9D\n");
}

TEST_F(ReaderTest, JsonlRawUtf8KeptAndBadBytesRejectedWithColumn) {
  // Valid raw UTF-8 (two, three and four bytes) is read as is; a line with
  // a bad sequence in a string (here an encoded surrogate, then a stray
  // continuation byte) is an error that names the column of the string.
  auto docs = ReadAll({Write("raw.jsonl",
                             "{\"id\": \"ok\", \"text\": \"Dolmabah\xC3\xA7" "e \xE2\x80\x9CPalace\xE2\x80\x9D \xF0\x9F\x98\x80\"}\n"
                             "{\"id\": \"sur\", \"text\": \"a\xED\xA0\x80" "b\"}\n"
                             "{\"id\": \"cont\", \"text\": \"ab\x80\"}\n")});
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_TRUE(docs[0].error.empty()) << docs[0].error;
  EXPECT_EQ(docs[0].text(), "Dolmabah\xC3\xA7" "e \xE2\x80\x9CPalace\xE2\x80\x9D \xF0\x9F\x98\x80");
  for (int i = 1; i < 3; ++i) {
    EXPECT_NE(docs[i].error.find("malformed JSON at column"), std::string::npos) << docs[i].error;
    EXPECT_NE(docs[i].error.find("encoding"), std::string::npos) << docs[i].error;
  }
}

TEST_F(ReaderTest, RecordDateWinsOverFlagDate) {
  ReaderOptions opt;
  opt.date = D("2000-01-01");
  auto docs = ReadAll({Write("d.jsonl",
                             "{\"id\": \"own\", \"text\": \"x\", \"publish_date\": \"2025-05-17\"}\n"
                             "{\"id\": \"own-date\", \"text\": \"x\", \"date\": \"2024-02-29\"}\n"
                             "{\"id\": \"none\", \"text\": \"x\"}\n"
                             "{\"id\": \"null\", \"text\": \"x\", \"publish_date\": null}\n")},
                      opt);
  ASSERT_EQ(docs.size(), 4u);
  EXPECT_EQ(docs[0].publish_date.ToString(), "2025-05-17");
  EXPECT_EQ(docs[1].publish_date.ToString(), "2024-02-29");
  EXPECT_EQ(docs[2].publish_date.ToString(), "2000-01-01");
  EXPECT_EQ(docs[3].publish_date.ToString(), "2000-01-01");
}

TEST_F(ReaderTest, UnreadableRecordDateWarnsAndFallsBack) {
  ReaderOptions opt;
  opt.date = D("2000-01-01");
  std::vector<std::string> warnings;
  auto docs = ReadAll({Write("d.jsonl", "{\"id\": \"odd\", \"text\": \"x\", \"publish_date\": \"121108\"}\n")}, opt,
                      &warnings);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(docs[0].error.empty());
  EXPECT_EQ(docs[0].publish_date.ToString(), "2000-01-01");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("odd"), std::string::npos) << warnings[0];
}

TEST_F(ReaderTest, RecordWithoutIdGetsInputNameAndLine) {
  std::string p = Write("noid.jsonl",
                        "{\"id\": \"first\", \"text\": \"x\"}\n"
                        "\n"
                        "{\"text\": \"no id on line three\"}\n"
                        "{\"id\": null, \"text\": \"null id on line four\"}\n");
  auto docs = ReadAll({p});
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].doc_id, "first");
  EXPECT_EQ(docs[1].doc_id, p + ":3");
  EXPECT_EQ(docs[1].text(), "no id on line three");
  EXPECT_EQ(docs[2].doc_id, p + ":4");
}

TEST_F(ReaderTest, BlankLinesSkipped) {
  auto docs = ReadAll({Write("blank.jsonl",
                             "\n   \n{\"id\": \"a\", \"text\": \"A.\"}\n\t\n\r\n"
                             "{\"id\": \"b\", \"text\": \"B.\"}\r\n\n\n")});
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].doc_id, "a");
  EXPECT_EQ(docs[1].doc_id, "b");
  EXPECT_EQ(docs[1].text(), "B.");  // CRLF line ending is not part of the record
  EXPECT_TRUE(docs[1].error.empty());
}

TEST_F(ReaderTest, LastLineWithoutNewline) {
  auto docs = ReadAll({Write("nonl.jsonl", "{\"id\": \"a\", \"text\": \"A.\"}\n{\"id\": \"b\", \"text\": \"B.\"}")});
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[1].doc_id, "b");
}

TEST_F(ReaderTest, BadLinesAreErrorsOthersUnaffected) {
  std::string p = Write("bad.jsonl",
                        "{\"id\": \"good-1\", \"text\": \"Good one.\", \"publish_date\": \"2025-05-17\"}\n"  // 1
                        "{\"id\": \"broken\", \"text\": \"unterminated}\n"                                  // 2
                        "[1, 2]\n"                                                                      // 3
                        "\"a string\"\n"                                                                // 4
                        "{\"id\": \"no-text\", \"title\": \"T\"}\n"                                     // 5
                        "{\"id\": \"num-text\", \"text\": 42}\n"                                        // 6
                        "{\"id\": \"obj-text\", \"text\": {\"a\": 1}}\n"                                // 7
                        "{\"id\": \"surrogate\", \"text\": \"x \\ud800 y\"}\n"                          // 8
                        "{\"id\": \"raw\", \"text\": \"x \xFF\xFE y\"}\n"                               // 9
                        "{\"id\": \"too-big\", \"text\": \"0123456789abcdefghij\"}\n"                   // 10
                        "{\"id\": \"good-2\", \"text\": \"Good two.\"}\n");                             // 11
  ReaderOptions opt;
  opt.max_article_bytes = 16;
  opt.date = D("1999-09-09");
  auto docs = ReadAll({p}, opt);
  ASSERT_EQ(docs.size(), 11u);
  auto err = [&](size_t i) { return docs[i].error; };

  EXPECT_EQ(docs[0].doc_id, "good-1");
  EXPECT_TRUE(err(0).empty());
  EXPECT_EQ(docs[0].text(), "Good one.");
  EXPECT_EQ(docs[0].publish_date.ToString(), "2025-05-17");

  EXPECT_EQ(docs[1].doc_id, p + ":2");
  EXPECT_NE(err(1).find("malformed JSON"), std::string::npos) << err(1);
  EXPECT_EQ(docs[2].doc_id, p + ":3");
  EXPECT_NE(err(2).find("not an object"), std::string::npos) << err(2);
  EXPECT_EQ(docs[3].doc_id, p + ":4");
  EXPECT_NE(err(3).find("not an object"), std::string::npos) << err(3);
  EXPECT_EQ(docs[4].doc_id, "no-text");
  EXPECT_NE(err(4).find("no text"), std::string::npos) << err(4);
  EXPECT_EQ(docs[4].title.value_or(""), "T");  // metadata still echoed
  EXPECT_EQ(docs[5].doc_id, "num-text");
  EXPECT_NE(err(5).find("not a string"), std::string::npos) << err(5);
  EXPECT_EQ(docs[6].doc_id, "obj-text");
  EXPECT_NE(err(6).find("not a string"), std::string::npos) << err(6);
  EXPECT_EQ(docs[7].doc_id, p + ":8");
  EXPECT_NE(err(7).find("malformed JSON"), std::string::npos) << err(7);
  EXPECT_EQ(docs[8].doc_id, p + ":9");
  EXPECT_NE(err(8).find("malformed JSON"), std::string::npos) << err(8);
  EXPECT_EQ(docs[9].doc_id, "too-big");
  EXPECT_NE(err(9).find("too large"), std::string::npos) << err(9);

  EXPECT_EQ(docs[10].doc_id, "good-2");
  EXPECT_TRUE(err(10).empty());
  EXPECT_EQ(docs[10].text(), "Good two.");
  EXPECT_EQ(docs[10].publish_date.ToString(), "1999-09-09");

  for (size_t i = 1; i <= 9; ++i) {
    EXPECT_FALSE(err(i).empty()) << i;
    EXPECT_TRUE(docs[i].text().empty()) << i;
    EXPECT_FALSE(docs[i].doc_id.empty()) << i;
  }
}

// A line with something after its object is not one JSON value.
TEST_F(ReaderTest, TrailingGarbageIsMalformed) {
  std::string p = Write("trail.jsonl",
                        "{\"id\": \"trailing\", \"text\": \"x\"} garbage\n"
                        "{\"id\": \"two\", \"text\": \"y\"}{\"id\": \"three\", \"text\": \"z\"}\n"
                        "{\"id\": \"ok\", \"text\": \"fine\"}   \t\n");
  auto docs = ReadAll({p});
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].doc_id, p + ":1");
  EXPECT_NE(docs[0].error.find("malformed JSON"), std::string::npos) << docs[0].error;
  EXPECT_EQ(docs[1].doc_id, p + ":2");
  EXPECT_NE(docs[1].error.find("malformed JSON"), std::string::npos) << docs[1].error;
  EXPECT_EQ(docs[2].doc_id, "ok");  // trailing blanks are fine
  EXPECT_TRUE(docs[2].error.empty()) << docs[2].error;
}

TEST_F(ReaderTest, ForceJsonlReadsAnyFileName) {
  ReaderOptions opt;
  opt.force_jsonl = true;
  auto docs = ReadAll({Write("records.txt", "{\"id\": \"a\", \"text\": \"A.\"}\n")}, opt);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].doc_id, "a");
  EXPECT_EQ(docs[0].text(), "A.");
}

TEST_F(ReaderTest, NdjsonAndUpperCaseExtension) {
  auto docs = ReadAll({Write("a.ndjson", "{\"id\": \"n\", \"text\": \"N.\"}\n"),
                       Write("b.JSONL", "{\"id\": \"u\", \"text\": \"U.\"}\n")});
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].doc_id, "n");
  EXPECT_EQ(docs[1].doc_id, "u");
}

TEST_F(ReaderTest, MissingJsonlFileIsOneErrorLine) {
  auto docs = ReadAll({(dir_ / "absent.jsonl").string(), Write("after.jsonl", "{\"id\": \"a\", \"text\": \"A.\"}\n")});
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_FALSE(docs[0].doc_id.empty());
  EXPECT_FALSE(docs[0].error.empty());
  EXPECT_EQ(docs[1].doc_id, "a");
  EXPECT_TRUE(docs[1].error.empty());
}

TEST_F(ReaderTest, EmptyJsonlFileYieldsNothing) {
  auto docs = ReadAll({Write("empty.jsonl", ""), Write("x.txt", "X.")});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].doc_id, "x");
}

TEST_F(ReaderTest, LongJsonlLine) {
  // A line far longer than any buffer; the record is read whole.
  std::string text(300000, 'a');
  auto docs = ReadAll({Write("long.jsonl", "{\"id\": \"long\", \"text\": \"" + text + "\"}\n")});
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(docs[0].error.empty());
  EXPECT_EQ(docs[0].text().size(), text.size());
}

// `code --threads` splits lines on the reading thread and parses them on
// workers (NextUnparsed + ParseJsonRecord): the Documents and warnings must
// be those of Next, record for record, whatever the mix of inputs.
TEST_F(ReaderTest, UnparsedThenParsedIsNext) {
  std::string txt = Write("a.txt", "Plain text article.");
  std::string jsonl = Write("b.jsonl",
                            "{\"id\": \"r1\", \"text\": \"One.\", \"publish_date\": \"2025-05-17\", \"title\": \"T\"}\n"
                            "\n"
                            "{\"text\": \"No id.\", \"date\": \"17 May\"}\n"
                            "{not json}\n"
                            "{\"id\": 12345678901234567890123, \"text\": 5}\n"
                            "{\"id\": \"big\", \"text\": \"" + std::string(300, 'x') + "\"}\r"
                            "{\"id\": \"last\", \"text\": \"Last.\", \"source\": \"a\\udc00b\"}");
  ReaderOptions opt;
  opt.max_article_bytes = 100;
  opt.date = D("2024-01-02");
  std::vector<std::string> want_warnings;
  std::vector<Document> want = ReadAll({txt, jsonl}, opt, &want_warnings);
  ASSERT_EQ(want.size(), 7u);

  ArticleReader reader({txt, jsonl}, opt);
  std::vector<std::string> got_warnings;
  UnparsedRecord record;
  size_t n = 0, parsed = 0;
  for (Document d; reader.NextUnparsed(&d, &record); d = Document(), ++n) {
    for (auto& w : reader.TakeWarnings()) got_warnings.push_back(w);
    if (record.json) {
      ++parsed;
      d.doc_id = "stale";  // ParseJsonRecord starts from a fresh Document
      ParseJsonRecord(record, opt, &d, &got_warnings);
    }
    ASSERT_LT(n, want.size());
    const Document& w = want[n];
    EXPECT_EQ(d.doc_id, w.doc_id) << n;
    EXPECT_EQ(d.text(), w.text()) << n;
    EXPECT_EQ(d.error, w.error) << n;
    EXPECT_EQ(d.publish_date.ToString(), w.publish_date.ToString()) << n;
    EXPECT_EQ(d.title, w.title) << n;
    EXPECT_EQ(d.source, w.source) << n;
  }
  EXPECT_EQ(n, want.size());
  EXPECT_EQ(parsed, 6u);  // every JSON line but the blank one
  for (auto& w : reader.TakeWarnings()) got_warnings.push_back(w);
  EXPECT_EQ(got_warnings, want_warnings);
}

// One JSON line parsed both ways: by the reader's quick parser and by
// RapidJSON, each into a Document of its own with its own warnings.
struct BothParses {
  Document quick, full;
  std::vector<std::string> quick_warnings, full_warnings;
};

void ParseBoth(const std::string& line, const ReaderOptions& opt, BothParses* out) {
  UnparsedRecord record;
  record.json = true;
  record.line = line;
  record.fallback_id = "in.jsonl:1";
  ParseJsonRecordWith(record, opt, &out->quick, &out->quick_warnings, true);
  ParseJsonRecordWith(record, opt, &out->full, &out->full_warnings, false);
}

// The reader parses most lines itself and sends every
// other line to RapidJSON: both ways must give the same record or the same
// error. Lines are grown at random (seeded) from pieces that reach every
// branch of the quick parser: escapes of each kind, surrogates, raw UTF-8,
// control bytes, numbers, nested values, odd spacing, duplicate keys, cuts.
TEST(ReaderQuickParser, SameRecordAsRapidJson) {
  const std::vector<std::string> keys = {"\"id\"", "\"text\"", "\"title\"", "\"source\"", "\"publish_date\"",
                                         "\"url\"", "\"other\"", "\"te\\u0078t\"", "\"doc_id\"", "\"date\""};
  const std::vector<std::string> pieces = {
      "Plain words", "\\n", "\\\"", "\\\\", "\\/", "\\b\\f\\r\\t", "\\u00e7", "\\u201C", "\\u0000",
      "\\uD83D\\uDE00", "\\udc00", "\\uD800", "\\x", "\\u12G4", "\xC3\xA7", "\xE2\x80\x9C", "\xF0\x9F\x98\x80",
      "\xED\xA0\x80", "\x80", "\x01", "\t", "2025-05-17", "0123456789abcdef", "\"", "\\"};
  const std::vector<std::string> values = {"null", "true", "false", "12", "-1.5e3", "1e999", "[1, \"a\"]",
                                           "{\"text\": \"inner\"}", "nul", "tru", "\"\"", "01",
                                           "[\"a\", [\"b\\n\", {}], []]", "{\"x\": {\"y\": [true, null]}, \"z\": \"\"}",
                                           "[", "{\"a\" \"b\"}", "[\"a\",]", "{\"a\": 1}", "[]", "{}", "0", "-0", "-", "00",
                                           "123456789012345678", "1234567890123456789", "99999999999999999999999",
                                           "1.", "1e", "-12.5", "7E2", "[3, -4, {\"n\": 5}]", "12a", "0x1F"};
  const std::vector<std::string> spaces = {"", " ", "\n", "\r\t ", "\x0B"};
  uint64_t seed = 12345;
  auto next = [&](size_t n) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>((seed >> 33) % n);
  };
  ReaderOptions opt;
  int flat_ok = 0, checked = 0, unchecked = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string line = spaces[next(spaces.size())] + "{";
    const size_t fields = next(5);
    for (size_t f = 0; f < fields; ++f) {
      if (f > 0) line += next(40) == 0 ? "" : ",";
      line += spaces[next(spaces.size())] + keys[next(keys.size())] + spaces[next(spaces.size())] + ":" +
              spaces[next(spaces.size())];
      if (next(4) == 0) {
        line += values[next(values.size())];
      } else {
        line += "\"";
        for (size_t k = next(6); k > 0; --k) {
          const std::string& p = pieces[next(pieces.size())];
          // Mostly well-formed strings, so that many lines take the quick path.
          if (next(3) != 0 && (p == "\"" || p == "\\" || p == "\x80" || p == "\x01" || p == "\\x")) continue;
          line += p;
        }
        line += "\"";
      }
    }
    line += spaces[next(spaces.size())] + "}" + (next(30) == 0 ? " x" : "") + spaces[next(spaces.size())];
    if (next(20) == 0) line.resize(next(line.size() + 1));
    BothParses both;
    ParseBoth(line, opt, &both);
    const Document& a = both.quick;
    const Document& b = both.full;
    ASSERT_EQ(a.error, b.error) << line;
    ASSERT_EQ(a.doc_id, b.doc_id) << line;
    ASSERT_EQ(a.text(), b.text()) << line;
    ASSERT_EQ(a.title, b.title) << line;
    ASSERT_EQ(a.url, b.url) << line;
    ASSERT_EQ(a.source, b.source) << line;
    ASSERT_EQ(a.publish_date.ToString(), b.publish_date.ToString()) << line;
    ASSERT_EQ(both.quick_warnings, both.full_warnings) << line;
    if (a.error.find("malformed JSON") == std::string::npos) ++flat_ok;
    // A text the reader calls checked passes the pipeline's check, so that
    // the pipeline may skip it; RapidJSON's path never claims it.
    ASSERT_FALSE(b.text_checked()) << line;
    if (a.text_checked()) {
      ++checked;
      ASSERT_TRUE(CheckText(a.text()).ok()) << line;
    } else if (a.error.empty()) {
      ++unchecked;
    }
  }
  EXPECT_GT(flat_ok, 2000);  // enough lines parsed, not only syntax errors
  EXPECT_GT(checked, 50);
  EXPECT_GT(unchecked, 25);  // \b, \u0000 and lines RapidJSON parsed
}

// Escapes that decode to control bytes: the text check refuses all but tab,
// line feed, form feed and carriage return, and the reader leaves such a
// text to it.
TEST(ReaderQuickParser, TextCheckedUnlessAControlByteWasDecoded) {
  ReaderOptions opt;
  struct Case {
    std::string text;  // as written in JSON
    bool checked;
  };
  const std::vector<Case> cases = {
      {"plain", true},        {"a\\tb\\nc\\fd\\re", true}, {"tab\\u0009", true},
      {"caf\\u00e9 \xC3\xA7", true}, {"bell\\b", false}, {"nul\\u0000", false},
      {"esc\\u001B", false}, {"unit\\u001f", false},     {"del\\u007f", true},
  };
  for (const Case& c : cases) {
    const std::string line = "{\"id\": \"x\", \"text\": \"" + c.text + "\"}";
    BothParses both;
    ParseBoth(line, opt, &both);
    ASSERT_TRUE(both.quick.error.empty()) << line;
    EXPECT_EQ(both.quick.text_checked(), c.checked) << line;
    EXPECT_EQ(CheckText(both.quick.text()).ok(), c.checked) << line;
  }
  // Reset and every other way of setting the text clear the claim.
  BothParses both;
  ParseBoth("{\"text\": \"words\"}", opt, &both);
  ASSERT_TRUE(both.quick.text_checked());
  Document d = both.quick;
  d.assign_text("other");
  EXPECT_FALSE(d.text_checked());
  d = both.quick;
  d.set_text("other");
  EXPECT_FALSE(d.text_checked());
  d = both.quick;
  d.Reset();
  EXPECT_FALSE(d.text_checked());
}

// The quick parser checks the encoding itself (no whole-line check comes
// first), and after a string's first escape copies the bytes as it scans
// them: a second special byte, raw UTF-8 (valid or not) or a raw NUL at
// every offset after an escape, and bytes of 0x80 and above or a NUL
// outside strings, give the record or the error RapidJSON's path gives.
TEST(ReaderQuickParser, AfterAnEscapeAndOutsideStrings) {
  const std::vector<std::string> seconds = {"\\n", "\\\"", "\\u00e7", "\x01", "\xC3\xA7", "\xE2\x80\x99",
                                            "\xC3", "\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", std::string(1, '\0'), "\""};
  ReaderOptions opt;
  int checked = 0;
  for (const std::string& sp : seconds)
    for (size_t at = 0; at < 40; ++at) {
      const std::string text = "a\\n" + std::string(at, 'b') + sp + "cdefghijklmnopqrstuvwxyz";
      const std::string line = "{\"id\": \"x\", \"text\": \"" + text + "\"}";
      BothParses both;
      ParseBoth(line, opt, &both);
      ASSERT_EQ(both.quick.error, both.full.error) << line;
      ASSERT_EQ(both.quick.text(), both.full.text()) << line;
      if (both.quick.error.empty()) ++checked;
    }
  EXPECT_EQ(checked, 5 * 40);  // the first five seconds are valid, at every offset
  const std::vector<std::string> odd = {"{\"id\": \"x\", \"text\": \"t\"}\xC3\xA7",
                                        "{\"id\": \"x\", \xC3\xA7\"text\": \"t\"}",
                                        "{\"id\": \"x\", \"text\": \"t\"}" + std::string(1, '\0'),
                                        std::string(1, '\0') + "{\"text\": \"t\"}",
                                        "{\"id\": \"x\", \"text\": \"t\", \"n\": 1\x80}",
                                        "{\"text\": \"\xC3\xA7\\n\xC3\"}"};
  for (const std::string& line : odd) {
    BothParses both;
    ParseBoth(line, opt, &both);
    ASSERT_FALSE(both.quick.error.empty()) << line;
    ASSERT_EQ(both.quick.error, both.full.error) << line;
  }
}

TEST(HumanBytes, Units) {
  EXPECT_EQ(HumanBytes(512), "512 B");
  EXPECT_EQ(HumanBytes(2048), "2.0 KiB");
  EXPECT_EQ(HumanBytes(5 * 1048576 + 104858), "5.1 MiB");
}

// The quick parser scans a string sixteen (or eight) bytes at a time and
// then steps to the first quote, backslash or control byte among them: each
// such byte, and raw UTF-8 beside it, at every offset of a block and in the
// tail, gives the record RapidJSON gives.
TEST(ReaderQuickParser, SpecialByteAtEveryOffset) {
  const std::vector<std::string> specials = {"\\n", "\\\"", "\\\\", "\\u00e7", "\x01", "\xC3\xA7", "\xE2\x80\x99",
                                             "\xC2\x9F", "\\n\\n", "\""};
  ReaderOptions opt;
  int checked = 0;
  for (const std::string& sp : specials)
    for (size_t at = 0; at < 40; ++at)
      for (size_t after = 0; after < 20; after += 3) {
        const std::string text = std::string(at, 'a') + sp + std::string(after, 'Z');
        const std::string line = "{\"id\": \"x\", \"text\": \"" + text + "\", \"title\": \"" + text + "\"}";
        BothParses both;
        ParseBoth(line, opt, &both);
        const Document& a = both.quick;
        const Document& b = both.full;
        ASSERT_EQ(a.error, b.error) << line;
        ASSERT_EQ(a.text(), b.text()) << line;
        ASSERT_EQ(a.title, b.title) << line;
        ASSERT_EQ(both.quick_warnings, both.full_warnings) << line;
        if (a.error.empty()) ++checked;
      }
  EXPECT_GT(checked, 2200);  // all but the raw control byte and the bare quote parse
}

// Strings with escapes are decoded one after the other into one buffer
// that the record's fields then view: many escaped keys and values, nested
// ones and the fields the reader keeps, in one line, each as RapidJSON
// reads it.
TEST(ReaderQuickParser, ManyEscapedStringsInOneLine) {
  ReaderOptions opt;
  for (int shape = 0; shape < 4; ++shape) {
    std::string line = "{";
    for (int i = 0; i < 30; ++i) {
      const std::string n = std::to_string(i);
      line += "\"k\\u0065y" + n + "\": [\"a\\n" + n + "\", {\"\\t\": \"\\\"" + n + "\\\"\"}], ";
    }
    const std::string escaped = shape % 2 ? "L\\u00e9on \\\"Tr\\/otsky\\\"\\n" : "plain";
    line += "\"t\\u0069tle\": \"" + escaped + "\", \"source\": \"" + escaped + escaped + "\", ";
    line += "\"id\": \"x\\u0031\", \"text\": \"" + (shape < 2 ? std::string(300, 'w') + "\\n" : "") + escaped +
            "\\r\\nend\"}";
    BothParses both;
    ParseBoth(line, opt, &both);
    const Document& a = both.quick;
    const Document& b = both.full;
    ASSERT_EQ(a.error, "") << line;
    EXPECT_EQ(a.doc_id, "x1");
    EXPECT_EQ(a.doc_id, b.doc_id);
    EXPECT_EQ(a.text(), b.text());
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.source, b.source);
    EXPECT_EQ(a.text().substr(a.text().size() - 5), "\r\nend");
    if (shape % 2) {
      EXPECT_EQ(*a.title, "L\xC3\xA9on \"Tr/otsky\"\n");
    }
  }
}


// A key is read with one load when the sixteen bytes after its quote hold
// its closing quote before any other special byte (PlainKey), else as any
// string: keys of every length up to past sixteen bytes, with an escape,
// raw UTF-8, a control byte or a bare quote at every offset, and lines that
// end a few bytes after the key, give the record RapidJSON gives.
TEST(ReaderQuickParser, KeysOfEveryLengthAndNearTheLineEnd) {
  const std::vector<std::string> inserts = {"", "\\u0074", "\\n", "\xC3\xA7", "\x01", "\"", "\\"};
  ReaderOptions opt;
  int checked = 0;
  for (const std::string& ins : inserts)
    for (size_t len = 0; len < 20; ++len)
      for (size_t at = 0; at <= len; ++at) {
        std::string key = std::string(len, 'k');
        key.insert(at, ins);
        for (const std::string& tail : {std::string(": \"v\"}"), std::string(":\"\"}"), std::string(": 1, \"text\": \"t\"}")}) {
          const std::string line = "{\"text\": \"body\", \"" + key + "\"" + tail;
          BothParses both;
          ParseBoth(line, opt, &both);
          ASSERT_EQ(both.quick.error, both.full.error) << line;
          ASSERT_EQ(both.quick.text(), both.full.text()) << line;
          if (both.quick.error.empty()) ++checked;
        }
        // The key text itself: "text" spelled with the insert inside.
        const std::string named = "te" + ins + "xt";
        const std::string line = "{\"" + named + "\": \"v\", \"id\": \"x\"}";
        BothParses both;
        ParseBoth(line, opt, &both);
        ASSERT_EQ(both.quick.error, both.full.error) << line;
        ASSERT_EQ(both.quick.text(), both.full.text()) << line;
      }
  EXPECT_GT(checked, 1000);
}

}  // namespace
}  // namespace parley
