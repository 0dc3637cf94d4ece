#include "linter/lsp/workspace.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <utility>

#include "linter/base/str_cat.hpp"
#include "linter/cli/config_text.hpp"
#include "linter/cli/confined_reader.hpp"
#include "linter/cli/inputs.hpp"
#include "rules/rule.hpp"

namespace rolelint::lsp {
namespace fs = std::filesystem;

std::string normal_path(const std::string& path) {
  return fs::path(path).lexically_normal().generic_string();
}

bool is_config_path(std::string_view path) { return fs::path(path).filename() == ".rolelint.yaml"; }

namespace {

// Whether an open document's parse errors are reported: a Terraform file always; a YAML or JSON
// file only when it looks like a template. An editor sends every YAML and JSON file it opens
// (tsconfig.json with its comments, a compose file half typed), and those are none of ours.
bool reports_parse_errors(std::string_view path, std::string_view text) {
  if (fs::path(path).extension() == ".tf") return true;
  return text.find("AWSTemplateFormatVersion") != std::string_view::npos ||
         text.find("Resources") != std::string_view::npos;
}

}  // namespace

void Workspace::set_roots(std::vector<std::string> roots) {
  for (std::string& root : roots) root = normal_path(root);
  roots_ = std::move(roots);
  disk_.reset();
}

bool Workspace::under_root(const std::string& path) const {
  for (const std::string& root : roots_) {
    if (path.starts_with(root) &&
        (path.size() == root.size() || path[root.size()] == '/' || root.ends_with('/'))) {
      return true;
    }
  }
  return false;
}

const Config* Workspace::config_for(const std::string& file, std::set<std::string>& reported,
                                    std::vector<InputError>& errors) {
  auto [where, fresh] = config_of_.try_emplace(file);
  if (fresh) where->second = find_config(file);
  const std::string& path = where->second;
  if (path.empty()) return nullptr;
  auto [it, unread] = configs_.try_emplace(path);
  LoadedConfig& loaded = it->second;
  if (unread) {
    std::ifstream in(path, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in && !in.eof()) {
      loaded.errors.push_back({path, 0, 0, "cannot read the configuration"});
    } else {
      loaded.config = cli::read_config_text(text, path, loaded.errors);
    }
  }
  if (reported.insert(path).second)
    errors.insert(errors.end(), loaded.errors.begin(), loaded.errors.end());
  return loaded.config.get();
}

LintResult Workspace::lint(const std::vector<OpenFile>& open,
                           std::span<const rules::Rule* const> rules, unsigned jobs) {
  std::istringstream no_stdin;
  if (!disk_) {
    disk_ = std::make_unique<Disk>();
    if (!roots_.empty()) {
      cli::InputOptions options;
      options.module_files = cli::ModuleFiles::Report;
      disk_->inputs = cli::collect_inputs(roots_, no_stdin, options, disk_->errors);
    }
  }
  std::vector<LintInput> inputs;
  std::vector<InputError> errors = disk_->errors;
  std::map<std::string, const OpenFile*> by_path;
  for (const OpenFile& file : open) by_path[normal_path(file.path)] = &file;
  std::set<std::string> have;
  for (const LintInput& input : disk_->inputs) {
    const std::string path = normal_path(input.file.path);
    if (by_path.contains(path) || is_config_path(path)) continue;  // the open text stands in below
    inputs.push_back(input);
    have.insert(path);
  }
  for (const auto& [path, file] : by_path) {
    if (is_config_path(path)) continue;
    if (file->too_large) {
      errors.push_back({file->path, 0, 0,
                        str_cat("document is ", file->size, " bytes, larger than the limit of ",
                                file->limit, " bytes: not linted")});
      continue;
    }
    inputs.push_back(
        LintInput{SourceFile{path, file->text}, reports_parse_errors(path, file->text)});
    have.insert(path);
    if (fs::path(path).extension() != ".tf" || under_root(path)) continue;
    // A Terraform document outside the folders: the rest of its module, for references.
    std::vector<InputError> ignored;
    for (LintInput& sibling : cli::collect_inputs({path}, no_stdin, cli::InputOptions{}, ignored)) {
      const std::string sibling_path = normal_path(sibling.file.path);
      if (by_path.contains(sibling_path) || !have.insert(sibling_path).second) continue;
      sibling.file.path = sibling_path;
      inputs.push_back(std::move(sibling));
    }
  }
  std::set<std::string> configs_reported;
  std::erase_if(inputs, [&](LintInput& input) {
    input.config = config_for(input.file.path, configs_reported, errors);
    return input.config && !input.explicit_path && input.config->excluded(input.file.path);
  });
  LintOptions options;
  options.rules = rules;
  options.jobs = jobs;
  // Terraform's file() reads as on the command line: regular files inside the workspace's root.
  options.read_file =
      cli::confined_reader(roots_.empty() ? cli::default_root(".") : fs::path(roots_.front()),
                           cli::InputOptions{}.max_file_bytes);
  options.parse_cache = &parse_cache_;
  LintResult result = rolelint::lint(std::move(inputs), options);
  parse_cache_.sweep();
  result.errors.insert(result.errors.begin(), errors.begin(), errors.end());
  return result;
}

}  // namespace rolelint::lsp
