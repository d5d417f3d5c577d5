// Tests of LineOutput (src/io/line_output.h) and of what tells it to flush:
// ArticleReader::InputMayWait and WindowOptions::input_may_wait. The whole
// command on a slow feed is tests/e2e/feed.sh.
#include "io/line_output.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "io/atomic_file.h"
#include "io/reader.h"
#include "pipeline/parallel.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

class LineOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("line_output_test." + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // Everything readable now from the non-blocking `fd`.
  static std::string Drain(int fd) {
    std::string got;
    char buf[4096];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) got.append(buf, static_cast<size_t>(n));
    return got;
  }
  // Makes the FIFO `path` and opens its reading end, non-blocking (so a
  // writer can open it); -1 when either fails.
  static int FifoReader(const fs::path& path) {
    if (::mkfifo(path.c_str(), 0600) != 0) return -1;
    return ::open(path.c_str(), O_RDONLY | O_NONBLOCK);
  }
  fs::path dir_;
};

TEST_F(LineOutputTest, EveryLineInOrderInAFile) {
  const fs::path path = dir_ / "out.jsonl";
  std::string want;
  {
    AtomicFile file(path.string());
    ASSERT_TRUE(file.ok());
    LineOutput out(&file, false);
    // More than three blocks, in lines of many lengths.
    for (int i = 0; want.size() < 3 * LineOutput::kBlockBytes + 1000; ++i) {
      std::string line = "{\"n\":" + std::to_string(i) + ",\"pad\":\"" + std::string(i % 977, 'x') + "\"}\n";
      want += line;
      out.Write(line);
    }
    EXPECT_TRUE(out.Flush());
    EXPECT_TRUE(file.Commit());
  }
  std::ifstream in(path, std::ios::binary);
  std::string got((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(got, want);
}

TEST_F(LineOutputTest, ThroughAFifoOnlyWholeBlocksOrFlushes) {
  const fs::path fifo = dir_ / "fifo";
  const int rfd = FifoReader(fifo);
  ASSERT_GE(rfd, 0);
  {
    AtomicFile file(fifo.string());
    ASSERT_TRUE(file.ok());
    LineOutput out(&file, false);
    out.Write("one\n");
    out.Write("two\n");
    EXPECT_EQ(Drain(rfd), "");  // gathered, not written
    EXPECT_EQ(out.buffered(), 8u);
    EXPECT_TRUE(out.Flush());  // as when the input would wait
    EXPECT_EQ(Drain(rfd), "one\ntwo\n");
    // A block's worth is written without a flush, and whole lines only.
    // A pipe holds less than a block, so the write waits for a reader:
    // one drains the FIFO meanwhile (giving up after ten seconds).
    const std::string line(1023, 'y');
    size_t lines = 0, written = 0;
    while (written < LineOutput::kBlockBytes) {
      ++lines;
      written += line.size() + 1;
    }
    std::string got;
    std::thread reader([&] {
      for (int waits = 0; got.size() < written && waits < 10000;) {
        std::string part = Drain(rfd);
        if (part.empty()) {
          ::usleep(1000);
          ++waits;
        }
        got += part;
      }
    });
    for (size_t i = 0; i < lines; ++i) out.Write(line + "\n");
    reader.join();
    EXPECT_EQ(out.buffered(), 0u);
    EXPECT_EQ(got.size(), written);
    EXPECT_EQ(got.back(), '\n');
    out.Write("last\n");
  }  // the destructor writes what is left
  EXPECT_EQ(Drain(rfd), "last\n");
  ::close(rfd);
}

TEST_F(LineOutputTest, EachLineOnATerminalOrWhenAsked) {
  const fs::path fifo = dir_ / "fifo";
  const int rfd = FifoReader(fifo);
  ASSERT_GE(rfd, 0);
  {
    AtomicFile file(fifo.string());
    LineOutput out(&file, true);
    out.Write("at once\n");
    EXPECT_EQ(Drain(rfd), "at once\n");
  }
  ::close(rfd);
}

TEST_F(LineOutputTest, ReaderSaysWhenAFeedWouldWait) {
  const fs::path fifo = dir_ / "feed.jsonl";
  // Keep a reader open so that the writer can open without blocking, and a
  // writer so that the ArticleReader's own open does not block.
  const int keep = FifoReader(fifo);
  ASSERT_GE(keep, 0);
  int wfd = ::open(fifo.c_str(), O_WRONLY);
  ASSERT_GE(wfd, 0);
  ArticleReader reader({fifo.string()}, ReaderOptions{});
  // Not open yet: a FIFO named on the command line may wait.
  EXPECT_TRUE(reader.InputMayWait());
  const std::string two = "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\"}\n";
  ASSERT_EQ(::write(wfd, two.data(), two.size()), static_cast<ssize_t>(two.size()));
  Document doc;
  UnparsedRecord record;
  ASSERT_TRUE(reader.NextUnparsed(&doc, &record));
  EXPECT_NE(record.line.find("\"a\""), std::string::npos);
  EXPECT_FALSE(reader.InputMayWait());  // the second line is buffered
  ASSERT_TRUE(reader.NextUnparsed(&doc, &record));
  EXPECT_TRUE(reader.InputMayWait());   // nothing more has come
  const std::string third = "{\"id\":\"c\",\"text\":\"Three.\"}\n";
  ASSERT_EQ(::write(wfd, third.data(), third.size()), static_cast<ssize_t>(third.size()));
  EXPECT_FALSE(reader.InputMayWait());
  ASSERT_TRUE(reader.NextUnparsed(&doc, &record));
  ::close(wfd);
  EXPECT_FALSE(reader.InputMayWait());  // the end comes at once
  EXPECT_FALSE(reader.NextUnparsed(&doc, &record));
  ::close(keep);
}

TEST_F(LineOutputTest, RegularFilesNeverWait) {
  const fs::path path = dir_ / "in.jsonl";
  std::ofstream(path) << "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\"}\n";
  ArticleReader reader({path.string()}, ReaderOptions{});
  Document doc;
  UnparsedRecord record;
  int n = 0;
  do EXPECT_FALSE(reader.InputMayWait());
  while (reader.NextUnparsed(&doc, &record) && ++n);
  EXPECT_EQ(n, 2);
}

// Before a read that may wait, every item read so far is emitted and then
// `idle` is called, with or without threads.
TEST_F(LineOutputTest, WindowEmitsWhatHasComeBeforeWaiting) {
  for (size_t threads : {0, 1, 2, 4}) {
    const int kItems = 40;
    WindowOptions opt;
    opt.threads = threads;
    std::vector<int> value(WindowSize(opt));
    int next = 0, emitted = 0;
    std::vector<int> emitted_at_idle;
    // The input "waits" before every fifth item.
    opt.input_may_wait = [&] { return next % 5 == 0; };
    opt.idle = [&] { emitted_at_idle.push_back(emitted); };
    auto read = [&](size_t slot, size_t* cost) {
      if (next == kItems) return false;
      value[slot] = next++;
      *cost = 1;
      return true;
    };
    auto work = [&](size_t slot) { value[slot] *= 2; };
    auto emit = [&](size_t slot) {
      EXPECT_EQ(value[slot], 2 * emitted) << threads;
      ++emitted;
    };
    EXPECT_EQ(OrderedParallelMap(opt, read, work, emit), static_cast<size_t>(kItems));
    // At each wait (items 0, 5, 10, ... and the end) all read were emitted.
    ASSERT_FALSE(emitted_at_idle.empty()) << threads;
    for (size_t i = 0; i < emitted_at_idle.size(); ++i) EXPECT_EQ(emitted_at_idle[i] % 5, 0) << threads;
    EXPECT_EQ(emitted_at_idle[1], 5) << threads;
  }
}

TEST_F(LineOutputTest, WidenPipeLetsAPipeHoldABlock) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ASSERT_LT(::fcntl(fds[1], F_GETPIPE_SZ), static_cast<int>(LineOutput::kBlockBytes));  // 64 KiB by default
  WidenPipe(fds[1]);
  // Allowed up to /proc/sys/fs/pipe-max-size (1 MiB unless lowered).
  EXPECT_GE(::fcntl(fds[1], F_GETPIPE_SZ), static_cast<int>(LineOutput::kBlockBytes));
  ::close(fds[0]);
  ::close(fds[1]);
  // A regular file is left alone.
  const fs::path path = dir_ / "plain";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT, 0600);
  ASSERT_GE(fd, 0);
  WidenPipe(fd);
  EXPECT_EQ(::fcntl(fd, F_GETPIPE_SZ), -1);
  ::close(fd);
}

}  // namespace
}  // namespace parley
