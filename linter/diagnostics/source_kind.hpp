#pragma once
// What a source file is, and sets of those: the engine classifies each input as one kind, and a
// rule declares the kinds it applies to as a set (rules/rule.hpp). One notion for both.
#include <cstdint>

#include "linter/base/comment_directives.hpp"

namespace rolelint {

enum class SourceKind : std::uint8_t { Unknown, CfnYaml, CfnJson, Terraform };

// A set of source kinds, one bit per kind (Unknown has none).
using SourceKinds = unsigned;

constexpr SourceKinds kinds_of(SourceKind kind) {
  return kind == SourceKind::Unknown ? 0u : 1u << (static_cast<unsigned>(kind) - 1);
}
constexpr bool contains(SourceKinds set, SourceKind kind) { return (set & kinds_of(kind)) != 0; }

// How comments are written in files of a kind (JSON has none): where `rolelint:` directives are.
constexpr CommentSyntax comment_syntax(SourceKind kind) {
  switch (kind) {
    case SourceKind::CfnYaml:
      return CommentSyntax::Hash;
    case SourceKind::Terraform:
      return CommentSyntax::HashAndC;
    case SourceKind::Unknown:
    case SourceKind::CfnJson:
      break;
  }
  return CommentSyntax::None;
}

}  // namespace rolelint
