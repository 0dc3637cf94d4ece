#include "linter/model/arn.hpp"

#include <algorithm>
#include <array>

namespace rolelint::model {

bool is_account_id(std::string_view text) {
  return text.size() == 12 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Arn> parse_arn(const Template& text) {
  // The first part, not known_prefix(): no copy of the text to look at its first four bytes.
  const std::span<const Part> parts = text.parts();
  if (parts.empty() || parts.front().is_hole() || !parts.front().text.starts_with("arn:"))
    return std::nullopt;
  Arn arn;
  arn.fields = 2;  // "arn", then the partition
  const std::array<Template*, 6> field{nullptr,     &arn.partition, &arn.service,
                                       &arn.region, &arn.account,   &arn.resource};
  bool first = true;
  for (const Part& part : parts) {
    if (part.is_hole()) {
      field[arn.fields - 1]->append_hole(part.hole());
      continue;
    }
    std::string_view rest = part.text;
    if (first) rest.remove_prefix(4);  // "arn:"
    first = false;
    for (auto colon = rest.find(':'); arn.fields < 6 && colon != std::string_view::npos;
         colon = rest.find(':')) {
      field[arn.fields - 1]->append_literal(rest.substr(0, colon));
      rest.remove_prefix(colon + 1);
      ++arn.fields;
    }
    field[arn.fields - 1]->append_literal(rest);
  }
  return arn;
}

std::optional<Arn> parse_arn(std::string_view text) {
  return parse_arn(Template(std::string(text)));
}

std::optional<std::string> Arn::resource_type() const {
  const std::string prefix = resource.known_prefix();
  const auto slash = prefix.find('/');
  if (slash == std::string::npos) return std::nullopt;
  return prefix.substr(0, slash);
}

std::optional<std::string> Arn::resource_path_and_name() const {
  const auto text = resource.known();
  if (!text) return std::nullopt;
  const auto slash = text->find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  return std::string(text->substr(slash + 1));
}

bool has_hole(const Template& field, HoleKind kind) {
  return std::any_of(field.parts().begin(), field.parts().end(),
                     [&](const Part& p) { return p.is_hole() && p.hole().kind == kind; });
}

namespace {

// Holes that never hold a ':' and never change which account an ARN is in.
bool only_environment_holes(const Template& field) {
  return std::all_of(field.parts().begin(), field.parts().end(), [](const Part& p) {
    return !p.is_hole() || p.hole().kind == HoleKind::Partition ||
           p.hole().kind == HoleKind::Region;
  });
}

}  // namespace

PrincipalAccount principal_account(const Template& t) {
  const std::span<const Part> parts = t.parts();
  if (parts.size() == 1 && parts[0].is_hole()) {
    const Hole& h = parts[0].hole();
    const bool arn_of_resource = h.kind == HoleKind::Resource && h.attribute == "Arn";
    return arn_of_resource ? PrincipalAccount{PrincipalAccount::Kind::Own, {}} : PrincipalAccount{};
  }
  if (const auto text = t.known(); text && is_account_id(*text))
    return {PrincipalAccount::Kind::Literal, std::string(*text)};
  const std::optional<Arn> arn = parse_arn(t);
  if (!arn || !arn->complete()) return {};
  for (const Template* f : {&arn->partition, &arn->service, &arn->region}) {
    if (!only_environment_holes(*f)) return {};
  }
  const std::span<const Part> account = arn->account.parts();
  if (account.size() == 1 && account[0].is_hole() &&
      account[0].hole().kind == HoleKind::OwnAccount) {
    return {PrincipalAccount::Kind::Own, {}};
  }
  const auto id = arn->account.known();
  return id && is_account_id(*id)
             ? PrincipalAccount{PrincipalAccount::Kind::Literal, std::string(*id)}
             : PrincipalAccount{};
}

}  // namespace rolelint::model
