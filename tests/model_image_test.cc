// Tests of the learned models' compiled images (src/code/event_model_image.cc)
// and of checking an image's checksum once per file (image::OpenMapped):
// a model read in place from its image scores exactly as the text's; an
// edited model file is used at once; a corrupt or truncated image is
// ignored and rebuilt, also after its checksum was remembered; a cache
// folder that cannot be written is no error; the text's errors are
// reported as without a cache.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "code/event_model.h"
#include "lexicon/image_file.h"

namespace parley {
namespace {
namespace fs = std::filesystem;

constexpr char kRootModel[] =
    "# a small model of roots\n"
    "trained_on\tx-batch-001.jsonl\n"
    "threshold\t0.6\n"
    "classes\t04 11 19\n"
    "bias\t04\t-0.5\nbias\t11\t-0.25\nbias\t19\t-1\n"
    "head=criticize\t04\t-2\nhead=criticize\t11\t3.5\nhead=criticize\t19\t-1.5e-05\n"
    "s=if\t04\t0.125\ns=if\t11\t-0.75\ns=if\t19\t0\n";

class ModelImage : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("parley_model_image_test." + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
    model_ = root_ / "root_model.tsv";
    cache_ = root_ / "cache";
    Write(model_, kRootModel);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  static void Write(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }
  static std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::unique_ptr<EventModel> Load(EventModel::CacheInfo* info, const fs::path& cache) {
    std::unique_ptr<EventModel> m;
    Status s = EventModel::LoadCached(model_, cache, "test-1", &m, info);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return m;
  }
  std::vector<fs::path> Images() {
    std::vector<fs::path> out;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(cache_, ec))
      if (e.path().extension() == ".img") out.push_back(e.path());
    return out;
  }
  // Scores on feature lists that hit every weight, some twice, and none.
  static std::vector<std::vector<double>> Scores(const EventModel& m) {
    std::vector<std::vector<double>> out;
    for (const std::vector<std::string>& f :
         std::vector<std::vector<std::string>>{{}, {"head=criticize"}, {"s=if", "head=criticize"}, {"unknown", "s=if"}})
      out.push_back(m.ClassProbs(f));
    return out;
  }
  fs::path root_, model_, cache_;
};

TEST_F(ModelImage, TheImageScoresExactlyAsTheText) {
  std::unique_ptr<EventModel> text;
  ASSERT_TRUE(EventModel::Load(model_, &text).ok());
  EventModel::CacheInfo first, second;
  auto written = Load(&first, cache_);
  EXPECT_FALSE(first.from_image);
  EXPECT_TRUE(first.written) << first.note;
  auto read = Load(&second, cache_);
  ASSERT_TRUE(read);
  EXPECT_TRUE(second.from_image) << second.note;
  EXPECT_EQ(second.image, first.image);
  for (const EventModel* m : {written.get(), read.get()}) {
    EXPECT_EQ(m->classes(), text->classes());
    EXPECT_EQ(m->threshold(), text->threshold());
    EXPECT_EQ(m->trained_on(), text->trained_on());
    EXPECT_EQ(m->size(), 2u);
    EXPECT_EQ(Scores(*m), Scores(*text));  // bit for bit
  }
  EXPECT_EQ(read->Image(7), text->Image(7));
  // A veto model too.
  Write(model_, "threshold\t0.75\nbias\t-1\ns=if\t3\ns=unless\t-0.5\n");
  EventModel::CacheInfo veto;
  auto v = Load(&veto, cache_);
  auto v2 = Load(&veto, cache_);
  EXPECT_TRUE(veto.from_image) << veto.note;
  EXPECT_TRUE(v2->classes().empty());
  EXPECT_EQ(v2->PNone({"s=if", "x"}), v->PNone({"s=if", "x"}));
  EXPECT_NEAR(v2->PNone({"s=if", "s=unless"}), 1 / (1 + std::exp(-1.5)), 1e-12);
}

TEST_F(ModelImage, AnEditedModelIsUsedAtOnce) {
  EventModel::CacheInfo info;
  auto before = Load(&info, cache_);
  ASSERT_TRUE(Load(&info, cache_));
  ASSERT_TRUE(info.from_image);
  std::string text = kRootModel;
  text.replace(text.find("head=criticize\t11\t3.5"), 21, "head=criticize\t11\t-9.5");
  Write(model_, text);
  auto after = Load(&info, cache_);
  EXPECT_FALSE(info.from_image);
  std::unique_ptr<EventModel> fresh;
  ASSERT_TRUE(EventModel::Parse(text, "m", &fresh).ok());
  EXPECT_EQ(Scores(*after), Scores(*fresh));
  EXPECT_NE(Scores(*after), Scores(*before));
  EXPECT_EQ(Images().size(), 2u);
  // A malformed edit is the text's error, image or not.
  Write(model_, std::string(kRootModel) + "s=if\t04\tabc\n");
  std::unique_ptr<EventModel> bad;
  Status s = EventModel::LoadCached(model_, cache_, "test-1", &bad);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ToString(), EventModel::Load(model_, &bad).ToString());
}

TEST_F(ModelImage, ACorruptOrTruncatedImageIsIgnoredAndRebuilt) {
  EventModel::CacheInfo info;
  auto text = Load(&info, cache_);
  ASSERT_EQ(Images().size(), 1u);
  const fs::path img = Images()[0];
  const std::string good = Read(img);
  // Every byte of the payload changed in turn would take long: a spread of
  // positions, each flipped, in the tables, the weights and the pool.
  for (size_t at = image::kHeaderBytes; at < good.size(); at += 1 + good.size() / 97) {
    std::string bad = good;
    bad[at] ^= 0x5A;
    Write(img, bad);
    auto m = Load(&info, cache_);
    ASSERT_TRUE(m);
    EXPECT_FALSE(info.from_image) << "byte " << at;
    EXPECT_EQ(Scores(*m), Scores(*text));
    EXPECT_EQ(Read(img), good) << "byte " << at << ": not rewritten";
  }
  for (size_t size : {size_t{0}, size_t{10}, image::kHeaderBytes, good.size() / 2, good.size() - 1}) {
    Write(img, good.substr(0, size));
    auto m = Load(&info, cache_);
    ASSERT_TRUE(m);
    EXPECT_FALSE(info.from_image) << "truncated to " << size;
    EXPECT_EQ(Scores(*m), Scores(*text));
    EXPECT_EQ(Read(img), good);
  }
}

TEST_F(ModelImage, AnUnwritableCacheIsNoError) {
  Write(root_ / "file", "x");
  EventModel::CacheInfo info;
  auto m = Load(&info, root_ / "file" / "sub");
  ASSERT_TRUE(m);
  EXPECT_FALSE(info.written);
  EXPECT_FALSE(info.note.empty());
  std::unique_ptr<EventModel> text;
  ASSERT_TRUE(EventModel::Load(model_, &text).ok());
  EXPECT_EQ(Scores(*m), Scores(*text));
}

// image::OpenMapped checks the payload's checksum the first time it sees a
// file, remembers it once the file is two seconds old, and checks again
// whenever the file changes, even in place with the same size.
TEST_F(ModelImage, TheChecksumIsRememberedPerFileAndCheckedAgainAfterAnyChange) {
  EventModel::CacheInfo info;
  auto text = Load(&info, cache_);
  const fs::path img = Images().at(0);
  const std::string good = Read(img);
  constexpr char kMagic[8] = {'P', 'R', 'L', 'Y', 'M', 'O', 'D', '\0'};
  uint64_t key;
  std::memcpy(&key, good.data() + 16, 8);
  auto open = [&](bool* verified) {
    image::Mapped m(img, false);
    std::string_view payload;
    return image::OpenMapped(m, cache_, "model", kMagic, 1, key, &payload, verified);
  };
  bool verified = false;
  ASSERT_TRUE(open(&verified));
  EXPECT_TRUE(verified);  // too new to be remembered
  ASSERT_TRUE(open(&verified));
  EXPECT_TRUE(verified);
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));
  ASSERT_TRUE(open(&verified));
  EXPECT_TRUE(verified);  // checked, now remembered
  ASSERT_TRUE(open(&verified));
  EXPECT_FALSE(verified);  // trusted
  // One byte changed in place: the file's identity changes, so it is
  // checked again and refused.
  std::string bad = good;
  bad[good.size() - 3] ^= 1;
  {
    std::fstream f(img, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(good.size() - 3));
    f.put(bad[good.size() - 3]);
  }
  EXPECT_FALSE(open(&verified));
  EXPECT_TRUE(verified);
  // The loader then ignores it and writes it again.
  auto m = Load(&info, cache_);
  EXPECT_FALSE(info.from_image);
  EXPECT_EQ(Scores(*m), Scores(*text));
  EXPECT_EQ(Read(img), good);
  // A wrong key or format is refused by the header alone.
  ASSERT_TRUE(open(&verified));
  image::Mapped mapped(img, false);
  std::string_view payload;
  EXPECT_FALSE(image::OpenMapped(mapped, cache_, "model", kMagic, 1, key + 1, &payload));
  EXPECT_FALSE(image::OpenMapped(mapped, cache_, "model", kMagic, 2, key, &payload));
}

// The common words' table (image::KeyTable): every key found, others not,
// the same bytes when copied, and a damaged layout refused when read.
TEST(KeyTable, FindsItsKeysAndRefusesADamagedLayout) {
  std::vector<std::string> words = {"the", "a", "", "elephant", "rod", "x", "antidisestablishmentarianism"};
  for (int i = 0; i < 300; ++i) {
    // Two steps: GCC 12 warns falsely (-Wrestrict) about "w" + to_string().
    std::string w = "w";
    w += std::to_string(i * 7919);
    words.push_back(std::move(w));
  }
  image::Out o;
  image::KeyTable::Write(std::vector<std::string_view>(words.begin(), words.end()), o);
  const std::string bytes = o.buf();
  image::In in(std::string_view(bytes).substr(image::kHeaderBytes));
  image::KeyTable t;
  ASSERT_TRUE(t.Read(in));
  EXPECT_TRUE(in.done());
  EXPECT_EQ(t.size(), words.size());
  for (const std::string& w : words) EXPECT_TRUE(t.Contains(w)) << w;
  for (const char* w : {"The", "ahmed", "w1", "elephants", "antidisestablishmentarianis"}) EXPECT_FALSE(t.Contains(w)) << w;
  image::Out copy;
  t.Copy(copy);
  EXPECT_EQ(copy.buf(), bytes);
  // Damage: a slot pointing past the entries, an entry past the pool, a
  // truncated table; each refused by Read.
  auto refused = [&](std::string b) {
    image::In bad(std::string_view(b).substr(image::kHeaderBytes));
    image::KeyTable u;
    return !u.Read(bad);
  };
  const size_t entries_at = image::kHeaderBytes + 8;  // after the entries' count
  std::string b = bytes;
  b[entries_at] = static_cast<char>(0xFF);  // entry 0's offset
  b[entries_at + 3] = static_cast<char>(0x7F);
  EXPECT_TRUE(refused(b));
  EXPECT_TRUE(refused(bytes.substr(0, bytes.size() - 1)));
  EXPECT_TRUE(refused(bytes.substr(0, bytes.size() / 2)));
  b = bytes;
  const size_t slots_at = entries_at + words.size() * 8 + 8;  // after the slots' count
  for (size_t i = 0; i < 4096 && slots_at + 8 * i + 8 <= b.size(); ++i) b[slots_at + 8 * i + 4] = static_cast<char>(0x7F);
  EXPECT_TRUE(refused(b));
}

}  // namespace
}  // namespace parley
