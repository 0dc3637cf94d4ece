#pragma once
// `.rolelint.yaml`: per-repository configuration, found upward from each linted file (or given
// with --config).
//
//   rules:                 # per rule id or name: off, error, warning or info
//     RL202: off
//     RL404: warning
//   accounts:              # the organisation's own account ids
//     - "111122223333"
//   deploy-accounts:       # which account the files under a path deploy to (glob -> id)
//     "prod/**": "444455556666"
//   console-roles:         # role name patterns meant for console Switch Role
//     - "*-console"
//   exclude:               # paths (globs, relative to the config's directory) not to lint
//     - "vendor/**"
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "linter/base/result.hpp"
#include "linter/diagnostics/finding.hpp"

namespace rolelint {

struct Config {
  std::string path;  // the file it was read from
  std::string dir;   // its directory: globs are relative to it
  std::vector<std::pair<std::string, std::optional<Severity>>> rules;  // id: severity, or off
  std::vector<std::string> accounts;
  std::vector<std::pair<std::string, std::string>> deploy_accounts;   // glob -> account id
  std::vector<std::string> console_roles;
  std::vector<std::string> exclude;

  // The configured severity of a rule (by id or name): nullopt when not configured; an inner
  // nullopt when the rule is off.
  std::optional<std::optional<Severity>> rule_setting(std::string_view id, std::string_view name) const;
  // Whether a path (as given to the linter) is excluded.
  bool excluded(std::string_view path) const;
  // The account a path deploys to: the first matching `deploy-accounts` glob's id, or empty.
  std::string deploy_account(std::string_view path) const;
};

// Parses a configuration; an unknown key, an unknown rule or a bad value is an error at its
// offset. `known_rule` tells whether an id or name exists.
Result<Config> parse_config(std::string_view text, std::string path, bool (*known_rule)(std::string_view));

// Glob matching for paths: `*` within one segment, `**` across segments, `?` one character.
bool path_glob_match(std::string_view pattern, std::string_view path);

// The nearest `.rolelint.yaml` in the directory of `file` or above it, or empty.
std::string find_config(std::string_view file);

}  // namespace rolelint
