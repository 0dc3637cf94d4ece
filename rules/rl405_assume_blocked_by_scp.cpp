#include <set>
#include <string>
#include <tuple>

#include "linter/base/str_cat.hpp"
#include "linter/model/request.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a statement of an AWS Organizations policy defined in the linted files
(`AWS::Organizations::Policy` with `Type` and `TargetIds`; Terraform `aws_organizations_policy`
and `aws_organizations_policy_attachment`) that denies `sts:AssumeRole` to a caller -> role pair
the files otherwise allow: the caller's policy grants `sts:AssumeRole` on the role and the role's
trust policy trusts the caller.

Which organisation policies apply follows AWS's policy evaluation logic:
- a **service control policy** (`SERVICE_CONTROL_POLICY`) restricts the principals of the
  accounts it applies to: it counts when it is attached to the **caller's** account;
- a **resource control policy** (`RESOURCE_CONTROL_POLICY`) restricts the resources of the
  accounts it applies to, and the role is the resource of `sts:AssumeRole`: it counts when it is
  attached to the **role's** account.

The accounts come from the configuration's `deploy-accounts` (or a Terraform module's provider).
A policy counts only when one of its targets is the account's 12-digit id: a root or an
organizational unit (`r-...`, `ou-...`, or a reference to one) is not known to hold the account
(an account the files create gets its id only when it is created), so it stays silent. The
statement's conditions are evaluated against what the files say of the request
(`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:ResourceAccount`, `aws:PrincipalType`); any
other key (`aws:PrincipalOrgID`, tags, the source IP) leaves the statement undecided, and the rule
silent.

## Why is this bad?
AWS evaluates SCPs and RCPs before any identity or resource policy: an explicit deny in one of
them overrides every grant and trust the accounts' own policies hold. The pair looks right in
each account's template, and every `AssumeRole` call fails with `AccessDenied`, which names
neither the organisation nor the policy.

## Configuration
```yaml
deploy-accounts:
  "identity/**": "111111111111"
  "workloads/**": "222222222222"
  "organization/**": "999999999999"
```

## Example
```yaml
# file: organization/scps.yaml
Resources:
  NoAssume:
    Type: AWS::Organizations::Policy
    Properties:
      Name: no-assume
      Type: SERVICE_CONTROL_POLICY
      TargetIds: ["111111111111"]
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: sts:AssumeRole
            Resource: "*"
# file: identity/users.yaml
Resources:
  Bob:
    Type: AWS::IAM::User
    Properties:
      UserName: Bob
      Policies:
        - PolicyName: assume-alice
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: arn:aws:iam::222222222222:role/Alice
# file: workloads/roles.yaml
Resources:
  Alice:
    Type: AWS::IAM::Role
    Properties:
      RoleName: Alice
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111111111111:user/Bob" }
            Action: sts:AssumeRole
```

## Use instead
```yaml
# file: organization/scps.yaml
Resources:
  NoAssume:
    Type: AWS::Organizations::Policy
    Properties:
      Name: no-assume
      Type: SERVICE_CONTROL_POLICY
      TargetIds: ["111111111111"]
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: sts:AssumeRole
            Resource: "*"
            Condition:
              ArnNotLike:
                aws:PrincipalArn: arn:aws:iam::*:user/Bob
# file: identity/users.yaml
Resources:
  Bob:
    Type: AWS::IAM::User
    Properties:
      UserName: Bob
      Policies:
        - PolicyName: assume-alice
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: arn:aws:iam::222222222222:role/Alice
# file: workloads/roles.yaml
Resources:
  Alice:
    Type: AWS::IAM::Role
    Properties:
      RoleName: Alice
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111111111111:user/Bob" }
            Action: sts:AssumeRole
```

## Known limits
SCPs and RCPs do not affect the management account. The account the organisation's own files
deploy to may be the management account, so a policy never counts for that account; any other
account a policy names is taken to be a member. The allow-list strategy (every policy that
applies to an account is known and none allows `sts:AssumeRole`) is not used: the files never
prove that they show every policy of the root, the organizational units and the account
(`FullAWSAccess` and `RCPFullAWSAccess` are attached by AWS itself), so only explicit denies are
reported.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
- https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
- https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
- https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_authorization_policies.html
)md";

void check(const Context& context, Reporter& report) {
  const model::Entities& entities = context.entities();
  // A pair the files define from both sides has an edge for each: one finding per statement.
  std::set<std::tuple<const model::Origin*, const model::Role*, const model::Statement*>> reported;
  for (const model::AssumeEdge& edge : context.assume_edges()) {
    if (edge.granted != Tri::True || edge.trusted != Tri::True) continue;  // unknown: not reported
    const model::AssumeRequest request = model::assume_request(entities, edge.caller, *edge.role);
    const model::OrganizationBlock block = model::organization_block(entities, request);
    if (!block.policy || !reported.emplace(edge.caller.origin, edge.role, block.deny).second)
      continue;
    const std::string kind =
        block.resource_control ? "resource control policy" : "service control policy";
    const std::string& account =
        block.resource_control ? request.role_account : request.caller_account;
    report.report(
        block.deny->span, block.policy->origin,
        str_cat(kind, " '", block.policy->origin.source_id, "' of account ", account, " denies ",
                edge.caller.origin->label(model::kind_name(edge.caller.kind)), " (account ",
                request.caller_account, ") sts:AssumeRole on ", edge.role->origin.label("role"),
                " (account ", request.role_account, "), which their own policies allow"),
        {RelatedLocation{edge.grant ? edge.grant->span() : edge.caller.origin->span, "the grant"},
         RelatedLocation{edge.trust ? edge.trust->span() : edge.role->trust.span, "the trust"}});
  }
}

}  // namespace

constexpr Rule assume_blocked_by_scp{
    .id = "RL405",
    .name = "assume-blocked-by-scp",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary =
        "Service or resource control policy denies an assumption the accounts' policies allow",
    .fix =
        "Exempt the pair in the organisation policy's condition, or drop the grant and the trust",
    .doc = kDoc,
    .source = "rules/rl405_assume_blocked_by_scp.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
