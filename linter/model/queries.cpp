#include "linter/model/queries.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "linter/base/str_cat.hpp"

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

// A path without its leading '/', when known ("" for an absent path).
std::optional<std::string> known_path(const Value& written) {
  if (!written.present()) return std::string();
  auto path = written.known();
  if (!path) return std::nullopt;
  if (path->starts_with('/')) path->remove_prefix(1);
  return std::string(*path);
}

bool is_resource_hole(const Part& part, std::string_view target, std::string_view attribute) {
  return part.is_hole() && part.hole().kind == HoleKind::Resource && part.hole().target == target &&
         part.hole().attribute == attribute;
}

// What follows "role/" in an ARN's resource field, and the hole after it if any: the resource
// field must be "role/<text>" or "role/<text>${Hole}".
struct RoleResource {
  std::string rest;
  const Part* hole = nullptr;
};
std::optional<RoleResource> role_resource(const Arn& arn) {
  const std::span<const Part> parts = arn.resource.parts();
  if (!arn.complete() || parts.empty() || parts[0].is_hole() || !parts[0].text.starts_with("role/"))
    return std::nullopt;
  if (parts.size() > 2 || (parts.size() == 2 && !parts[1].is_hole())) return std::nullopt;
  return RoleResource{parts[0].text.substr(5), parts.size() == 2 ? &parts[1] : nullptr};
}

bool template_names_role(const Template& t, const Role& role) {
  const std::span<const Part> parts = t.parts();
  if (parts.size() == 1 && is_resource_hole(parts.front(), role.origin.source_id, "Arn"))
    return true;
  const std::optional<Arn> arn = parse_arn(t);
  const std::optional<RoleResource> resource = arn ? role_resource(*arn) : std::nullopt;
  if (!resource) return false;
  if (!resource->hole) {
    const auto expected = known_path_and_name(role);
    return expected && resource->rest == *expected;
  }
  // `:role/<path>${Role}`: the rest of the literal is the path, then a reference to the name.
  if (!is_resource_hole(*resource->hole, role.origin.source_id, "")) return false;
  const auto path = known_path(role.path);
  return path && resource->rest == *path;
}

// A readable name for a list entry naming a user or group: the referenced id or the known text.
std::optional<std::string> entry_name(const Value& value) {
  if (auto text = value.known()) return std::string(*text);
  if (value.options().size() == 1) {
    const auto& parts = value.options().front().parts();
    if (parts.size() == 1 && parts.front().is_hole() &&
        parts.front().hole().kind == HoleKind::Resource) {
      return parts.front().hole().target;
    }
  }
  return std::nullopt;
}

// The keys under which a Resource entry can name a role (see template_names_role): a reference
// to a resource's ARN ("id:X"), the text after ":role/" ("name:path/name"), or a path followed by
// a reference to a role's name ("id:X"). Taken from the first option: names_role needs all.
std::vector<std::string> role_keys(const Value& value) {
  std::vector<std::string> keys;
  if (value.options().empty()) return keys;
  const Template& t = value.options().front();
  const std::span<const Part> parts = t.parts();
  if (parts.size() == 1 && parts.front().is_hole() &&
      parts.front().hole().kind == HoleKind::Resource) {
    keys.push_back("id:" + parts.front().hole().target);
    return keys;
  }
  const std::optional<Arn> arn = parse_arn(t);
  const std::optional<RoleResource> resource = arn ? role_resource(*arn) : std::nullopt;
  if (!resource) return keys;
  if (!resource->hole) {
    keys.push_back("name:" + resource->rest);
  } else if (resource->hole->hole().kind == HoleKind::Resource) {
    keys.push_back("id:" + resource->hole->hole().target);
  }
  return keys;
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

std::optional<std::string> known_path_and_name(const Value& path, const Value& name) {
  auto known = known_path(path);
  const auto text = name.known();
  if (!known || !text) return std::nullopt;
  return *known + std::string(*text);
}

std::optional<std::string> known_path_and_name(const Role& role) {
  return known_path_and_name(role.path, role.name);
}

bool names_role(const Value& value, const Role& role) {
  if (value.options().empty()) return false;  // unknown: not evidence
  for (const Template& t : value.options()) {
    if (!template_names_role(t, role)) return false;
  }
  return true;
}

namespace {

bool has_reference(const Value& value) {
  for (const Template& t : value.options()) {
    for (const Part& p : t.parts()) {
      if (p.is_hole() && p.hole().kind == HoleKind::Resource) return true;
    }
  }
  return false;
}

// A reference (`!GetAtt Admin.Arn`, `aws_iam_role.admin.arn`) names a resource of the template
// or module it is written in: a value with one names nothing in another unit.
bool resolves_in_unit_of(const Model& model, const Value& value, FileId target_file) {
  return !has_reference(value) || model.unit_of(value.span().file) == model.unit_of(target_file);
}

}  // namespace

ConsoleIntents::ConsoleIntents(const Entities& entities) : model_(entities.model()) {
  const Model& model = model_;
  auto attached = [&](const ValueList& arns, const Origin& where, const std::string& who) {
    std::vector<const ManagedPolicy*> found;
    for (const Value& arn : arns.values) {
      for (const ManagedPolicy* mp : entities.managed_policies_named(arn, where))
        found.push_back(mp);
    }
    // In model order, as each policy would be found by a scan of the model.
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    for (const ManagedPolicy* mp : found)
      add(mp->document, who, " through managed policy '" + mp->origin.source_id + "'");
  };
  for (const User& user : model.users) {
    const std::string who = "user '" + user.origin.source_id + "'";
    for (const InlinePolicy& p : user.policies) add(p.document, who, {});
    attached(user.managed_policy_arns, user.origin, who);
  }
  for (const Group& group : model.groups) {
    const std::string who = "group '" + group.origin.source_id + "'";
    for (const InlinePolicy& p : group.policies) add(p.document, who, {});
    attached(group.managed_policy_arns, group.origin, who);
  }
  // Managed and standalone policies attached to a user or group by name or reference.
  auto attached_to = [&](const PolicyDocument& doc, const Origin& policy, const ValueList& users,
                         const ValueList& groups) {
    for (const auto& [list, kind] : {std::pair{&users, "user"}, std::pair{&groups, "group"}}) {
      for (const Value& v : list->values) {
        const auto name = entry_name(v);
        if (!name) continue;  // unknown: not evidence
        add(doc, std::string(kind) + " '" + *name + "'",
            " through policy '" + policy.source_id + "'");
      }
    }
  };
  for (const ManagedPolicy& mp : model.managed_policies)
    attached_to(mp.document, mp.origin, mp.users, mp.groups);
  for (const StandalonePolicy& p : model.policies)
    attached_to(p.document, p.origin, p.users, p.groups);
}

void ConsoleIntents::add(const PolicyDocument& doc, const std::string& who,
                         const std::string& via) {
  for (const Statement& stmt : doc.statements) {
    if (stmt.is_allow() != Tri::True || stmt.covers_action("sts:AssumeRole") != Tri::True) continue;
    if (!stmt.has_resource || stmt.not_resource) continue;  // unknown: NotResource is not evidence
    for (const Value& r : stmt.resources.values) {
      const std::vector<std::string> keys = role_keys(r);
      if (keys.empty()) continue;
      for (const std::string& key : keys) by_key_.emplace(key, grants_.size());
      grants_.push_back({&r, who + " may assume it" + via});
    }
  }
}

ConsoleIntent ConsoleIntents::of(const Role& role) const {
  if (trusted_only_by_services(role)) return {};
  if (const Marker* m = role.marker("console-role")) {
    return {ConsoleIntent::Kind::Marker, m->reason.empty() ? "marked console-role" : m->reason,
            m->span};
  }
  // The first grant, in the order of precedence, that names the role.
  std::size_t best = grants_.size();
  auto consider = [&](const std::string& key) {
    const auto [first, last] = by_key_.equal_range(key);
    for (auto it = first; it != last; ++it) {
      const Value& resource = *grants_[it->second].resource;
      if (it->second < best && names_role(resource, role) &&
          resolves_in_unit_of(model_, resource, role.origin.file)) {
        best = it->second;
      }
    }
  };
  consider("id:" + role.origin.source_id);
  if (const auto path_and_name = known_path_and_name(role)) consider("name:" + *path_and_name);
  if (best < grants_.size()) {
    return {ConsoleIntent::Kind::Grant, grants_[best].reason, grants_[best].resource->span()};
  }
  return mfa_intent(role);
}

ConsoleIntent console_intent(const Model& model, const Role& role) {
  return ConsoleIntents(Entities(model)).of(role);
}

std::string web_identity_issuer(const Value& federated) {
  if (federated.options().size() != 1) return {};
  const Template& t = federated.options().front();
  const std::string text = t.is_known() ? std::string(*t.known()) : t.known_suffix();
  constexpr std::string_view kMarker = ":oidc-provider/";
  if (const auto at = text.find(kMarker); at != std::string::npos)
    return text.substr(at + kMarker.size());
  if (!t.is_known() || text.starts_with("arn:") || text.find('.') == std::string::npos) return {};
  return text;
}

const ConditionEntry* condition_of_other_issuer(const Statement& stmt, std::string_view issuer) {
  if (issuer.empty()) return nullptr;
  for (const ConditionEntry& c : stmt.conditions) {
    const std::string_view op = c.op;
    if (op.find("IfExists") != std::string_view::npos || op.find("Not") != std::string_view::npos ||
        op.starts_with("ForAllValues:") || iequals(op, "Null")) {
      continue;  // met, or may be met, without the key
    }
    const std::string_view key = c.key;
    const auto colon = key.rfind(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key_issuer = key.substr(0, colon);
    if (key_issuer.find('.') == std::string_view::npos) continue;  // aws:, sts:, ... global keys
    if (!iequals(key_issuer, issuer)) return &c;
  }
  return nullptr;
}

std::string literal_substitution(const Template& t) {
  for (const Part& part : t.parts()) {
    if (part.is_hole()) continue;
    const auto open = part.text.find("${");
    const auto close = open == std::string::npos ? open : part.text.find('}', open);
    if (close != std::string::npos) {
      return str_cat("holds '", std::string_view(part.text).substr(open, close - open + 1),
                     "' as literal text: nothing substitutes it outside Fn::Sub");
    }
  }
  return {};
}

}  // namespace rolelint::model
