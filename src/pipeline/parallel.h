// parallel.h: OrderedParallelMap, WindowOptions. Runs one function over a
// stream of items on a pool of threads and hands the results back in input
// order, holding at most a window of items at a time.
//
// Tested by tests/parallel_test.cc (ordering, window bound, errors) and
// tests/e2e/threads.sh (`parley code --threads N` output identical to one
// thread).
//
// The caller's thread reads and emits; `threads` worker threads run `work`:
//
//   reader ──read(slot)──▶ [ window of slots, a ring ] ──emit(slot)──▶ output
//                               ▲ work(slot) on any worker
//
// Item k of the input lives in slot k % window from the moment read() fills
// it until emit() has taken it, so the caller keeps `window` items (say
// Documents) and reuses them. read() and emit() run only on the calling
// thread, read() in input order and emit() in input order, so a reader and a
// writer need no locks; work() runs on a worker and touches only its slot and
// shared immutable state (a Pipeline is such state). Memory is bounded by
// the window: at most `window` items, and at most `window_bytes` of their
// declared cost (always at least one item, however large).
//
// With threads == 0 there is no pool: read, work, emit run one item at a
// time on the calling thread, exactly the serial loop. Nor is one started
// for input of a single item (one article from the command line): the
// first two items are read first, and a lone one is worked on the calling
// thread.
//
// A reader that may wait for its input (a pipe from a slow feed) says so
// through WindowOptions::input_may_wait: the items read before are then
// emitted before read() is called, with threads as without.
//
// CAVEAT: an exception thrown by work() is caught on the worker and thrown
// again from OrderedParallelMap on the calling thread when that item's turn
// to be emitted comes; the items before it are emitted, later ones are not.
#ifndef PARLEY_PIPELINE_PARALLEL_H_
#define PARLEY_PIPELINE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace parley {

// The default window per worker thread. The caller wakes about once per
// half window, so a small window costs a sleep and a wake-up every few
// items: on ../shared/corpus with --threads 2, 4 per thread made 9,700
// context switches, 8 per thread 5,700, 64 per thread 2,000. But a larger
// window let a stream of huge articles grow the process (2 MB articles,
// --threads 2, 64 of them: peak RSS 205 MB with 4 per thread and 8, 250 MB
// with 16, 330 MB with 64, still growing; the items held are bounded by
// WindowOptions::window_bytes all the same, so it is the allocator's doing,
// not found yet). 8 keeps that bound.
constexpr size_t kItemsPerThread = 8;

struct WindowOptions {
  // Worker threads running work(); 0 runs everything on the calling thread.
  size_t threads = 0;
  // Items read but not yet emitted, at most. 0 means kItemsPerThread per
  // thread (at least 2).
  size_t window = 0;
  // The sum of read()'s reported costs (e.g. article bytes) of the items in
  // the window, at most; one item is always admitted. 0 = no byte bound.
  size_t window_bytes = 0;
  // Optional, for a slow feed: asked on the calling thread before each
  // read(), true when that read may wait for input that has not come. Every
  // item read so far is then worked and emitted, and `idle` (when set) is
  // called, before the read: so the output of what has come is never held
  // back behind the window's next items (the caller flushes it in `idle`).
  std::function<bool()> input_may_wait;
  std::function<void()> idle;
};

// The window used for `options` (resolving window == 0).
size_t WindowSize(const WindowOptions& options);

// Fills the item in `slot` with the next input and returns true, setting
// *cost (bytes it holds, for WindowOptions::window_bytes); false at the end.
using ReadFn = std::function<bool(size_t slot, size_t* cost)>;
// Processes the item in `slot`. May run on any worker thread.
using WorkFn = std::function<void(size_t slot)>;
// Takes the finished item in `slot`; called in input order.
using EmitFn = std::function<void(size_t slot)>;

// Reads items until read() returns false, runs work() on each and emit()s
// them in input order. Slots are numbers in [0, WindowSize(options)).
// Returns the number of items emitted.
size_t OrderedParallelMap(const WindowOptions& options, const ReadFn& read, const WorkFn& work, const EmitFn& emit);

// Number of cores this process may run on (at least 1).
size_t AvailableCores();

}  // namespace parley

#endif  // PARLEY_PIPELINE_PARALLEL_H_
