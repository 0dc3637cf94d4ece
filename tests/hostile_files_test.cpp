// Terraform's file() and templatefile() on hostile paths: only regular files inside the lint
// root are read; everything else is an unknown value, and no byte of it reaches any report.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "parsers/terraform/template_file.hpp"
#include "tests/cli_run.hpp"
#include "tests/limited_run.hpp"

namespace fs = std::filesystem;
using rolelint::testing::LimitedRun;
using rolelint::testing::Limits;
using rolelint::testing::run_limited;
using rolelint::testing::TempDir;

namespace {

// Longer than IAM's 64 characters: read into a role name, RL301 quotes it.
const std::string kMarker =
    "SECRETMARKER-SECRETMARKER-SECRETMARKER-SECRETMARKER-SECRETMARKER-SECRETMARKER";

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A repository (it has .git, so it is the default root) beside a secret outside it.
struct Repo {
  TempDir tmp;
  fs::path repo = tmp.path / "repo";
  Repo() {
    fs::create_directories(repo / ".git");
    write(tmp.path / "secret.txt", kMarker);
    write(repo / "inside.txt", kMarker);
  }
  // main.tf names a role with `call` (e.g. file("x")) and is linted from the repository.
  LimitedRun lint(const std::string& call, const std::vector<std::string>& extra = {},
                  const std::string& format = "text") const {
    write(repo / "main.tf", "resource \"aws_iam_role\" \"r\" {\n  name = " + call +
                                "\n  assume_role_policy = \"{}\"\n}\n");
    std::vector<std::string> args{"--format", format, "--select", "RL301"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("main.tf");
    return run_limited(args, Limits{256ull << 20, 10}, repo.string());
  }
};

void check_not_read(const Repo& repo, const std::string& call,
                    const std::vector<std::string>& extra = {}) {
  for (const char* format : {"text", "json", "sarif", "github", "junit"}) {
    const LimitedRun r = repo.lint(call, extra, format);
    INFO(call << " --format " << format << ": " << r.describe());
    CHECK(r.ok());
    CHECK(r.status == 0);
    CHECK(r.out.find("SECRETMARKER") == std::string::npos);
    CHECK(r.err.find("SECRETMARKER") == std::string::npos);
  }
}

}  // namespace

TEST_CASE("file() reads a regular file inside the root", "[hostile][file]") {
  Repo repo;
  const LimitedRun r = repo.lint("file(\"inside.txt\")");
  INFO(r.describe());
  CHECK(r.status == 1);
  CHECK(r.out.find("main.tf:2:10: error: role name '" + kMarker) != std::string::npos);
}

TEST_CASE("file() outside the root is unknown and quoted nowhere", "[hostile][file]") {
  Repo repo;
  SECTION("a parent path") { check_not_read(repo, "file(\"../secret.txt\")"); }
  SECTION("an absolute path") {
    check_not_read(repo, "file(\"" + (repo.tmp.path / "secret.txt").string() + "\")");
  }
  SECTION("a symlink inside the root to a file outside it") {
    fs::create_symlink(repo.tmp.path / "secret.txt", repo.repo / "link.txt");
    check_not_read(repo, "file(\"link.txt\")");
  }
  SECTION("a path through a symlinked directory") {
    fs::create_directory_symlink(repo.tmp.path, repo.repo / "up");
    check_not_read(repo, "file(\"up/secret.txt\")");
  }
  SECTION("/proc/self/environ") {
    ::setenv("ROLELINT_TEST_SECRET", kMarker.c_str(), 1);
    check_not_read(repo, "file(\"/proc/self/environ\")");
    ::unsetenv("ROLELINT_TEST_SECRET");
  }
  SECTION("outside a --root given on the command line") {
    write(repo.repo / "sub" / "x.txt", kMarker);
    check_not_read(repo, "file(\"inside.txt\")", {"--root", (repo.repo / "sub").string()});
  }
}

TEST_CASE("file() of what is not a regular file is unknown, and the run ends", "[hostile][file]") {
  Repo repo;
  SECTION("a directory") {
    fs::create_directory(repo.repo / "dir");
    check_not_read(repo, "file(\"dir\")");
  }
  SECTION("a FIFO") {
    REQUIRE(::mkfifo((repo.repo / "fifo").c_str(), 0600) == 0);
    check_not_read(repo, "file(\"fifo\")");
  }
  SECTION("/dev/stdin and /dev/zero, even with the whole disk as root") {
    check_not_read(repo, "file(\"/dev/stdin\")", {"--root", "/"});
    check_not_read(repo, "file(\"/dev/zero\")", {"--root", "/", "--max-file-size", "1000"});
  }
  SECTION("a file larger than --max-file-size") {
    write(repo.repo / "big.txt", kMarker + std::string(2000, 'x'));
    check_not_read(repo, "file(\"big.txt\")", {"--max-file-size", "1000"});
  }
}

TEST_CASE("the --root option must name a directory", "[hostile][file]") {
  Repo repo;
  const LimitedRun r = repo.lint("\"x\"", {"--root", "nope"});
  CHECK(r.status == 2);
  CHECK(r.err.find("--root: not a directory 'nope'") != std::string::npos);
}

TEST_CASE("templatefile() renders plain variables under the same rules as file()",
          "[hostile][file]") {
  Repo repo;
  write(repo.repo / "name.tpl",
        "SECRETMARKER-${a}-$${literal}-${\r\n b\t\n}-SECRETMARKER-SECRETMARKER-SECRETMARKER");
  SECTION("inside the root, every variable known") {
    const LimitedRun r = repo.lint("templatefile(\"name.tpl\", { a = \"one\", b = \"two\" })");
    INFO(r.describe());
    CHECK(r.status == 1);
    CHECK(
        r.out.find(
            "role name 'SECRETMARKER-one-${literal}-two-SECRETMARKER-SECRETMARKER-SECRETMARKER'") !=
        std::string::npos);
  }
  SECTION("a variable not known") {
    check_not_read(repo, "templatefile(\"name.tpl\", { a = \"one\", b = var.b })");
  }
  SECTION("outside the root") {
    write(repo.tmp.path / "out.tpl", kMarker);
    check_not_read(repo, "templatefile(\"../out.tpl\", {})");
  }
}

TEST_CASE("render_template substitutes only what it can know", "[file][template]") {
  using rolelint::tf::render_template;
  auto vars = [](std::string_view name) -> std::optional<std::string_view> {
    if (name == "x") return "X";
    return std::nullopt;
  };
  CHECK(render_template("a${x}b${ x }c", vars) == "aXbXc");
  CHECK(render_template("$${x} %%{if}", vars) == "${x} %{if}");
  CHECK(render_template("${y}", vars) == std::nullopt);
  CHECK(render_template("${x.y}", vars) == std::nullopt);
  CHECK(render_template("${upper(x)}", vars) == std::nullopt);
  CHECK(render_template("%{ if true }x%{ endif }", vars) == std::nullopt);
  CHECK(render_template("${x", vars) == std::nullopt);
  const std::string big(rolelint::tf::kMaxRenderedBytes / 2 + 1, 'b');
  auto large = [&big](std::string_view) -> std::optional<std::string_view> { return big; };
  CHECK(render_template("${x}${x}", large) == std::nullopt);
}
