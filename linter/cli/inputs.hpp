#pragma once
// Turns command-line paths into lint inputs: files, directories (recursive, sorted), stdin.
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "linter/diagnostics/finding.hpp"
#include "linter/engine.hpp"

namespace rolelint::cli {

struct InputLimits {
  std::uint64_t max_file_bytes = 64ull << 20;
};

// Reads every path; problems (missing, unreadable, too large) go to `errors`.
std::vector<LintInput> collect_inputs(const std::vector<std::string>& paths, std::istream& in,
                                      const std::string& stdin_name, const InputLimits& limits,
                                      std::vector<InputError>& errors);

}  // namespace rolelint::cli
