#pragma once
// What a source file is, and sets of those: the engine classifies each input as one kind, and a
// rule declares the kinds it applies to as a set (rules/rule.hpp). One notion for both.
#include <cstdint>

namespace rolelint {

enum class SourceKind : std::uint8_t { Unknown, CfnYaml, CfnJson, Terraform };

// A set of source kinds, one bit per kind (Unknown has none).
using SourceKinds = unsigned;

constexpr SourceKinds kinds_of(SourceKind kind) {
  return kind == SourceKind::Unknown ? 0u : 1u << (static_cast<unsigned>(kind) - 1);
}
constexpr bool contains(SourceKinds set, SourceKind kind) { return (set & kinds_of(kind)) != 0; }

}  // namespace rolelint
