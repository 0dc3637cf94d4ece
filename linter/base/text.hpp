#pragma once
// ASCII case folding, trimming and IAM-style wildcard matching, shared by the model, the
// front ends and the catalog.
#include <string_view>

namespace rolelint {

// Pure arithmetic, no locale: this sits in the innermost loop of action matching.
inline constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// `s` without the spaces, tabs and line breaks at either end.
inline constexpr std::string_view trim_blank(std::string_view s) {
  constexpr std::string_view kBlank = " \t\r\n";
  const std::size_t b = s.find_first_not_of(kBlank);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(kBlank) - b + 1);
}

// Where the first IAM wildcard (`*` or `?`) is, or npos. A plain loop: find_first_of("*?")
// calls memchr once per character of the text, which showed in the rules' profile.
inline constexpr std::size_t first_wildcard(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '*' || text[i] == '?') return i;
  }
  return std::string_view::npos;
}

inline constexpr bool has_wildcard(std::string_view text) {
  return first_wildcard(text) != std::string_view::npos;
}

namespace detail {
// `*` matches any run of characters, `?` one character. Iterative with one backtrack point:
// linear in practice.
template <bool kIgnoreCase>
bool glob_match(std::string_view pattern, std::string_view text) {
  const auto same = [](char a, char b) {
    return kIgnoreCase ? ascii_lower(a) == ascii_lower(b) : a == b;
  };
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || same(pattern[p], text[t]))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}
}  // namespace detail

// `*` and `?` wildcards, case-insensitive (actions, condition keys).
inline bool glob_match_icase(std::string_view pattern, std::string_view text) {
  return detail::glob_match<true>(pattern, text);
}
// `*` and `?` wildcards, case-sensitive (resource ARNs).
inline bool glob_match(std::string_view pattern, std::string_view text) {
  return detail::glob_match<false>(pattern, text);
}

}  // namespace rolelint
