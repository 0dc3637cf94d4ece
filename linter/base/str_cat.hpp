#pragma once
// Tiny string concatenation helper (GCC 12 has no <format>).
#include <sstream>
#include <string>
#include <utility>

namespace rolelint {

template <typename... Args>
std::string str_cat(Args&&... args) {
  std::ostringstream out;
  (out << ... << std::forward<Args>(args));
  return out.str();
}

}  // namespace rolelint
