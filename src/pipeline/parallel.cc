// Tested by tests/parallel_test.cc. The method is in parallel.h.
//
// One mutex guards the job queue and the per-slot "done" flags; a worker
// waits on `work_cv` for a job, the caller on `done_cv` for the oldest slots.
// An article costs about 0.1 ms to code, so one lock per item is noise; a
// sleep and a wake-up per item are not (a futex call and two context
// switches each: on the corpus, 29,000 switches and twice the system time
// of one thread). So the caller sleeps until the oldest half of the window
// is worked, not the oldest item, then emits every worked item in order and
// refills the window at once: about one wake-up per window/2 items, while
// the other half keeps the workers busy. A worker wakes the caller only
// when what it waits for is complete. And the caller, while it waits, works
// queued jobs itself (it is one of the `threads`, so one fewer worker is
// started): with two threads on two cores, a third thread that mostly
// sleeps cost a sleep and a wake-up of some thread almost every article
// (16,900 futex calls on the corpus, 0.12 s of system time against 0.04 s
// for one thread).
#include "pipeline/parallel.h"

#include <sched.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace parley {

size_t WindowSize(const WindowOptions& options) {
  if (options.window > 0) return options.window;
  size_t w = kItemsPerThread * options.threads;
  return w < 2 ? 2 : w;
}

size_t AvailableCores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<size_t>(n);
  }
  unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? n : 1;
}

namespace {

// True when the next read() may wait (the items before are then emitted).
bool MayWait(const WindowOptions& options) { return options.input_may_wait && options.input_may_wait(); }

void Idle(const WindowOptions& options) {
  if (options.idle) options.idle();
}

size_t Serial(const WindowOptions& options, const ReadFn& read, const WorkFn& work, const EmitFn& emit) {
  size_t n = 0, cost = 0;
  for (;;) {
    if (MayWait(options)) Idle(options);  // every item read so far is emitted
    if (!read(0, &cost)) break;
    work(0);
    emit(0);
    ++n;
  }
  return n;
}

class Pool {
 public:
  Pool(size_t threads, size_t window, const WorkFn& work) : work_(work), done_(window, 0), errors_(window) {
    workers_.reserve(threads);
    for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { Loop(); });
  }
  // Stops the workers (a job being worked on is finished first) and joins them.
  ~Pool() {
    {
      std::lock_guard<std::mutex> lk(mu_);
      stop_ = true;
    }
    work_cv_.notify_all();
    for (auto& t : workers_) t.join();
  }

  void Submit(size_t slot) {
    {
      std::lock_guard<std::mutex> lk(mu_);
      done_[slot] = 0;
      errors_[slot] = nullptr;
      jobs_.push_back(slot);
    }
    work_cv_.notify_one();
  }

  // Waits until the `n` slots first, first + 1, ... (modulo the window) are
  // all worked. Meanwhile the caller works queued jobs itself: it is one of
  // the pool's threads, and sleeps only when every job is taken.
  void WaitAll(size_t first, size_t n) {
    std::unique_lock<std::mutex> lk(mu_);
    wait_first_ = first;
    wait_n_ = n;
    while (!AllDone()) {
      if (!jobs_.empty()) {
        const size_t slot = jobs_.front();
        jobs_.pop_front();
        lk.unlock();
        Work(slot);
        lk.lock();
        continue;
      }
      waiting_ = true;
      done_cv_.wait(lk);
      waiting_ = false;
    }
  }
  // True when `slot` is worked (without waiting).
  bool Done(size_t slot) {
    std::lock_guard<std::mutex> lk(mu_);
    return done_[slot] != 0;
  }
  // Rethrows what work() threw on the worked `slot`, if anything.
  void Check(size_t slot) {
    std::lock_guard<std::mutex> lk(mu_);
    if (errors_[slot]) std::rethrow_exception(errors_[slot]);
  }

 private:
  void Loop() {
    for (;;) {
      size_t slot;
      {
        std::unique_lock<std::mutex> lk(mu_);
        work_cv_.wait(lk, [&] { return stop_ || !jobs_.empty(); });
        if (stop_) return;
        slot = jobs_.front();
        jobs_.pop_front();
      }
      Work(slot);
    }
  }
  // Works `slot` (mu_ not held) and marks it worked, waking the caller when
  // what it waits for is then complete.
  void Work(size_t slot) {
    std::exception_ptr error;
    try {
      work_(slot);
    } catch (...) {
      error = std::current_exception();
    }
    bool wake;
    {
      std::lock_guard<std::mutex> lk(mu_);
      errors_[slot] = error;
      done_[slot] = 1;
      wake = waiting_ && AllDone();
    }
    if (wake) done_cv_.notify_one();
  }
  // REQUIRES: mu_ held.
  bool AllDone() const {
    for (size_t i = 0; i < wait_n_; ++i)
      if (!done_[(wait_first_ + i) % done_.size()]) return false;
    return true;
  }

  const WorkFn& work_;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<size_t> jobs_;
  std::vector<char> done_;
  std::vector<std::exception_ptr> errors_;
  bool stop_ = false;
  bool waiting_ = false;  // the caller sleeps in WaitAll(wait_first_, wait_n_)
  size_t wait_first_ = 0, wait_n_ = 0;
  std::vector<std::thread> workers_;  // last: started after the state above exists
};

}  // namespace

size_t OrderedParallelMap(const WindowOptions& options, const ReadFn& read, const WorkFn& work, const EmitFn& emit) {
  if (options.threads == 0) return Serial(options, read, work, emit);
  const size_t window = WindowSize(options);
  const size_t batch = std::max<size_t>(1, window / 2);
  std::vector<size_t> cost(window, 0);
  size_t next_read = 0, next_emit = 0, held_bytes = 0;
  bool end = false;
  // No thread is started for input of one item (a single article): the
  // first two items are read before the pool exists, and when there is no
  // second the first is worked here, as Serial would.
  if (window >= 2) {
    if (MayWait(options)) Idle(options);
    if (!read(0, &cost[0])) return 0;
    ++next_read;
    held_bytes += cost[0];
    // (When the second item may be slow to come, the pool starts now and
    // the loop below emits the first before waiting for it.)
    if ((options.window_bytes == 0 || held_bytes < options.window_bytes) && !MayWait(options)) {
      if (!read(1, &cost[1])) {
        work(0);
        emit(0);
        return 1;
      }
      ++next_read;
      held_bytes += cost[1];
    }
  }
  // The calling thread works jobs too while it waits (Pool::WaitAll), so
  // `threads` threads work in all: one fewer is started.
  Pool pool(options.threads - 1, window, work);
  for (size_t i = 0; i < next_read; ++i) pool.Submit(i);
  for (;;) {
    // Fill the window: by count, and by bytes when bounded (the oldest item
    // is always admitted, so one item larger than the bound still passes).
    while (!end && next_read - next_emit < window &&
           (options.window_bytes == 0 || next_read == next_emit || held_bytes < options.window_bytes)) {
      if (MayWait(options)) {
        // A slow feed: what has come goes out before the read waits.
        if (next_emit < next_read) {
          pool.WaitAll(next_emit % window, next_read - next_emit);
          for (; next_emit < next_read; ++next_emit) {
            const size_t slot = next_emit % window;
            pool.Check(slot);
            emit(slot);
            held_bytes -= cost[slot];
          }
        }
        Idle(options);
      }
      const size_t slot = next_read % window;
      size_t c = 0;
      if (!read(slot, &c)) {
        end = true;
        break;
      }
      cost[slot] = c;
      held_bytes += c;
      pool.Submit(slot);
      ++next_read;
    }
    if (next_emit == next_read) break;
    // Sleep until the oldest half of the window (or all that is left) is
    // worked, then emit every worked item from the oldest on.
    const size_t want = std::min(batch, next_read - next_emit);
    pool.WaitAll(next_emit % window, want);
    for (size_t k = 0; next_emit < next_read && (k < want || pool.Done(next_emit % window)); ++k) {
      const size_t slot = next_emit % window;
      pool.Check(slot);
      emit(slot);
      held_bytes -= cost[slot];
      ++next_emit;
    }
  }
  return next_emit;
}

}  // namespace parley
