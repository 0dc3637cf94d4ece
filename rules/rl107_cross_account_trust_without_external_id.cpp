#include <algorithm>
#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a trust policy that lets an account outside your organisation assume the role without an
`sts:ExternalId` condition. The rule runs only for files whose `.rolelint.yaml` lists the
organisation's own accounts (`accounts`); an account is outside when it is neither in that list
nor the account the file deploys to (`deploy-accounts`). The trusted account is read from a
12-digit account id or the account field of a principal ARN; a parameter, a variable or any
other unknown account is never reported, nor is a statement whose condition requires
`aws:PrincipalOrgID` or `aws:PrincipalOrgPaths`. Roles meant for console use are left to RL305,
because Switch Role cannot pass an ExternalId.

## Why is this bad?
A third party that assumes roles in many customers' accounts (a SaaS vendor, a monitoring
service) can be tricked by another of its customers into using your role: the confused deputy
problem. AWS's defence is the ExternalId the third party issues to you and sends with every
`AssumeRole`; without an `sts:ExternalId` condition in the trust policy, anyone who can make the
third party call `AssumeRole` with your role's ARN gets your permissions.

## Configuration
```yaml
accounts: ["111122223333", "222233334444"]
```

## Example
```yaml
Resources:
  VendorAccess:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::999988887777:root" }
            Action: sts:AssumeRole
```

## Use instead
```yaml
Resources:
  VendorAccess:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::999988887777:root" }
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                sts:ExternalId: "7f3c1e42-vendor-issued"
```

## Known limits
Only the configuration says which accounts are yours; without `accounts` the rule is silent. An
`...IfExists` operator on `sts:ExternalId` does not require the key and is reported.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
)md";

// Conditions that keep callers outside the organisation out, or that a third party must meet.
constexpr std::array<std::string_view, 3> kGates = {"sts:ExternalId", "aws:PrincipalOrgID",
                                                    "aws:PrincipalOrgPaths"};

bool gated(const model::Statement& stmt) {
  // Unknown counts as gated: only a condition known not to require any of them is reported.
  return std::any_of(kGates.begin(), kGates.end(), [&](std::string_view key) {
    return model::requires_condition_key(stmt, key) != Tri::False;
  });
}

// The outside account a principal identifier certainly names, if any of its options does.
std::optional<std::string> outside_account(const model::Value& id,
                                           const model::AccountFacts& facts) {
  for (const model::Template& option : id.options()) {
    const model::PrincipalAccount account = model::principal_account(option);
    if (account.kind != model::PrincipalAccount::Kind::Literal ||
        account.id == facts.deploy_account)
      continue;
    if (std::find(facts.organisation.begin(), facts.organisation.end(), account.id) ==
        facts.organisation.end()) {
      return account.id;
    }
  }
  return std::nullopt;
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  if (model.accounts.empty()) return;
  for (const model::Role& role : model.roles) {
    const model::AccountFacts& facts = model.accounts_of(role.origin.file);
    if (facts.organisation.empty()) continue;
    struct Trusted {
      const model::Value* id;
      std::string account;
      std::string note;  // the branch of the statement's Condition (model::branch_note)
    };
    std::vector<Trusted> trusted;  // outside accounts
    for (const model::Statement& stmt : role.trust.statements) {
      if (stmt.is_allow() != Tri::True || stmt.not_principal || gated(stmt)) continue;
      for (const model::Principal& p : stmt.principals) {
        if (p.type != model::PrincipalType::AWS) continue;
        for (const model::Value& id : p.ids.values) {
          if (auto account = outside_account(id, facts))
            trusted.push_back({&id, std::move(*account), model::branch_note(stmt)});
        }
      }
    }
    if (trusted.empty()) continue;
    if (context.console_intents().of(role))
      continue;  // RL305's concern: Switch Role sends no ExternalId
    for (const Trusted& t : trusted) {
      report.report(t.id->span(), role.origin,
                    str_cat(role.origin.label("role"), " trusts account ", t.account,
                            ", which is not one of the organisation's accounts, without requiring "
                            "sts:ExternalId",
                            t.note));
    }
  }
}

}  // namespace

constexpr Rule cross_account_trust_without_external_id{
    .id = "RL107",
    .name = "cross-account-trust-without-external-id",
    .severity = Severity::Warning,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Trust to an account outside the organisation without an ExternalId condition",
    .fix =
        "Require the ExternalId the third party issued you with a StringEquals sts:ExternalId "
        "condition",
    .doc = kDoc,
    .source = "rules/rl107_cross_account_trust_without_external_id.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
