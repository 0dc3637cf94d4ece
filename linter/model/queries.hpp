#pragma once
// Model queries shared by two or more rules. Rules call these instead of re-deriving facts.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/model/arn.hpp"
#include "linter/model/entities.hpp"
#include "linter/model/model.hpp"

namespace rolelint::model {

// Whether the statement's Condition requires `key` (compared case-insensitively) to be present
// in the request: True when an entry with that key has an operator that needs the key (not an
// `...IfExists` operator, and `Null` only with "false"). Unknown when part of Condition could
// not be evaluated and no such entry was found, or when a `Null` value is not known.
Tri requires_condition_key(const Statement& stmt, std::string_view key);

// For the first `${...}` in the literal text of `t` (`arn:aws:iam::${AWS::AccountId}:root`
// written without Fn::Sub, which CloudFormation keeps as it is), what is wrong, for a message:
// "holds '${AWS::AccountId}' as literal text: ..."; empty when there is none.
std::string literal_substitution(const Template& t);

// The issuer a Federated principal names for web identity: the text after `:oidc-provider/` of
// an OIDC provider ARN (known from the literal text after its last hole), or the whole known
// identifier when it is no ARN (`cognito-identity.amazonaws.com`, `accounts.google.com`); empty
// for a SAML provider or anything not known.
std::string web_identity_issuer(const Value& federated);

// A condition entry of `stmt` that a token of `issuer` can never satisfy: its key is a claim of
// another issuer (`other.example.com:sub`, `token.actions.githubusercontent.com/octo-org:sub`
// under the plain GitHub provider), and its operator fails when the key is missing (not
// `...IfExists`, `Null`, a negated operator or `ForAllValues:`). Nullptr when there is none.
const ConditionEntry* condition_of_other_issuer(const Statement& stmt, std::string_view issuer);

// Whether `value` (a policy Resource element entry) certainly names `role`: in every option,
// either a reference to the role's ARN (`!GetAtt Role.Arn`, `aws_iam_role.x.arn`) or an ARN
// whose text after `:role/` is exactly the role's known path (without its leading `/`) and name,
// or that path followed by a reference to the role's name (`${Role}`). A wildcard never names
// one role; an unknown value never names it.
bool names_role(const Value& value, const Role& role);

// The role's path without its leading '/' followed by its name, when both are known
// ("teams/Admin" for Path "/teams/" and RoleName "Admin"; an absent path is "/").
std::optional<std::string> known_path_and_name(const Role& role);
// The same for any identity's path and name (a user's: "people/Bob").
std::optional<std::string> known_path_and_name(const Value& path, const Value& name);

// Whether a role is meant for console use (a person switches to it), and the evidence.
struct ConsoleIntent {
  enum class Kind : std::uint8_t { None, Marker, Grant, Mfa };
  Kind kind = Kind::None;
  std::string reason;  // for messages: "marked console-role", "user 'Alice' may assume it", ...
  Span span;           // the evidence: the marker, the granting Resource entry, the MFA key

  explicit operator bool() const { return kind != Kind::None; }
};

// A role is meant for console use when (first evidence wins, in this order):
//  - it carries the "console-role" marker (`# rolelint: console-role`, Metadata, or a
//    console-roles name pattern of the configuration);
//  - a user or group of the model (through inline policies, managed policies attached to it by
//    reference or ARN as Entities::managed_policies_named resolves them, standalone policies
//    naming it) or a policy attached to a named user or group is allowed sts:AssumeRole on it
//    (see names_role: a bare `*` does not count);
//  - its trust policy requires aws:MultiFactorAuthPresent or aws:MultiFactorAuthAge.
// A role whose trust policy admits only Service or Federated principals is never one.
// Unknown never counts as evidence.
//
// Built once per model, it answers for any role in O(log n): every sts:AssumeRole grant of the
// model is indexed by the role it can name (the resource a reference points at, or the text
// after ":role/"), so a rule asking about every role costs linear time, not roles x grants.
// The model must not change while the index is in use.
class ConsoleIntents {
 public:
  explicit ConsoleIntents(const Entities& entities);
  ConsoleIntent of(const Role& role) const;

 private:
  struct Grant {
    const Value* resource;  // a Resource entry of an Allow statement covering sts:AssumeRole
    std::string reason;     // "user 'Alice' may assume it through managed policy 'P'"
  };
  void add(const PolicyDocument& doc, const std::string& who, const std::string& via);

  const Model& model_;
  std::vector<Grant> grants_;                       // in the order of precedence
  std::multimap<std::string, std::size_t> by_key_;  // "id:<resource id>" / "name:<path+name>"
};

// One-off form of ConsoleIntents(model).of(role); builds the index on every call.
ConsoleIntent console_intent(const Model& model, const Role& role);

}  // namespace rolelint::model
