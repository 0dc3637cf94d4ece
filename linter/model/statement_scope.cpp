#include "linter/model/statement_scope.hpp"

#include <algorithm>
#include <optional>

#include "linter/model/arn.hpp"

namespace rolelint::model {
namespace {

bool all_stars(std::string_view s) {
  return !s.empty() && s.find_first_not_of('*') == std::string_view::npos;
}

bool only_holes(const Template& field) {
  return !field.parts().empty() && std::all_of(field.parts().begin(), field.parts().end(),
                                               [](const Part& p) { return p.is_hole(); });
}

// Narrower, Unknown, or `wide` (the reach of a field that covers everything it can).
Reach field_reach(const Template& field, bool covers, Reach wide) {
  if (covers) return wide;
  return field.is_known() ? Reach::Narrower : Reach::Unknown;
}

Reach service_field(const Template& field, std::string_view service) {
  const auto text = field.known();
  return field_reach(field,
                     text && (all_stars(*text) || (!service.empty() && iequals(*text, service))),
                     Reach::Everywhere);
}

Reach account_field(const Template& field) {
  if (only_holes(field))
    return Reach::OneAccount;  // the deploying account, or a parameter naming one
  const auto text = field.known();
  if (text && (text->empty() || all_stars(*text))) return Reach::Everywhere;
  return field_reach(field, text && is_account_id(*text), Reach::OneAccount);
}

// All '*', or a start of `whole_type` ("ro", "role/") followed by '*' only.
Reach resource_field(const Template& field, std::string_view whole_type) {
  const auto text = field.known();
  if (!text) return Reach::Unknown;
  const std::size_t star = text->find('*');
  const bool covers = star != std::string_view::npos && all_stars(text->substr(star)) &&
                      (star == 0 || whole_type.starts_with(text->substr(0, star)));
  return covers ? Reach::Everywhere : Reach::Narrower;
}

}  // namespace

Reach resource_reach(const Template& option, std::string_view service,
                     std::string_view whole_type) {
  if (const auto text = option.known(); text && all_stars(*text)) return Reach::Everywhere;
  const std::optional<Arn> arn = parse_arn(option);
  if (!arn)
    return option.known_prefix().empty() && !option.is_known() ? Reach::Unknown : Reach::Narrower;
  if (!arn->complete()) return Reach::Narrower;
  // Narrower wins over Unknown, Unknown over a covering field; the account decides how wide.
  const Reach fields[] = {service_field(arn->service, service),
                          resource_field(arn->resource, whole_type)};
  if (std::find(std::begin(fields), std::end(fields), Reach::Narrower) != std::end(fields))
    return Reach::Narrower;
  const Reach account = account_field(arn->account);
  if (account == Reach::Narrower) return Reach::Narrower;
  if (std::find(std::begin(fields), std::end(fields), Reach::Unknown) != std::end(fields))
    return Reach::Unknown;
  return account;
}

Reach resource_reach(const Value& entry, std::string_view service, std::string_view whole_type) {
  if (entry.is_unknown()) return Reach::Unknown;
  Reach widest = Reach::Narrower;
  for (const Template& option : entry.options())
    widest = std::max(widest, resource_reach(option, service, whole_type));
  return widest;
}

namespace {

// Global keys that say which resource, which source or which calling service a request is for.
constexpr std::string_view kLimitingGlobalKeys[] = {
    "aws:ResourceTag/*",    "aws:RequestTag/*",   "aws:SourceArn",       "aws:SourceAccount",
    "aws:SourceOrgID",      "aws:SourceOrgPaths", "aws:ResourceAccount", "aws:ResourceOrgID",
    "aws:ResourceOrgPaths", "aws:CalledVia",      "aws:CalledViaFirst",  "aws:CalledViaLast",
};

// An operator every request must satisfy, and that admits only the values listed.
bool limiting_operator(std::string_view op) {
  if (op.size() >= 13 && iequals(op.substr(0, 13), "ForAllValues:"))
    return false;  // passes without the key
  if (op.ends_with("IfExists")) return false;
  const std::string_view base = condition_base_operator(op);
  return !iequals(base, "Null") && base.find("Not") == std::string_view::npos;
}

// Values that admit only some requests: not all '*'. Unknown values may well.
bool limiting_values(const ValueList& values) {
  if (values.unknown_items) return true;
  return std::any_of(values.values.begin(), values.values.end(), [](const Value& v) {
    const auto text = v.known();
    return !text || !all_stars(*text);
  });
}

bool limiting_key(std::string_view key, const catalog::Action* action) {
  for (std::string_view pattern : kLimitingGlobalKeys) {
    if (glob_match_icase(pattern, key)) return true;
  }
  return action && catalog::action_has_condition_key(*action, key);
}

}  // namespace

const ConditionEntry* limiting_condition(const Statement& stmt, const catalog::Action* action) {
  for (const ConditionEntry& entry : stmt.conditions) {
    if (limiting_operator(entry.op) && limiting_values(entry.values) &&
        limiting_key(entry.key, action))
      return &entry;
  }
  return nullptr;
}

std::string limited_only_by(const ConditionEntry* entry) {
  return entry ? ", limited only by its condition on '" + entry->key + "'" : std::string();
}

}  // namespace rolelint::model
