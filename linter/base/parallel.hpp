#pragma once
// A minimal parallel loop: `jobs` threads take indices 0..n-1 in order from a shared counter.
// Each index runs exactly once; results go to per-index slots the caller owns, so output order
// never depends on scheduling.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <mutex>
#include <new>
#include <system_error>
#include <thread>
#include <vector>

namespace rolelint {

// The default number of jobs: the machine's hardware threads (at least 1).
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

// Runs body(i) for every i < n on up to `jobs` threads (the caller's among them), starting an
// index only while the weights of the indices running, its own included, stay within `budget`:
// an index heavier than the budget runs alone. A thread that cannot be started (a process
// limit, no memory for its stack) leaves the work to the threads that did start. `body` must
// not throw.
template <typename Body>
void parallel_for(std::size_t n, unsigned jobs, const std::vector<std::uint64_t>& weights,
                  std::uint64_t budget, Body&& body) {
  const std::size_t threads = std::min<std::size_t>(std::max(1u, jobs), n);
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) body(i);
    return;
  }
  std::mutex mutex;
  std::condition_variable done;
  std::size_t next = 0, active = 0;
  std::uint64_t running = 0;
  auto weight = [&](std::size_t i) { return i < weights.size() ? weights[i] : 0; };
  auto work = [&] {
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(mutex);
        done.wait(lock, [&] {
          return next >= n || active == 0 || weight(next) <= budget - std::min(budget, running);
        });
        if (next >= n) return;
        i = next++;
        running += weight(i);
        ++active;
      }
      body(i);
      {
        std::lock_guard lock(mutex);
        running -= weight(i);
        --active;
      }
      done.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // fewer threads: the ones running take every index
    } catch (const std::bad_alloc&) {
      break;
    }
  }
  work();
  for (std::thread& t : pool) t.join();
}

// Without weights: every index may run beside every other.
template <typename Body>
void parallel_for(std::size_t n, unsigned jobs, Body&& body) {
  parallel_for(n, jobs, {}, std::numeric_limits<std::uint64_t>::max(), body);
}

}  // namespace rolelint
