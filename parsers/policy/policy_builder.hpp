#pragma once
// Builds model policy documents from a document tree. Shared by every front end: the front end
// supplies the Evaluator that resolves its own expressions (CloudFormation intrinsics, Terraform
// expressions) into symbolic values.
#include <optional>
#include <string_view>
#include <vector>

#include "linter/base/one_or_many.hpp"
#include "linter/model/policy.hpp"
#include "parsers/tree/tree.hpp"

namespace rolelint::policy {

// Most nodes are their one branch: kept inline, without a heap block per policy element.
using Branches = OneOrMany<tree::NodeId>;

// A choice a deployment makes: the named condition of a conditional, true or false.
struct Choice {
  std::string_view condition;  // a view of the tree's text
  bool value = false;
  bool operator==(const Choice&) const = default;
};

// One alternative of a node: the node a deployment sees (kNoNode when the value is absent) and
// the undecided choices that lead to it.
struct Alternative {
  tree::NodeId node = tree::kNoNode;
  std::vector<Choice> when;
};

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  // The structural alternatives a node stands for: a conditional yields every branch, an
  // "absent" value none, any plain node itself.
  virtual Branches branches(tree::NodeId node) = 0;
  // The alternatives of a node, each with the choices that lead to it; an absent value is one
  // alternative (node kNoNode). By default every branch, with no choices named.
  virtual std::vector<Alternative> alternatives(tree::NodeId node);
  // Whether the builder may copy `values` more policy values (a statement once per branch of its
  // Condition), counting them against what the input may cost: false once a template has made
  // more copies than its size allows, and the Condition is then unknown rather than split.
  virtual bool afford_copies(std::size_t /*values*/) { return true; }
  // Whether a node is an expression whose structure is unknown (an import, a function result):
  // the policy element it stands for is unknown, never an empty or malformed one.
  virtual bool opaque(tree::NodeId /*node*/) { return false; }
  // A node as one symbolic string.
  virtual model::Value str(tree::NodeId node) = 0;
  // A node as a list of symbolic strings (a single string is a one-element list).
  virtual model::ValueList list(tree::NodeId node) = 0;
  // A node holding a policy as JSON text: parses it into the tree and returns the root, or
  // kNoNode when the text is not known or not JSON (the document is then unknown).
  virtual tree::NodeId parse_embedded_json(tree::NodeId node) = 0;
  // After parse_embedded_json(node) returned kNoNode: where and why the node's text is not JSON
  // when the text is known, else nothing (an unknown text is never a problem).
  virtual std::optional<model::PolicyProblem> embedded_json_problem(tree::NodeId /*node*/) {
    return std::nullopt;
  }
};

model::PolicyDocument build_policy(const tree::Tree& tree, tree::NodeId node, Evaluator& eval);

}  // namespace rolelint::policy
