#include "linter/cli/report_paths.hpp"

#include <system_error>

#include "linter/cli/confined_reader.hpp"
#include "linter/cli/inputs.hpp"

namespace rolelint::cli {
namespace fs = std::filesystem;
namespace {

// Lexically normal, without the empty last segment of a trailing separator ("/a/b/" -> "/a/b").
fs::path normal(const fs::path& p) {
  fs::path out = p.lexically_normal();
  if (!out.has_filename() && out.has_relative_path()) out = out.parent_path();
  return out;
}

// `path` relative to `root` when it is inside it ("." for the root), else empty.
std::string relative_inside(const fs::path& path, const fs::path& root) {
  if (root.empty() || !path_within(path, root)) return {};
  const std::string relative = path.lexically_relative(root).generic_string();
  return relative.empty() ? "." : relative;
}

}  // namespace

ReportPaths::ReportPaths(const fs::path& root, const fs::path& cwd) {
  std::error_code ec;
  cwd_ = normal(fs::absolute(cwd, ec));
  root_ = normal(root.is_absolute() ? root : cwd_ / root);
  canonical_root_ = fs::canonical(root_, ec);
  if (ec) canonical_root_.clear();
}

fs::path ReportPaths::absolute(std::string_view input) const {
  const fs::path path(input);
  return normal(path.is_absolute() ? path : cwd_ / path);
}

std::string ReportPaths::operator()(std::string_view input) const {
  if (input.empty() || input == kStdinName) return std::string(input);
  const fs::path path = absolute(input);
  if (std::string relative = relative_inside(path, root_); !relative.empty()) return relative;
  // Spelled through a symlinked directory: compare the resolved directories, keeping the file's
  // own name (a symlinked file inside the root is reported where it is, not where it leads).
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(path.parent_path(), ec) / path.filename();
  if (!ec) {
    if (std::string relative = relative_inside(normal(resolved), canonical_root_);
        !relative.empty())
      return relative;
  }
  return path.generic_string();
}

void use_report_paths(LintResult& result, const ReportPaths& paths) {
  for (SourceFile& file : result.files) file.path = paths(file.path);
  for (std::vector<InputError>* list : {&result.errors, &result.notes}) {
    for (InputError& e : *list) e.file = paths(e.file);
  }
}

}  // namespace rolelint::cli
