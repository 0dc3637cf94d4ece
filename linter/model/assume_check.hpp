#pragma once
// Can this caller assume this role? AWS's evaluation of one sts:AssumeRole request, as an ordered
// list of steps, each with its verdict and the element that decides it. The one place that
// answers the question: `--why` prints the steps, `--graph` draws an edge from the verdict.
// Steps that rolelint does not evaluate yet say so (NotEvaluated), never Allowed.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "linter/model/entities.hpp"
#include "linter/model/queries.hpp"

namespace rolelint::model {

// The steps, in the order AWS evaluates a cross-account AssumeRole request: the organisation's
// service control policies, the caller's explicit denies, the caller's identity policies (the
// grant), its permissions boundary, the role's trust policy, and for a role meant for console
// use what Switch Role can send.
enum class StepKind : std::uint8_t {
  ServiceControlPolicies,
  ExplicitDeny,
  Grant,
  PermissionsBoundary,
  Trust,
  ConsoleExternalId,
  ConsoleNameLength,
  ConsoleMfa,
};

enum class Verdict : std::uint8_t { Allowed, Denied, Unknown, NotApplicable, NotEvaluated };

struct AssumeStep {
  StepKind kind = StepKind::Grant;
  Verdict verdict = Verdict::Unknown;
  Span at;             // the deciding statement (or entity); invalid when nothing decides it
  std::string detail;  // why: what allows or denies, or which value is not known
};

struct AssumeCheck {
  std::vector<AssumeStep> steps;       // in StepKind order; console steps only for console roles
  Verdict verdict = Verdict::Unknown;  // Allowed, Denied or Unknown
  std::string
      console;  // why the role is meant for console use (ConsoleIntent::reason); empty: it is not
  // The step that decides the verdict: the first Denied step, else the first Unknown one; null
  // when allowed.
  const AssumeStep* deciding() const;
  // Sets `verdict` from the steps.
  void decide();
};

// "service control policies", "trust policy", ...
std::string_view step_name(StepKind kind);
// "allowed", "denied", "unknown", "not applicable", "not evaluated"
std::string_view verdict_name(Verdict verdict);

// Every step for `caller` assuming `role`. Denied when a step is denied; else unknown when a step
// is; else allowed. Steps that are not evaluated do not change the verdict. Costs one
// policies_of(caller) and a pass over the caller's and the role's statements.
AssumeCheck check_assume(const Entities& entities, const ConsoleIntents& console,
                         const Identity& caller, const Role& role);

// For a caller outside the linted files that an Allow statement of a trust policy names (a
// service, a federated provider, another account's principal, anyone): `grant` as the caller's
// grant step (not applicable for a service or federated provider, unknown for a principal whose
// policies the files do not show), and the trust step allowed by `trust`.
AssumeCheck check_outside_caller(AssumeStep grant, const Statement& trust);

}  // namespace rolelint::model
