#pragma once
// What Terraform's file() and templatefile() may read: regular files inside the lint root.
// A pull request is untrusted input in a CI job that holds secrets: `file("/proc/self/environ")`
// or a symlink to one must never put those bytes into a report.
#include <cstdint>
#include <filesystem>

#include "linter/engine.hpp"

namespace rolelint::cli {

// A reader that serves only regular files inside `root` after resolving every symlink (of the
// path and of the root), of at most `max_bytes`; anything else (outside the root, a directory,
// a FIFO, a device, too large, unreadable) is refused, which makes the call's value unknown.
// Relative paths are relative to the current directory, as Terraform reads them.
FileReader confined_reader(const std::filesystem::path& root, std::uint64_t max_bytes);

// The default --root: the nearest directory at or above `start` that holds `.git` (a directory,
// or a file as in a linked worktree or a submodule), found without running git; else `start`.
std::filesystem::path default_root(const std::filesystem::path& start);

// Whether `path` is `root` or inside it, comparing whole components of two canonical paths.
bool path_within(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace rolelint::cli
