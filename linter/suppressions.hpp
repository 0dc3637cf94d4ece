#pragma once
// Inline suppressions: `# rolelint: ignore[RL201] reason` (also `//` and `/* */` in Terraform)
// on a finding's line, or on or directly above the line where its resource is defined.
#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostics/finding.hpp"
#include "linter/diagnostics/source.hpp"

namespace rolelint {

struct Suppression {
  FileId file = kNoFile;
  std::uint32_t line = 0;          // 1-based line of the comment
  std::vector<std::string> rules;  // ids or names as written
  std::string reason;              // empty when none was given
  Span span;                       // the `rolelint: ignore[...]` text
  bool used = false;               // suppressed at least one finding
  std::vector<bool> used_rules;    // by index into `rules` (empty: none used)
};

// Every suppression comment of one file.
std::vector<Suppression> scan_suppressions(std::string_view text, FileId file, const LineIndex& index);

// Drops the findings a suppression covers and marks those suppressions used. `files` and
// `indexes` are the run's sources, by FileId.
void apply_suppressions(std::vector<Finding>& findings, std::vector<Suppression>& suppressions,
                        const std::vector<SourceFile>& files, const std::vector<LineIndex>& indexes);

}  // namespace rolelint
