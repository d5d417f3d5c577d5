// Tests of the gazetteer's compiled image (src/lexicon/gazetteer_image.cc):
// an image gives back exactly the tables the text gives, is used only for
// the same text bytes and version, and a corrupt, truncated or foreign image
// is ignored and rebuilt; an unwritable cache folder is no error.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "lexicon/gazetteer.h"

namespace parley {
namespace {
namespace fs = std::filesystem;

// A scratch copy of the fixture gazetteer and an empty cache folder.
class GazetteerImage : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("parley_image_test." + std::to_string(::getpid()));
    fs::remove_all(root_);
    data_ = root_ / "data";
    cache_ = root_ / "cache";
    fs::create_directories(data_);
    fs::copy(fs::path(PARLEY_TEST_DATA_DIR) / "gazetteer", data_, fs::copy_options::recursive);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(cache_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(root_, ec);
  }
  std::unique_ptr<Gazetteer> Load(Gazetteer::CacheInfo* info, std::string_view version = "1.0") {
    std::unique_ptr<Gazetteer> g;
    Status s = Gazetteer::LoadCached(data_, cache_, version, &g, info);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return g;
  }
  std::vector<fs::path> CacheFiles() {
    std::vector<fs::path> out;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(cache_, ec))
      if (e.path().extension() != ".key") out.push_back(e.path());  // not the key memos
    return out;
  }
  // Every lookup answer as text, for comparing two gazetteers.
  static std::string Answers(const Gazetteer& g) {
    std::ostringstream out;
    for (const char* name : {"Kyiv", "Istanbul", "Paris", "Washington", "US", "us", "Ukraine", "Crimea", "Nowhere",
                             "Dolmabahce Palace", "Dolmabahçe Palace", "New York", "Springfield"}) {
      out << name << ":";
      for (const Place* p : g.Lookup(name))
        out << " [" << p->name() << "|" << p->country() << "|" << p->admin1() << "|" << p->lat << "," << p->lon << "|"
            << p->population << "|" << PlaceFeatureName(p->feature) << "|" << p->prominence << "|" << p->Rule()
            << "|" << p->is_capital << p->seat << p->common_word << "]";
      out << " max " << g.MaxWordsStartingWith(Gazetteer::Key(name)) << " prefix "
          << g.HasPrefix(Gazetteer::Key(name)) << "\n";
    }
    if (const Place* c = g.Country("UKR")) out << "UKR " << c->name() << "\n";
    out << g.size() << " " << g.name_count() << " " << g.max_words() << " " << g.has_generated() << "\n";
    return out.str();
  }
  fs::path root_, data_, cache_;
};

TEST_F(GazetteerImage, ImageGivesTheTablesOfTheText) {
  std::unique_ptr<Gazetteer> text;
  ASSERT_TRUE(Gazetteer::Load(data_, &text).ok());
  Gazetteer::CacheInfo first, second;
  auto built = Load(&first);
  EXPECT_FALSE(first.from_image);
  EXPECT_TRUE(first.written) << first.note;
  ASSERT_TRUE(fs::exists(first.image));
  EXPECT_EQ(CacheFiles().size(), 1u);  // no temporary file left behind
  auto loaded = Load(&second);
  EXPECT_TRUE(second.from_image) << second.note;
  EXPECT_FALSE(second.written);
  EXPECT_EQ(second.image, first.image);
  EXPECT_EQ(Answers(*loaded), Answers(*text));
  EXPECT_EQ(Answers(*built), Answers(*text));
  EXPECT_NE(Answers(*text).find("Kyiv: ["), std::string::npos);
  // The image of the loaded tables is byte for byte the image written.
  EXPECT_EQ(loaded->Image(42), text->Image(42));
  // Every place, hidden namesakes included, read in place from the image
  // as the text gave it; its names lie within the image's bytes.
  ASSERT_EQ(loaded->places().size(), text->places().size());
  ASSERT_GT(loaded->places().size(), 10u);
  for (size_t i = 0; i < text->places().size(); ++i) {
    const Place& a = text->places()[i];
    const Place& b = loaded->places()[i];
    ASSERT_EQ(b.name(), a.name()) << i;
    ASSERT_EQ(b.country(), a.country()) << i;
    ASSERT_EQ(b.admin1(), a.admin1()) << i;
    ASSERT_EQ(b.Rule(), a.Rule()) << i;
    ASSERT_TRUE(b.lat == a.lat && b.lon == a.lon && b.population == a.population && b.prominence == a.prominence &&
                b.feature == a.feature && b.is_capital == a.is_capital && b.seat == a.seat &&
                b.common_word == a.common_word)
        << i;
    ASSERT_NE(b.name().data(), a.name().data()) << "two gazetteers share no bytes";
  }
}

TEST_F(GazetteerImage, ChangedTextOrVersionUsesAnotherImage) {
  Gazetteer::CacheInfo a, b, c;
  Load(&a);
  {
    std::ofstream out(data_ / "places.tsv", std::ios::app);
    out << "Zorgrad\t\tUKR\tcity\t48.1\t35.2\t50000\t\t\n";
  }
  auto g = Load(&b);
  EXPECT_FALSE(b.from_image);
  EXPECT_NE(b.image, a.image);
  EXPECT_EQ(g->Lookup("Zorgrad").size(), 1u);
  Load(&c, "2.0");
  EXPECT_FALSE(c.from_image);
  EXPECT_NE(c.image, b.image);
}

TEST_F(GazetteerImage, CorruptOrTruncatedImageIsIgnoredAndRebuilt) {
  std::unique_ptr<Gazetteer> text;
  ASSERT_TRUE(Gazetteer::Load(data_, &text).ok());
  Gazetteer::CacheInfo info;
  Load(&info);
  const fs::path image = info.image;
  std::string good;
  {
    std::ifstream in(image, std::ios::binary);
    good.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_GT(good.size(), 100u);
  std::vector<std::string> bad;
  for (size_t at : {size_t{0}, size_t{9}, size_t{20}, size_t{45}, good.size() / 2, good.size() - 1}) {
    bad.push_back(good);
    bad.back()[at] ^= 0x20;  // one flipped bit: header, key, payload
  }
  bad.push_back(good.substr(0, good.size() / 3));  // truncated
  bad.push_back(good + "x");                       // trailing bytes
  bad.push_back("");                               // empty
  for (size_t i = 0; i < bad.size(); ++i) {
    {
      std::ofstream out(image, std::ios::binary | std::ios::trunc);
      out << bad[i];
    }
    Gazetteer::CacheInfo again;
    auto g = Load(&again);
    EXPECT_FALSE(again.from_image) << "bad image " << i << " was used";
    EXPECT_TRUE(again.written) << again.note;
    EXPECT_EQ(Answers(*g), Answers(*text)) << "bad image " << i;
    Gazetteer::CacheInfo after;
    Load(&after);
    EXPECT_TRUE(after.from_image) << "image " << i << " not rebuilt: " << after.note;
  }
  // An image is also checked against the key it is asked for.
  std::unique_ptr<Gazetteer> g;
  EXPECT_TRUE(Gazetteer::FromImage(text->Image(7), 7, &g));
  EXPECT_FALSE(Gazetteer::FromImage(text->Image(7), 8, &g));
}

TEST_F(GazetteerImage, UnwritableCacheIsNoError) {
  if (::geteuid() == 0) {
    // root writes anywhere: use a cache path below a regular file instead.
    std::ofstream(root_ / "file") << "x";
    cache_ = root_ / "file" / "cache";
  } else {
    fs::create_directories(cache_);
    fs::permissions(cache_, fs::perms::owner_read | fs::perms::owner_exec);
  }
  std::unique_ptr<Gazetteer> text;
  ASSERT_TRUE(Gazetteer::Load(data_, &text).ok());
  Gazetteer::CacheInfo info;
  auto g = Load(&info);
  ASSERT_NE(g, nullptr);
  EXPECT_FALSE(info.from_image);
  EXPECT_FALSE(info.written);
  EXPECT_FALSE(info.note.empty());
  EXPECT_EQ(Answers(*g), Answers(*text));
}

TEST_F(GazetteerImage, NoCacheFolderMeansText) {
  std::unique_ptr<Gazetteer> g;
  Gazetteer::CacheInfo info;
  ASSERT_TRUE(Gazetteer::LoadCached(data_, "", "1.0", &g, &info).ok());
  EXPECT_TRUE(info.image.empty());
  EXPECT_FALSE(info.from_image);
  EXPECT_EQ(g->Lookup("Kyiv").size(), 1u);
  // Errors are Load()'s.
  EXPECT_EQ(Gazetteer::LoadCached(root_ / "none", cache_, "1.0", &g, &info).code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace parley
