#pragma once
// "Did you mean" suggestions for misspelt names (actions, condition keys, configuration keys,
// rule ids): the closest candidate by edit distance, as ruff and clang-tidy suggest them.
#include <algorithm>
#include <string_view>
#include <vector>

#include "linter/base/text.hpp"

namespace rolelint {

// Optimal string alignment distance, case-insensitive, stopping early past `limit`.
inline std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && ascii_lower(a[i - 1]) == ascii_lower(b[j - 2]) &&
          ascii_lower(a[i - 2]) == ascii_lower(b[j - 1])) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// How far a suggestion may be from the word: one edit per four characters, at least one.
inline std::size_t suggestion_limit(std::string_view word) {
  return std::max<std::size_t>(1, word.size() / 4);
}

// The closest of the candidates offered to `word`, within suggestion_limit(word); the first of
// equally close ones. The word and the candidates must outlive it.
class Closest {
 public:
  explicit Closest(std::string_view word)
      : word_(word), best_distance_(suggestion_limit(word) + 1) {}
  void offer(std::string_view candidate) {
    const std::size_t d = edit_distance(word_, candidate, suggestion_limit(word_));
    if (d < best_distance_) {
      best_distance_ = d;
      best_ = candidate;
    }
  }
  // Empty when no candidate was close enough.
  std::string_view best() const { return best_; }

 private:
  std::string_view word_;
  std::size_t best_distance_;
  std::string_view best_;
};

}  // namespace rolelint
