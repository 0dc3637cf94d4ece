#pragma once
// A sequence that keeps a single element inline and only allocates from the second on.
// Nearly every model value has one option made of one literal part, so storing that one
// without a heap block saves two allocations per value and two pointer hops per read.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace rolelint {

template <typename T>
class OneOrMany {
 public:
  std::span<T> items() { return many_.empty() ? one() : std::span<T>(many_); }
  std::span<const T> items() const { return many_.empty() ? one() : std::span<const T>(many_); }

  std::size_t size() const { return items().size(); }
  bool empty() const { return !one_ && many_.empty(); }
  T& back() { return items().back(); }

  void push_back(T value) { emplace_back(std::move(value)); }

  // Constructs the element in place: the first one without a move.
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (many_.empty() && !one_) return one_.emplace(std::forward<Args>(args)...);
    if (many_.empty()) {
      many_.reserve(2);
      many_.push_back(std::move(*one_));
      one_.reset();
    }
    return many_.emplace_back(std::forward<Args>(args)...);
  }

  friend bool operator==(const OneOrMany& a, const OneOrMany& b) { return std::ranges::equal(a.items(), b.items()); }

 private:
  std::span<T> one() { return one_ ? std::span<T>(&*one_, 1) : std::span<T>(); }
  std::span<const T> one() const { return one_ ? std::span<const T>(&*one_, 1) : std::span<const T>(); }

  // Invariant: at most one of the two holds elements; `many_` once there are two or more.
  std::optional<T> one_;
  std::vector<T> many_;
};

}  // namespace rolelint
