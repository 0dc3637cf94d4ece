#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a rule id or name in a `rolelint: ignore[...]` comment, or in a CloudFormation resource's
`Metadata: {rolelint: {ignore: [...]}}` list, that suppressed no finding in this run, and one
that names no rule at all. A rule that did not run (not selected, or turned off) is
never reported: whether it would have fired is not known. Off by default; run it with
`--report-unused-ignores` (or `--select RL902`).

## Why is this bad?
A suppression outlives the problem it was written for: the role was renamed, the trust policy
fixed, the resource deleted. Left in place, it silently hides the next real finding at that
spot, for instance a wildcard principal added to the same trust policy later, which would then
reach production as a role anyone can assume. A misspelled rule id suppresses nothing and makes
the author believe the finding is handled.

## Example
```yaml
Resources:
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      RoleName: deploy  # rolelint: ignore[RL301] the name used to be longer
```

## Use instead
```yaml
Resources:
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      RoleName: deploy
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
)md";

bool ran(const SuppressionFacts& facts, const Rule& rule) {
  for (const Rule* r : facts.ran) {
    if (r == &rule) return true;
  }
  return false;
}

void check(const SuppressionFacts& facts, Reporter& report) {
  for (const Suppression& s : facts.suppressions) {
    for (std::size_t k = 0; k < s.rules.size(); ++k) {
      const std::string& id = s.rules[k];
      const Rule* rule = find_rule(id);
      if (!rule) {
        report.report_at(
            s.span,
            str_cat("'", id,
                    "' is not a rule; this suppression suppresses nothing (see --list-rules)"));
      } else if (ran(facts, *rule) && !(k < s.used_rules.size() && s.used_rules[k])) {
        const std::uint32_t nearest = k < s.nearest_lines.size() ? s.nearest_lines[k] : 0;
        report.report_at(
            s.span, nearest == 0
                        ? str_cat("suppression of ", id, " matched no finding; remove it")
                        : str_cat("suppression of ", id, " matched no finding; the nearest ", id,
                                  " finding is on line ", nearest,
                                  ": a suppression covers its own line and the first line of "
                                  "the statement or resource below it"));
      }
    }
  }
}

}  // namespace

constexpr Rule unused_suppression{
    .id = "RL902",
    .name = "unused-suppression",
    .severity = Severity::Warning,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Suppression that suppresses nothing",
    .fix =
        "Remove the rule from the `rolelint: ignore[...]` comment or `Metadata` ignore list, or "
        "the whole suppression",
    .doc = kDoc,
    .source = "rules/rl902_unused_suppression.cpp",
    .check_suppressions = &check,
    .on_by_default = false,
};

}  // namespace rolelint::rules
