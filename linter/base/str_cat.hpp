#pragma once
// Tiny string concatenation helper (GCC 12 has no <format>). Texts, characters and integers are
// appended directly: rules build a message per finding, and a std::ostringstream (a locale and
// a stream buffer per call) was 12% of the rules' time on a large template.
#include <charconv>
#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>

namespace rolelint {

// An integer written in lowercase hexadecimal: str_cat("byte 0x", hex(0x1f)) is "byte 0x1f".
struct Hex {
  unsigned long long value;
};
inline Hex hex(unsigned long long value) { return Hex{value}; }

namespace str_cat_detail {

template <typename T>
void append(std::string& out, const T& value) {
  if constexpr (std::is_same_v<T, char>) {
    out.push_back(value);
  } else if constexpr (std::is_same_v<T, bool>) {
    out += value ? "true" : "false";
  } else if constexpr (std::integral<T>) {
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    // (pointer, count): the iterator pair goes through replace(), where GCC 12 at -O3 warns a
    // false -Wrestrict (bug 105651), an error with -Werror.
    out.append(digits, static_cast<std::size_t>(result.ptr - digits));
  } else if constexpr (std::is_same_v<T, Hex>) {
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value.value, 16);
    out.append(digits, static_cast<std::size_t>(result.ptr - digits));
  } else {
    static_assert(std::is_convertible_v<const T&, std::string_view>,
                  "str_cat takes texts, characters, integers and hex()");
    out += std::string_view(value);
  }
}

}  // namespace str_cat_detail

template <typename... Args>
std::string str_cat(const Args&... args) {
  std::string out;
  (str_cat_detail::append(out, args), ...);
  return out;
}

}  // namespace rolelint
