// Where Terraform policies come from besides the aws_iam_* resources that hold them: documents
// nothing in the module attaches, and the *_exclusive resources that attach policies.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "linter/engine.hpp"
#include "linter/model/entities.hpp"

using namespace rolelint;

namespace {

LintResult lint_tf(std::string text) {
  std::vector<LintInput> inputs;
  inputs.push_back({SourceFile{"mod/main.tf", std::move(text)}, true});
  LintResult r = lint(std::move(inputs), LintOptions{});
  REQUIRE(r.errors.empty());
  return r;
}

constexpr const char* kRole = R"(
resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
)";

}  // namespace

TEST_CASE(
    "a policy document nothing in the module uses is a policy of its own, unless it has a "
    "Principal",
    "[terraform][documents]") {
  const LintResult r = lint_tf(std::string(kRole) + R"(
data "aws_iam_policy_document" "unused" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "used" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.used.json
}

data "aws_iam_policy_document" "bucket" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
)");
  // The role's policy, then the unused document; the bucket policy is neither.
  REQUIRE(r.model.policies.size() == 2);
  CHECK(r.model.policies[0].origin.source_id == "aws_iam_role_policy.app");
  CHECK(r.model.policies[1].origin.source_id == "data.aws_iam_policy_document.unused");
  CHECK(r.model.policies[1].origin.source_type == "aws_iam_policy_document");
  CHECK(r.model.policies[1].document.statements.at(0).actions.values.at(0).known() ==
        "s3:GetObject");
  CHECK(r.model.policies[1].roles.values.empty());
}

TEST_CASE("aws_iam_role_policy_attachments_exclusive attaches each of its policy ARNs",
          "[terraform][attachments]") {
  const LintResult r = lint_tf(std::string(kRole) + R"(
resource "aws_iam_role_policy_attachments_exclusive" "app" {
  role_name   = aws_iam_role.app.name
  policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", aws_iam_policy.mine.arn]
}

resource "aws_iam_policy" "mine" {
  name   = "mine"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
)");
  REQUIRE(r.model.roles.size() == 1);
  const model::Role& role = r.model.roles[0];
  REQUIRE(role.managed_policy_arns.values.size() == 1);
  CHECK(role.managed_policy_arns.values[0].known() == "arn:aws:iam::aws:policy/ReadOnlyAccess");
  REQUIRE(r.model.managed_policies.size() == 1);
  REQUIRE(r.model.managed_policies[0].roles.values.size() == 1);
  const model::Entities entities(r.model);
  const model::IdentityPolicies policies = entities.policies_of(role);
  REQUIRE(policies.policies.size() == 1);
  CHECK(policies.policies[0].document == &r.model.managed_policies[0].document);
  CHECK_FALSE(policies.complete);  // ReadOnlyAccess is not in the model
}

TEST_CASE(
    "aws_iam_role_policies_exclusive: a name the module does not define is a policy it does not "
    "show",
    "[terraform][attachments]") {
  const std::string policy = R"(
resource "aws_iam_role_policy" "app" {
  name   = "inline"
  role   = aws_iam_role.app.name
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
)";
  SECTION("every name defined: the role's list stays complete") {
    const LintResult r = lint_tf(std::string(kRole) + policy + R"(
resource "aws_iam_role_policies_exclusive" "app" {
  role_name    = aws_iam_role.app.name
  policy_names = ["inline"]
}
)");
    const model::Entities entities(r.model);
    CHECK(entities.policies_of(r.model.roles.at(0)).complete);
  }
  SECTION("a name defined elsewhere: incomplete") {
    const LintResult r = lint_tf(std::string(kRole) + policy + R"(
resource "aws_iam_role_policies_exclusive" "app" {
  role_name    = aws_iam_role.app.name
  policy_names = ["inline", "from-elsewhere"]
}
)");
    const model::Entities entities(r.model);
    const model::IdentityPolicies policies = entities.policies_of(r.model.roles.at(0));
    CHECK(policies.policies.size() == 1);
    CHECK_FALSE(policies.complete);
  }
}

TEST_CASE(
    "a document used by another document, or by an entity and an output, is not a policy of its "
    "own",
    "[terraform][documents]") {
  const LintResult r = lint_tf(std::string(kRole) + R"(
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "perms" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    sid       = "Read"
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.perms.json
}

output "perms" {
  value = data.aws_iam_policy_document.perms.json
}
)");
  REQUIRE(r.model.policies.size() == 1);
  CHECK(r.model.policies[0].origin.source_id == "aws_iam_role_policy.app");
}
