#pragma once
// A sequence that keeps a single element inline and only allocates from the second on.
// Nearly every model value has one option made of one literal part, so storing that one
// without a heap block saves two allocations per value and two pointer hops per read. One
// variant holds either the element or the vector, so the sequence is no larger than the
// larger of the two plus a tag: a model value is 80 bytes, where an optional beside a vector
// made it 136 (most of a large Terraform model's memory).
#include <algorithm>
#include <cstddef>
#include <span>
#include <utility>
#include <variant>
#include <vector>

namespace rolelint {

template <typename T>
class OneOrMany {
 public:
  std::span<T> items() {
    if (T* one = std::get_if<kOne>(&v_)) return {one, 1};
    if (std::vector<T>* many = std::get_if<kMany>(&v_)) return *many;
    return {};
  }
  std::span<const T> items() const {
    if (const T* one = std::get_if<kOne>(&v_)) return {one, 1};
    if (const std::vector<T>* many = std::get_if<kMany>(&v_)) return *many;
    return {};
  }

  // For range-for, also over a temporary: `for (x : f().items())` would outlive it.
  const T* begin() const { return items().data(); }
  const T* end() const {
    const std::span<const T> all = items();
    return all.data() + all.size();
  }

  std::size_t size() const { return items().size(); }
  bool empty() const { return v_.index() == kNone; }
  T& back() { return items().back(); }

  void push_back(T value) { emplace_back(std::move(value)); }

  // Constructs the element in place: the first one without a move.
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (v_.index() == kNone) return v_.template emplace<kOne>(std::forward<Args>(args)...);
    if (v_.index() == kOne) {
      // The new element first: an argument may refer to the one already here.
      T added(std::forward<Args>(args)...);
      std::vector<T> many;
      many.reserve(2);
      many.push_back(std::move(std::get<kOne>(v_)));
      many.push_back(std::move(added));
      return v_.template emplace<kMany>(std::move(many)).back();
    }
    return std::get<kMany>(v_).emplace_back(std::forward<Args>(args)...);
  }

  friend bool operator==(const OneOrMany& a, const OneOrMany& b) {
    return std::ranges::equal(a.items(), b.items());
  }

 private:
  static constexpr std::size_t kNone = 0, kOne = 1, kMany = 2;
  // Invariant: a vector holds two elements or more.
  std::variant<std::monostate, T, std::vector<T>> v_;
};

}  // namespace rolelint
