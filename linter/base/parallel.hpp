#pragma once
// A minimal parallel loop: `jobs` threads take indices 0..n-1 from a shared counter. Each
// index runs exactly once; results go to per-index slots the caller owns, so output order
// never depends on scheduling.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace rolelint {

// The default number of jobs: the machine's hardware threads (at least 1).
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

template <typename Body>
void parallel_for(std::size_t n, unsigned jobs, Body&& body) {
  const std::size_t threads = std::min<std::size_t>(std::max(1u, jobs), n);
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) body(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) body(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace rolelint
