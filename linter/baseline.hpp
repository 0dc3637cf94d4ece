#pragma once
// Baselines, for adopting rolelint in a repository that already has findings: record today's
// findings by fingerprint (--write-baseline), then report only new ones (--baseline).
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/result.hpp"
#include "linter/engine.hpp"

namespace rolelint {

struct Baseline {
  std::map<std::string, unsigned>
      counts;                   // fingerprint -> how many findings have it (linter/fingerprint.hpp)
  std::set<std::string> files;  // the file names the findings were recorded with
};

// The report paths a file name recorded in a baseline may stand for. Baselines record report
// paths (relative to the lint root); older ones recorded paths as the command line spelled them.
using RecordedPaths = std::function<std::vector<std::string>(std::string_view recorded)>;

// The baseline file for the findings of `result`: JSON, one entry per finding with its
// fingerprint and, for the reader, the rule, file, line and message. Deterministic bytes.
std::string write_baseline(const LintResult& result);

// Reads a baseline file; an error names the offset and what is wrong.
Result<Baseline> parse_baseline(std::string_view text);

// Drops the findings the baseline knows (each entry matches at most as many findings as it
// counts) and returns how many were dropped. A finding matches by its fingerprint, or, when the
// baseline recorded its file under another name that `recorded_paths` maps to the file's report
// path, by the fingerprint it had under that name.
std::size_t apply_baseline(LintResult& result, Baseline baseline,
                           const RecordedPaths& recorded_paths = {});

}  // namespace rolelint
