// One path root for every report: an input path, however spelled, maps to one report path.
#include "linter/cli/report_paths.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using rolelint::cli::ReportPaths;

}  // namespace

TEST_CASE("report paths are relative to the root and normalised, whatever the spelling",
          "[cli][paths]") {
  const ReportPaths paths("/nowhere/repo", "/nowhere/repo/infra");
  CHECK(paths.root() == fs::path("/nowhere/repo"));
  CHECK(paths("../cfn/x.yaml") == "cfn/x.yaml");
  CHECK(paths("/nowhere/repo/cfn/x.yaml") == "cfn/x.yaml");
  CHECK(paths("/nowhere/repo/cfn/../cfn/./x.yaml") == "cfn/x.yaml");
  CHECK(paths("../../repo/cfn/x.yaml") == "cfn/x.yaml");
  CHECK(paths("./t.yaml") == "infra/t.yaml");
  CHECK(paths("t.yaml") == "infra/t.yaml");
  CHECK(paths("modules//a/") == "infra/modules/a");
  CHECK(paths("..") == ".");
  CHECK(paths("/nowhere/repo/") == ".");
}

TEST_CASE("a path outside the root stays absolute, normalised", "[cli][paths]") {
  const ReportPaths paths("/nowhere/repo", "/nowhere/repo");
  CHECK(paths("/nowhere/other/./y.yaml") == "/nowhere/other/y.yaml");
  CHECK(paths("../other/../other/y.yaml") == "/nowhere/other/y.yaml");
  CHECK(paths("/nowhere/repository/y.yaml") ==
        "/nowhere/repository/y.yaml");  // a longer name, not inside
  CHECK(paths("..") == "/nowhere");
}

TEST_CASE("the root may be relative, or the file system root", "[cli][paths]") {
  CHECK(ReportPaths("..", "/nowhere/repo/infra")("x.yaml") == "infra/x.yaml");
  CHECK(ReportPaths("..", "/nowhere/repo/infra").root() == fs::path("/nowhere/repo"));
  CHECK(ReportPaths("/", "/nowhere")("x.yaml") == "nowhere/x.yaml");
}

TEST_CASE("standard input's name is not a path", "[cli][paths]") {
  const ReportPaths paths("/nowhere/repo", "/nowhere/repo/infra");
  CHECK(paths("<stdin>") == "<stdin>");
  CHECK(paths("") == "");
}

TEST_CASE("a root spelled through a symlinked directory still holds the files", "[cli][paths]") {
  rolelint::testing::TempDir dir;
  fs::create_directories(dir.path / "real/repo/cfn");
  fs::create_directory_symlink(dir.path / "real", dir.path / "link");
  const ReportPaths paths(dir.path / "link/repo", dir.path);
  CHECK(paths((dir.path / "real/repo/cfn/x.yaml").string()) == "cfn/x.yaml");
  CHECK(paths("link/repo/cfn/x.yaml") == "cfn/x.yaml");
  CHECK(paths("real/other.yaml") == (dir.path / "real/other.yaml").string());
}
