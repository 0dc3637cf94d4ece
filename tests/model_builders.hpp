#pragma once
// Models built in code for unit tests of the model, its queries and the semantic layer: values
// with distinct spans, statements, documents, roles and users.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "linter/model/model.hpp"

namespace rolelint::test_model {

using model::HoleKind;
using model::Value;

// Each value gets its own span so a test can tell which one a query points at.
inline std::uint32_t next_offset = 0;
inline Span span() {
  next_offset += 10;
  return Span{0, next_offset, next_offset + 5};
}

inline Value lit(std::string text) { return Value::known(std::move(text), span()); }

inline model::Template hole(HoleKind kind, std::string target, std::string attribute = {}) {
  return model::Template::of_hole({kind, std::move(target), std::move(attribute)});
}

inline Value ref(std::string target, std::string attribute = {}) {
  return Value::of_template(hole(HoleKind::Resource, std::move(target), std::move(attribute)),
                            span());
}

// "arn:aws:iam::${AWS::AccountId}:role/<rest>"
inline Value own_account_role_arn(std::string rest) {
  model::Template t("arn:aws:iam::");
  t.append(hole(HoleKind::OwnAccount, "AWS::AccountId"));
  t.append_literal(":role/" + rest);
  return Value::of_template(t, span());
}

inline model::ValueList list(std::vector<Value> values) {
  model::ValueList l;
  l.values = std::move(values);
  return l;
}

inline model::Statement statement(std::string effect, std::vector<Value> actions,
                                  std::vector<Value> resources) {
  model::Statement s;
  s.effect = lit(std::move(effect));
  s.has_action = true;
  s.actions = list(std::move(actions));
  s.has_resource = true;
  s.resources = list(std::move(resources));
  return s;
}

inline model::PolicyDocument document(std::vector<model::Statement> statements) {
  model::PolicyDocument d;
  d.present = true;
  d.statements = std::move(statements);
  return d;
}

inline model::InlinePolicy inline_policy(model::PolicyDocument doc) {
  model::InlinePolicy p;
  p.name = lit("switch");
  p.document = std::move(doc);
  return p;
}

inline model::ConditionEntry condition(std::string op, std::string key, std::vector<Value> values) {
  model::ConditionEntry c;
  c.op = std::move(op);
  c.key = std::move(key);
  c.key_span = span();
  c.values = list(std::move(values));
  return c;
}

inline model::Statement trust_statement(model::PrincipalType type, std::string type_name,
                                        std::string id, std::string effect = "Allow") {
  model::Statement s;
  s.effect = lit(std::move(effect));
  s.has_action = true;
  s.actions = list({lit("sts:AssumeRole")});
  s.has_principal = true;
  model::Principal p;
  p.type = type;
  p.type_name = std::move(type_name);
  p.ids = list({lit(std::move(id))});
  s.principals.push_back(std::move(p));
  return s;
}

inline model::Statement aws_trust(std::string effect = "Allow") {
  return trust_statement(model::PrincipalType::AWS, "AWS", "arn:aws:iam::111122223333:root",
                         std::move(effect));
}

// A role trusted by an account root, named `name` under `path` (absent when empty).
inline model::Role role(std::string id, std::string name, std::string path = {}) {
  model::Role r;
  r.origin.source_id = std::move(id);
  r.origin.file = 0;  // one template: file 0, like span()
  r.origin.source_type = "AWS::IAM::Role";
  if (!name.empty()) r.name = lit(std::move(name));
  if (!path.empty()) r.path = lit(std::move(path));
  r.trust = document({aws_trust()});
  return r;
}

inline model::User user(std::string id, std::vector<model::Statement> statements) {
  model::User u;
  u.origin.source_id = std::move(id);
  u.origin.file = 0;  // one template: file 0, like span()
  u.policies.push_back(inline_policy(document(std::move(statements))));
  return u;
}

inline model::Statement assume_on(Value resource) {
  return statement("Allow", {lit("sts:AssumeRole")}, {std::move(resource)});
}

}  // namespace rolelint::test_model
