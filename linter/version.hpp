#pragma once
#include <string_view>

namespace rolelint {
inline constexpr std::string_view kVersion = "0.1.0";
// Where the rule docs live (docs/rules/RLxxx.md): SARIF's helpUri and --explain link here.
inline constexpr std::string_view kRepositoryUrl = "https://github.com/rolelint/rolelint";
}  // namespace rolelint
