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

enum class ModuleFiles : std::uint8_t {
  Context,  // the other .tf files of a named .tf file's directory are read for context only
  Report,   // --whole-modules: they are linted and reported like the named file
};

// Reads every path; problems (missing, unreadable, too large) go to `errors`. A Terraform file
// named on the command line, or given on stdin with a .tf --stdin-filename, brings the other .tf
// files of its directory (its module), because references span files; the stdin buffer replaces
// the file of the same name.
std::vector<LintInput> collect_inputs(const std::vector<std::string>& paths, std::istream& in,
                                      const std::string& stdin_name, const InputLimits& limits,
                                      ModuleFiles module_files, std::vector<InputError>& errors);

}  // namespace rolelint::cli
