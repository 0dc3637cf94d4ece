#pragma once
// Symbolic ARNs: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE` over the model's partly known
// values, and the account helpers. Every rule and query that reads an ARN or an account id goes
// through here, so that they agree on what a field is and when it is known.
#include <optional>
#include <string>
#include <string_view>

#include "linter/model/value.hpp"

namespace rolelint::model {

// A 12-digit AWS account id.
bool is_account_id(std::string_view text);

// One ARN, split into its ':'-separated fields. Each field keeps what is written there: literal
// text, wildcards and holes (`${AWS::Partition}`, `${AWS::AccountId}`, a parameter). The
// resource field runs to the end (it may hold ':').
struct Arn {
  int fields = 2;  // how many fields the text has, "arn" included (6 when well formed)
  Template partition, service, region, account, resource;

  bool complete() const { return fields == 6; }
  // The resource field's type ("role" for "role/teams/Admin") when its text up to '/' is known.
  std::optional<std::string> resource_type() const;
  // What follows "<type>/" when fully known: "teams/Admin" for "role/teams/Admin".
  std::optional<std::string> resource_path_and_name() const;
};

// The ARN a template spells: nullopt when it does not start with a literal "arn:".
std::optional<Arn> parse_arn(const Template& text);
std::optional<Arn> parse_arn(std::string_view text);

// Whether a field holds a hole of this kind.
bool has_hole(const Template& field, HoleKind kind);

// The account an AWS principal identifier (or an ARN) belongs to, as far as it is known.
struct PrincipalAccount {
  enum class Kind : std::uint8_t { Unknown, Own, Literal };
  Kind kind = Kind::Unknown;
  std::string id;  // Literal: the 12-digit account id
};

// For one option of a value: a bare 12-digit id, or an ARN whose account field is 12 literal
// digits, is Literal; an ARN whose account field is the deploying account (`${AWS::AccountId}`,
// `data.aws_caller_identity.x.account_id`) or a reference to a resource's ARN in the same
// template or module is Own; anything else (a parameter, a variable, a wildcard) is Unknown.
// Holes before the account field may only be the partition or the region.
PrincipalAccount principal_account(const Template& t);

}  // namespace rolelint::model
