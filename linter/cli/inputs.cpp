#include "linter/cli/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include "linter/cli/confined_reader.hpp"
#include "linter/cli/file_read.hpp"

namespace rolelint::cli {
namespace fs = std::filesystem;
namespace {

bool skipped_directory(const fs::path& dir) {
  const std::string name = dir.filename().string();
  return name == ".git" || name == "node_modules" || name == ".terraform";
}

bool is_terraform(const fs::path& p) {
  return source_kind(p.string(), {}) == SourceKind::Terraform;
}

// A name the engine knows the kind of (the text is not looked at here).
bool lintable_extension(const fs::path& p) {
  return source_kind(p.string(), {}) != SourceKind::Unknown;
}

// The identity of a path for "read once": absolute and lexically normal, so `x.yaml`,
// `./x.yaml` and `/abs/x.yaml` are one file.
std::string identity(const fs::path& p) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(p, ec);
  return (ec ? p : absolute).lexically_normal().generic_string();
}

class Collector {
 public:
  Collector(const InputOptions& options, std::vector<InputError>& errors)
      : options_(options), errors_(errors) {
    std::error_code ec;
    if (!options.root.empty()) root_ = fs::canonical(options.root, ec);
  }

  void path(const std::string& p, std::istream& in) {
    if (p == "-") return standard_input(in);
    std::error_code ec;
    const fs::path path(p);
    const fs::file_status status = fs::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
      errors_.push_back({p, 0, 0, open_error_message(ec.value())});
    } else if (!fs::exists(status)) {
      errors_.push_back({p, 0, 0, "no such file or directory"});
    } else if (fs::is_directory(status)) {
      walk(path);
    } else {
      read(path, /*explicit_path=*/true, /*context_only=*/false);
    }
  }

  // Adds the .tf files beside each named .tf file that are not inputs yet, sorted by name.
  void complete_modules() {
    std::set<fs::path> dirs;
    for (const LintInput& input : inputs_) {
      if (input.explicit_path && is_terraform(input.file.path))
        dirs.insert(fs::path(input.file.path).parent_path());
    }
    for (const fs::path& dir : dirs) {
      std::error_code ec;
      std::vector<fs::path> siblings;
      for (fs::directory_iterator it(dir.empty() ? fs::path(".") : dir, ec), end; !ec && it != end;
           it.increment(ec)) {
        if (is_terraform(it->path()) && kind_of(*it) == fs::file_type::regular) {
          siblings.push_back(dir / it->path().filename());
        }
      }
      std::sort(siblings.begin(), siblings.end());
      for (const fs::path& sibling : siblings) {
        read(sibling, false, options_.module_files == ModuleFiles::Context);
      }
    }
  }

  std::vector<LintInput> take() { return std::move(inputs_); }

 private:
  void standard_input(std::istream& in) {
    const std::string name =
        options_.stdin_name.empty() ? std::string(kStdinName) : options_.stdin_name;
    if (!in.good()) {
      errors_.push_back({name, 0, 0, "cannot read standard input: it is closed"});
      return;
    }
    FileRead read = read_stream(in, options_.max_file_bytes);
    if (!read.ok()) {
      errors_.push_back({name, 0, 0, read.error});
      return;
    }
    if (!options_.stdin_name.empty()) seen_.emplace(identity(name), inputs_.size());
    inputs_.push_back(LintInput{SourceFile{name, std::move(read.text)}, true});
  }

  // The type of a directory entry as a walk sees it: a symlink is `symlink` (skipped) unless
  // --follow, then the type of its target.
  fs::file_type kind_of(const fs::directory_entry& entry) const {
    std::error_code ec;
    const fs::file_status own = entry.symlink_status(ec);
    if (ec) return fs::file_type::none;
    if (!fs::is_symlink(own) || !options_.follow_symlinks) return own.type();
    const fs::file_status target = entry.status(ec);
    return ec ? fs::file_type::none : target.type();
  }

  void read(const fs::path& path, bool explicit_path, bool context_only) {
    const auto [at, fresh] = seen_.emplace(identity(path), inputs_.size());
    if (!fresh) {
      if (explicit_path && at->second < inputs_.size()) inputs_[at->second].explicit_path = true;
      return;
    }
    const std::string display = path.generic_string();
    // A walk that does not follow symlinks refuses one that appears between listing and reading.
    FileRead read =
        read_regular_file(path, options_.max_file_bytes, explicit_path || options_.follow_symlinks);
    if (!read.ok()) {
      errors_.push_back({display, 0, 0, read.error});
      return;
    }
    inputs_.push_back(
        LintInput{SourceFile{display, std::move(read.text)}, explicit_path, nullptr, context_only});
    inputs_.back().quote_source = !leads_out_of_root(path);
  }

  // A symlink whose target is outside the root: /etc/shadow behind an x.tf named in CI.
  bool leads_out_of_root(const fs::path& path) const {
    std::error_code ec;
    if (root_.empty() || !fs::is_symlink(fs::symlink_status(path, ec))) return false;
    const fs::path real = fs::canonical(path, ec);
    return ec || !path_within(real, root_);
  }

  void walk(const fs::path& dir) {
    std::error_code ec;
    if (options_.follow_symlinks) {
      // Each directory once: a symlink back up the tree would otherwise never end.
      const fs::path real = fs::canonical(dir, ec);
      if (!ec && !walked_.insert(real).second) return;
    }
    std::vector<fs::path> files, dirs;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      errors_.push_back(
          {dir.generic_string(), 0, 0, "cannot read directory: " + open_error_message(ec.value())});
      return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const fs::file_type type = kind_of(*it);
      if (type == fs::file_type::directory) {
        if (!skipped_directory(it->path())) dirs.push_back(it->path());
      } else if (type == fs::file_type::regular && lintable_extension(it->path())) {
        files.push_back(it->path());
      }
    }
    if (ec)
      errors_.push_back(
          {dir.generic_string(), 0, 0, "cannot read directory: " + open_error_message(ec.value())});
    std::sort(files.begin(), files.end());
    std::sort(dirs.begin(), dirs.end());
    for (const fs::path& f : files) read(f, false, false);
    for (const fs::path& d : dirs) walk(d);
  }

  const InputOptions& options_;
  std::vector<InputError>& errors_;
  std::vector<LintInput> inputs_;
  std::map<std::string, std::size_t>
      seen_;                   // identity -> index in inputs_ (past the end: not read)
  std::set<fs::path> walked_;  // canonical directories walked, with --follow
  fs::path root_;              // canonical --root; empty: none
};

}  // namespace

std::vector<LintInput> collect_inputs(const std::vector<std::string>& paths, std::istream& in,
                                      const InputOptions& options,
                                      std::vector<InputError>& errors) {
  Collector collector(options, errors);
  for (const std::string& p : paths) collector.path(p, in);
  collector.complete_modules();
  return collector.take();
}

}  // namespace rolelint::cli
