// Parity: the same roles written in CloudFormation YAML and in Terraform yield the same rule ids
// (every registered rule enabled).
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "linter/engine.hpp"
#include "rules/rule.hpp"

using namespace rolelint;

namespace {

std::vector<std::string> rule_ids(const std::string& path, const std::string& text) {
  std::vector<LintInput> inputs;
  inputs.push_back({SourceFile{path, text}, true});
  LintResult r = lint(std::move(inputs), LintOptions{rules::all_rules()});
  REQUIRE(r.errors.empty());
  std::vector<std::string> ids;
  for (const Finding& f : r.findings) ids.emplace_back(f.rule_id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

constexpr const char* kYaml = R"yaml(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
Resources:
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      RoleName: platform-team-continuous-delivery-pipeline-deployment-role-production
      MaxSessionDuration: 86400
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sts:AssumeRole
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111122223333:role/Test*" }
            Action: sts:AsumeRole
      Policies:
        - PolicyName: everything
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: "*"
                Resource: "*"
              - Effect: Allow
                Action: iam:PassRole
                Resource: "*"
  Scoped:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub "deploy-${Env}"
      Path: /teams/
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
)yaml";

constexpr const char* kTerraform = R"tf(variable "env" {
  type = string
}

resource "aws_iam_role" "deploy" {
  name                 = "platform-team-continuous-delivery-pipeline-deployment-role-production"
  max_session_duration = 86400
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  inline_policy {
    name = "everything"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = "*", Resource = "*" },
        { Effect = "Allow", Action = "iam:PassRole", Resource = "*" },
      ]
    })
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
  statement {
    actions = ["sts:AsumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/Test*"]
    }
  }
}

resource "aws_iam_role" "scoped" {
  name = "deploy-${var.env}"
  path = "/teams/"
  assume_role_policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": { "Service": "lambda.amazonaws.com" },
          "Action": "sts:AssumeRole"
        }
      ]
    }
  EOF
}
)tf";

}  // namespace

TEST_CASE("the same roles in CloudFormation and Terraform yield the same rule ids",
          "[terraform][parity]") {
  const std::vector<std::string> yaml = rule_ids("parity/template.yaml", kYaml);
  const std::vector<std::string> tf = rule_ids("parity/main.tf", kTerraform);
  CHECK_FALSE(yaml.empty());
  CHECK(std::find(yaml.begin(), yaml.end(), "RL102") != yaml.end());
  CHECK(std::find(yaml.begin(), yaml.end(), "RL203") != yaml.end());
  CHECK(std::find(yaml.begin(), yaml.end(), "RL301") != yaml.end());
  CHECK(tf == yaml);
}
