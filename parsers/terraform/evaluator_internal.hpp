#pragma once
// What the evaluator's own files share (evaluator.cpp: the expression core; evaluator_functions
// .cpp: the function table; evaluator_policy.cpp: policies and aws_iam_policy_document). Not for
// use outside parsers/terraform/evaluator*.cpp.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "linter/model/value.hpp"
#include "parsers/terraform/evaluator.hpp"

namespace rolelint::tf {

inline constexpr unsigned kMaxDepth = model::kMaxEvaluationDepth;
inline constexpr std::size_t kMaxValueNodes = 20'000;  // a local or document larger is unknown

// The size of a value in nodes (a string counts one node per 256 bytes), counting up to `limit`.
std::size_t value_nodes(const Dyn& d, std::size_t limit);

inline Dyn null_at(Span span) {
  Dyn d;
  d.kind = Dyn::Kind::Null;
  d.span = span;
  return d;
}

// Terraform's string concatenation: the model's, with no delimiter.
inline model::Value concat(const std::vector<model::Value>& pieces, Span span) {
  return model::concat(pieces, {}, span);
}

// The key of a memoized policy document: one spelling for counting the references and for
// serving them, so the two cannot drift apart.
inline std::string document_key(std::string_view name) {
  return str_cat("data.aws_iam_policy_document.", name);
}

}  // namespace rolelint::tf
