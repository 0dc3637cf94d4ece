// Reading a file whole: the text holds the file and not twice its size (it stays alive for the
// whole run: a doubled buffer was the largest single allocation of a large template's lint).
#include "linter/cli/file_read.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "tests/cli_run.hpp"
#include "tests/input_helpers.hpp"

using rolelint::cli::read_regular_file;

TEST_CASE("a file read whole keeps no more memory than its size", "[input][memory]") {
  rolelint::testing::TempDir tmp;
  const std::string text(1u << 20, 'x');
  rolelint::testing::write_file(tmp.path / "big.yaml", text);
  const auto read = read_regular_file(tmp.path / "big.yaml", 64u << 20);
  REQUIRE(read.ok());
  CHECK(read.text == text);
  CHECK(read.text.capacity() < text.size() + 4096);
}

TEST_CASE("a file whose size fstat does not tell is still read to its end", "[input]") {
  const auto read = read_regular_file("/proc/self/status", 64u << 20);
  REQUIRE(read.ok());
  CHECK(read.text.find("Name:") == 0);
  CHECK(read.text.ends_with("\n"));
}

TEST_CASE("a file over the limit is an error naming it", "[input]") {
  rolelint::testing::TempDir tmp;
  rolelint::testing::write_file(tmp.path / "big.yaml", std::string(5000, 'x'));
  const auto read = read_regular_file(tmp.path / "big.yaml", 4096);
  CHECK(read.error == "file is 5000 bytes, larger than the limit of 4096 bytes (--max-file-size)");
}
