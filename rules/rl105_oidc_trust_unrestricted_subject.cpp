#include <array>
#include <span>

#include "linter/base/str_cat.hpp"
#include "linter/base/text.hpp"
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
`organization:*`), or with a value that does not pin the repository's owner: every value must
name the owner in literal text before any wildcard (`repo:octo-org/app:*` or `repo:octo-org/*`
for GitHub, `project_path:group/...` for GitLab, `organization:acme:...` for HCP Terraform).
`repo:octo-org*` (no slash: `octo-org-evil` matches), `workflow:deploy`,
`environment:prod` or `job_workflow_ref:...` alone do not: another owner's tokens can carry
those claims. For GitHub it also flags a missing condition on the `aud` claim; alone, that
finding is reported at warning level.

Only statements that allow `sts:AssumeRoleWithWebIdentity` are looked at (a web identity
principal with another action is RL101's finding). A statement whose condition names a claim
of another issuer (`token.actions.githubusercontent.com/octo-org:sub` under the plain GitHub
provider) is never met by this provider's tokens: nobody can assume the role that way, which is RL108's
finding, not this rule's.

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
- https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#customizing-the-subject-claims-for-an-organization-or-repository
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
  constexpr std::array<std::string_view, 5> kCiHosts = {"token.actions.githubusercontent.com",
                                                        "app.terraform.io", "api.bitbucket.org/",
                                                        "oidc.circleci.com/", "gitlab"};
  for (std::string_view ci : kCiHosts) {
    if (host.starts_with(ci) || (ci == "gitlab" && host.find("gitlab") != std::string::npos))
      return host;
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

// The claims of a CI provider's `sub` that pin who owns the repository or project, each as
// `name:` followed by the owner, which ends at `end` (`/` before the repository's own name).
struct OwnerClaim {
  std::string_view name;  // "repo:"
  char end;               // '/': the owner is what comes before it; ':': a whole claim value
};

// Whether a sub value pins the owner: reading it from the start, a claim naming the owner in
// literal text comes before any wildcard. Any owner can make the other claims of its own tokens
// say anything (`workflow:deploy`, `environment:prod`, `job_workflow_ref:` of a public reusable
// workflow), so a value without such a claim, or with a wildcard before it, does not pin it.
// Providers whose URL already names the organisation (Bitbucket, CircleCI) need no owner claim.
bool pins_owner(std::string_view host, std::string_view value) {
  static constexpr OwnerClaim kGitHub[] = {{"repo:", '/'},
                                           {"repository_owner:", ':'},
                                           {"repository_owner_id:", ':'},
                                           {"repository_id:", ':'}};
  static constexpr OwnerClaim kGitLab[] = {{"project_path:", '/'}, {"namespace_path:", ':'}};
  static constexpr OwnerClaim kTerraform[] = {{"organization:", ':'}};
  std::span<const OwnerClaim> claims;
  if (host == "token.actions.githubusercontent.com") {
    claims = kGitHub;
  } else if (host.starts_with("app.terraform.io")) {
    claims = kTerraform;
  } else if (host.find("gitlab") != std::string_view::npos) {
    claims = kGitLab;
  } else {
    return !matches_everything(value);
  }
  for (std::size_t at = 0; at < value.size();) {
    for (const OwnerClaim& claim : claims) {
      if (!value.substr(at).starts_with(claim.name)) continue;
      const std::string_view owner = value.substr(at + claim.name.size());
      const std::size_t stop = owner.find(claim.end);
      const std::string_view literal = owner.substr(0, stop);
      // A literal owner pins it; without the separator the value is exact (no wildcard up to
      // its end), which no other owner's token can carry either.
      return !literal.empty() && !has_wildcard(literal);
    }
    // Not an owner claim: skip it (`name:value:`); a wildcard before the owner lets any in.
    const std::size_t name_end = value.find(':', at);
    if (name_end == std::string_view::npos) return false;
    const std::size_t value_end = value.find(':', name_end + 1);
    const std::string_view skipped =
        value.substr(at, value_end == std::string_view::npos ? value_end : value_end - at);
    if (has_wildcard(skipped) || value_end == std::string_view::npos) return false;
    at = value_end + 1;
  }
  return false;
}

enum class Claim { Missing, Everything, AnyOwner, Restricted };

// How the statement constrains `host:claim` (unknown values count as restricted); for `sub`,
// `unpinned` is the first value that does not pin the owner.
Claim claim(const model::Statement& stmt, std::string_view host, std::string_view name,
            std::string* unpinned = nullptr) {
  // The key is the provider URL (with its path, for Bitbucket and CircleCI) and the claim.
  const std::string key = str_cat(host, ":", name);
  bool any = false, everything = true;
  for (const model::ConditionEntry& c : stmt.conditions) {
    if (!model::iequals(c.key, key) || c.op.find("Not") != std::string::npos) continue;
    any = true;
    if (c.values.unknown_items || c.values.values.empty()) return Claim::Restricted;  // unknown
    for (const model::Value& v : c.values.values) {
      const auto text = v.known();
      if (!text) return Claim::Restricted;  // unknown: not reported
      everything = everything && matches_everything(*text);
      if (unpinned && unpinned->empty() && !pins_owner(host, *text)) *unpinned = std::string(*text);
    }
  }
  if (!any) return Claim::Missing;
  if (everything) return Claim::Everything;
  return unpinned && !unpinned->empty() ? Claim::AnyOwner : Claim::Restricted;
}

void check(const Context& context, Reporter& report) {
  context.for_each_trust_principal(
      model::PrincipalType::Federated,
      [&](const model::Role& role, const model::Statement& stmt, const model::Value& id) {
        if (stmt.is_allow() != Tri::True || stmt.conditions_unknown)
          return;  // unknown: not reported
        // A statement without the web identity action is RL101's finding, not this one's.
        if (stmt.covers_action("sts:AssumeRoleWithWebIdentity") != Tri::True) return;
        const std::string host = ci_provider(id);
        if (host.empty() || model::condition_of_other_issuer(stmt, host))
          return;  // RL108's finding
        std::string unpinned;
        const Claim sub = claim(stmt, host, "sub", &unpinned);
        const bool github = host == "token.actions.githubusercontent.com";
        const bool no_aud = github && claim(stmt, host, "aud") == Claim::Missing;
        std::string message;
        if (sub == Claim::Missing) {
          message = str_cat("web identity trust for '", host, "' has no condition on '", host,
                            ":sub': every repository or project the provider serves can assume ",
                            role.origin.label("role"));
        } else if (sub == Claim::Everything) {
          message = str_cat("the '", host, ":sub' condition of ", role.origin.label("role"),
                            " matches every repository or project");
        } else if (sub == Claim::AnyOwner) {
          message = str_cat(
              "the '", host, ":sub' condition of ", role.origin.label("role"), " allows '",
              unpinned, "', which does not pin the repository owner: a repository or project of ",
              "another owner can match it and assume the role");
        } else if (no_aud) {
          report.report_lower(
              Severity::Warning, id.span(), role.origin,
              str_cat("web identity trust for '", host, "' has no condition on '", host,
                      ":aud' (expected 'sts.amazonaws.com')", model::branch_note(stmt)));
          return;
        } else {
          return;
        }
        if (sub != Claim::Restricted && no_aud)
          message += str_cat("; also no condition on '", host, ":aud'");
        message += model::branch_note(stmt);
        report.report(id.span(), role.origin, std::move(message));
      });
}

}  // namespace

constexpr Rule oidc_trust_unrestricted_subject{
    .id = "RL105",
    .name = "oidc-trust-unrestricted-subject",
    .severity = Severity::Error,
    .formats = kCfnYaml | kCfnJson | kTerraform,
    .summary = "CI provider web identity trust that any repository or project can use",
    .fix =
        "Add a StringLike or StringEquals condition on the provider's sub claim naming your "
        "repositories or projects",
    .doc = kDoc,
    .source = "rules/rl105_oidc_trust_unrestricted_subject.cpp",
    .check = &check,
};

}  // namespace rolelint::rules
