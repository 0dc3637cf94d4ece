// The reader behind Terraform's file() and templatefile(): regular files inside the root only,
// even while the tree under the root changes as it reads.
#include "linter/cli/confined_reader.hpp"

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/cli_run.hpp"
#include "tests/input_helpers.hpp"

namespace fs = std::filesystem;
using rolelint::cli::confined_reader;
using rolelint::testing::TempDir;
using rolelint::testing::write_file;

namespace {

// Reads `path` with `reader`: its text, or "(refused)".
std::string read_with(const rolelint::FileReader& reader, const fs::path& path) {
  std::string text;
  return reader(path.string(), text) ? text : "(refused)";
}

// A root holding d/f ("inside"), beside a directory out/ holding f ("SECRET").
struct Tree {
  TempDir tmp;
  fs::path root = tmp.path / "root";
  Tree() {
    write_file(root / "d" / "f", "inside");
    write_file(tmp.path / "out" / "f", "SECRET");
  }
};

}  // namespace

TEST_CASE("the confined reader serves regular files inside the root, through links inside it",
          "[hostile][file]") {
  const Tree tree;
  const fs::path& root = tree.root;
  const fs::path& tmp = tree.tmp.path;
  fs::create_directory_symlink(root / "d", root / "alias");
  fs::create_directory_symlink(tmp / "out", root / "escape");
  const auto reader = confined_reader(root, 1 << 20);
  REQUIRE(reader);
  CHECK(read_with(reader, root / "d" / "f") == "inside");
  CHECK(read_with(reader, root / "alias" / "f") == "inside");
  CHECK(read_with(reader, root / "escape" / "f") == "(refused)");
  CHECK(read_with(reader, tmp / "out" / "f") == "(refused)");
  CHECK(read_with(reader, root / "d") == "(refused)");
}

TEST_CASE("a directory swapped for a symlink out of the root while file() reads is never followed",
          "[hostile][file]") {
  // The race an attacker with a second process would run: canonical() sees the directory, then
  // the open would follow the symlink put in its place. Each read must be "inside" or refused.
  const Tree tree;
  const fs::path& root = tree.root;
  const fs::path& tmp = tree.tmp.path;
  const auto reader = confined_reader(root, 1 << 20);
  REQUIRE(reader);

  std::atomic<bool> stop{false};
  std::thread swapper([&] {
    const std::string d = (root / "d").string(), kept = (root / "d.kept").string();
    const std::string out = (tmp / "out").string();
    while (!stop.load()) {
      if (::rename(d.c_str(), kept.c_str()) != 0) continue;
      if (::symlink(out.c_str(), d.c_str()) == 0) ::unlink(d.c_str());
      ::rename(kept.c_str(), d.c_str());
    }
  });
  int inside = 0, refused = 0, leaked = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  while (std::chrono::steady_clock::now() < until) {
    const std::string text = read_with(reader, root / "d" / "f");
    if (text == "inside")
      ++inside;
    else if (text == "SECRET")
      ++leaked;
    else
      ++refused;
  }
  stop = true;
  swapper.join();
  INFO("inside " << inside << ", refused " << refused);
  CHECK(leaked == 0);
  CHECK(inside > 0);
}
