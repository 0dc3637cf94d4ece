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
//   quotas:                # IAM quotas the accounts have raised (RL307), up to AWS's maxima
//     trust-policy-size: 4096
//     managed-policies-per-role: 20
//   known-actions:         # actions newer than the action catalog (RL205)
//     - "s3:NewAction"
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "linter/base/result.hpp"
#include "linter/diagnostics/finding.hpp"
#include "linter/model/model.hpp"

namespace rolelint {

struct Config {
  std::string path;  // the file it was read from
  std::string dir;   // its directory: globs are relative to it
  std::vector<std::pair<std::string, std::optional<Severity>>> rules;  // id: severity, or off
  std::vector<std::string> accounts;
  std::vector<std::pair<std::string, std::string>> deploy_accounts;  // glob -> account id
  std::vector<std::string> console_roles;
  std::vector<std::string> exclude;
  model::Quotas quotas;     // `quotas`: raised IAM quotas (AWS's defaults otherwise)
  bool quotas_set = false;  // whether `quotas` was given
  std::vector<std::string>
      known_actions;  // `known-actions`: "service:Action" newer than the catalog

  // The configured severity of a rule (by id or name): nullopt when not configured; an inner
  // nullopt when the rule is off.
  std::optional<std::optional<Severity>> rule_setting(std::string_view id,
                                                      std::string_view name) const;
  // Whether a path (as given to the linter) is excluded.
  bool excluded(std::string_view path) const;
  // The account a path deploys to: the first matching `deploy-accounts` glob's id, or empty.
  std::string deploy_account(std::string_view path) const;
};

// What a configuration may name: `known` tells whether a rule id or name exists; `names` are the
// ids and names a misspelt one is compared with for a "did you mean" (may be empty).
struct ConfigRules {
  bool (*known)(std::string_view) = nullptr;
  std::span<const std::string_view> names;
};

// A configuration and every problem found in it, in document order. Each unknown key, unknown
// rule (with the closest key or rule as a "did you mean") or bad value is an error at its
// offset, and reading goes on past it; what is valid is kept. A YAML syntax error is the only
// error.
struct ConfigParse {
  Config config;
  std::vector<ParseError> errors;
};
ConfigParse parse_config_all(std::string_view text, std::string path, const ConfigRules& rules);

// parse_config_all, keeping only its first error.
Result<Config> parse_config(std::string_view text, std::string path,
                            bool (*known_rule)(std::string_view));

// Glob matching for paths: `*` within one segment, `**` across segments, `?` one character.
bool path_glob_match(std::string_view pattern, std::string_view path);

// The nearest `.rolelint.yaml` in the directory of `file` or above it, or empty.
std::string find_config(std::string_view file);

}  // namespace rolelint
