#pragma once
// Suppressions: inline comments, `# rolelint: ignore[RL201] reason` (also `//` and `/* */` in
// Terraform) on a finding's line, or on or directly above the line where its resource is
// defined; and a resource's own list (CloudFormation `Metadata: {rolelint: {ignore: [...]}}`),
// which covers every finding of that resource.
#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostics/finding.hpp"
#include "linter/diagnostics/source.hpp"
#include "linter/model/model.hpp"

namespace rolelint {

struct Suppression {
  FileId file = kNoFile;
  std::uint32_t line = 0;          // 1-based line of the comment
  std::vector<std::string> rules;  // ids or names as written
  std::string reason;              // empty when none was given (a resource's list has none)
  Span span;                       // the `rolelint: ignore[...]` text, or the resource's list
  Span resource;                   // valid for a resource's list: the resource it covers
  bool used = false;               // suppressed at least one finding
  std::vector<bool> used_rules;    // by index into `rules` (empty: none used)
};

// Every suppression comment of one file.
std::vector<Suppression> scan_suppressions(std::string_view text, FileId file, const LineIndex& index);

// The suppressions resources list for themselves (model::ResourceIgnore).
std::vector<Suppression> resource_suppressions(const std::vector<model::ResourceIgnore>& ignores,
                                               const std::vector<SourceFile>& files,
                                               const std::vector<LineIndex>& indexes);

// Drops the findings a suppression covers and marks those suppressions used. `files` and
// `indexes` are the run's sources, by FileId.
void apply_suppressions(std::vector<Finding>& findings, std::vector<Suppression>& suppressions,
                        const std::vector<SourceFile>& files, const std::vector<LineIndex>& indexes);

}  // namespace rolelint
