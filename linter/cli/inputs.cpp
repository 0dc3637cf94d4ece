#include "linter/cli/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <system_error>

#include "linter/base/str_cat.hpp"

namespace rolelint::cli {
namespace fs = std::filesystem;
namespace {

bool skipped_directory(const fs::path& dir) {
  const std::string name = dir.filename().string();
  return name == ".git" || name == "node_modules" || name == ".terraform";
}

bool lintable_extension(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".template" || ext == ".tf";
}

void read_file(const fs::path& path, bool explicit_path, const InputLimits& limits,
               std::vector<LintInput>& inputs, std::vector<InputError>& errors, bool context_only = false) {
  std::error_code ec;
  const std::string display = path.generic_string();
  const auto size = fs::file_size(path, ec);
  if (ec) {
    errors.push_back({display, 0, 0, str_cat("cannot read: ", ec.message())});
    return;
  }
  if (size > limits.max_file_bytes) {
    errors.push_back({display, 0, 0,
                      str_cat("file is ", size, " bytes, larger than the limit of ",
                              limits.max_file_bytes, " bytes (--max-file-size)")});
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back({display, 0, 0, "cannot read: permission denied or not a regular file"});
    return;
  }
  std::string text;
  text.resize(size);
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (!in && !in.eof()) {
    errors.push_back({display, 0, 0, "cannot read: I/O error"});
    return;
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  inputs.push_back(LintInput{SourceFile{display, std::move(text)}, explicit_path, nullptr, context_only});
}

std::string normal(const std::string& path) {
  return fs::path(path).lexically_normal().generic_string();
}

bool is_terraform(const std::string& path) { return fs::path(path).extension() == ".tf"; }

// Adds the .tf files beside each named .tf file that are not inputs yet, sorted by name.
void complete_modules(const InputLimits& limits, ModuleFiles module_files, std::vector<LintInput>& inputs,
                      std::vector<InputError>& errors) {
  std::set<std::string> have;
  std::set<fs::path> dirs;
  for (const LintInput& input : inputs) {
    have.insert(normal(input.file.path));
    if (input.explicit_path && is_terraform(input.file.path)) dirs.insert(fs::path(input.file.path).parent_path());
  }
  for (const fs::path& dir : dirs) {
    std::error_code ec;
    std::vector<fs::path> siblings;
    for (fs::directory_iterator it(dir.empty() ? fs::path(".") : dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code type_ec;
      if (it->path().extension() == ".tf" && it->is_regular_file(type_ec)) {
        siblings.push_back(dir / it->path().filename());
      }
    }
    std::sort(siblings.begin(), siblings.end());
    for (const fs::path& sibling : siblings) {
      if (!have.insert(normal(sibling.generic_string())).second) continue;
      read_file(sibling, false, limits, inputs, errors, module_files == ModuleFiles::Context);
    }
  }
}

void walk(const fs::path& dir, const InputLimits& limits, std::vector<LintInput>& inputs,
          std::vector<InputError>& errors) {
  std::error_code ec;
  std::vector<fs::path> files, dirs;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    errors.push_back({dir.generic_string(), 0, 0, str_cat("cannot read directory: ", ec.message())});
    return;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::directory_entry& entry = *it;
    std::error_code type_ec;
    if (entry.is_directory(type_ec)) {
      if (!entry.is_symlink(type_ec) && !skipped_directory(entry.path())) dirs.push_back(entry.path());
    } else if (entry.is_regular_file(type_ec) && lintable_extension(entry.path())) {
      files.push_back(entry.path());
    }
  }
  if (ec) errors.push_back({dir.generic_string(), 0, 0, str_cat("cannot read directory: ", ec.message())});
  std::sort(files.begin(), files.end());
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& f : files) read_file(f, false, limits, inputs, errors);
  for (const fs::path& d : dirs) walk(d, limits, inputs, errors);
}

}  // namespace

std::vector<LintInput> collect_inputs(const std::vector<std::string>& paths, std::istream& in,
                                      const std::string& stdin_name, const InputLimits& limits,
                                      ModuleFiles module_files, std::vector<InputError>& errors) {
  std::vector<LintInput> inputs;
  for (const std::string& p : paths) {
    if (p == "-") {
      std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      inputs.push_back(LintInput{SourceFile{stdin_name.empty() ? "<stdin>" : stdin_name, std::move(text)}, true});
      continue;
    }
    std::error_code ec;
    const fs::path path(p);
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      errors.push_back({p, 0, 0, "no such file or directory"});
    } else if (fs::is_directory(status)) {
      walk(path, limits, inputs, errors);
    } else {
      read_file(path, true, limits, inputs, errors);
    }
  }
  complete_modules(limits, module_files, inputs, errors);
  return inputs;
}

}  // namespace rolelint::cli
