// IAM Identity Center permission sets: extracted from CloudFormation and Terraform into the
// model, and seen by the semantic layer as identities whose accounts are not known.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "linter/engine.hpp"
#include "linter/model/entities.hpp"

using namespace rolelint;

namespace {

LintResult lint_file(std::string path, std::string text) {
  std::vector<LintInput> inputs;
  inputs.push_back({SourceFile{std::move(path), std::move(text)}, true});
  LintResult r = lint(std::move(inputs), LintOptions{});
  REQUIRE(r.errors.empty());
  return r;
}

std::vector<std::string> displayed(const model::ValueList& list) {
  std::vector<std::string> out;
  for (const model::Value& v : list.values) out.push_back(v.display());
  return out;
}

}  // namespace

TEST_CASE("AWS::SSO::PermissionSet: inline policy, managed and customer managed policies, boundary",
          "[identity-center]") {
  const LintResult r = lint_file("sso.yaml", R"(Resources:
  Admins:
    Type: AWS::SSO::PermissionSet
    Properties:
      Name: Admins
      InstanceArn: arn:aws:sso:::instance/ssoins-1111111111111111
      InlinePolicy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'
      ManagedPolicies: [arn:aws:iam::aws:policy/ReadOnlyAccess]
      CustomerManagedPolicyReferences:
        - Name: team-policy
          Path: /teams/
      PermissionsBoundary:
        CustomerManagedPolicyReference:
          Name: boundary
)");
  REQUIRE(r.model.permission_sets.size() == 1);
  const model::PermissionSet& set = r.model.permission_sets[0];
  CHECK(set.origin.source_id == "Admins");
  CHECK(set.name.known() == "Admins");
  REQUIRE(set.policies.size() == 1);
  REQUIRE(set.policies[0].document.statements.size() == 1);
  CHECK(set.policies[0].document.statements[0].actions.values[0].known() == "s3:GetObject");
  CHECK(displayed(set.managed_policy_arns) ==
        std::vector<std::string>{"arn:aws:iam::aws:policy/ReadOnlyAccess"});
  CHECK(displayed(set.customer_managed_policies) == std::vector<std::string>{"team-policy"});
  CHECK(set.permissions_boundary.known() == "boundary");
  // An identity: its inline policy is an identity policy of the model.
  const auto refs = r.model.identity_policies();
  REQUIRE(refs.size() == 1);
  CHECK(refs[0].owner_kind == model::EntityKind::PermissionSet);
  // Its policies: the inline one; incomplete, for the managed ones are not in the model.
  const model::Entities entities(r.model);
  const model::IdentityPolicies policies = entities.policies_of(set);
  REQUIRE(policies.policies.size() == 1);
  CHECK_FALSE(policies.complete);
  REQUIRE(policies.permissions_boundary);
  CHECK(policies.permissions_boundary->known() == "boundary");
}

TEST_CASE("a permission set with only its inline policy has a complete list", "[identity-center]") {
  const LintResult r = lint_file("sso.yaml", R"(Resources:
  Readers:
    Type: AWS::SSO::PermissionSet
    Properties:
      Name: Readers
      InstanceArn: arn:aws:sso:::instance/ssoins-1111111111111111
      InlinePolicy:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: "*"
)");
  const model::Entities entities(r.model);
  CHECK(entities.policies_of(r.model.permission_sets.at(0)).complete);
}

TEST_CASE("aws_ssoadmin_*: the attachments of a permission set of the module are the set's",
          "[identity-center]") {
  const LintResult r = lint_file("mod/main.tf", R"(resource "aws_ssoadmin_permission_set" "ops" {
  name         = "Ops"
  instance_arn = var.instance_arn
}

resource "aws_ssoadmin_permission_set_inline_policy" "ops" {
  instance_arn       = var.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  inline_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = "*" }]
  })
}

resource "aws_ssoadmin_managed_policy_attachment" "ro" {
  instance_arn       = var.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  managed_policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_ssoadmin_customer_managed_policy_attachment" "team" {
  instance_arn       = var.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  customer_managed_policy_reference {
    name = "team"
  }
}

resource "aws_ssoadmin_permissions_boundary_attachment" "b" {
  instance_arn       = var.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  permissions_boundary {
    managed_policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
  }
}

resource "aws_ssoadmin_permission_set_inline_policy" "other" {
  instance_arn       = var.instance_arn
  permission_set_arn = var.other_set
  inline_policy      = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
}

variable "instance_arn" {
  type = string
}

variable "other_set" {
  type = string
}
)");
  REQUIRE(r.model.permission_sets.size() == 1);
  const model::PermissionSet& set = r.model.permission_sets[0];
  CHECK(set.origin.source_id == "aws_ssoadmin_permission_set.ops");
  CHECK(set.name.known() == "Ops");
  REQUIRE(set.policies.size() == 1);
  CHECK(set.policies[0].document.statements.at(0).actions.values.at(0).known() == "sts:AssumeRole");
  CHECK(displayed(set.managed_policy_arns) ==
        std::vector<std::string>{"arn:aws:iam::aws:policy/ReadOnlyAccess"});
  CHECK(displayed(set.customer_managed_policies) == std::vector<std::string>{"team"});
  CHECK(set.permissions_boundary.known() == "arn:aws:iam::aws:policy/PowerUserAccess");
  // The inline policy of a set outside the module is a policy of its own, still linted.
  REQUIRE(r.model.policies.size() == 1);
  CHECK(r.model.policies[0].origin.source_id == "aws_ssoadmin_permission_set_inline_policy.other");
  CHECK(r.model.identity_policies().size() == 2);
}

TEST_CASE("a permission set's grant: its account is never known, so only a certain 'no' reports",
          "[identity-center][edges]") {
  const LintResult r = lint_file("sso.yaml", R"(Resources:
  Deployers:
    Type: AWS::SSO::PermissionSet
    Properties:
      Name: Deployers
      InstanceArn: arn:aws:sso:::instance/ssoins-1111111111111111
      InlinePolicy:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Resource: [!GetAtt ByRoot.Arn, !GetAtt ByUser.Arn, !GetAtt ByAnyone.Arn]
  ByRoot:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root" }
            Action: sts:AssumeRole
  ByUser:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::111122223333:user/alice }
            Action: sts:AssumeRole
  ByAnyone:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sts:AssumeRole
)");
  const model::Entities entities(r.model);
  const std::vector<model::AssumeEdge> edges = entities.assume_edges();
  REQUIRE(edges.size() == 3);
  for (const model::AssumeEdge& e : edges) CHECK(e.caller.kind == model::EntityKind::PermissionSet);
  CHECK(edges[0].trusted == model::Tri::Unknown);  // the root of an account it may be assigned to
  CHECK(edges[1].trusted == model::Tri::False);    // a user is never a permission set's role
  CHECK(edges[2].trusted == model::Tri::True);
}
