#pragma once
// Symbolic evaluation of CloudFormation intrinsic functions over the document tree, in both the
// YAML short form (`!Sub`) and the long form (`Fn::Sub`), which the JSON reader also yields.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "linter/model/tri.hpp"
#include "parsers/policy/policy_builder.hpp"
#include "parsers/tree/tree.hpp"
#include "parsers/yaml/block_scalar.hpp"

namespace rolelint::cfn {

// A recognised intrinsic: its canonical name ("Ref", "Fn::Sub", "Condition") and argument.
// For a YAML tag the argument is the tagged node itself, read without its tag (`bare`).
struct Intrinsic {
  std::string_view name;
  tree::NodeId arg = tree::kNoNode;
  bool bare = false;
};

class Intrinsics : public policy::Evaluator {
 public:
  Intrinsics(tree::Tree& tree, tree::NodeId root, FileId file, std::string_view text);

  policy::Branches branches(tree::NodeId node) override;
  // Each branch of an Fn::If whose condition a deployment decides, named by the condition;
  // AWS::NoValue is an absent alternative. Stops past model::kMaxAlternatives.
  std::vector<policy::Alternative> alternatives(tree::NodeId node) override;
  bool afford_copies(std::size_t values) override;
  bool opaque(tree::NodeId node) override;
  model::Value str(tree::NodeId node) override;
  model::ValueList list(tree::NodeId node) override;
  tree::NodeId parse_embedded_json(tree::NodeId node) override;
  std::optional<model::PolicyProblem> embedded_json_problem(tree::NodeId node) override;

  // The intrinsic a node is, if any.
  bool intrinsic(tree::NodeId node, Intrinsic& out) const;
  // The type of a resource in this template ("AWS::IAM::Role"), or empty.
  std::string_view resource_type(std::string_view logical_id) const;
  // Where str() or list() first returned a value too large to evaluate (model::kMaxStringBytes,
  // the alternatives, the evaluation steps), or an invalid span when none was.
  Span too_large() const { return too_large_; }

 private:
  struct Parameter {
    tree::NodeId node = tree::kNoNode;
    bool is_list = false;
  };

  // A scalar's text as JSON: where its first byte is, and whether the source holds it verbatim
  // there (then positions inside it are exact), or where each of its lines is (a block scalar).
  struct EmbeddedJson {
    std::string_view text;  // the tree's scalar text
    std::uint32_t base = 0;
    bool verbatim = false;
    std::optional<yaml::BlockScalarMap> block;
  };
  EmbeddedJson embedded_json(tree::NodeId node) const;

  model::Value str_at(tree::NodeId node, bool bare, unsigned depth);
  model::Value str_node(tree::NodeId node, bool bare, unsigned depth);  // str_at before the charge
  model::ValueList list_at(tree::NodeId node, bool bare, unsigned depth);
  model::Value ref(std::string_view name, Span span);
  model::Value get_att(tree::NodeId arg, bool bare, Span span, unsigned depth);
  model::Value sub(tree::NodeId arg, bool bare, Span span, unsigned depth);
  model::Value join(tree::NodeId arg, Span span, unsigned depth);
  model::Value join_items(tree::NodeId list, std::string_view delimiter, Span span, unsigned depth);
  // Counts one evaluation step: false once the template's steps are spent.
  bool step();
  // `built`, its bytes charged to the budget (model::evaluation_cost).
  model::Value charged(model::Value built);
  void note_too_large(const model::Value& value);
  model::Value select(tree::NodeId arg, Span span, unsigned depth);
  model::Value find_in_map(tree::NodeId arg, Span span, unsigned depth);
  model::Template sub_variable(std::string_view name,
                               const std::map<std::string, model::Value, std::less<>>& vars);
  void branches_into(tree::NodeId node, policy::Branches& out, unsigned depth);
  void alternatives_into(tree::NodeId node, std::vector<policy::Choice>& when,
                         std::vector<policy::Alternative>& out, unsigned depth);
  // The branches of an Fn::If argument list that some deployment takes: both, or only the one
  // its condition picks when the condition is the same for every allowed parameter value (an
  // Fn::Equals on known values, through Fn::Not, Fn::And, Fn::Or and Condition). Empty when the
  // argument list is malformed.
  std::vector<tree::NodeId> if_branches(tree::NodeId arg, unsigned depth);
  model::Tri condition(tree::NodeId node, unsigned depth);
  model::Tri named_condition(std::string_view name, unsigned depth);
  std::vector<tree::NodeId> seq_items(tree::NodeId node) const;

  tree::Tree& tree_;
  FileId file_;
  std::string_view text_;
  // Views of the tree's text, which outlives this evaluator.
  // Hashed: a large template has thousands of resources, looked up by every reference.
  std::unordered_map<std::string_view, Parameter> parameters_;
  // The resources, sorted by logical id (the first of equal ids first; kept in the tree, as
  // their key and Type nodes): 8 bytes a resource, where a hash map took some 70, and a template
  // may hold tens of thousands.
  struct Resource {
    tree::NodeId key = tree::kNoNode;
    tree::NodeId type = tree::kNoNode;  // its Type when a scalar
  };
  std::vector<Resource> resources_;
  // The resource of a logical id, or null.
  const Resource* find_resource(std::string_view logical_id) const;
  tree::NodeId mappings_ = tree::kNoNode;
  tree::NodeId conditions_ = tree::kNoNode;
  // Steps left: YAML aliases share nodes, so a small template can name a node billions of times.
  std::size_t budget_;
  // Policy values the builder may still copy for per-branch statements: a fixed allowance and two
  // per node of the template, so that copies never grow the model past a small multiple of it.
  std::size_t copy_budget_;
  Span too_large_;
};

}  // namespace rolelint::cfn
