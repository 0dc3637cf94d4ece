#include "linter/catalog/managed_policies.hpp"

#include <algorithm>

#include "linter/base/str_cat.hpp"
#include "linter/base/suggest.hpp"
#include "linter/base/text.hpp"
#include "linter/catalog/managed_policies_data.hpp"

namespace rolelint::catalog {
namespace {

// Case-insensitive order of names, the table's order.
bool name_less(std::string_view a, std::string_view b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return ascii_lower(x) < ascii_lower(y);
  });
}

}  // namespace

std::string AwsManagedPolicy::arn() const { return str_cat("arn:aws:iam::aws:policy", path, name); }

std::span<const AwsManagedPolicy> aws_managed_policies() {
  return {data::kManagedPolicies, data::kManagedPolicyCount};
}

const AwsManagedPolicy* find_aws_managed_policy(std::string_view name) {
  const auto all = aws_managed_policies();
  const auto it = std::lower_bound(
      all.begin(), all.end(), name,
      [](const AwsManagedPolicy& p, std::string_view n) { return name_less(p.name, n); });
  return it != all.end() && iequals(it->name, name) ? &*it : nullptr;
}

const AwsManagedPolicy* closest_aws_managed_policy(std::string_view name) {
  Closest closest(name);
  for (const AwsManagedPolicy& p : aws_managed_policies()) closest.offer(p.name);
  return closest.best().empty() ? nullptr : find_aws_managed_policy(closest.best());
}

std::span<const std::string_view> aws_baseline_actions() {
  return {data::kBaselineActions, data::kBaselineActionCount};
}
std::span<const std::string_view> aws_baseline_policies() {
  return {data::kBaselinePolicies, data::kBaselinePolicyCount};
}

bool in_aws_baseline(std::string_view action) {
  const auto all = aws_baseline_actions();
  return std::any_of(all.begin(), all.end(),
                     [&](std::string_view pattern) { return glob_match_icase(pattern, action); });
}

}  // namespace rolelint::catalog
