// The harness of the hostile-input tests (tests/limited_run.hpp) measures and stops the child.
#include "tests/limited_run.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "tests/cli_run.hpp"

using rolelint::testing::Limits;
using rolelint::testing::run_limited;

TEST_CASE("a run under limits reports its exit status, output and peak memory", "[harness]") {
  const auto r = run_limited({"--version"});
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 0);
  CHECK(r.out.find("rolelint") != std::string::npos);
  CHECK(r.peak_rss > 0);
}

TEST_CASE("a child past its time limit is killed and said to be", "[harness]") {
  rolelint::testing::TempDir dir;
  const std::string fifo = (dir.path / "stdin").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Opening a FIFO with no writer blocks: the child never gets to run.
  const auto r = run_limited({"-"}, Limits{64ull << 20, 0.3}, ROLELINT_SOURCE_DIR, fifo);
  CHECK(r.killed_time);
  CHECK_FALSE(r.ok());
}
