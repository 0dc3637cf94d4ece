#pragma once
// How every report names a file: relative to the lint root (--root), normalised, so that
// `./cfn/x.yaml`, `cfn/x.yaml`, `$PWD/cfn/x.yaml` and `../repo/cfn/x.yaml` are one file in the
// text, JSON, SARIF, JUnit and GitHub reports, in messages and in baseline fingerprints.
#include <filesystem>
#include <string>
#include <string_view>

#include "linter/engine.hpp"

namespace rolelint::cli {

class ReportPaths {
 public:
  // `root` and `cwd` are made absolute and lexically normal; relative inputs are relative to `cwd`.
  ReportPaths(const std::filesystem::path& root, const std::filesystem::path& cwd);

  // The report path of `input`: relative to the root, with no `.` or `..` segment ("." for the
  // root itself); a path outside the root, absolute and lexically normal. A path that is only
  // outside the root as spelled (a symlinked directory on the way) is inside once the
  // directories on both sides are resolved. Standard input's name (kStdinName) is kept.
  std::string operator()(std::string_view input) const;

  // The root, absolute and lexically normal, without a trailing separator.
  const std::filesystem::path& root() const { return root_; }
  // `input` made absolute (against the current directory) and lexically normal.
  std::filesystem::path absolute(std::string_view input) const;

 private:
  std::filesystem::path root_, canonical_root_, cwd_;
};

// Renames every file of `result` (files, input errors, notes) to its report path.
void use_report_paths(LintResult& result, const ReportPaths& paths);

}  // namespace rolelint::cli
