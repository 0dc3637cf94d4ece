#include "linter/cli/confined_reader.hpp"

#include <algorithm>
#include <system_error>
#include <utility>

#include "linter/cli/file_read.hpp"

namespace rolelint::cli {
namespace fs = std::filesystem;

bool path_within(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

FileReader confined_reader(const fs::path& root, std::uint64_t max_bytes) {
  std::error_code ec;
  fs::path canonical_root = fs::canonical(root, ec);
  if (ec) return {};  // no root to confine to: every file() is unknown
  return [canonical_root = std::move(canonical_root), max_bytes](const std::string& path, std::string& text) {
    std::error_code error;
    const fs::path real = fs::canonical(fs::path(path), error);
    if (error || !path_within(real, canonical_root)) return false;
    // `real` has no symlink left: refusing one at open time keeps its last component from
    // being swapped for a link after canonical() looked.
    FileRead read = read_regular_file(real, max_bytes, /*follow_symlink=*/false);
    if (!read.ok()) return false;
    text = std::move(read.text);
    return true;
  };
}

fs::path default_root(const fs::path& start) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(start, ec).lexically_normal();
  if (ec) return start;
  for (fs::path dir = absolute;; dir = dir.parent_path()) {
    if (fs::exists(fs::symlink_status(dir / ".git", ec))) return dir;
    if (dir == dir.parent_path()) break;
  }
  return absolute;
}

}  // namespace rolelint::cli
