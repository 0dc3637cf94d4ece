#pragma once
// Shared pieces of the tests that run rolelint on files they write: a template with one known
// finding, a file writer, and a limited run in a directory.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/limited_run.hpp"

namespace rolelint::testing {

// A template whose one RL301 finding (role name too long) is at line 5, column 17.
inline std::string long_role_name_yaml(const std::string& suffix = "") {
  return "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: " +
         std::string(70, 'a') + suffix + "\n";
}
inline const std::string kLongRoleNameYaml = long_role_name_yaml();

// Writes `text` to `path`, creating its directories.
inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// `rolelint -q --select RL301 ARGS` in `dir`, standard input from `stdin_path` (else /dev/null).
inline LimitedRun lint_rl301_in(const std::filesystem::path& dir, std::vector<std::string> args,
                                const std::string& stdin_path = "") {
  args.insert(args.begin(), {"-q", "--no-hints", "--select", "RL301"});
  return run_limited(args, Limits{256ull << 20, 10}, dir.string(), stdin_path);
}

}  // namespace rolelint::testing
