#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a `rolelint: ignore[...]` comment that gives no reason after the closing bracket.

## Why is this bad?
A suppression silences a check that exists because AWS would deny an `AssumeRole`, reject a
deploy, or let an unintended principal in. Without a reason, the next reader cannot tell a
deliberate, reviewed exception (a vendor's documented trust policy, a name fixed by another
system) from a quick way to get a red build green, and nobody can tell when it may be removed.

## Example
```yaml
Resources:
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      RoleName: platform-team-continuous-delivery-pipeline-deployment-role-production  # rolelint: ignore[RL301]
```

## Use instead
```yaml
Resources:
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      RoleName: platform-team-continuous-delivery-pipeline-deployment-role-production  # rolelint: ignore[RL301] name fixed by the landing zone, PLAT-112
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
)md";

void check(const SuppressionFacts& facts, Reporter& report) {
  for (const Suppression& s : facts.suppressions) {
    if (!s.reason.empty() || s.resource.valid())
      continue;  // a resource's list has no place for one
    std::string ids;
    for (const std::string& id : s.rules) ids += (ids.empty() ? "" : ", ") + id;
    report.report_at(s.span, str_cat("suppression of ", ids.empty() ? "nothing" : ids,
                                     " gives no reason; say why after the closing bracket"));
  }
}

}  // namespace

constexpr Rule suppression_without_reason{
    .id = "RL901",
    .name = "suppression-without-reason",
    .severity = Severity::Warning,
    .formats = kCfnYaml | kTerraform,
    .summary = "Inline suppression without a reason",
    .fix =
        "Write why the finding does not apply after the closing bracket: `# rolelint: "
        "ignore[RL301] reason`",
    .doc = kDoc,
    .source = "rules/rl901_suppression_without_reason.cpp",
    .check_suppressions = &check,
};

}  // namespace rolelint::rules
