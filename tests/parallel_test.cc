// Tests of OrderedParallelMap (src/pipeline/parallel.h): input order kept,
// the window bounds what is held, slots reused as documented, errors
// surfacing in order, and the pool sharing an immutable Pipeline.
#include "pipeline/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "io/json_writer.h"
#include "test_util.h"

namespace parley {
namespace {

// Each item is a number; work squares it after an uneven amount of busy
// work, so that later items often finish before earlier ones.
struct Squares {
  explicit Squares(size_t window) : in(window), out(window) {}
  std::vector<uint64_t> in, out;
};

uint64_t Spin(uint64_t seed) {
  uint64_t x = seed * 0x9E3779B97F4A7C15ull, acc = 0;
  for (uint64_t i = 0; i < (x >> 52); ++i) acc += (x ^ i) * 31;
  return acc;
}

// A lone item (one article on the command line) is worked on the calling
// thread: no pool is started for it. Two or more go to the pool, where the
// caller works too while it waits (it is one of the two threads); none is
// lost however the first two reads end.
TEST(OrderedParallelMap, LoneItemWorkedOnTheCallingThread) {
  for (uint64_t items : {0, 1, 2, 3, 17}) {
    WindowOptions opt;
    opt.threads = 2;
    Squares s(WindowSize(opt));
    uint64_t next = 0;
    std::vector<uint64_t> emitted;
    std::atomic<size_t> on_caller{0}, worked{0};
    const std::thread::id caller = std::this_thread::get_id();
    size_t n = OrderedParallelMap(
        opt,
        [&](size_t slot, size_t* cost) {
          if (next == items) return false;
          s.in[slot] = next++;
          *cost = 1;
          return true;
        },
        [&](size_t slot) {
          ++worked;
          if (std::this_thread::get_id() == caller) ++on_caller;
          s.out[slot] = s.in[slot] * s.in[slot];
        },
        [&](size_t slot) { emitted.push_back(s.out[slot]); });
    ASSERT_EQ(n, items);
    EXPECT_EQ(worked.load(), items);
    if (items == 1) {
      EXPECT_EQ(on_caller.load(), 1u);
    }
    ASSERT_EQ(emitted.size(), items);
    for (uint64_t i = 0; i < items; ++i) EXPECT_EQ(emitted[i], i * i);
  }
}

TEST(OrderedParallelMap, EmitsEveryItemInInputOrder) {
  for (size_t threads : {0, 1, 2, 3, 8}) {
    WindowOptions opt;
    opt.threads = threads;
    opt.window = 5;
    Squares s(WindowSize(opt));
    const uint64_t kItems = 2000;
    uint64_t next = 0;
    std::vector<uint64_t> emitted;
    std::atomic<uint64_t> sink{0};
    size_t n = OrderedParallelMap(
        opt,
        [&](size_t slot, size_t* cost) {
          if (next == kItems) return false;
          s.in[slot] = next++;
          *cost = 1;
          return true;
        },
        [&](size_t slot) {
          sink += Spin(s.in[slot]);
          s.out[slot] = s.in[slot] * s.in[slot];
        },
        [&](size_t slot) { emitted.push_back(s.out[slot]); });
    ASSERT_EQ(n, kItems) << threads << " threads";
    ASSERT_EQ(emitted.size(), kItems);
    for (uint64_t i = 0; i < kItems; ++i) ASSERT_EQ(emitted[i], i * i) << "item " << i << ", " << threads << " threads";
  }
}

TEST(OrderedParallelMap, NoInputEmitsNothing) {
  for (size_t threads : {0, 2}) {
    WindowOptions opt;
    opt.threads = threads;
    int calls = 0;
    size_t n = OrderedParallelMap(
        opt, [&](size_t, size_t*) { return false; }, [&](size_t) { ++calls; }, [&](size_t) { ++calls; });
    EXPECT_EQ(n, 0u);
    EXPECT_EQ(calls, 0);
  }
}

// Item k lives in slot k % window, and never more than `window` items are
// read and not yet emitted; read and emit run on the caller's thread, and
// `threads` threads work in all (the caller among them).
TEST(OrderedParallelMap, WindowBoundsItemsHeldAndSlotsFollowInputOrder) {
  WindowOptions opt;
  opt.threads = 3;
  opt.window = 4;
  const size_t window = WindowSize(opt);
  ASSERT_EQ(window, 4u);
  const auto caller = std::this_thread::get_id();
  size_t read = 0, emitted = 0, max_held = 0;
  std::vector<size_t> item(window);
  std::vector<std::thread::id> workers(window);
  std::set<std::thread::id> working;
  bool wrong_thread = false;
  OrderedParallelMap(
      opt,
      [&](size_t slot, size_t* cost) {
        if (std::this_thread::get_id() != caller) wrong_thread = true;
        if (read == 500) return false;
        EXPECT_EQ(slot, read % window);
        item[slot] = read++;
        max_held = std::max(max_held, read - emitted);
        *cost = 0;
        return true;
      },
      [&](size_t slot) { workers[slot] = std::this_thread::get_id(); },
      [&](size_t slot) {
        if (std::this_thread::get_id() != caller) wrong_thread = true;
        EXPECT_EQ(item[slot], emitted);
        working.insert(workers[slot]);
        ++emitted;
      });
  EXPECT_FALSE(wrong_thread);
  EXPECT_LE(working.size(), opt.threads);
  EXPECT_EQ(emitted, 500u);
  EXPECT_LE(max_held, window);
  EXPECT_GE(max_held, 2u);  // the window was used
}

// With a byte bound, a new item is read only while the items held cost
// less than the bound; an item larger than the bound still passes alone.
TEST(OrderedParallelMap, ByteBoundLimitsWhatIsHeld) {
  WindowOptions opt;
  opt.threads = 2;
  opt.window = 16;
  opt.window_bytes = 100;
  const std::vector<size_t> costs = {10, 40, 30, 500, 20, 20, 20, 20, 90, 5, 5, 5, 60, 60, 60, 1};
  size_t read = 0, emitted = 0, held = 0, max_before_read = 0;
  std::vector<size_t> cost_of(WindowSize(opt));
  OrderedParallelMap(
      opt,
      [&](size_t slot, size_t* cost) {
        if (read == costs.size()) return false;
        max_before_read = std::max(max_before_read, held);
        if (read > emitted) {
          EXPECT_LT(held, opt.window_bytes) << "item " << read << " read while " << held << " bytes were held";
        }
        cost_of[slot] = *cost = costs[read++];
        held += *cost;
        return true;
      },
      [&](size_t) {},
      [&](size_t slot) {
        held -= cost_of[slot];
        ++emitted;
      });
  EXPECT_EQ(emitted, costs.size());
  EXPECT_LT(max_before_read, opt.window_bytes);
}

// The items are really worked on at the same time: item 0's work waits for
// item 1's to start (with a generous time-out, so a failure cannot hang).
TEST(OrderedParallelMap, WorksOnItemsConcurrently) {
  WindowOptions opt;
  opt.threads = 2;
  std::mutex mu;
  std::condition_variable cv;
  bool second_started = false, overlapped = false;
  size_t next = 0;
  OrderedParallelMap(
      opt,
      [&](size_t, size_t* cost) {
        *cost = 0;
        return next++ < 2;
      },
      [&](size_t slot) {
        std::unique_lock<std::mutex> lk(mu);
        if (slot == 0) {
          overlapped = cv.wait_for(lk, std::chrono::seconds(30), [&] { return second_started; });
        } else {
          second_started = true;
          cv.notify_all();
        }
      },
      [&](size_t) {});
  EXPECT_TRUE(overlapped);
}

// An exception in work() comes out of OrderedParallelMap when that item's
// turn comes: the items before it are emitted, none after it.
TEST(OrderedParallelMap, WorkErrorSurfacesInOrder) {
  for (size_t threads : {0, 1, 3}) {
    WindowOptions opt;
    opt.threads = threads;
    opt.window = 6;
    std::vector<int> item(WindowSize(opt));
    int next = 0;
    std::vector<int> emitted;
    try {
      OrderedParallelMap(
          opt,
          [&](size_t slot, size_t* cost) {
            if (next == 100) return false;
            item[slot] = next++;
            *cost = 0;
            return true;
          },
          [&](size_t slot) {
            if (item[slot] == 37) throw std::runtime_error("item 37");
          },
          [&](size_t slot) { emitted.push_back(item[slot]); });
      ADD_FAILURE() << "no exception with " << threads << " threads";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "item 37");
    }
    ASSERT_EQ(emitted.size(), 37u) << threads << " threads";
    for (int i = 0; i < 37; ++i) EXPECT_EQ(emitted[i], i);
  }
}

// The real use: Documents coded by one shared Pipeline on several threads
// give the same JSON lines, in the same order, as coding them one by one.
TEST(OrderedParallelMap, SharedPipelineGivesTheSerialOutput) {
  const Pipeline* p = testing::FixturePipelineOrNull();
  ASSERT_NE(p, nullptr);
  std::vector<std::string> texts;
  const char* kSentences[] = {
      "Russia accused Ukraine of shelling the city on Monday.",
      "The Ukrainian foreign minister met his Turkish counterpart in Istanbul.",
      "Police arrested 12 protesters in Kyiv, officials said.",
      "",  // an error line, kept in its place
      "\"We will not negotiate,\" the president said.",
  };
  for (int i = 0; i < 60; ++i) {
    std::string t;
    for (int k = 0; k <= i % 7; ++k) t += std::string(kSentences[(i + k) % 5]) + (k % 2 ? "\n\n" : " ");
    texts.push_back(i % 11 == 3 ? std::string() : t);
  }
  auto code = [&](size_t threads) {
    WindowOptions opt;
    opt.threads = threads;
    std::vector<Document> docs(WindowSize(opt));
    size_t next = 0;
    std::vector<std::string> lines;
    OrderedParallelMap(
        opt,
        [&](size_t slot, size_t* cost) {
          if (next == texts.size()) return false;
          docs[slot] = Document(texts[next]);
          // Appended, not "d" + std::to_string(): GCC 12 warns falsely (-Wrestrict) on that.
          docs[slot].doc_id = "d";
          docs[slot].doc_id += std::to_string(next++);
          *cost = docs[slot].text().size();
          return true;
        },
        [&](size_t slot) { (void)p->Code(&docs[slot]); },
        [&](size_t slot) {
          lines.emplace_back();
          WriteDocumentJson(docs[slot], &lines.back());
        });
    return lines;
  };
  const auto serial = code(0);
  ASSERT_EQ(serial.size(), texts.size());
  EXPECT_EQ(code(2), serial);
  EXPECT_EQ(code(4), serial);
}

// A Pipeline whose gazetteer loaded on a second thread (load_threads = 2,
// as `code --threads N` does) codes exactly as one loaded on one thread.
TEST(OrderedParallelMap, PipelineLoadedOnTwoThreadsCodesTheSame) {
  const Pipeline* one = testing::FixturePipelineOrNull();
  ASSERT_NE(one, nullptr);
  CodeOptions o;
  o.load_threads = 2;
  std::unique_ptr<Pipeline> two;
  Status s = Pipeline::Create(std::string(PARLEY_TEST_DATA_DIR) + "/lexicon", o, &two);
  ASSERT_TRUE(s.ok()) << s.ToString();
  for (const char* text : {"Russia accused Ukraine of shelling Kyiv on Monday.",
                           "Police arrested 12 protesters in Istanbul, officials said.",
                           "\"We will not negotiate,\" the president said in Ankara."}) {
    Document a = testing::CodeText(text), b(text);
    b.doc_id = a.doc_id;
    b.publish_date = a.publish_date;
    (void)two->Code(&b);
    std::string ja, jb;
    WriteDocumentJson(a, &ja);
    WriteDocumentJson(b, &jb);
    EXPECT_EQ(jb, ja) << text;
  }
}

TEST(AvailableCores, AtLeastOne) { EXPECT_GE(AvailableCores(), 1u); }

}  // namespace
}  // namespace parley
