#include <algorithm>

#include "linter/base/str_cat.hpp"
#include "linter/model/statement_grammar.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a trust policy in which no `Allow` statement grants a principal the assume action it
needs: `sts:AssumeRole` for `AWS` and `Service` principals, `sts:AssumeRoleWithSAML` for a SAML
provider, `sts:AssumeRoleWithWebIdentity` for an OIDC provider or a web identity
(`cognito-identity.amazonaws.com`, `accounts.google.com`, `graph.facebook.com`,
`www.amazon.com`). Wildcards count (`sts:*`, `sts:Assume*`, `*`), action names are compared
case-insensitively, and `sts:TagSession` alone does not count. A trust policy with no usable
`Allow` statement at all is reported at the policy. When a statement is malformed (no `Effect`,
an `Effect` other than `Allow` or `Deny`, neither or both of `Action` and `NotAction`), the
message says so: IAM rejects such a policy, which is why nobody can assume the role.

## Why is this bad?
STS checks the role's trust policy for the very action the caller uses. A trust policy that
names the right principal with the wrong action (`sts:AssumeRole` for a GitHub Actions OIDC
provider, `sts:AssumeRoleWithSAML` for a user) denies every attempt: the role cannot be assumed
and the caller gets `AccessDenied`.

## Example
```yaml
Resources:
  GitHubDeploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Federated: arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com
            Action: sts:AssumeRole
```

## Use instead
```yaml
Resources:
  GitHubDeploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Federated: arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com
            Action: sts:AssumeRoleWithWebIdentity
```

## Exceptions
When this rule reports that a trust policy has no usable Allow statement, RL206
(policy-version) does not also report the policy's Version: nobody can use the role either way.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html
- https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
)md";

constexpr std::string_view kWebIdentityHosts[] = {"cognito-identity.amazonaws.com",
                                                  "accounts.google.com", "graph.facebook.com",
                                                  "www.amazon.com"};

// The assume action a principal identifier needs, or empty when it cannot be told.
std::string_view needed_action(const model::Principal& p, const model::Value& id) {
  if (p.type == model::PrincipalType::AWS || p.type == model::PrincipalType::Service)
    return "sts:AssumeRole";
  if (p.type != model::PrincipalType::Federated) return {};
  const auto text = id.known();
  if (!text) {
    // A partly known provider ARN still tells its kind.
    for (const model::Template& t : id.options()) {
      for (const model::Part& part : t.parts()) {
        if (part.is_hole()) continue;
        if (part.text.find(":saml-provider/") != std::string::npos) return "sts:AssumeRoleWithSAML";
        if (part.text.find(":oidc-provider/") != std::string::npos)
          return "sts:AssumeRoleWithWebIdentity";
      }
    }
    return {};  // unknown: not reported
  }
  if (text->find(":saml-provider/") != std::string::npos) return "sts:AssumeRoleWithSAML";
  if (text->find(":oidc-provider/") != std::string::npos) return "sts:AssumeRoleWithWebIdentity";
  for (std::string_view host : kWebIdentityHosts) {
    if (*text == host) return "sts:AssumeRoleWithWebIdentity";
  }
  return {};
}

bool same_principal(const model::Principal& a, const model::Value& a_id,
                    const model::Principal& b) {
  if (a.type != b.type) return false;
  for (const model::Value& id : b.ids.values) {
    // The same text, or the same partly known template (`${Account}` in both statements).
    if (!id.options().empty() && std::ranges::equal(id.options(), a_id.options())) return true;
  }
  return false;
}

// Whether some Allow statement naming this principal grants `action` (Tri).
Tri granted(const model::PolicyDocument& trust, const model::Principal& p, const model::Value& id,
            std::string_view action) {
  Tri result = Tri::False;
  for (const model::Statement& s : trust.statements) {
    const Tri allow = s.is_allow();
    if (allow == Tri::False || s.not_principal) continue;
    bool names_it = s.principals_unknown;
    for (const model::Principal& other : s.principals) {
      names_it = names_it || &other == &p || same_principal(p, id, other) ||
                 other.type == model::PrincipalType::Star;
    }
    if (!names_it) continue;
    result = model::tri_or(result, model::tri_and(allow, s.covers_action(action)));
  }
  return result;
}

// Why a trust policy has no usable Allow statement: a malformed statement (no Effect, an Effect
// other than Allow or Deny, no Action) when there is one, IAM's reason to reject the policy.
std::string what_is_missing(const model::PolicyDocument& trust) {
  for (const model::Statement& s : trust.statements) {
    auto problem = model::effect_problem(s);
    if (!problem) problem = model::action_problem(s);
    if (problem) return str_cat("has a malformed statement (", problem->message, ")");
  }
  return "has no Allow statement with a principal";
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  for (const model::Role& role : model.roles) {
    const model::PolicyDocument& trust = role.trust;
    if (!trust.present || trust.statements_unknown) continue;  // unknown: not reported
    bool usable = false;
    for (const model::Statement& s : trust.statements) {
      usable = usable || (s.is_allow() != Tri::False && (s.has_principal || s.principals_unknown));
    }
    if (!usable) {
      report.report(trust.span, role.origin,
                    str_cat("trust policy of ", role.origin.label("role"), " ",
                            what_is_missing(trust), ": nobody can assume the role"));
      continue;
    }
    for (const model::Statement& s : trust.statements) {
      if (s.is_allow() != Tri::True || s.not_principal) continue;
      bool reported = false;
      for (const model::Principal& p : s.principals) {
        for (const model::Value& id : p.ids.values) {
          const std::string_view action = needed_action(p, id);
          if (action.empty() || granted(trust, p, id, action) != Tri::False) continue;
          const auto malformed = model::action_problem(s);
          report.report(
              s.span, role.origin,
              str_cat("principal '", id.display(), "' cannot assume ", role.origin.label("role"),
                      ": ",
                      malformed ? str_cat("its statement is malformed (", malformed->message, ")")
                                : str_cat("no Allow statement grants ", action)));
          reported = true;
          break;
        }
        if (reported) break;
      }
    }
  }
}

// A trust policy nobody can use: its Version is not the problem to fix first (RL206's doc).
constexpr std::string_view kSubsumes[] = {"RL206"};

}  // namespace

constexpr Rule trust_missing_assume_action{
    .id = "RL101",
    .name = "trust-missing-assume-action",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "Trust policy does not allow the assume action its principal needs",
    .fix =
        "Allow sts:AssumeRole for AWS and Service principals, sts:AssumeRoleWithSAML for SAML and "
        "sts:AssumeRoleWithWebIdentity for OIDC providers",
    .doc = kDoc,
    .source = "rules/rl101_trust_missing_assume_action.cpp",
    .check = &check,
    .subsumes = kSubsumes,
};

}  // namespace rolelint::rules
