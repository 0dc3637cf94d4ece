#pragma once
// Turns command-line paths into lint inputs: files, directories (recursive, sorted), stdin.
#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostics/finding.hpp"
#include "linter/engine.hpp"

namespace rolelint::cli {

enum class ModuleFiles : std::uint8_t {
  Context,  // the other .tf files of a named .tf file's directory are read for context only
  Report,   // --whole-modules: they are linted and reported like the named file
};

// The name of '-' without --stdin-filename: not a path, reported as it is.
inline constexpr std::string_view kStdinName = "<stdin>";

struct InputOptions {
  std::uint64_t max_file_bytes = 64ull << 20;  // larger files (and stdin) are an input error
  std::string stdin_name;                      // the name of '-' ("<stdin>" when empty)
  ModuleFiles module_files = ModuleFiles::Context;
  // --follow: walks follow symlinked files and directories (each directory once). Without it
  // they are skipped, as ripgrep and ruff do; a path named on the command line is always read.
  bool follow_symlinks = false;
  // The lint root (--root): a symlink that leads out of it is read, but no error quotes it.
  std::filesystem::path root;
};

// Reads every path; problems (missing, unreadable, too large) go to `errors`. A walk takes the
// files with a template's extension (.yaml .yml .json .template in any case, and .tf). A file
// named twice, or named and found by a walk, is read once. A Terraform file named on the
// command line, or given on stdin with a .tf --stdin-filename, brings the other .tf files of its
// directory (its module), because references span files; the stdin buffer replaces the file of
// the same name.
std::vector<LintInput> collect_inputs(const std::vector<std::string>& paths, std::istream& in,
                                      const InputOptions& options, std::vector<InputError>& errors);

}  // namespace rolelint::cli
