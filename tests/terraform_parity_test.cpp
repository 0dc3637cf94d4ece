// Parity: the same roles written in CloudFormation YAML and in Terraform yield the same findings
// (every registered rule enabled): the same rule on the same resource, each at the line of its
// own format where the element is written.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "linter/engine.hpp"
#include "rules/rule.hpp"

using namespace rolelint;

namespace {

// A finding as the parity check compares it: rule, resource and line.
struct Seen {
  std::string rule, resource;
  std::uint32_t line;
  friend bool operator<(const Seen& a, const Seen& b) {
    return std::tie(a.rule, a.resource, a.line) < std::tie(b.rule, b.resource, b.line);
  }
  friend bool operator==(const Seen&, const Seen&) = default;
};

std::ostream& operator<<(std::ostream& os, const Seen& s) {
  return os << s.rule << " " << s.resource << ":" << s.line;
}

std::vector<Seen> findings(const std::string& path, const std::string& text) {
  std::vector<LintInput> inputs;
  inputs.push_back({SourceFile{path, text}, true});
  LintResult r = lint(std::move(inputs), LintOptions{rules::all_rules()});
  REQUIRE(r.errors.empty());
  std::vector<Seen> seen;
  for (const Finding& f : r.findings)
    seen.push_back({std::string(f.rule_id), f.resource,
                    static_cast<std::uint32_t>(resolve(r, f.span).begin.line)});
  std::sort(seen.begin(), seen.end());
  return seen;
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

TEST_CASE(
    "the same roles in CloudFormation and Terraform yield the same findings at their own lines",
    "[terraform][parity]") {
  // Each finding: rule, then the resource and line in the YAML template and in the module.
  struct Expected {
    const char* rule;
    std::uint32_t yaml_line;
    std::uint32_t tf_line;
  };
  const Expected expected[] = {
      {"RL301", 9, 6},    // the role name
      {"RL306", 10, 7},   // max_session_duration
      {"RL404", 10, 7},   // chained sessions and the same duration
      {"RL102", 15, 26},  // Principal "*"
      {"RL103", 18, 33},  // the wildcard inside a principal ARN
      {"RL205", 19, 30},  // sts:AsumeRole
      {"RL203", 26, 14},  // Action "*" on "*", which includes sts:AssumeRole (RL201 is left out)
      {"RL204", 30, 15},  // iam:PassRole on "*"
  };
  std::vector<Seen> want_yaml, want_tf;
  for (const Expected& e : expected) {
    want_yaml.push_back({e.rule, "Deploy", e.yaml_line});
    want_tf.push_back({e.rule, "aws_iam_role.deploy", e.tf_line});
  }
  std::sort(want_yaml.begin(), want_yaml.end());
  std::sort(want_tf.begin(), want_tf.end());
  CHECK(findings("parity/template.yaml", kYaml) == want_yaml);
  CHECK(findings("parity/main.tf", kTerraform) == want_tf);
}
