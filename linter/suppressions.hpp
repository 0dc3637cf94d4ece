#pragma once
// Suppressions: inline comments, `# rolelint: ignore[RL201] reason` (also `//` and `/* */` in
// Terraform; read by linter/base/comment_directives.hpp) on a finding's line, or on or directly
// above the first line of the policy statement the finding is in, or of its resource; and a
// resource's own list (CloudFormation `Metadata: {rolelint: {ignore: [...]}}`), which covers every
// finding of that resource.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/comment_directives.hpp"
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
  // By index into `rules`: the line of the nearest finding of that rule in the same file that no
  // suppression covers (0: none), for the message of an unused one (note_nearest_findings).
  std::vector<std::uint32_t> nearest_lines;
};

// Every suppression comment of one file whose comments are written in `syntax`.
std::vector<Suppression> scan_suppressions(std::string_view text, FileId file,
                                           const LineIndex& index, CommentSyntax syntax);

// The suppressions resources list for themselves (model::ResourceIgnore).
std::vector<Suppression> resource_suppressions(const std::vector<model::ResourceIgnore>& ignores,
                                               const std::vector<SourceFile>& files,
                                               const std::vector<LineIndex>& indexes);

// Drops the findings a suppression covers and marks those suppressions used. `files` and
// `indexes` are the run's sources, by FileId; `statements` the spans of every policy statement,
// sorted by file and offset (statements do not nest); `syntaxes` how each file writes comments.
void apply_suppressions(std::vector<Finding>& findings, std::vector<Suppression>& suppressions,
                        const std::vector<SourceFile>& files, const std::vector<LineIndex>& indexes,
                        std::span<const CommentSyntax> syntaxes,
                        const std::vector<Span>& statements);

// For each rule a suppression names and did not use, the line of the nearest remaining finding of
// that rule in the suppression's file (Suppression::nearest_lines).
void note_nearest_findings(std::vector<Suppression>& suppressions,
                           const std::vector<Finding>& findings,
                           const std::vector<SourceFile>& files,
                           const std::vector<LineIndex>& indexes);

}  // namespace rolelint
