#pragma once
// Policy documents as the model knows them: statements with symbolic elements.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/text.hpp"
#include "linter/model/tri.hpp"
#include "linter/model/value.hpp"

namespace rolelint::model {

// A list-valued policy element (Action, Resource, a principal's identifiers, condition values).
// `values` holds what was evaluated; `unknown_items` is true when part of the list could not be
// evaluated (a list parameter, an unresolved splat): more entries may exist than the model sees.
struct ValueList {
  std::vector<Value> values;
  bool unknown_items = false;
  Span span;  // the whole element (its key), for reporting
};

enum class PrincipalType : std::uint8_t { Star, AWS, Service, Federated, CanonicalUser, Other };

struct Principal {
  PrincipalType type = PrincipalType::Other;
  std::string type_name;  // as written: "AWS", "Service", "*", ...
  Span type_span;         // the key ("AWS") or the "*" scalar
  ValueList ids;          // identifiers; for Star, one known "*"
};

struct ConditionEntry {
  std::string op;  // as written, e.g. "StringEquals", "ForAnyValue:StringLike", "BoolIfExists"
  Span op_span;
  std::string key;  // as written, e.g. "sts:ExternalId"
  Span key_span;
  ValueList values;
};

// Members are in an order that leaves little padding: a template may hold many thousands.
struct Statement {
  Span span;  // the statement object
  bool has_action = false, not_action = false;
  BoxedValue sid;  // boxed: most statements have none
  Value effect;    // "Allow" / "Deny"; absent when missing

  ValueList actions;
  Span both_actions;  // the second of Action and NotAction when both are written (IAM rejects it)
  bool has_resource = false, not_resource = false;
  ValueList resources;
  Span both_resources;  // the second of Resource and NotResource when both are written
  bool has_principal = false, not_principal = false;
  std::vector<Principal> principals;
  bool principals_unknown = false;  // the Principal element could not be evaluated
  bool has_condition = false;
  Span principal_span;
  std::vector<ConditionEntry> conditions;
  bool conditions_unknown = false;  // part of Condition could not be evaluated
  Span condition_span;
  // A Condition that holds a conditional (CloudFormation's Fn::If, AWS::NoValue) a deployment
  // decides is evaluated per branch: the statement is in its document once per combination of
  // branches, each with that combination's conditions. `when` names the combination
  // ("condition 'IsProd' is false"), empty for a statement without one; `variant` counts the copies
  // of one statement (0 for the first), so that what is about the statement itself is counted once.
  std::string when;
  std::uint8_t variant = 0;

  Tri is_allow() const { return finished_ ? allow_ : compute_is_allow(); }
  // Whether an Allow of this statement covers `action` (e.g. "sts:AssumeRole") by its
  // Action/NotAction element; says nothing of effect, resource or condition.
  Tri covers_action(std::string_view action) const {
    return finished_ && action == kAssumeRole ? assume_role_ : compute_covers_action(action);
  }
  // Called once the elements are set (the policy builder does): most rules ask every statement
  // whether it allows and whether it covers sts:AssumeRole, so the answers are kept. A statement
  // that is never finished (in a test) computes them on each call.
  void finish();

 private:
  static constexpr std::string_view kAssumeRole = "sts:AssumeRole";
  Tri compute_is_allow() const;
  Tri compute_covers_action(std::string_view action) const;
  bool finished_ = false;
  Tri allow_ = Tri::False;
  Tri assume_role_ = Tri::False;
};

// Why IAM rejects a policy document as written (RL211): text that is not valid JSON, JSON that
// is not a policy (a list, a number, null, a string), or a Statement of the wrong type. Only
// known values: an unknown one (a parameter, an interpolation, a function result) never is.
struct PolicyProblem {
  Span span;            // the JSON error inside the text when its bytes are known, else the value
  std::string message;  // what is wrong, e.g. "policy document is not valid JSON: ..."
};

struct PolicyDocument {
  bool present = false;
  Span span;  // the document (or the property holding it)
  Value version;
  bool statements_unknown = false;  // Statement (or the document) could not be fully evaluated
  Span statement_span;
  std::vector<Statement> statements;
  std::vector<PolicyProblem> problems;  // each in one configuration at least (a branch of an If)
};

// IAM action pattern matching: case-insensitive, `*` and `?` wildcards.
using rolelint::glob_match_icase;
// Whether a symbolic action pattern covers `action`: holes may stand for anything.
Tri template_matches(const Template& pattern, std::string_view text);
Tri value_matches(const Value& pattern, std::string_view text);

// " (when condition 'IsProd' is false)" for a statement of one branch of its Condition
// (Statement::when), else empty: rules whose finding depends on the statement's conditions add it
// to the message.
std::string branch_note(const Statement& stmt);

// Condition helpers: the operator without set prefix and IfExists suffix; keys compare
// case-insensitively.
std::string_view condition_base_operator(std::string_view op);
using rolelint::iequals;

}  // namespace rolelint::model
