#pragma once
// Fingerprints of findings that survive edits elsewhere in the file: SARIF's partialFingerprints
// and the baseline file both use them, so a finding keeps its identity across runs.
#include <span>
#include <string>
#include <vector>

#include "linter/engine.hpp"

namespace rolelint {

// One fingerprint per finding of `result` (same order), 16 lowercase hex digits. It hashes the
// rule id, the file path, the resource, the message and the source text the finding points at
// (whitespace runs collapsed), not line or column, so moving code does not change it. Findings
// that agree on all of these are numbered in report order to keep the fingerprints distinct.
std::vector<std::string> fingerprints(const LintResult& result);
// The same with each file named `paths[file id]` instead of its own path: what the fingerprints
// were when the file was named so (old baselines spelled paths as the command line did).
std::vector<std::string> fingerprints(const LintResult& result, std::span<const std::string> paths);

}  // namespace rolelint
