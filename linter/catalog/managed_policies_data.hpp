#pragma once
// The generated tables (see gen_managed_policies.cpp).
#include <cstddef>
#include <string_view>

#include "linter/catalog/managed_policies.hpp"

namespace rolelint::catalog::data {
extern const AwsManagedPolicy kManagedPolicies[];  // sorted case-insensitively by name
extern const std::size_t kManagedPolicyCount;
extern const std::string_view kBaselinePolicies[];
extern const std::size_t kBaselinePolicyCount;
extern const std::string_view kBaselineActions[];
extern const std::size_t kBaselineActionCount;
}  // namespace rolelint::catalog::data
