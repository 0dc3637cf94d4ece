// Hostile input that would make evaluation or matching explode (issue 15): each runs the built
// binary under a memory and a time limit (tests/limited_run.hpp) and checks what it reports.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "tests/cli_run.hpp"
#include "tests/limited_run.hpp"

using rolelint::testing::LimitedRun;
using rolelint::testing::Limits;
using rolelint::testing::run_limited;
using rolelint::testing::TempDir;

namespace {

// Every bomb must finish in under 2 s and 200 MB.
const Limits kBombLimits{200ull << 20, 2.0};

std::string write(const TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = (dir.path / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("a backtracking exclude glob against a long path answers at once", "[limits][config]") {
  TempDir dir;
  write(dir, ".rolelint.yaml", "exclude: [\"*a*a*a*a*a*a*a*a*b\"]\n");
  const std::string name = std::string(200, 'a') + ".yaml";
  write(dir, name, "Resources: {}\n");
  // The exclude globs apply in a directory walk.
  const LimitedRun r = run_limited({dir.path.string()}, kBombLimits);
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 0);
}

TEST_CASE("a backtracking deploy-accounts glob against a long path answers at once", "[limits][config]") {
  TempDir dir;
  write(dir, ".rolelint.yaml", "deploy-accounts: {\"**/*a*a*a*a*a*a*a*a*b\": \"111122223333\"}\n");
  const std::string sub = std::string(100, 'a');
  std::filesystem::create_directories(dir.path / sub);
  const std::string name = sub + "/" + std::string(100, 'a') + ".yaml";
  write(dir, name, "Resources: {}\n");
  const LimitedRun r = run_limited({(dir.path / name).string()}, kBombLimits);
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 0);
}
