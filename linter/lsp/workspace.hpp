#pragma once
// What the server lints: every CloudFormation and Terraform file under the workspace folders
// (read from disk once, then again when the client reports changes), with the text of each open
// document in place of its file, each file under the nearest `.rolelint.yaml` as on the command
// line. Documents outside the folders are linted with the rest of their Terraform module.
// Used by one thread at a time (the server's lint thread).
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "linter/config.hpp"
#include "linter/engine.hpp"
#include "parsers/parse_cache.hpp"

namespace rolelint::lsp {

struct OpenFile {
  std::string path;
  std::string text;        // empty when too large
  std::size_t size = 0;    // of the document's text
  bool too_large = false;  // over the document limit: reported as an error, never linted
  std::size_t limit = 0;   // that limit, for the message
};

class Workspace {
 public:
  void set_roots(std::vector<std::string> roots);
  // The files on disk changed: list and read the folders again at the next lint.
  void forget_files() { disk_.reset(); }
  // A configuration changed: read every .rolelint.yaml again at the next lint.
  void forget_configs() {
    configs_.clear();
    config_of_.clear();
  }
  const std::vector<std::string>& roots() const { return roots_; }

  LintResult lint(const std::vector<OpenFile>& open, std::span<const rules::Rule* const> rules,
                  unsigned jobs);

 private:
  struct Disk {
    std::vector<LintInput> inputs;
    std::vector<InputError> errors;
  };
  struct LoadedConfig {
    std::unique_ptr<Config> config;  // null when it did not parse
    std::vector<InputError> errors;
  };
  bool under_root(const std::string& path) const;
  // The configuration of a file; its errors go to `errors` once per lint (`reported`).
  const Config* config_for(const std::string& file, std::set<std::string>& reported,
                           std::vector<InputError>& errors);
  std::vector<std::string> roots_;
  std::unique_ptr<Disk> disk_;
  std::map<std::string, LoadedConfig> configs_;   // by the configuration's path
  std::map<std::string, std::string> config_of_;  // file -> its configuration's path, or empty
  // The pieces of every file the last lint parsed: the next parses only what changed.
  ParseCache parse_cache_;
};

// A path as the server compares paths: absolute, lexically normal, '/'-separated.
std::string normal_path(const std::string& path);

// Whether a path names a rolelint configuration (it is read as one, not linted as a template).
bool is_config_path(std::string_view path);

}  // namespace rolelint::lsp
