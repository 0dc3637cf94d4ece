#include "linter/config.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "linter/engine.hpp"
#include "rules/rule.hpp"

using namespace rolelint;

namespace {

bool known(std::string_view id) { return rules::find_rule(id) != nullptr; }

std::uint32_t line_of(std::string_view text, std::uint32_t offset) {
  return LineIndex(text).position(text, offset).line;
}

// Every error of a configuration, as "line:column message".
std::vector<std::string> errors_of(const std::string& text, const ConfigRules& rules) {
  const ConfigParse parsed = parse_config_all(text, ".rolelint.yaml", rules);
  std::vector<std::string> errors;
  for (const ParseError& e : parsed.errors) {
    const Position at = LineIndex(text).position(text, e.offset);
    errors.push_back(std::to_string(at.line) + ":" + std::to_string(at.column) + " " + e.message);
  }
  return errors;
}

}  // namespace

TEST_CASE("a full configuration parses", "[config]") {
  const std::string text =
      "rules:\n"
      "  RL202: off\n"
      "  role-name-too-long: warning\n"
      "accounts: [\"111122223333\"]\n"
      "deploy-accounts:\n"
      "  \"prod/**\": \"444455556666\"\n"
      "console-roles: [\"*-console\"]\n"
      "exclude: [vendor, \"**/generated/*.yaml\"]\n";
  auto c = parse_config(text, "/repo/.rolelint.yaml", known);
  REQUIRE(c.ok());
  const Config& config = c.value();
  CHECK(config.dir == "/repo");
  const auto rl202 = config.rule_setting("RL202", "wildcard-resource");
  REQUIRE(rl202.has_value());
  CHECK_FALSE(rl202->has_value());  // off
  CHECK(config.rule_setting("RL301", "role-name-too-long") ==
        std::optional<std::optional<Severity>>(Severity::Warning));
  CHECK_FALSE(config.rule_setting("RL101", "trust-missing-assume-action"));
  CHECK(config.accounts == std::vector<std::string>{"111122223333"});
  REQUIRE(config.deploy_accounts.size() == 1);
  CHECK(config.deploy_accounts[0].second == "444455556666");
  CHECK(config.excluded("/repo/vendor/x.yaml"));
  CHECK(config.excluded("/repo/a/b/generated/t.yaml"));
  CHECK_FALSE(config.excluded("/repo/src/t.yaml"));
}

TEST_CASE("configuration errors name the line", "[config]") {
  const std::string unknown_key = "rules:\n  RL301: off\nexclued: [x]\n";
  auto c = parse_config(unknown_key, ".rolelint.yaml", known);
  REQUIRE_FALSE(c.ok());
  CHECK(line_of(unknown_key, c.error().offset) == 3);
  CHECK(c.error().message.find("unknown key 'exclued'") != std::string::npos);

  const std::string unknown_rule = "rules:\n  RL301: off\n  RL999: warning\n";
  c = parse_config(unknown_rule, ".rolelint.yaml", known);
  REQUIRE_FALSE(c.ok());
  CHECK(line_of(unknown_rule, c.error().offset) == 3);
  CHECK(c.error().message == "unknown rule 'RL999'");

  const std::string bad_level = "rules:\n  RL301: loud\n";
  c = parse_config(bad_level, ".rolelint.yaml", known);
  REQUIRE_FALSE(c.ok());
  CHECK(line_of(bad_level, c.error().offset) == 2);

  const std::string bad_account = "accounts:\n  - \"1234\"\n";
  c = parse_config(bad_account, ".rolelint.yaml", known);
  REQUIRE_FALSE(c.ok());
  CHECK(line_of(bad_account, c.error().offset) == 2);
}

TEST_CASE("every configuration error is reported, in order, and the valid entries are kept",
          "[config]") {
  const std::string text =
      "rules:\n"
      "  RL3O1: off\n"  // 2: did you mean RL301
      "  RL202: warning\n"
      "  role-name-to-long: loud\n"  // 4: did you mean the name (and the bad level is not reached)
      "  RL301: loud\n"              // 5: bad level
      "exclued: [vendor]\n"          // 6: did you mean exclude
      "colour: red\n"                // 7: nothing close: the list of keys
      "accounts: [\"111122223333\", \"1234\", [x]]\n"  // 8: a bad id, a list that is no string
      "console-roles: [\"*-console\"]\n";
  const std::vector<std::string_view> names = {"RL202", "wildcard-resource", "RL301",
                                               "role-name-too-long"};
  const ConfigParse parsed = parse_config_all(text, ".rolelint.yaml", ConfigRules{known, names});
  CHECK(errors_of(text, ConfigRules{known, names}) ==
        std::vector<std::string>{
            "2:3 unknown rule 'RL3O1'; did you mean 'RL301'?",
            "4:3 unknown rule 'role-name-to-long'; did you mean 'role-name-too-long'?",
            "5:10 rule 'RL301': expected off, error, warning or info",
            "6:1 unknown key 'exclued'; did you mean 'exclude'?",
            "7:1 unknown key 'colour' (rules, accounts, deploy-accounts, console-roles, exclude, "
            "quotas, known-actions)",
            "8:28 '1234' is not a 12-digit account id (quote it)",
            "8:36 expected a string",
        });
  CHECK(parsed.config.rule_setting("RL202", "wildcard-resource") ==
        std::optional<std::optional<Severity>>(Severity::Warning));
  CHECK(parsed.config.accounts == std::vector<std::string>{"111122223333"});
  CHECK(parsed.config.console_roles == std::vector<std::string>{"*-console"});
  // parse_config keeps the first.
  auto first = parse_config(text, ".rolelint.yaml", known);
  REQUIRE_FALSE(first.ok());
  CHECK(first.error().message == "unknown rule 'RL3O1'");
}

TEST_CASE(
    "quotas: raised quotas within AWS's maxima, out of range, unknown or not a number is an error",
    "[config][quotas]") {
  const std::string text =
      "quotas:\n"
      "  trust-policy-size: 4096\n"  // 2: the maximum
      "  managed-policies-per-role: 15\n"
      "  managed-policies-per-user: 21\n"     // 4: over the maximum
      "  trust-polcy-size: 3000\n"            // 5: did you mean
      "  managed-policy-size: 8000\n"         // 6: AWS does not raise it
      "  group-inline-policies-size: big\n"   // 7: not a number
      "  user-inline-policies-size: 1000\n";  // 8: under the default
  const ConfigParse parsed = parse_config_all(text, ".rolelint.yaml", ConfigRules{known, {}});
  CHECK(errors_of(text, ConfigRules{known, {}}) ==
        std::vector<std::string>{
            "4:30 quota 'managed-policies-per-user' must be a number from AWS's default of 10 to "
            "its maximum of 20",
            "5:3 unknown quota 'trust-polcy-size'; did you mean 'trust-policy-size'?",
            "6:24 quota 'managed-policy-size' is 6144: AWS does not raise it",
            "7:31 quota 'group-inline-policies-size' is 5120: AWS does not raise it",
            "8:30 quota 'user-inline-policies-size' is 2048: AWS does not raise it",
        });
  CHECK(parsed.config.quotas_set);
  CHECK(parsed.config.quotas.trust_policy == 4096);
  CHECK(parsed.config.quotas.role_attached == 15);
  CHECK(parsed.config.quotas.user_attached == 10);  // the bad value is not kept
  CHECK(parsed.config.quotas.managed_policy == 6144);

  const std::string low = "quotas:\n  trust-policy-size: 2000\n";
  auto c = parse_config(low, ".rolelint.yaml", known);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message ==
        "quota 'trust-policy-size' must be a number from AWS's default of 2048 to its maximum of "
        "4096");
  CHECK(line_of(low, c.error().offset) == 2);
}

TEST_CASE("known-actions: service:Action names, anything else is an error with a did-you-mean",
          "[config][known-actions]") {
  const std::string text =
      "known-actions:\n"
      "  - \"bedrock:InvokeNewModelKind\"\n"
      "  - sts:AssumeRole*\n"  // 3: a wildcard
      "  - stsAssumeRole\n"    // 4: no service prefix
      "  - [x]\n"              // 5: not a string
      "  - new-service:DoThing\n";
  const ConfigParse parsed = parse_config_all(text, ".rolelint.yaml", ConfigRules{known, {}});
  CHECK(errors_of(text, ConfigRules{known, {}}) ==
        std::vector<std::string>{
            "3:5 'sts:AssumeRole*' is not an action name 'service:Action' (no wildcards); did you "
            "mean 'sts:AssumeRole'?",
            "4:5 'stsAssumeRole' is not an action name 'service:Action' (no wildcards)",
            "5:5 expected a string",
        });
  CHECK(parsed.config.known_actions ==
        std::vector<std::string>{"bedrock:InvokeNewModelKind", "new-service:DoThing"});
  const std::string not_list = "known-actions: s3:NewThing\n";
  auto c = parse_config(not_list, ".rolelint.yaml", known);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message == "expected a list");
}

TEST_CASE("path globs: * stays in a segment, ** crosses them", "[config]") {
  CHECK(path_glob_match("*.yaml", "a.yaml"));
  CHECK_FALSE(path_glob_match("*.yaml", "d/a.yaml"));
  CHECK(path_glob_match("**/*.yaml", "d/e/a.yaml"));
  CHECK(path_glob_match("**/*.yaml", "a.yaml"));
  CHECK(path_glob_match("prod/**", "prod/x/y.tf"));
  CHECK_FALSE(path_glob_match("prod/**", "staging/x.tf"));
  CHECK(path_glob_match("a?c", "abc"));
  CHECK_FALSE(path_glob_match("a?c", "a/c"));
}

TEST_CASE("path globs: segments, ** in the middle and at the end, ? and * never cross a slash",
          "[config]") {
  CHECK(path_glob_match("", ""));
  CHECK_FALSE(path_glob_match("", "a"));
  CHECK(path_glob_match("a/**/b.tf", "a/b.tf"));
  CHECK(path_glob_match("a/**/b.tf", "a/x/y/b.tf"));
  CHECK_FALSE(path_glob_match("a/**/b.tf", "a/xb.tf"));
  CHECK_FALSE(path_glob_match("a/**/b.tf", "ab.tf"));
  CHECK(path_glob_match("**", "a/b/c"));
  CHECK(path_glob_match("**", ""));
  CHECK(path_glob_match("a/**", "a/"));
  CHECK(path_glob_match("**/x/*.yaml", "p/q/x/t.yaml"));
  CHECK_FALSE(path_glob_match("**/x/*.yaml", "p/qx/t.yaml"));
  CHECK(path_glob_match("*/*", "a/b"));
  CHECK_FALSE(path_glob_match("*/*", "a/b/c"));
  CHECK(path_glob_match("*", ""));
  CHECK_FALSE(path_glob_match("?", ""));
  CHECK_FALSE(path_glob_match("?", "/"));
  CHECK(path_glob_match("t*m*l*.yaml", "template.yaml"));
  CHECK_FALSE(path_glob_match("t*m*l*.yaml", "template.yml"));
  CHECK_FALSE(path_glob_match("A.yaml", "a.yaml"));  // paths are case-sensitive
  // `**` not before a slash still crosses segments, resuming at a segment start.
  CHECK(path_glob_match("a**b", "ab"));
  CHECK(path_glob_match("a**b", "a/x/b"));
  CHECK_FALSE(path_glob_match("a**b", "axb"));
}

TEST_CASE("the engine applies a file's configuration to its findings", "[config]") {
  auto off = parse_config("rules:\n  RL301: off\n", "/x/.rolelint.yaml", known);
  auto info = parse_config("rules:\n  RL301: info\n", "/y/.rolelint.yaml", known);
  REQUIRE(off.ok());
  REQUIRE(info.ok());
  const std::string text =
      "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: " +
      std::string(70, 'a') + "\n";
  std::vector<LintInput> inputs;
  inputs.push_back({SourceFile{"/x/t.yaml", text}, true, &off.value()});
  inputs.push_back({SourceFile{"/y/t.yaml", text}, true, &info.value()});
  inputs.push_back({SourceFile{"/z/t.yaml", text}, true, nullptr});
  LintOptions options;
  options.rules = rules::all_rules();
  LintResult r = lint(std::move(inputs), options);
  std::vector<std::pair<FileId, Severity>> rl301;
  for (const Finding& f : r.findings) {
    if (f.rule_id == "RL301") rl301.emplace_back(f.span.file, f.severity);
  }
  CHECK(rl301 ==
        std::vector<std::pair<FileId, Severity>>{{1, Severity::Info}, {2, Severity::Error}});
}
