#include "linter/model/queries.hpp"

#include <optional>
#include <vector>

namespace rolelint::model {

Tri requires_condition_key(const Statement& stmt, std::string_view key) {
  Tri result = stmt.conditions_unknown ? Tri::Unknown : Tri::False;
  for (const ConditionEntry& entry : stmt.conditions) {
    if (!iequals(entry.key, key)) continue;
    const std::string_view op = entry.op;
    if (op.ends_with("IfExists")) continue;  // a request without the key passes
    if (iequals(condition_base_operator(op), "Null")) {
      // Null "false" requires the key; Null "true" requires its absence.
      Tri needs = entry.values.unknown_items ? Tri::Unknown : Tri::False;
      for (const Value& v : entry.values.values) {
        const auto text = v.known();
        if (!text) {
          needs = tri_or(needs, Tri::Unknown);
        } else if (iequals(*text, "false")) {
          needs = Tri::True;
        }
      }
      result = tri_or(result, needs);
      continue;
    }
    return Tri::True;
  }
  return result;
}

namespace {

// The role's path without its leading '/', when known ("" for an absent path).
std::optional<std::string> known_path(const Role& role) {
  if (!role.path.present()) return std::string();
  auto path = role.path.known();
  if (!path) return std::nullopt;
  if (path->starts_with('/')) path->erase(0, 1);
  return path;
}

bool is_resource_hole(const Part& part, std::string_view target, std::string_view attribute) {
  return part.is_hole && part.hole.kind == HoleKind::Resource && part.hole.target == target &&
         part.hole.attribute == attribute;
}

bool template_names_role(const Template& t, const Role& role) {
  const std::vector<Part>& parts = t.parts();
  if (parts.size() == 1 && is_resource_hole(parts.front(), role.origin.source_id, "Arn"))
    return true;
  if (!t.known_prefix().starts_with("arn:")) return false;
  // The literal part holding ":role/", then what follows it.
  std::size_t i = 0;
  std::size_t at = std::string::npos;
  for (; i < parts.size(); ++i) {
    if (!parts[i].is_hole && (at = parts[i].text.find(":role/")) != std::string::npos) break;
  }
  if (i == parts.size()) return false;
  const std::string rest = parts[i].text.substr(at + 6);
  if (i + 1 == parts.size()) {
    const auto expected = known_path_and_name(role);
    return expected && rest == *expected;
  }
  // `:role/<path>${Role}`: the rest of the literal is the path, then a reference to the name.
  if (i + 2 != parts.size() || !is_resource_hole(parts[i + 1], role.origin.source_id, ""))
    return false;
  const auto path = known_path(role);
  return path && rest == *path;
}

// Whether `value` certainly refers to the entity with this origin and name: a reference to it,
// or its known name.
bool refers_to(const Value& value, const Origin& origin, const Value& name) {
  if (value.options().empty()) return false;  // unknown or absent
  const auto known_name = name.known();
  for (const Template& t : value.options()) {
    const auto& parts = t.parts();
    const bool by_ref = parts.size() == 1 && is_resource_hole(parts.front(), origin.source_id, "");
    const auto text = t.known();
    const bool by_name = text && known_name && *text == *known_name;
    if (!by_ref && !by_name) return false;
  }
  return true;
}

// A readable name for a list entry naming a user or group: the referenced id or the known text.
std::optional<std::string> entry_name(const Value& value) {
  if (auto text = value.known()) return text;
  if (value.options().size() == 1) {
    const auto& parts = value.options().front().parts();
    if (parts.size() == 1 && parts.front().is_hole &&
        parts.front().hole.kind == HoleKind::Resource) {
      return parts.front().hole.target;
    }
  }
  return std::nullopt;
}

// The span of the first Allow statement's Resource entry granting sts:AssumeRole on `role`.
std::optional<Span> grants_assume(const PolicyDocument& doc, const Role& role) {
  for (const Statement& stmt : doc.statements) {
    if (stmt.is_allow() != Tri::True || stmt.covers_action("sts:AssumeRole") != Tri::True) continue;
    if (!stmt.has_resource || stmt.not_resource) continue;  // unknown: NotResource is not evidence
    for (const Value& r : stmt.resources.values) {
      if (names_role(r, role)) return r.span();
    }
  }
  return std::nullopt;
}

// Whether the role admits only Service and Federated principals (and at least one).
bool trusted_only_by_services(const Role& role) {
  if (!role.trust.present || role.trust.statements_unknown) return false;
  bool any = false;
  for (const Statement& stmt : role.trust.statements) {
    if (stmt.is_allow() == Tri::False) continue;
    if (!stmt.has_principal || stmt.not_principal || stmt.principals_unknown) return false;
    for (const Principal& p : stmt.principals) {
      if (p.type != PrincipalType::Service && p.type != PrincipalType::Federated) return false;
      any = true;
    }
  }
  return any;
}

ConsoleIntent mfa_intent(const Role& role) {
  for (const Statement& stmt : role.trust.statements) {
    const Tri allow = stmt.is_allow();
    if (allow == Tri::Unknown) continue;
    for (const ConditionEntry& entry : stmt.conditions) {
      const std::string_view base = condition_base_operator(entry.op);
      bool requires_mfa = false;
      if (iequals(entry.key, "aws:MultiFactorAuthAge")) {
        // Allow with a bound on the age; Deny when the age is over a bound.
        requires_mfa = base.starts_with("Numeric");
      } else if (iequals(entry.key, "aws:MultiFactorAuthPresent") && iequals(base, "Bool")) {
        // Allow only with MFA ("true"), or Deny without it ("false").
        const std::string_view wanted = allow == Tri::True ? "true" : "false";
        for (const Value& v : entry.values.values) {
          const auto text = v.known();
          requires_mfa = requires_mfa || (text && iequals(*text, wanted));
        }
      }
      if (requires_mfa) {
        return {ConsoleIntent::Kind::Mfa, "its trust policy requires " + entry.key, entry.key_span};
      }
    }
  }
  return {};
}

}  // namespace

std::optional<std::string> known_path_and_name(const Role& role) {
  auto path = known_path(role);
  const auto name = role.name.known();
  if (!path || !name) return std::nullopt;
  return *path + *name;
}

bool names_role(const Value& value, const Role& role) {
  if (value.options().empty()) return false;  // unknown: not evidence
  for (const Template& t : value.options()) {
    if (!template_names_role(t, role)) return false;
  }
  return true;
}

ConsoleIntent console_intent(const Model& model, const Role& role) {
  if (trusted_only_by_services(role)) return {};
  if (const Marker* m = role.marker("console-role")) {
    return {ConsoleIntent::Kind::Marker, m->reason.empty() ? "marked console-role" : m->reason, m->span};
  }
  auto grant = [&](const PolicyDocument& doc, const std::string& who,
                   const std::string& via = {}) -> ConsoleIntent {
    if (auto span = grants_assume(doc, role)) {
      return {ConsoleIntent::Kind::Grant, who + " may assume it" + via, *span};
    }
    return {};
  };
  // Managed policies of the model that a list of policy ARNs refers to (`!Ref Policy`).
  auto attached = [&](const ValueList& arns, const std::string& who) -> ConsoleIntent {
    for (const ManagedPolicy& mp : model.managed_policies) {
      for (const Value& arn : arns.values) {
        if (!refers_to(arn, mp.origin, Value())) continue;
        if (auto intent =
                grant(mp.document, who, " through managed policy '" + mp.origin.source_id + "'")) {
          return intent;
        }
      }
    }
    return {};
  };
  for (const User& user : model.users) {
    const std::string who = "user '" + user.origin.source_id + "'";
    for (const InlinePolicy& p : user.policies) {
      if (auto intent = grant(p.document, who)) return intent;
    }
    if (auto intent = attached(user.managed_policy_arns, who)) return intent;
  }
  for (const Group& group : model.groups) {
    const std::string who = "group '" + group.origin.source_id + "'";
    for (const InlinePolicy& p : group.policies) {
      if (auto intent = grant(p.document, who)) return intent;
    }
    if (auto intent = attached(group.managed_policy_arns, who)) return intent;
  }
  // Managed and standalone policies attached to a user or group by name or reference.
  auto attached_to = [&](const PolicyDocument& doc, const Origin& policy, const ValueList& users,
                         const ValueList& groups) -> ConsoleIntent {
    for (const auto& [list, kind] : {std::pair{&users, "user"}, std::pair{&groups, "group"}}) {
      for (const Value& v : list->values) {
        const auto name = entry_name(v);
        if (!name) continue;  // unknown: not evidence
        if (auto intent = grant(doc, std::string(kind) + " '" + *name + "'",
                                " through policy '" + policy.source_id + "'")) {
          return intent;
        }
      }
    }
    return {};
  };
  for (const ManagedPolicy& mp : model.managed_policies) {
    if (auto intent = attached_to(mp.document, mp.origin, mp.users, mp.groups)) return intent;
  }
  for (const StandalonePolicy& p : model.policies) {
    if (auto intent = attached_to(p.document, p.origin, p.users, p.groups)) return intent;
  }
  return mfa_intent(role);
}

}  // namespace rolelint::model
