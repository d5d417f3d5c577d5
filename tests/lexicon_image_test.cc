// Tests of the lexicon's and the coder's compiled images
// (src/lexicon/lexicon_image.cc, src/code/coder_image.cc): an image gives
// back exactly the tables the text gives; an edited dictionary is used at
// once; a corrupt or truncated image is ignored and rebuilt; a cache folder
// that cannot be written is no error; two processes building at once both
// succeed and leave one whole image.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <type_traits>
#include <sstream>
#include <string>
#include <vector>

#include "code/coder.h"
#include "lexicon/image_file.h"
#include "parley/lexicon.h"
#include "text/segment.h"
#include "text/vocabulary.h"

namespace parley {
namespace {
namespace fs = std::filesystem;

class LexiconImage : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("parley_lexicon_image_test." + std::to_string(::getpid()));
    fs::remove_all(root_);
    data_ = root_ / "data";
    cache_ = root_ / "cache";
    fs::create_directories(root_);
    // The real dictionaries but the 8 MB generated gazetteer (not read here).
    fs::copy(fs::path(PARLEY_DATA_DIR), data_, fs::copy_options::recursive);
    fs::remove(data_ / "generated" / "cities.tsv");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  std::unique_ptr<Lexicon> Load(Lexicon::CacheInfo* info, const fs::path& cache) {
    std::unique_ptr<Lexicon> lex;
    Status s = Lexicon::LoadCached(data_, cache, "test-1", &lex, info);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return lex;
  }
  // The images and temporary files (not the key memos, image::RememberKey).
  std::vector<fs::path> CacheFiles(std::string_view prefix = "") {
    std::vector<fs::path> out;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(cache_, ec))
      if (e.path().filename().string().rfind(prefix, 0) == 0 && e.path().extension() != ".key")
        out.push_back(e.path());
    return out;
  }
  // Every table of a lexicon and a coder made from it, as text.
  static std::string Tables(const Lexicon& lex, const Coder& coder) {
    std::ostringstream out;
    for (auto& c : lex.countries())
      out << c.iso3 << c.cameo << c.iso2 << c.fips << c.name << c.capital << c.lat << c.lon << c.capital_lat
          << c.capital_lon << c.rule << "\n";
    for (auto* t : {&lex.igos(), &lex.organisations()})
      for (auto& o : *t)
        out << o.code << o.name << static_cast<int>(o.type) << o.start.ToString() << o.end.ToString() << o.rule << "\n";
    for (auto& p : lex.people()) {
      out << p.name;
      for (auto& t : p.terms)
        out << "|" << t.code << t.office << t.title << t.start.ToString() << t.end.ToString() << t.rule;
      out << "\n";
    }
    for (auto& r : lex.roles()) out << r.phrase << r.code << static_cast<int>(r.kind) << r.rule << "\n";
    for (auto& p : lex.patterns()) {
      out << p.code << p.noun << p.head << p.text << p.rule;
      for (size_t e = 0; e < p.rest.size(); ++e) {
        out << " " << p.rest[e].kind;
        for (auto& w : p.rest[e].words) out << "," << w;
        for (int id : coder.ElementIds(p, e)) out << "#" << id;
      }
      out << " " << coder.MaybeMatches(p, ~uint64_t{0}) << coder.MaybeMatches(p, 1) << "\n";
    }
    // Names: every name key the lexicon itself lists, looked up.
    auto names = [&](std::string_view key) {
      out << key << ":" << lex.MaxNameTokens(key.substr(0, key.find(' ')));
      if (auto* refs = lex.FindName(key))
        for (auto& r : *refs) out << " " << r.kind << "/" << r.index << "/" << r.case_sensitive << "/" << r.line;
      out << "\n";
    };
    for (auto& c : lex.countries()) names(Lexicon::KeyOf(c.name));
    for (auto& p : lex.people()) names(Lexicon::KeyOf(p.name));
    // People by the last word of their name (unknown-name spellings).
    for (auto& p : lex.people()) {
      std::string key = Lexicon::KeyOf(p.name);
      std::string last = Lexicon::LastNameKey(key.substr(key.rfind(' ') + 1));
      out << last << ">";
      if (auto* ids = lex.PeopleByLastName(last))
        for (uint32_t i : *ids) out << i << ",";
      out << "\n";
    }
    for (auto& r : lex.roles()) names(Lexicon::KeyOf(r.phrase));
    for (const char* code : {"USA", "RUS", "UKR", "FRA", "XXX"}) out << code << (lex.FindCountry(code) != nullptr);
    for (const char* code : {"010", "042", "1823", "999"}) {
      const CameoCode* c = lex.FindCameo(code);
      out << code << ":" << (c ? c->name + c->plover + std::to_string(c->goldstein) + std::to_string(c->quad_class) : "-");
    }
    out << "\n" << lex.name_count() << " " << lex.cameo_count() << " " << lex.word_form_count() << "\n";
    // The irregular forms in their order, each with what the coder knows.
    lex.ForEachIrregular([&](const std::string& f, const std::string& l, bool verb) {
      out << f << ">" << l << verb << lex.IsCommonWord(f) << coder.VerbLemma(f) << "/" << coder.NounLemma(f);
      if (const Coder::FormInfo* fi = coder.Form(f)) {
        out << " " << fi->cls;
        for (int id : fi->ids()) out << "#" << id;
      }
      out << "\n";
    });
    for (auto& p : lex.patterns())
      for (const std::string& w : {std::string(p.head), p.head + "s", p.head + "ed", p.head + "ing"})
        out << w << ":" << coder.VerbLemma(w) << "/" << coder.NounLemma(w) << "\n";
    for (auto& f : lex.people_files()) out << f << "\n";
    return out.str();
  }
  // The coder's vocabulary (Coder::vocabulary): its words (each found again
  // by its id), and what the coder says of a token numbered by it (which
  // must be what it says by string). The ids themselves may differ between
  // equal vocabularies: the lexicon's words come in its tables' order.
  static std::string Words(Lexicon& lex, const Coder& coder) {
    std::ostringstream out;
    auto v = coder.vocabulary();
    if (!v) return "no vocabulary";
    const Vocabulary::Tables t = v->tables();
    std::vector<std::string> words;
    for (size_t i = 0; i < t.entries.size(); ++i) {
      const std::string_view w = t.pool.substr(t.entries[i].off, t.entries[i].len);
      const uint32_t id = static_cast<uint32_t>(i) + kUnknownWord + 1;
      words.push_back(std::string(w) + (v->Find(w) == id ? "" : " (found as another id)"));
    }
    std::sort(words.begin(), words.end());
    for (const std::string& w : words) out << w << "\n";
    lex.UseVocabulary(v);
    Document d("Russia accused Ukraine of attacking; talks were held and agreed to meet again in zzyzx.");
    EXPECT_TRUE(CheckText(d.text()).ok());
    SegmentDocument(&d);
    std::vector<const Coder::FormInfo*> by_string;
    for (const Token& t : d.tokens) by_string.push_back(coder.Form(t));
    lex.NumberWords(&d);
    for (size_t i = 0; i < d.tokens.size(); ++i) {
      EXPECT_EQ(coder.Form(d.tokens[i]), by_string[i]) << d.tokens[i].lower;
      out << d.tokens[i].lower << (d.tokens[i].word == kUnknownWord ? "?" : "#") << (by_string[i] ? "+" : "-") << " ";
    }
    return out.str();
  }
  fs::path root_, data_, cache_;
};

TEST_F(LexiconImage, ImageGivesTheTablesOfTheText) {
  std::unique_ptr<Lexicon> text;
  ASSERT_TRUE(Lexicon::Load(data_, &text).ok());
  const std::string want = Tables(*text, Coder(*text));

  Lexicon::CacheInfo first, second;
  auto built = Load(&first, cache_);
  EXPECT_FALSE(first.from_image);
  EXPECT_TRUE(first.written) << first.note;
  EXPECT_NE(first.key, 0u);
  Coder::CacheInfo cfirst, csecond;
  auto coder_built = Coder::Cached(*built, cache_, first.key, &cfirst);
  EXPECT_FALSE(cfirst.from_image);
  EXPECT_TRUE(cfirst.written) << cfirst.note;
  EXPECT_EQ(Tables(*built, *coder_built), want);

  auto loaded = Load(&second, cache_);
  EXPECT_TRUE(second.from_image) << second.note;
  EXPECT_FALSE(second.written);
  EXPECT_EQ(second.key, first.key);
  auto coder_loaded = Coder::Cached(*loaded, cache_, second.key, &csecond);
  EXPECT_TRUE(csecond.from_image) << csecond.note;
  EXPECT_EQ(Tables(*loaded, *coder_loaded), want);
  EXPECT_EQ(loaded->dir(), data_);
  // A coder built (not read) over a lexicon read from its image is the same
  // too: the irregular forms keep the text load's order.
  EXPECT_EQ(Tables(*loaded, Coder(*loaded)), want);
  EXPECT_EQ(CacheFiles().size(), 2u);  // no temporary file left behind
}

// The tables of a lexicon read from its image view the mapped image: they
// stay whole while the lexicon lives, whatever becomes of the file (the
// cache emptied, a new image put in its place), and the coder built over
// them is the text's.
TEST_F(LexiconImage, TablesReadInPlaceOutliveTheImageFile) {
  std::unique_ptr<Lexicon> text;
  ASSERT_TRUE(Lexicon::Load(data_, &text).ok());
  const std::string want = Tables(*text, Coder(*text));
  Lexicon::CacheInfo info;
  Load(&info, cache_);
  ASSERT_TRUE(info.written) << info.note;
  auto loaded = Load(&info, cache_);
  ASSERT_TRUE(info.from_image) << info.note;
  const Country* usa = loaded->FindCountry("USA");
  ASSERT_NE(usa, nullptr);
  const std::string_view name = usa->name;
  const fs::path image = info.image;
  fs::remove_all(cache_);
  fs::create_directories(cache_);
  std::ofstream(image, std::ios::binary) << std::string(4096, 'x');  // another file at its path
  EXPECT_EQ(name, "United States");
  EXPECT_EQ(Tables(*loaded, Coder(*loaded)), want);
  static_assert(!std::is_copy_constructible_v<Lexicon> && !std::is_copy_assignable_v<Lexicon>,
                "the tables view storage of their own Lexicon");
}

// A table string reads as the std::string it replaced.
TEST(LexStr, ReadsAsAString) {
  const std::string backing = "GOVMIL";
  const LexStr s(backing);
  const std::string copy = s;
  EXPECT_EQ(copy, "GOVMIL");
  EXPECT_EQ("USA" + s, "USAGOVMIL");
  EXPECT_EQ(s + "X", "GOVMILX");
  EXPECT_EQ(std::string("a") + s + std::string("b"), "aGOVMILb");
  EXPECT_EQ(s + s, "GOVMILGOVMIL");
  EXPECT_EQ(s + '!', "GOVMIL!");
  EXPECT_EQ(s.substr(3), "MIL");
  EXPECT_EQ(s.substr(0, 3) + "X", "GOVX");  // substr stays a LexStr
  std::string assigned;
  assigned = s;
  EXPECT_EQ(assigned, backing);
  EXPECT_TRUE(s == backing);
}

// The vocabulary travels in the coder's image: read back, it numbers every
// word as the one built from the text did, and the coder's lookups by id
// agree with its lookups by string.
TEST_F(LexiconImage, CoderImageKeepsTheVocabulary) {
  Lexicon::CacheInfo first, second;
  auto built = Load(&first, cache_);
  Coder::CacheInfo cfirst, csecond;
  auto coder_built = Coder::Cached(*built, cache_, first.key, &cfirst);
  ASSERT_TRUE(cfirst.written) << cfirst.note;
  const std::string want = Words(*built, *coder_built);
  EXPECT_GT(coder_built->vocabulary()->size(), 1000u);
  auto loaded = Load(&second, cache_);
  auto coder_loaded = Coder::Cached(*loaded, cache_, second.key, &csecond);
  ASSERT_TRUE(csecond.from_image) << csecond.note;
  EXPECT_EQ(Words(*loaded, *coder_loaded), want);
  // With no cache folder the coder builds the same vocabulary.
  auto plain = Load(&second, "");
  EXPECT_EQ(Words(*plain, *Coder::Cached(*plain, "", second.key)), want);
  // An edited verbs.tsv is used at once: a new head and its forms get ids.
  {
    std::ofstream f(data_ / "verbs.tsv", std::ios::app);
    f << "042\tzorbify TGT\n";
  }
  Lexicon::CacheInfo edited;
  auto lex = Load(&edited, cache_);
  EXPECT_FALSE(edited.from_image);
  Coder::CacheInfo cedited;
  auto coder = Coder::Cached(*lex, cache_, edited.key, &cedited);
  EXPECT_FALSE(cedited.from_image);
  for (const char* w : {"zorbify", "zorbified", "zorbifies"}) {
    EXPECT_NE(coder->vocabulary()->Find(w), kUnknownWord) << w;
    ASSERT_NE(coder->Form(w), nullptr) << w;
    EXPECT_EQ(coder->Form(w)->verb(), "zorbify");
  }
  EXPECT_EQ(coder_loaded->vocabulary()->Find("zorbify"), kUnknownWord);
  auto again = Load(&edited, cache_);
  auto coder_again = Coder::Cached(*again, cache_, edited.key, &cedited);
  EXPECT_TRUE(cedited.from_image) << cedited.note;
  EXPECT_EQ(Words(*again, *coder_again), Words(*lex, *coder));
}

TEST_F(LexiconImage, EditedDictionaryIsUsedAtOnce) {
  Lexicon::CacheInfo info;
  auto before = Load(&info, cache_);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->FindName("quorvath assembly"), nullptr);
  {
    std::ofstream f(data_ / "organisations.tsv", std::ios::app);
    f << "NORLEG\tQuorvath Assembly\t\tORG\t\t\n";
  }
  auto after = Load(&info, cache_);
  EXPECT_FALSE(info.from_image);
  ASSERT_NE(after->FindName("quorvath assembly"), nullptr);
  EXPECT_EQ(CacheFiles("lexicon-").size(), 2u);
  // A new people file is read as well.
  {
    std::ofstream f(data_ / "people" / "zz-test.tsv");
    f << "Ilvana Droskic\t\tNORGOV\tHead of government (Prime Minister)\t2020-01-01\t\n";
  }
  auto more = Load(&info, cache_);
  EXPECT_FALSE(info.from_image);
  EXPECT_NE(more->FindName("ilvana droskic"), nullptr);
  // And removed again: the first image serves.
  fs::remove(data_ / "people" / "zz-test.tsv");
  auto back = Load(&info, cache_);
  EXPECT_TRUE(info.from_image);
  EXPECT_EQ(back->FindName("ilvana droskic"), nullptr);
  // The data folder is part of the key.
  fs::path other = root_ / "other";
  fs::copy(data_, other, fs::copy_options::recursive);
  std::unique_ptr<Lexicon> elsewhere;
  Lexicon::CacheInfo info2;
  ASSERT_TRUE(Lexicon::LoadCached(other, cache_, "test-1", &elsewhere, &info2).ok());
  EXPECT_FALSE(info2.from_image);
  EXPECT_NE(info2.key, info.key);
  EXPECT_EQ(elsewhere->dir(), other);
  // So is the version.
  ASSERT_TRUE(Lexicon::LoadCached(data_, cache_, "test-2", &elsewhere, &info2).ok());
  EXPECT_FALSE(info2.from_image);
}

// The memo of the files' key (image::RememberKey) spares reading them on
// later runs, but an edit that keeps the size and the modification time
// still changes the change time, so the text is read again.
TEST_F(LexiconImage, KeyMemoNeverHidesAnEdit) {
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));  // memos are kept only for files 2 s old
  Lexicon::CacheInfo info;
  auto first = Load(&info, cache_);
  ASSERT_TRUE(first);
  size_t memos = 0;
  for (auto& e : fs::directory_iterator(cache_)) memos += e.path().extension() == ".key";
  EXPECT_EQ(memos, 1u);
  auto again = Load(&info, cache_);
  EXPECT_TRUE(info.from_image);
  const uint64_t key = info.key;
  // "Quorvath" for "National" (same length), the modification time put back.
  const fs::path orgs = data_ / "organisations.tsv";
  const auto when = fs::last_write_time(orgs);
  std::string bytes;
  {
    std::ifstream in(orgs, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const size_t at = bytes.find("Karen National Liberation Army");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 30, "Karen Quorvath Liberation Army");
  {
    std::ofstream out(orgs, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  fs::last_write_time(orgs, when);
  auto edited = Load(&info, cache_);
  EXPECT_FALSE(info.from_image);
  EXPECT_NE(info.key, key);
  EXPECT_NE(edited->FindName("karen quorvath liberation army"), nullptr);
  EXPECT_EQ(edited->FindName("karen national liberation army"), nullptr);
}

TEST_F(LexiconImage, CorruptOrTruncatedImageIsIgnoredAndRebuilt) {
  std::unique_ptr<Lexicon> text;
  ASSERT_TRUE(Lexicon::Load(data_, &text).ok());
  const std::string want = Tables(*text, Coder(*text));
  Lexicon::CacheInfo info;
  auto lex = Load(&info, cache_);
  Coder::CacheInfo cinfo;
  const std::string words = Words(*lex, *Coder::Cached(*lex, cache_, info.key, &cinfo));
  for (const fs::path& img : {info.image, cinfo.image}) {
    const auto size = fs::file_size(img);
    for (int damage = 0; damage < 3; ++damage) {
      if (damage == 0) {  // one byte changed in the middle
        std::fstream f(img, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(size / 2));
        char c;
        f.seekg(static_cast<std::streamoff>(size / 2));
        f.get(c);
        f.seekp(static_cast<std::streamoff>(size / 2));
        f.put(static_cast<char>(c ^ 0x5A));
      } else if (damage == 1) {
        fs::resize_file(img, size / 3);
      } else {
        fs::resize_file(img, 0);
      }
      Lexicon::CacheInfo again;
      auto l = Load(&again, cache_);
      Coder::CacheInfo cagain;
      auto c = Coder::Cached(*l, cache_, again.key, &cagain);
      const bool lexicon_damaged = img == info.image;
      EXPECT_EQ(again.from_image, !lexicon_damaged) << damage;
      EXPECT_EQ(cagain.from_image, lexicon_damaged) << damage;
      EXPECT_TRUE(lexicon_damaged ? again.written : cagain.written) << damage;
      EXPECT_EQ(Tables(*l, *c), want) << damage;
      EXPECT_EQ(Words(*l, *c), words) << damage;
      EXPECT_EQ(fs::file_size(img), size) << damage;
    }
  }
}

TEST_F(LexiconImage, UnwritableCacheIsNoError) {
  // A regular file where the cache folder should be: nothing can be
  // written under it, even by root.
  std::ofstream(root_ / "file") << "x";
  Lexicon::CacheInfo info;
  auto lex = Load(&info, root_ / "file" / "cache");
  ASSERT_TRUE(lex);
  EXPECT_FALSE(info.from_image);
  EXPECT_FALSE(info.written);
  EXPECT_FALSE(info.note.empty());
  Coder::CacheInfo cinfo;
  auto coder = Coder::Cached(*lex, root_ / "file" / "cache", info.key, &cinfo);
  EXPECT_FALSE(cinfo.written);
  std::unique_ptr<Lexicon> text;
  ASSERT_TRUE(Lexicon::Load(data_, &text).ok());
  EXPECT_EQ(Tables(*lex, *coder), Tables(*text, Coder(*text)));
  EXPECT_EQ(Words(*lex, *coder), Words(*text, *Coder::Cached(*text, "", 0)));
  // No cache folder at all: the text, and no key.
  auto plain = Load(&info, "");
  EXPECT_FALSE(info.from_image);
  EXPECT_EQ(info.key, 0u);
}

TEST_F(LexiconImage, BrokenTextIsReportedNotServedFromAnImage) {
  Lexicon::CacheInfo info;
  Load(&info, cache_);
  {
    std::ofstream f(data_ / "roles.tsv", std::ios::app);
    f << "one column only\n";
  }
  std::unique_ptr<Lexicon> lex;
  Status s = Lexicon::LoadCached(data_, cache_, "test-1", &lex, &info);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("roles.tsv:"), std::string::npos) << s.message();
  EXPECT_EQ(CacheFiles("lexicon-").size(), 1u);  // no image of broken text
}

TEST_F(LexiconImage, TwoProcessesBuildingAtOnce) {
  std::vector<pid_t> kids;
  for (int i = 0; i < 2; ++i) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      std::unique_ptr<Lexicon> lex;
      Lexicon::CacheInfo info;
      Status s = Lexicon::LoadCached(data_, cache_, "test-1", &lex, &info);
      bool ok = s.ok() && !info.from_image;
      if (ok) ok = Coder::Cached(*lex, cache_, info.key) != nullptr;
      ::_exit(ok ? 0 : 1);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  EXPECT_EQ(CacheFiles().size(), 2u);  // one image of each kind, no temporary files
  Lexicon::CacheInfo info;
  auto lex = Load(&info, cache_);
  EXPECT_TRUE(info.from_image) << info.note;
  Coder::CacheInfo cinfo;
  auto coder = Coder::Cached(*lex, cache_, info.key, &cinfo);
  EXPECT_TRUE(cinfo.from_image) << cinfo.note;
  std::unique_ptr<Lexicon> text;
  ASSERT_TRUE(Lexicon::Load(data_, &text).ok());
  EXPECT_EQ(Tables(*lex, *coder), Tables(*text, Coder(*text)));
}

TEST_F(LexiconImage, CacheKeepsTheNewestImagesOfEachKind) {
  fs::create_directories(cache_);
  const auto now = fs::file_time_type::clock::now();
  auto make = [&](const std::string& name, std::chrono::minutes age) {
    std::ofstream(cache_ / name) << "x";
    fs::last_write_time(cache_ / name, now - age);
  };
  for (int i = 0; i < 6; ++i) make("lexicon-" + std::to_string(i) + ".img", std::chrono::minutes(10 * i));
  make("gazetteer-0.img", std::chrono::minutes(500));
  make("lexicon-9.img.tmp.1.abcd", std::chrono::minutes(180));  // a dead writer's
  make("lexicon-8.img.tmp.2.abcd", std::chrono::minutes(1));    // a live writer's
  image::Prune(cache_, "lexicon", 4);
  std::vector<std::string> left;
  for (auto& f : CacheFiles()) left.push_back(f.filename().string());
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"gazetteer-0.img", "lexicon-0.img", "lexicon-1.img", "lexicon-2.img",
                                            "lexicon-3.img", "lexicon-8.img.tmp.2.abcd"}));
  // Loading writes a new image and keeps four.
  Lexicon::CacheInfo info;
  Load(&info, cache_);
  EXPECT_TRUE(info.written);
  EXPECT_EQ(CacheFiles("lexicon-").size(), 5u);  // four images and the live temporary file
  EXPECT_TRUE(fs::exists(info.image));
}

}  // namespace
}  // namespace parley
