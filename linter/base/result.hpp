#pragma once
// A value or an error, without exceptions across module boundaries (C++20 has no std::expected).
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace rolelint {

// An error in an input file at a byte offset (resolved to line:column by the caller).
struct ParseError {
  std::uint32_t offset = 0;
  std::string message;
};

template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}           // NOLINT: implicit by design
  Result(ParseError error) : data_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(data_); }
  T& value() { return std::get<T>(data_); }
  const ParseError& error() const { return std::get<ParseError>(data_); }

 private:
  std::variant<T, ParseError> data_;
};

}  // namespace rolelint
