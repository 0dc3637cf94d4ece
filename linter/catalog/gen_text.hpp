#pragma once
// Text helpers of the build-time generators (gen_catalog.cpp, gen_managed_policies.cpp): not
// part of the linter.
#include <cctype>
#include <string>

namespace rolelint::gen {

inline std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A C++ string literal of any bytes: quotes and backslashes escaped, control bytes and '?' as
// three-digit octal escapes (never followed by a digit they could take in).
inline std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || c == '?') {
      out += '\\';
      out += static_cast<char>('0' + ((u >> 6) & 7));
      out += static_cast<char>('0' + ((u >> 3) & 7));
      out += static_cast<char>('0' + (u & 7));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace rolelint::gen
