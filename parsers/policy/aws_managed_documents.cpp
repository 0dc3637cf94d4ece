#include "parsers/policy/aws_managed_documents.hpp"

#include <map>
#include <mutex>
#include <string>

#include "parsers/json/json_reader.hpp"
#include "parsers/policy/policy_builder.hpp"

namespace rolelint::policy {
namespace {

using tree::Kind;
using tree::NodeId;

// Plain JSON: every scalar is its own text, nothing is an expression.
class Literal : public Evaluator {
 public:
  explicit Literal(const tree::Tree& tree) : tree_(tree) {}
  Branches branches(NodeId node) override {
    Branches one;
    one.push_back(node);
    return one;
  }
  model::Value str(NodeId node) override {
    const tree::Node& n = tree_.at(node);
    if (n.kind == Kind::Null) return model::Value();
    if (n.kind == Kind::Scalar) return model::Value::known(std::string(n.text()), n.span);
    return model::Value::unknown(n.span);
  }
  model::ValueList list(NodeId node) override {
    model::ValueList out;
    const tree::Node& n = tree_.at(node);
    out.span = n.span;
    if (n.kind == Kind::Seq) {
      for (NodeId item : tree_.items(node)) out.values.push_back(str(item));
    } else {
      out.values.push_back(str(node));
    }
    return out;
  }
  NodeId parse_embedded_json(NodeId /*node*/) override { return tree::kNoNode; }

 private:
  const tree::Tree& tree_;
};

class Documents : public model::AwsManagedDocuments {
 public:
  const model::PolicyDocument& document(const catalog::AwsManagedPolicy& policy) const override {
    const std::lock_guard<std::mutex> lock(mutex_);
    auto [it, added] = parsed_.try_emplace(&policy);
    if (added) it->second = parse(policy.document);
    return it->second;
  }

 private:
  // The data is checked JSON (gen_managed_policies); a document that does not parse is unknown.
  static model::PolicyDocument parse(std::string_view text) {
    tree::Tree tree;
    Result<NodeId> root = json::read(text, kNoFile, tree);
    if (!root.ok()) {
      model::PolicyDocument unknown;
      unknown.present = true;
      unknown.statements_unknown = true;
      return unknown;
    }
    Literal literal(tree);
    return build_policy(tree, root.value(), literal);
  }

  mutable std::mutex mutex_;
  // std::map: a document never moves once returned.
  mutable std::map<const catalog::AwsManagedPolicy*, model::PolicyDocument> parsed_;
};

}  // namespace

const model::AwsManagedDocuments& aws_managed_documents() {
  static const Documents documents;
  return documents;
}

}  // namespace rolelint::policy
