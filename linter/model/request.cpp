#include "linter/model/request.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "linter/base/text.hpp"
#include "linter/model/arn.hpp"
#include "linter/model/queries.hpp"

namespace rolelint::model {
namespace {

// The verdict over every option of a value (every configuration of the deployment): the one
// they all give, or Unknown when they differ.
template <typename Fn>
Tri in_every_option(const Value& value, Fn&& fn) {
  if (value.is_unknown() || value.options().empty()) return Tri::Unknown;
  std::optional<Tri> agreed;
  for (const Template& t : value.options()) {
    const Tri r = fn(t);
    if (agreed && *agreed != r) return Tri::Unknown;
    agreed = r;
  }
  return *agreed;
}

// An ARN split into its six fields, the last holding the rest; nullopt when not an ARN.
std::optional<std::array<std::string_view, 6>> arn_fields(std::string_view text) {
  std::array<std::string_view, 6> out;
  for (std::size_t i = 0; i < 5; ++i) {
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    out[i] = text.substr(0, colon);
    text.remove_prefix(colon + 1);
  }
  out[5] = text;
  return out;
}

// The partition to write an ARN in: the one known, else "aws" (the commercial Regions).
std::string_view arn_partition(std::string_view known) { return known.empty() ? "aws" : known; }

// Whether two ARNs are the same but for their partitions.
bool same_but_partition(std::string_view a, std::string_view b) {
  const auto x = arn_fields(a), y = arn_fields(b);
  return x && y && (*x)[0] == (*y)[0] && std::equal(x->begin() + 2, x->end(), y->begin() + 2);
}

// Where a policy defined by `origin` is written.
PolicySite site_of(const Entities& entities, const Origin& origin) {
  return {entities.account_of(origin), entities.unit_of(origin), entities.partition_of(origin)};
}

// ArnEquals/ArnLike (the same matching, AWS documents): each field of the pattern matches the
// same field of the ARN, case-sensitive, with `*` and `?` inside the field.
bool arn_like(std::string_view pattern, std::string_view arn) {
  const auto p = arn_fields(pattern);
  const auto a = arn_fields(arn);
  if (!p || !a) return false;
  for (std::size_t i = 0; i < 6; ++i) {
    if (!glob_match((*p)[i], (*a)[i])) return false;
  }
  return true;
}

enum class Compare : std::uint8_t { Equals, EqualsIgnoreCase, Like, Arn };

struct Operator {
  Compare compare;
  bool negated;
};

std::optional<Operator> parse_operator(std::string_view base) {
  static constexpr std::pair<std::string_view, Operator> kOperators[] = {
      {"StringEquals", {Compare::Equals, false}},
      {"StringNotEquals", {Compare::Equals, true}},
      {"StringEqualsIgnoreCase", {Compare::EqualsIgnoreCase, false}},
      {"StringNotEqualsIgnoreCase", {Compare::EqualsIgnoreCase, true}},
      {"StringLike", {Compare::Like, false}},
      {"StringNotLike", {Compare::Like, true}},
      {"ArnEquals", {Compare::Arn, false}},
      {"ArnLike", {Compare::Arn, false}},
      {"ArnNotEquals", {Compare::Arn, true}},
      {"ArnNotLike", {Compare::Arn, true}},
  };
  for (const auto& [name, op] : kOperators) {
    if (base == name) return op;
  }
  return std::nullopt;
}

bool compare(Compare how, std::string_view written, std::string_view actual) {
  switch (how) {
    case Compare::Equals:
      return written == actual;
    case Compare::EqualsIgnoreCase:
      return iequals(written, actual);
    case Compare::Like:
      return glob_match(written, actual);
    case Compare::Arn:
      return arn_like(written, actual);
  }
  return false;
}

// The value of a modelled condition key in the request; nullopt when the key is not modelled or
// its value is not known.
std::optional<std::string> request_value(std::string_view key, const AssumeRequest& r) {
  if (iequals(key, "aws:PrincipalArn")) return r.caller_arn;
  if (iequals(key, "aws:PrincipalAccount"))
    return r.caller_account.empty() ? std::nullopt : std::optional(r.caller_account);
  if (iequals(key, "aws:ResourceAccount"))
    return r.role_account.empty() ? std::nullopt : std::optional(r.role_account);
  if (iequals(key, "aws:PrincipalOrgID")) return r.principal_org_id;
  if (iequals(key, "aws:PrincipalType")) {
    const bool user = r.caller_kind == EntityKind::User || r.caller_kind == EntityKind::Group;
    return std::string(user ? "User" : "AssumedRole");
  }
  return std::nullopt;
}

// Whether a key is one the evaluator knows to be present in every AssumeRole request by an IAM
// user or role (its value may still be unknown).
bool always_present(std::string_view key) {
  for (const std::string_view k :
       {"aws:PrincipalArn", "aws:PrincipalAccount", "aws:ResourceAccount", "aws:PrincipalType"}) {
    if (iequals(key, k)) return true;
  }
  return false;
}

// Whether one condition value (one option) matches the request's value.
Tri value_matches_request(const Template& t, Compare how, std::string_view actual,
                          const PolicySite& site, const AssumeRequest& r) {
  // A partition hole is the site's partition; the organisation's policies, in one partition, and
  // a policy of a file whose partition is not known: the request's.
  const std::optional<std::string> text =
      concrete_text(t, site.account, site.partition.empty() ? r.caller_partition : site.partition);
  if (!text || text->find("${") != std::string::npos)
    return Tri::Unknown;  // a hole, a policy variable
  return compare(how, *text, actual) ? Tri::True : Tri::False;
}

// aws:PrincipalArn of a caller whose account is not known: a pattern whose account field is all
// `*` (ArnLike, StringLike) matches whatever the account is, so the rest decides.
Tri arn_of_unknown_account_matches(const Template& t, Compare how, std::string_view resource,
                                   std::string_view partition) {
  if (how != Compare::Like && how != Compare::Arn) return Tri::Unknown;
  const auto text = t.known();
  if (!text || text->find("${") != std::string_view::npos) return Tri::Unknown;
  const auto fields = arn_fields(*text);
  if (!fields || (*fields)[4].empty() ||
      (*fields)[4].find_first_not_of('*') != std::string_view::npos)
    return Tri::Unknown;
  const std::string any_account =
      str_cat("arn:", arn_partition(partition), ":iam::000000000000:", resource);
  return compare(how, *text, any_account) ? Tri::True : Tri::False;
}

// `Null`: whether the key is absent ("true") or present ("false").
Tri null_holds(const ConditionEntry& entry) {
  if (!always_present(entry.key)) return Tri::Unknown;
  if (entry.values.unknown_items || entry.values.values.size() != 1) return Tri::Unknown;
  const auto text = entry.values.values.front().known();
  if (!text) return Tri::Unknown;
  if (iequals(*text, "false")) return Tri::True;
  return iequals(*text, "true") ? Tri::False : Tri::Unknown;
}

Tri principal_id_names_caller(const Value& id, const AssumeRequest& r) {
  return in_every_option(id, [&](const Template& t) {
    const auto text = t.known();
    if (!text) return Tri::Unknown;
    if (*text == "*") return Tri::True;
    if (r.caller_arn && (*text == *r.caller_arn ||
                         (r.caller_partition.empty() && same_but_partition(*text, *r.caller_arn))))
      return Tri::True;
    const PrincipalAccount account = principal_account(t);
    if (account.kind != PrincipalAccount::Kind::Literal || r.caller_account.empty())
      return Tri::Unknown;
    // An account id or its root names every principal of the account.
    if (is_account_id(*text) || text->ends_with(":root"))
      return account.id == r.caller_account ? Tri::True : Tri::False;
    if (account.id != r.caller_account) return Tri::False;
    return r.caller_arn ? Tri::False : Tri::Unknown;  // another principal of the same account
  });
}

Tri principal_applies(const Statement& stmt, const AssumeRequest& r) {
  if (stmt.principals_unknown) return Tri::Unknown;
  Tri any = Tri::False;
  for (const Principal& p : stmt.principals) {
    if (p.type == PrincipalType::Star) any = tri_or(any, Tri::True);
    if (p.type != PrincipalType::AWS)
      continue;  // a service or federated principal: not an IAM caller
    if (p.ids.unknown_items) any = tri_or(any, Tri::Unknown);
    for (const Value& id : p.ids.values) any = tri_or(any, principal_id_names_caller(id, r));
  }
  return stmt.not_principal ? tri_not(any) : any;
}

Tri resource_applies(const Statement& stmt, const AssumeRequest& r, const PolicySite& site) {
  if (!stmt.has_resource)
    return Tri::Unknown;  // IAM rejects such a statement, or it is a trust policy's
  Tri any = stmt.resources.unknown_items ? Tri::Unknown : Tri::False;
  for (const Value& v : stmt.resources.values) any = tri_or(any, resource_names_role(v, r, site));
  return stmt.not_resource ? tri_not(any) : any;
}

}  // namespace

std::optional<std::string> AssumeRequest::role_arn() const {
  if (role_account.empty() || !role_path_and_name) return std::nullopt;
  return str_cat("arn:", arn_partition(role_partition), ":iam::", role_account, ":role/",
                 *role_path_and_name);
}

AssumeRequest assume_request(const Entities& entities, const Identity& caller, const Role& role) {
  AssumeRequest r;
  r.caller_kind = caller.kind;
  // A permission set is in each account it is assigned to, which the files do not say.
  if (caller.kind != EntityKind::PermissionSet) {
    r.caller_account = entities.account_of(*caller.origin);
    r.caller_partition = entities.partition_of(*caller.origin);
  }
  const bool named = caller.kind == EntityKind::User || caller.kind == EntityKind::Role;
  const Value no_path;
  const auto path_and_name =
      named ? known_path_and_name(caller.path ? *caller.path : no_path, *caller.name)
            : std::nullopt;
  if (path_and_name) {
    r.caller_resource =
        str_cat(caller.kind == EntityKind::User ? "user/" : "role/", *path_and_name);
    if (!r.caller_account.empty())
      r.caller_arn = str_cat("arn:", arn_partition(r.caller_partition), ":iam::", r.caller_account,
                             ":", *r.caller_resource);
  }
  r.role_account = entities.account_of(role.origin);
  r.role_partition = entities.partition_of(role.origin);
  r.role_path_and_name = known_path_and_name(role);
  r.role_id = role.origin.source_id;
  r.role_unit = entities.unit_of(role.origin);
  return r;
}

Tri is_deny(const Statement& stmt) {
  if (!stmt.effect.present()) return Tri::False;
  return in_every_option(stmt.effect, [](const Template& t) {
    const auto text = t.known();
    return text ? (*text == "Deny" ? Tri::True : Tri::False) : Tri::Unknown;
  });
}

std::optional<std::string> concrete_text(const Template& t, std::string_view own_account,
                                         std::string_view partition) {
  std::string text;
  for (const Part& p : t.parts()) {
    if (!p.is_hole()) {
      text += p.text;
    } else if (p.hole().kind == HoleKind::Partition) {
      text += arn_partition(partition);
    } else if (p.hole().kind == HoleKind::OwnAccount && !own_account.empty()) {
      text += own_account;
    } else {
      return std::nullopt;
    }
  }
  return text;
}

Tri option_names_role(const Template& option, std::string_view role_account,
                      std::string_view path_and_name, std::string_view own_account,
                      std::string_view role_partition, std::string_view own_partition) {
  const auto text =
      concrete_text(option, own_account, own_partition.empty() ? role_partition : own_partition);
  if (!text) return Tri::Unknown;
  // The role's partition; when it is not known, the one the pattern names, so that only the
  // account, path and name decide.
  std::string partition(arn_partition(role_partition));
  if (const std::optional<Arn> arn = parse_arn(*text); arn && role_partition.empty()) {
    const auto written = arn->partition.known();  // known: the holes were filled in
    if (written && !has_wildcard(*written)) partition = std::string(*written);
  }
  const std::string arn =
      str_cat("arn:", partition, ":iam::", role_account, ":role/", path_and_name);
  return glob_match_icase(*text, arn) ? Tri::True : Tri::False;
}

Tri resource_names_role(const Value& resource, const AssumeRequest& r, const PolicySite& site) {
  return in_every_option(resource, [&](const Template& t) {
    const auto& parts = t.parts();
    if (parts.size() == 1 && parts[0].is_hole() && parts[0].hole().kind == HoleKind::Resource) {
      // A reference, resolved in the policy's unit: the role's ARN, or another resource's.
      const Hole& hole = parts[0].hole();
      if (hole.target != r.role_id || site.unit != r.role_unit) return Tri::False;
      return iequals(hole.attribute, "arn") ? Tri::True : Tri::Unknown;
    }
    if (t.known() == "*") return Tri::True;
    if (!r.role_path_and_name) return Tri::Unknown;
    if (r.role_account.empty()) {
      // The role's own template or module: `${AWS::AccountId}` is the role's account, whatever it
      // is. A pattern that covers it then names the role; one that does not may still (a literal
      // account may be the same one).
      if (site.unit != r.role_unit || !site.account.empty()) return Tri::Unknown;
      constexpr std::string_view kSame = "own-account";  // no literal account matches it
      return option_names_role(t, kSame, *r.role_path_and_name, kSame, r.role_partition,
                               site.partition) == Tri::True
                 ? Tri::True
                 : Tri::Unknown;
    }
    return option_names_role(t, r.role_account, *r.role_path_and_name, site.account,
                             r.role_partition, site.partition);
  });
}

Tri condition_holds(const ConditionEntry& entry, const AssumeRequest& r, const PolicySite& site) {
  const std::string_view base = condition_base_operator(entry.op);
  if (base == "Null") return null_holds(entry);
  const std::optional<Operator> op = parse_operator(base);
  if (!op) return Tri::Unknown;
  const std::optional<std::string> actual = request_value(entry.key, r);
  const bool arn_without_account =
      !actual && r.caller_resource && iequals(entry.key, "aws:PrincipalArn");
  if (!actual && !arn_without_account) return Tri::Unknown;
  // Any listed value matching is a match; a negated operator holds when none matches. (With one
  // request value, ForAnyValue and ForAllValues mean the same; IfExists changes nothing for a
  // key that is present.)
  Tri any = entry.values.unknown_items ? Tri::Unknown : Tri::False;
  for (const Value& v : entry.values.values) {
    any = tri_or(any, in_every_option(v, [&](const Template& t) {
                   return actual ? value_matches_request(t, op->compare, *actual, site, r)
                                 : arn_of_unknown_account_matches(
                                       t, op->compare, *r.caller_resource, r.caller_partition);
                 }));
  }
  return op->negated ? tri_not(any) : any;
}

DocumentVerdict evaluate(const PolicyDocument& doc, const AssumeRequest& r,
                         const PolicySite& site) {
  DocumentVerdict out;
  if (!doc.present) return out;
  if (doc.statements_unknown) out.allows = out.denies = Tri::Unknown;
  for (const Statement& s : doc.statements) {
    if (!s.effect.present()) continue;  // IAM rejects it: it does nothing
    const Tri deny = is_deny(s);
    const Tri applies = statement_applies(s, r, site);
    const Tri denies = tri_and(deny, applies), allows = tri_and(tri_not(deny), applies);
    if (denies == Tri::True && !out.deny) out.deny = &s;
    if (allows == Tri::True && !out.allow) out.allow = &s;
    out.denies = tri_or(out.denies, denies);
    out.allows = tri_or(out.allows, allows);
  }
  return out;
}

Tri statement_applies(const Statement& stmt, const AssumeRequest& r, const PolicySite& site) {
  Tri result = stmt.covers_action("sts:AssumeRole");
  if (result == Tri::False) return result;
  result = tri_and(result, resource_applies(stmt, r, site));
  if (stmt.has_principal || stmt.not_principal)
    result = tri_and(result, principal_applies(stmt, r));
  if (result == Tri::False || !stmt.has_condition) return result;
  if (stmt.conditions_unknown) return tri_and(result, Tri::Unknown);
  for (const ConditionEntry& entry : stmt.conditions)
    result = tri_and(result, condition_holds(entry, r, site));
  return result;
}

}  // namespace rolelint::model

namespace rolelint::model {

GrantBlock grant_block(const Entities& entities, const Identity& caller,
                       const AssumeRequest& request, bool with_boundary) {
  GrantBlock out;
  const IdentityPolicies policies = entities.policies_of(caller);
  out.boundary = policies.permissions_boundary;
  for (const AppliedPolicy& applied : policies.policies) {
    if (!applied.certain) continue;  // it may be another account's policy: not reported
    const PolicySite site = site_of(entities, *applied.defined_by);
    const DocumentVerdict verdict = evaluate(*applied.document, request, site);
    if (verdict.denies != Tri::True) continue;
    out.kind = GrantBlock::Kind::Deny;
    out.deny = verdict.deny;
    out.policy = applied;
    return out;
  }
  const Value* boundary = policies.permissions_boundary;
  if (!with_boundary || !boundary) return out;
  const auto named = entities.boundary_policy(*boundary, *caller.origin);
  if (!named) return out;  // unknown: not reported
  const PolicySite site = named->origin ? site_of(entities, *named->origin) : PolicySite{};
  const DocumentVerdict verdict = evaluate(*named->document, request, site);
  out.boundary_policy = named;
  if (verdict.denies != Tri::True && verdict.allows != Tri::False) {
    out.boundary_allows = verdict.denies == Tri::False ? verdict.allows : Tri::Unknown;
    return out;
  }
  out.kind = GrantBlock::Kind::Boundary;
  out.deny = verdict.denies == Tri::True ? verdict.deny : nullptr;
  return out;
}

Span deny_span(const GrantBlock& block) {
  return block.policy.aws ? block.policy.defined_by->span : block.deny->span;
}

std::string named_policy_label(const Entities::NamedPolicy& named) {
  if (named.aws) return str_cat("AWS managed policy '", named.aws->name, "'");
  return named.origin ? str_cat("managed policy '", named.origin->source_id, "'") : std::string();
}

bool boundary_applies(const Identity& caller, const AssumeRequest& request) {
  if (caller.kind == EntityKind::Role) return true;
  return !request.caller_account.empty() && !request.role_account.empty() &&
         request.caller_account != request.role_account;
}

}  // namespace rolelint::model

namespace rolelint::model {

std::vector<const OrganizationPolicy*> organization_policies_of(const Entities& entities,
                                                                std::string_view account,
                                                                std::string_view type) {
  std::vector<const OrganizationPolicy*> out;
  if (account.empty()) return out;
  for (const OrganizationPolicy& p : entities.model().organization_policies) {
    if (p.type.known() != type || entities.account_of(p.origin) == account) continue;
    for (const Value& target : p.targets.values) {
      if (target.known() == account) {
        out.push_back(&p);
        break;
      }
    }
  }
  return out;
}

OrganizationBlock organization_block(const Entities& entities, const AssumeRequest& request) {
  const auto first_deny = [&](std::string_view account,
                              std::string_view type) -> OrganizationBlock {
    for (const OrganizationPolicy* p : organization_policies_of(entities, account, type)) {
      const PolicySite site = site_of(entities, p->origin);
      const DocumentVerdict verdict = evaluate(p->document, request, site);
      if (verdict.denies == Tri::True) return {p, verdict.deny, false};
    }
    return {};
  };
  OrganizationBlock block = first_deny(request.caller_account, "SERVICE_CONTROL_POLICY");
  if (block.policy) return block;
  block = first_deny(request.role_account, "RESOURCE_CONTROL_POLICY");
  block.resource_control = block.policy != nullptr;
  return block;
}

}  // namespace rolelint::model
