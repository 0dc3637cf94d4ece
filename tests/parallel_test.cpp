// parallel_for: every index once, and the weights of the indices running within the budget.
#include "linter/base/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

using rolelint::parallel_for;

TEST_CASE("parallel_for runs each index once", "[parallel]") {
  for (unsigned jobs : {1u, 2u, 4u, 64u}) {
    std::vector<int> runs(100, 0);
    parallel_for(runs.size(), jobs, [&](std::size_t i) { ++runs[i]; });
    CHECK(std::count(runs.begin(), runs.end(), 1) == 100);
  }
}

TEST_CASE("parallel_for keeps the weights running within the budget, a heavy index runs alone",
          "[parallel]") {
  const std::vector<std::uint64_t> weights{3, 3, 3, 3, 10, 1, 1, 2, 4, 2, 6, 5};
  std::mutex mutex;
  std::uint64_t running = 0, peak_with_others = 0;
  std::size_t active = 0;
  bool heavy_alone = true;
  std::vector<int> runs(weights.size(), 0);
  parallel_for(weights.size(), 4, weights, 6, [&](std::size_t i) {
    {
      std::lock_guard lock(mutex);
      running += weights[i];
      ++active;
      ++runs[i];
      if (weights[i] > 6) heavy_alone = heavy_alone && active == 1;
      if (active > 1) peak_with_others = std::max(peak_with_others, running);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::lock_guard lock(mutex);
    running -= weights[i];
    --active;
  });
  CHECK(std::count(runs.begin(), runs.end(), 1) == static_cast<long>(weights.size()));
  CHECK(peak_with_others <= 6);
  CHECK(peak_with_others > 3);  // two indices did run together
  CHECK(heavy_alone);
}
