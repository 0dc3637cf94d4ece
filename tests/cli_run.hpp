#pragma once
// Runs the built rolelint binary the way users do, from the source directory, for CLI tests.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "tests/binary_under_test.hpp"

namespace rolelint::testing {

// A fresh directory under the system temp directory, removed with everything in it at the end
// of the test. `dir / "name"` is the path of a file in it, single-quoted for the shell.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    static unsigned counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("rolelint-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const {
    return "'" + (path / name).string() + "'";
  }
};

struct Run {
  int status = -1;
  std::string out;
};

// Runs `rolelint ARGS` through the shell from directory `dir` (ARGS may redirect); returns the
// exit status and standard output. Standard error is not captured unless ARGS redirects it.
inline Run run_rolelint_in(const std::string& dir, const std::string& args) {
  const std::string command = "cd '" + dir + "' && '" + binary_under_test() + "' " + args;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  Run r;
  std::array<char, 4096> buffer{};
  while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe))
    r.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// run_rolelint_in the source directory.
inline Run run_rolelint(const std::string& args) {
  return run_rolelint_in(ROLELINT_SOURCE_DIR, args);
}

// Where the binary under test links the rule docs (SARIF helpUri): the commit it was built from,
// or its version tag when that commit is unknown or the build had uncommitted changes.
inline std::string doc_ref() {
  const std::string version =
      run_rolelint("--version").out;  // "rolelint V\ncommit C, T build\n..."
  const std::size_t commit_at = version.find("commit ") + 7;
  const std::string commit = version.substr(commit_at, version.find(',', commit_at) - commit_at);
  if (commit == "unknown" || commit.ends_with("-dirty"))
    return "v" + version.substr(9, version.find('\n') - 9);
  return commit;
}

// A SARIF log with what differs between checkouts and builds made fixed, for golden files: the
// lint root's URI (`file://ROOT/`) becomes `file:///ROOT/`, the docs' ref `REF`.
inline std::string portable_sarif(std::string sarif, const std::string& root) {
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (std::size_t at = sarif.find(from); at != std::string::npos;
         at = sarif.find(from, at + to.size())) {
      sarif.replace(at, from.size(), to);
    }
  };
  replace_all("\"file://" + root + "/\"", "\"file:///ROOT/\"");
  replace_all("/blob/" + doc_ref() + "/docs/rules/", "/blob/REF/docs/rules/");
  return sarif;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Ends a test that needs what is not installed, before it checks anything: exit status 77, which
// CTest reports as skipped (SKIP_RETURN_CODE in tests/CMakeLists.txt), never as a pass.
[[noreturn]] inline void skip_test(const std::string& why) {
  std::cout << why << ": skipped" << std::endl;
  std::exit(77);
}

// Compares `actual` with tests/golden/cli-output/NAME byte for byte. ROLELINT_UPDATE_GOLDEN=1
// rewrites the file instead (review the diff).
inline void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(ROLELINT_SOURCE_DIR) + "/tests/golden/cli-output/" + name;
  if (std::getenv("ROLELINT_UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << actual;
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  CHECK(actual == read_file(path));
}

}  // namespace rolelint::testing
