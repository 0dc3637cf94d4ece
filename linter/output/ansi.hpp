#pragma once
// The ANSI SGR sequences text reports and --explain write when colour is on (and only then).
#include <string>
#include <string_view>

#include "linter/base/str_cat.hpp"

namespace rolelint::output::ansi {

inline constexpr std::string_view kReset = "\x1b[0m";
inline constexpr std::string_view kBold = "\x1b[1m";
inline constexpr std::string_view kTitle = "\x1b[1;4m";  // bold, underlined
inline constexpr std::string_view kRed = "\x1b[1;31m";
inline constexpr std::string_view kGreen = "\x1b[1;32m";
inline constexpr std::string_view kMagenta = "\x1b[1;35m";
inline constexpr std::string_view kCyan = "\x1b[1;36m";
inline constexpr std::string_view kCode = "\x1b[36m";  // not bold

// `text` between `on` and a reset when colouring, else `text` alone.
inline std::string paint(bool color, std::string_view on, std::string_view text) {
  return color ? str_cat(on, text, kReset) : std::string(text);
}

}  // namespace rolelint::output::ansi
