#include "linter/model/assume_check.hpp"

#include <optional>

#include "linter/base/str_cat.hpp"
#include "linter/model/request.hpp"

namespace rolelint::model {
namespace {

constexpr std::string_view kExternalId = "sts:ExternalId";

AssumeStep step(StepKind kind, Verdict verdict, Span at, std::string detail) {
  return {kind, verdict, at, std::move(detail)};
}

std::string who(const Identity& identity) {
  return identity.origin->label(kind_name(identity.kind));
}

// Where a policy that applies to the caller comes from, for the detail: "AWS::IAM::User 'Bob'",
// "AWS managed policy 'AdministratorAccess' attached by aws_iam_group.admins".
std::string policy_label(const AppliedPolicy& applied) {
  const std::string defined = applied.defined_by->label(applied.defined_by->source_type);
  if (applied.aws)
    return str_cat("AWS managed policy '", applied.aws->name, "' attached by ", defined);
  return defined;
}

AssumeStep policy_grant_step(const Entities& entities, const Identity& caller, const Role& role);

// The caller's identity policies: the first statement that allows sts:AssumeRole on the role.
// Within one account, a trust statement that names the caller's own ARN (`admitting`: those
// that let it in) allows the call without them.
AssumeStep grant_step(const Entities& entities, const Identity& caller, const Role& role,
                      const std::vector<const Statement*>& admitting) {
  AssumeStep found = policy_grant_step(entities, caller, role);
  if (found.verdict == Verdict::Allowed ||
      same_account(entities.account(caller), entities.account(role.origin)) != Tri::True) {
    return found;
  }
  for (const Statement* s : admitting) {
    if (entities.trust_statement_names(*s, role, caller)) {
      return step(StepKind::Grant, Verdict::NotApplicable, s->span,
                  "within one account, a trust policy that names the caller's own ARN allows "
                  "sts:AssumeRole without an identity policy");
    }
  }
  return found;
}

AssumeStep policy_grant_step(const Entities& entities, const Identity& caller, const Role& role) {
  const IdentityPolicies policies = entities.policies_of(caller);
  std::optional<AssumeStep> unknown;
  for (const AppliedPolicy& applied : policies.policies) {
    if (!applied.document) continue;
    if (applied.document->statements_unknown && !unknown) {
      unknown = step(StepKind::Grant, Verdict::Unknown, applied.document->span,
                     str_cat("the statements of ", policy_label(applied), " are not known"));
    }
    for (const Statement& s : applied.document->statements) {
      Tri allows = entities.grant_statement_allows(s, *applied.defined_by, caller, role);
      if (allows == Tri::True && !applied.certain) allows = Tri::Unknown;
      if (allows == Tri::True) {
        return step(StepKind::Grant, Verdict::Allowed, s.span,
                    str_cat("a statement of ", policy_label(applied),
                            " allows sts:AssumeRole on the role"));
      }
      if (allows == Tri::Unknown && !unknown) {
        unknown = step(
            StepKind::Grant, Verdict::Unknown, s.span,
            str_cat(
                "whether this statement of ", policy_label(applied),
                " allows sts:AssumeRole on the role (its resource, or the role's account, path or "
                "name, is not known)"));
      }
    }
  }
  if (unknown) return *unknown;
  if (!policies.complete) {
    return step(
        StepKind::Grant, Verdict::Unknown, caller.origin->span,
        str_cat("a policy of ", who(caller), " may apply that the linted files do not show"));
  }
  return step(StepKind::Grant, Verdict::Denied, caller.origin->span,
              str_cat("no policy of ", who(caller), " allows sts:AssumeRole on the role"));
}

// The role's trust policy: the statements that let the caller in.
AssumeStep trust_step(const Entities& entities, const Identity& caller, const Role& role,
                      std::vector<const Statement*>& admitting) {
  const PolicyDocument& trust = role.trust;
  if (!trust.present || trust.statements_unknown) {
    return step(StepKind::Trust, Verdict::Unknown, trust.present ? trust.span : role.origin.span,
                "the statements of the trust policy are not known");
  }
  const Statement* unknown = nullptr;
  for (const Statement& s : trust.statements) {
    const Tri admits = entities.trust_statement_admits(s, role, caller);
    if (admits == Tri::True) admitting.push_back(&s);
    if (admits == Tri::Unknown && !unknown) unknown = &s;
  }
  if (!admitting.empty()) {
    const Statement& s = *admitting.front();
    return step(StepKind::Trust, Verdict::Allowed, s.span,
                str_cat("this statement trusts ", who(caller),
                        s.has_condition ? " (when its Condition holds)" : ""));
  }
  if (unknown) {
    return step(StepKind::Trust, Verdict::Unknown, unknown->span,
                str_cat("whether this statement trusts ", who(caller),
                        " (a principal or the accounts are not known)"));
  }
  return step(StepKind::Trust, Verdict::Denied, trust.span,
              str_cat("no statement of the trust policy trusts ", who(caller)));
}

// Switch Role sends no ExternalId: a statement that lets the caller in without one.
AssumeStep external_id_step(const std::vector<const Statement*>& admitting,
                            const Statement*& chosen) {
  const Statement* unknown = nullptr;
  for (const Statement* s : admitting) {
    const Tri needed = requires_condition_key(*s, kExternalId);
    if (needed == Tri::False) {
      chosen = s;
      return step(StepKind::ConsoleExternalId, Verdict::Allowed, s->span,
                  "this statement does not require sts:ExternalId, which Switch Role cannot send");
    }
    if (needed == Tri::Unknown && !unknown) unknown = s;
  }
  if (unknown) {
    chosen = unknown;
    return step(StepKind::ConsoleExternalId, Verdict::Unknown, unknown->condition_span,
                "whether the Condition requires sts:ExternalId");
  }
  chosen = admitting.front();
  return step(StepKind::ConsoleExternalId, Verdict::Denied, chosen->condition_span,
              "every statement that trusts the caller requires sts:ExternalId, which Switch Role "
              "cannot send");
}

AssumeStep name_length_step(const Role& role) {
  constexpr std::size_t kSwitchRoleLimit = 64;
  const Span at = role.name.present() ? role.name.span() : role.origin.span;
  const std::optional<std::string> path_and_name = known_path_and_name(role);
  if (!path_and_name) {
    return step(StepKind::ConsoleNameLength, Verdict::Unknown, at,
                role.name.present() ? "the role's path or name is not known"
                                    : "the role's name is generated at deployment");
  }
  const std::size_t length = path_and_name->size();
  return step(StepKind::ConsoleNameLength,
              length <= kSwitchRoleLimit ? Verdict::Allowed : Verdict::Denied, at,
              str_cat("path plus role name '", *path_and_name, "' is ", length,
                      " characters; Switch Role allows ", kSwitchRoleLimit));
}

AssumeStep mfa_step(const Statement& s) {
  const Tri present = requires_condition_key(s, "aws:MultiFactorAuthPresent");
  const Tri age = requires_condition_key(s, "aws:MultiFactorAuthAge");
  const Tri needed = tri_or(present, age);
  if (needed == Tri::False) {
    return step(StepKind::ConsoleMfa, Verdict::NotApplicable, s.span,
                "the statement requires no MFA");
  }
  if (needed == Tri::Unknown) {
    return step(StepKind::ConsoleMfa, Verdict::Unknown, s.condition_span,
                "whether the Condition requires MFA");
  }
  return step(StepKind::ConsoleMfa, Verdict::Allowed, s.condition_span,
              "requires MFA: allowed when the caller signed in to the console with MFA");
}

// The organisation (RL405's question): a Deny of a service control policy of the caller's
// account, or of a resource control policy of the role's account, that certainly applies.
AssumeStep organization_step(const Entities& entities, const AssumeRequest& request) {
  const OrganizationBlock block = organization_block(entities, request);
  if (!block.policy) {
    return step(StepKind::ServiceControlPolicies, Verdict::NotApplicable, {},
                "no service or resource control policy of the linted files certainly denies it");
  }
  const Origin& policy = block.policy->origin;
  return step(StepKind::ServiceControlPolicies, Verdict::Denied, block.deny->span,
              str_cat("a Deny statement of ", policy.label(policy.source_type), ", a ",
                      block.resource_control ? "resource control policy of the role's account"
                                             : "service control policy of the caller's account",
                      ", applies to this request"));
}

// The caller's explicit denies (RL406's first question).
AssumeStep deny_step(const GrantBlock& block) {
  if (block.kind != GrantBlock::Kind::Deny) {
    return step(StepKind::ExplicitDeny, Verdict::NotApplicable, {},
                "no Deny statement of the caller's policies certainly applies to it");
  }
  return step(StepKind::ExplicitDeny, Verdict::Denied, deny_span(block),
              str_cat("a Deny statement of ", policy_label(block.policy),
                      " applies to this request: an explicit deny overrides every allow"));
}

// The caller's permissions boundary (RL406's second question).
AssumeStep boundary_step(const GrantBlock& block, bool applies) {
  if (!block.boundary) {
    return step(StepKind::PermissionsBoundary, Verdict::NotApplicable, {}, "the caller has none");
  }
  const Span at = block.boundary->span();
  if (!applies) {
    return step(StepKind::PermissionsBoundary, Verdict::NotApplicable, at,
                "within one account a trust policy that names the user grants it directly; the "
                "boundary does not limit that");
  }
  // "the permissions boundary, managed policy 'StorageOnly',"
  std::string boundary = "the permissions boundary";
  if (const std::string name =
          block.boundary_policy ? named_policy_label(*block.boundary_policy) : "";
      !name.empty()) {
    boundary = str_cat(boundary, ", ", name, ",");
  }
  if (block.kind == GrantBlock::Kind::Boundary) {
    return step(StepKind::PermissionsBoundary, Verdict::Denied, at,
                str_cat(boundary, block.deny ? " denies" : " does not allow",
                        " sts:AssumeRole on the role"));
  }
  if (block.boundary_allows == Tri::True) {
    return step(StepKind::PermissionsBoundary, Verdict::Allowed, at,
                str_cat(boundary, " allows sts:AssumeRole on the role"));
  }
  return step(StepKind::PermissionsBoundary, Verdict::Unknown, at,
              "whether the permissions boundary allows it (the policy it names, or what its "
              "statements do, is not known)");
}

// A caller outside the linted files: its organisation and its own policies are not known.
std::vector<AssumeStep> outside_steps_before_grant() {
  return {step(StepKind::ServiceControlPolicies, Verdict::NotEvaluated, {},
               "the caller is outside the linted files"),
          step(StepKind::ExplicitDeny, Verdict::NotEvaluated, {},
               "the caller's policies are outside the linted files")};
}

}  // namespace

const AssumeStep* AssumeCheck::deciding() const {
  for (const Verdict wanted : {Verdict::Denied, Verdict::Unknown}) {
    for (const AssumeStep& s : steps) {
      if (s.verdict == wanted) return &s;
    }
  }
  return nullptr;
}

void AssumeCheck::decide() {
  const AssumeStep* step = deciding();
  verdict = step ? step->verdict : Verdict::Allowed;
}

std::string_view step_name(StepKind kind) {
  switch (kind) {
    case StepKind::ServiceControlPolicies:
      return "service control policies";
    case StepKind::ExplicitDeny:
      return "explicit denies";
    case StepKind::Grant:
      return "identity policy grant";
    case StepKind::PermissionsBoundary:
      return "permissions boundary";
    case StepKind::Trust:
      return "trust policy";
    case StepKind::ConsoleExternalId:
      return "console: ExternalId";
    case StepKind::ConsoleNameLength:
      return "console: path and role name length";
    case StepKind::ConsoleMfa:
      return "console: MFA";
  }
  return "";
}

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::Allowed:
      return "allowed";
    case Verdict::Denied:
      return "denied";
    case Verdict::Unknown:
      return "unknown";
    case Verdict::NotApplicable:
      return "not applicable";
    case Verdict::NotEvaluated:
      return "not evaluated";
  }
  return "";
}

AssumeCheck check_assume(const Entities& entities, const ConsoleIntents& console,
                         const Identity& caller, const Role& role) {
  AssumeCheck out;
  const AssumeRequest request = assume_request(entities, caller, role);
  const bool with_boundary = boundary_applies(caller, request);
  const GrantBlock block = grant_block(entities, caller, request, with_boundary);
  std::vector<const Statement*> admitting;
  AssumeStep trust = trust_step(entities, caller, role, admitting);
  out.steps.push_back(organization_step(entities, request));
  out.steps.push_back(deny_step(block));
  out.steps.push_back(grant_step(entities, caller, role, admitting));
  out.steps.push_back(boundary_step(block, with_boundary));
  out.steps.push_back(std::move(trust));
  const ConsoleIntent intent = console.of(role);
  out.console = intent.reason;
  if (intent && !admitting.empty()) {
    const Statement* chosen = nullptr;
    out.steps.push_back(external_id_step(admitting, chosen));
    out.steps.push_back(name_length_step(role));
    out.steps.push_back(mfa_step(*chosen));
  }
  out.decide();
  return out;
}

AssumeCheck check_outside_caller(AssumeStep grant, const Statement& trust) {
  AssumeCheck out;
  out.steps = outside_steps_before_grant();
  out.steps.push_back(std::move(grant));
  out.steps.push_back(step(StepKind::PermissionsBoundary, Verdict::NotEvaluated, {},
                           "the caller's policies are outside the linted files"));
  out.steps.push_back(step(StepKind::Trust, Verdict::Allowed, trust.span,
                           trust.has_condition
                               ? "this statement trusts the caller (when its Condition holds)"
                               : "this statement trusts the caller"));
  out.decide();
  return out;
}

}  // namespace rolelint::model
