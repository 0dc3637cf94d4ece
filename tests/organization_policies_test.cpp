// Both front ends feed AWS Organizations policies into the same model entity (RL405): the
// type, the content (an object, a JSON string, jsonencode, a policy document), and the targets
// (TargetIds; each aws_organizations_policy_attachment's target_id).
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "linter/engine.hpp"

using namespace rolelint;

namespace {

LintResult lint_one(std::string path, std::string text) {
  std::vector<LintInput> inputs;
  inputs.push_back({SourceFile{std::move(path), std::move(text)}, true});
  return lint(std::move(inputs), LintOptions{});
}

std::vector<std::string> known_targets(const model::OrganizationPolicy& p) {
  std::vector<std::string> out;
  for (const model::Value& v : p.targets.values) out.emplace_back(v.known().value_or("?"));
  return out;
}

}  // namespace

TEST_CASE(
    "CloudFormation AWS::Organizations::Policy: type, content as an object or a JSON string, "
    "targets",
    "[organizations][cfn]") {
  const LintResult r = lint_one("org.yaml", R"(Resources:
  NoAssume:
    Type: AWS::Organizations::Policy
    Properties:
      Name: no-assume
      Type: SERVICE_CONTROL_POLICY
      TargetIds: ["111111111111", ou-abcd-12345678]
      Content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: sts:AssumeRole
            Resource: "*"
  Perimeter:
    Type: AWS::Organizations::Policy
    Properties:
      Name: perimeter
      Type: RESOURCE_CONTROL_POLICY
      TargetIds: ["222222222222"]
      Content: '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "sts:*", "Resource": "*"}]}'
  Bob:
    Type: AWS::IAM::User
    Properties:
      PermissionsBoundary: arn:aws:iam::aws:policy/ReadOnlyAccess
)");
  REQUIRE(r.errors.empty());
  REQUIRE(r.model.organization_policies.size() == 2);
  const model::OrganizationPolicy& scp = r.model.organization_policies[0];
  CHECK(scp.origin.source_id == "NoAssume");
  CHECK(scp.type.known() == "SERVICE_CONTROL_POLICY");
  CHECK(known_targets(scp) == std::vector<std::string>{"111111111111", "ou-abcd-12345678"});
  REQUIRE(scp.document.statements.size() == 1);
  CHECK(scp.document.statements[0].effect.known() == "Deny");
  const model::OrganizationPolicy& rcp = r.model.organization_policies[1];
  CHECK(rcp.type.known() == "RESOURCE_CONTROL_POLICY");
  REQUIRE(rcp.document.statements.size() == 1);
  CHECK(rcp.document.statements[0].has_principal);
  REQUIRE(r.model.users.size() == 1);
  CHECK(r.model.users[0].permissions_boundary.known() == "arn:aws:iam::aws:policy/ReadOnlyAccess");
}

TEST_CASE("Terraform aws_organizations_policy and its attachments, the type defaults to an SCP",
          "[organizations][terraform]") {
  const LintResult r = lint_one("org/main.tf", R"(resource "aws_organizations_policy" "no_assume" {
  name = "no-assume"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "sts:AssumeRole", Resource = "*" }]
  })
}

resource "aws_organizations_policy" "perimeter" {
  name    = "perimeter"
  type    = "RESOURCE_CONTROL_POLICY"
  content = <<EOT
{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "sts:*", "Resource": "*"}]}
EOT
}

resource "aws_organizations_policy_attachment" "one" {
  policy_id = aws_organizations_policy.no_assume.id
  target_id = "111111111111"
}

resource "aws_organizations_policy_attachment" "two" {
  policy_id = aws_organizations_policy.no_assume.id
  target_id = "333333333333"
}

resource "aws_iam_user" "bob" {
  name                 = "bob"
  permissions_boundary = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
)");
  REQUIRE(r.errors.empty());
  REQUIRE(r.model.organization_policies.size() == 2);
  const model::OrganizationPolicy& scp = r.model.organization_policies[0];
  CHECK(scp.origin.source_id == "aws_organizations_policy.no_assume");
  CHECK(scp.type.known() == "SERVICE_CONTROL_POLICY");
  CHECK(known_targets(scp) == std::vector<std::string>{"111111111111", "333333333333"});
  REQUIRE(scp.document.statements.size() == 1);
  const model::OrganizationPolicy& rcp = r.model.organization_policies[1];
  CHECK(rcp.type.known() == "RESOURCE_CONTROL_POLICY");
  CHECK(rcp.targets.values.empty());
  REQUIRE(rcp.document.statements.size() == 1);
  REQUIRE(r.model.users.size() == 1);
  CHECK(r.model.users[0].permissions_boundary.known() == "arn:aws:iam::aws:policy/ReadOnlyAccess");
}
