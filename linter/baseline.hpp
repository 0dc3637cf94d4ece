#pragma once
// Baselines, for adopting rolelint in a repository that already has findings: record today's
// findings by fingerprint (--write-baseline), then report only new ones (--baseline).
#include <map>
#include <string>
#include <string_view>

#include "linter/base/result.hpp"
#include "linter/engine.hpp"

namespace rolelint {

// Fingerprint -> how many findings have it (see linter/fingerprint.hpp).
using Baseline = std::map<std::string, unsigned>;

// The baseline file for the findings of `result`: JSON, one entry per finding with its
// fingerprint and, for the reader, the rule, file, line and message. Deterministic bytes.
std::string write_baseline(const LintResult& result);

// Reads a baseline file; an error names the offset and what is wrong.
Result<Baseline> parse_baseline(std::string_view text);

// Drops the findings the baseline knows (each entry matches at most as many findings as it
// counts) and returns how many were dropped.
std::size_t apply_baseline(LintResult& result, Baseline baseline);

}  // namespace rolelint
