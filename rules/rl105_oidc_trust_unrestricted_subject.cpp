#include <array>

#include "linter/base/str_cat.hpp"
#include "rules/rule.hpp"

namespace rolelint::rules {
namespace {

constexpr std::string_view kDoc = R"md(
## What it does
Flags a role that trusts a CI/CD system's OpenID Connect provider (GitHub Actions
`token.actions.githubusercontent.com`, GitLab `gitlab.com` or a self-managed GitLab, HCP
Terraform `app.terraform.io`, Bitbucket Pipelines, CircleCI) for
`sts:AssumeRoleWithWebIdentity` without a condition on the token's `sub` claim, or with one
that matches every repository or project (`*`, `repo:*`, `project_path:*`,
`organization:*`). For GitHub it also flags a missing condition on the `aud` claim; alone,
that finding is reported at warning level.

## Why is this bad?
The provider signs tokens for every repository and pipeline it hosts, not only yours. Without a
condition on `sub`, any GitHub repository (or GitLab project, Terraform workspace) in the world
can obtain a token the role accepts and assume the role: this is how CI roles get taken over.

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
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals:
                token.actions.githubusercontent.com:aud: sts.amazonaws.com
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
            Condition:
              StringEquals:
                token.actions.githubusercontent.com:aud: sts.amazonaws.com
              StringLike:
                token.actions.githubusercontent.com:sub: repo:octo-org/octo-repo:ref:refs/heads/main
```

## References
- https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub
- https://docs.gitlab.com/ci/cloud_services/aws/
)md";

// The OIDC provider host of a Federated principal naming a CI system's provider, or empty.
std::string ci_provider(const model::Value& id) {
  if (id.options().size() != 1) return {};
  const model::Template& t = id.options().front();
  // The provider is known from the literal text after the last hole (an account id may be a
  // variable: arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com).
  const std::string text = t.is_known() ? std::string(*t.known()) : t.known_suffix();
  constexpr std::string_view kMarker = ":oidc-provider/";
  const auto at = text.find(kMarker);
  if (at == std::string::npos && !t.is_known()) return {};
  const std::string host = at == std::string::npos ? text : text.substr(at + kMarker.size());
  constexpr std::array<std::string_view, 5> kCiHosts = {
      "token.actions.githubusercontent.com", "app.terraform.io", "api.bitbucket.org/",
      "oidc.circleci.com/", "gitlab"};
  for (std::string_view ci : kCiHosts) {
    if (host.starts_with(ci) || (ci == "gitlab" && host.find("gitlab") != std::string::npos)) return host;
  }
  return {};
}

// Whether a sub pattern lets any repository or project in: "*", or a scheme then a wildcard.
bool matches_everything(std::string_view value) {
  if (value.empty()) return false;
  if (value.find_first_not_of("*") == std::string_view::npos) return true;
  const auto colon = value.find(':');
  return colon != std::string_view::npos && colon + 1 < value.size() && value[colon + 1] == '*';
}

enum class Claim { Missing, Everything, Restricted };

// How the statement constrains `host:claim` (unknown values count as restricted).
Claim claim(const model::Statement& stmt, std::string_view host, std::string_view name) {
  // The key is the provider URL (with its path, for Bitbucket and CircleCI) and the claim.
  const std::string key = str_cat(host, ":", name);
  bool any = false;
  for (const model::ConditionEntry& c : stmt.conditions) {
    if (!model::iequals(c.key, key) || c.op.find("Not") != std::string::npos) continue;
    any = true;
    if (c.values.unknown_items || c.values.values.empty()) return Claim::Restricted;
    for (const model::Value& v : c.values.values) {
      const auto text = v.known();
      if (!text || !matches_everything(*text)) return Claim::Restricted;
    }
  }
  return any ? Claim::Everything : Claim::Missing;
}

void check(const Context& context, Reporter& report) {
  const model::Model& model = context.model();
  for (const model::Role& role : model.roles) {
    for (const model::Statement& stmt : role.trust.statements) {
      if (stmt.is_allow() != Tri::True || stmt.conditions_unknown) continue;  // unknown: not reported
      for (const model::Principal& p : stmt.principals) {
        if (p.type != model::PrincipalType::Federated) continue;
        for (const model::Value& id : p.ids.values) {
          const std::string host = ci_provider(id);
          if (host.empty()) continue;
          const Claim sub = claim(stmt, host, "sub");
          const bool github = host == "token.actions.githubusercontent.com";
          const bool no_aud = github && claim(stmt, host, "aud") == Claim::Missing;
          std::string message;
          if (sub == Claim::Missing) {
            message = str_cat("web identity trust for '", host, "' has no condition on '", host,
                              ":sub': every repository or project the provider serves can assume role '",
                              role.origin.source_id, "'");
          } else if (sub == Claim::Everything) {
            message = str_cat("the '", host, ":sub' condition of role '", role.origin.source_id,
                              "' matches every repository or project");
          } else if (no_aud) {
            report.report_lower(Severity::Warning, id.span(), role.origin,
                                str_cat("web identity trust for '", host, "' has no condition on '", host,
                                        ":aud' (expected 'sts.amazonaws.com')"));
            continue;
          } else {
            continue;
          }
          if (sub != Claim::Restricted && no_aud) message += str_cat("; also no condition on '", host, ":aud'");
          report.report(id.span(), role.origin, std::move(message));
        }
      }
    }
  }
}

}  // namespace

constexpr Rule oidc_trust_unrestricted_subject{
    .id = "RL105",
    .name = "oidc-trust-unrestricted-subject",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "CI provider web identity trust that any repository or project can use",
    .fix = "Add a StringLike or StringEquals condition on the provider's sub claim naming your repositories or projects",
    .doc = kDoc,
    .source = "rules/rl105_oidc_trust_unrestricted_subject.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
