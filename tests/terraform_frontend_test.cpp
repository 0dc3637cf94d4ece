// The Terraform front end: HCL parsing, symbolic evaluation, extraction into the model, with
// exact positions (also inside jsonencode objects and heredoc JSON).
#include <catch2/catch.hpp>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "linter/engine.hpp"
#include "parsers/terraform/hcl.hpp"

using namespace rolelint;

namespace {

const model::Template& first_option(const model::Value& v) {
  REQUIRE_FALSE(v.options().empty());
  return v.options().front();
}

const model::Part& first_part(const model::Value& v) {
  REQUIRE_FALSE(first_option(v).parts().empty());
  return first_option(v).parts().front();
}

LintResult lint_files(std::vector<std::pair<std::string, std::string>> files) {
  std::vector<LintInput> inputs;
  for (auto& [path, text] : files) inputs.push_back({SourceFile{path, std::move(text)}, true});
  return lint(std::move(inputs), LintOptions{});
}

LintResult lint_tf(std::string text) { return lint_files({{"mod/main.tf", std::move(text)}}); }

// "line:column" of a span's start.
std::string pos(const LintResult& r, const Span& s) {
  REQUIRE(s.valid());
  ResolvedSpan p = resolve(r, s);
  return str_cat(r.files[s.file].path, ":", p.begin.line, ":", p.begin.column);
}

const model::Role& only_role(const LintResult& r) {
  REQUIRE(r.errors.empty());
  REQUIRE(r.model.roles.size() == 1);
  return r.model.roles.front();
}

}  // namespace

TEST_CASE("HCL parser reads blocks, labels and attributes", "[terraform][hcl]") {
  auto f = tf::parse("resource \"aws_iam_role\" \"this\" {\n  name = \"a\"\n}\n", 0);
  REQUIRE(f.ok());
  const tf::Body& top = f.value().top();
  REQUIRE(top.blocks.size() == 1);
  CHECK(top.blocks[0].type == "resource");
  CHECK(top.blocks[0].labels == std::vector<std::string>{"aws_iam_role", "this"});
  const tf::Body& body = f.value().body(top.blocks[0]);
  REQUIRE(body.attribute("name"));
  CHECK(body.attribute("name")->name_span.begin == 35);
}

TEST_CASE("HCL syntax errors give the first error position", "[terraform][hcl][errors]") {
  SECTION("unbalanced braces") {
    auto r = lint_tf("resource \"aws_iam_role\" \"a\" {\n  name = \"x\"\n\nlocals {\n  a = 1\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].file == "mod/main.tf");
    CHECK(r.errors[0].message.find("HCL syntax error") == 0);
  }
  SECTION("an unexpected token points at its line and column") {
    auto r = lint_tf("locals {\n  a = 1\n  b = = 2\n}\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 3);
    CHECK(r.errors[0].column == 7);
  }
  SECTION("unterminated heredoc") {
    auto r = lint_tf("resource \"aws_iam_role\" \"a\" {\n  assume_role_policy = <<EOF\n{}\n}\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line >= 2);
    CHECK(r.errors[0].message.find("HCL syntax error") == 0);
  }
  SECTION("invalid UTF-8") {
    auto r = lint_tf("locals {\n  a = \"caf\xc3\x28\"\n}\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 2);
    CHECK(r.errors[0].column == 11);
    CHECK(r.errors[0].message.find("UTF-8") != std::string::npos);
  }
  SECTION("invalid UTF-8 at each place after a run of ASCII") {
    for (std::size_t n = 0; n < 20; ++n) {
      auto r = lint_tf(std::string("# ") + std::string(n, 'x') + "\xff\n");
      REQUIRE(r.errors.size() == 1);
      CHECK(r.errors[0].line == 1);
      CHECK(r.errors[0].column == n + 3);
    }
  }
  SECTION("the other files of the module are still linted") {
    auto r =
        lint_files({{"mod/bad.tf", "locals {\n"},
                    {"mod/good.tf", "resource \"aws_iam_role\" \"a\" {\n  name = \"x\"\n}\n"}});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].file == "mod/bad.tf");
    REQUIRE(r.model.roles.size() == 1);
    CHECK(r.model.roles[0].name.known() == "x");
  }
  SECTION("a file that is one object is not Terraform, also after blocks") {
    auto r = lint_tf("# a comment\n{\n  name = \"x\"\n}\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].line == 2);
    CHECK(r.errors[0].column == 1);
    CHECK(r.errors[0].message ==
          "HCL syntax error: expected an argument or a block, not an object");
    // Cut into pieces, the object after the block parsed on its own: the file is still an error.
    const std::string after = "locals {\n  a = 1\n}\n {\n  name = \"x\"\n}\n";
    auto whole = tf::parse(after, 0, {.piece_bytes = std::numeric_limits<std::size_t>::max()});
    auto pieces = tf::parse(after, 0, {.piece_bytes = 1});
    REQUIRE_FALSE(whole.ok());
    REQUIRE_FALSE(pieces.ok());
    CHECK(pieces.error().offset == whole.error().offset);
  }
  SECTION("deep nesting is an error, not a crash") {
    std::string deep =
        "locals {\n  a = " + std::string(5000, '[') + std::string(5000, ']') + "\n}\n";
    auto r = lint_tf(deep);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("nesting") != std::string::npos);
  }
}

TEST_CASE("locals that double at every step stay cheap", "[terraform][evaluate][errors]") {
  std::string text = "locals {\n  l0 = \"abcdefghijklmnopqrstuvwxyz\"\n";
  for (int i = 1; i <= 60; ++i) {
    text += str_cat("  l", i, " = \"${local.l", i - 1, "}${local.l", i - 1, "}\"\n");
    text += str_cat("  t", i, " = [local.l", i - 1, ", local.t", i - 1, ", local.t", i - 1, "]\n");
  }
  text +=
      "}\nresource \"aws_iam_role\" \"r\" {\n  name = local.l60\n  path = \"/${local.l3}/\"\n"
      "  managed_policy_arns = local.t60\n}\n";
  auto r = lint_tf(text);
  const model::Role& role = only_role(r);
  CHECK(role.name.is_unknown());  // past the size cap: unknown, and told once
  CHECK(role.name.is_too_large());
  CHECK(role.path.known()->size() == 2 + 26 * 8);
  CHECK(role.managed_policy_arns.unknown_items);
  REQUIRE(r.notes.size() == 1);
  CHECK(r.notes[0].file == "mod/main.tf");
  // l60 reaches l28 past the nesting limit (unknown); from there the holes double, and l40 is
  // the first template of more than 2,048 parts.
  CHECK(r.notes[0].line == 81);
  CHECK(r.notes[0].message == model::too_large_message());
}

TEST_CASE("a 50 MB file gives a clear error, not a crash", "[terraform][hcl][errors][large]") {
  std::string big;
  big.reserve(50u << 20);
  const std::string chunk =
      "resource \"aws_iam_role\" \"r\" {\n  name = \"" + std::string(1000, 'x') + "\"\n}\n";
  while (big.size() + chunk.size() < (50u << 20)) big += chunk;
  auto r =
      lint_files({{"mod/big.tf", std::move(big)},
                  {"mod/small.tf", "resource \"aws_iam_role\" \"a\" {\n  name = \"last\"\n}\n"}});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].file == "mod/big.tf");
  CHECK(r.errors[0].line == 1);
  CHECK(r.errors[0].message.find("are not parsed") != std::string::npos);
  // The module's other files are still linted.
  REQUIRE(r.model.roles.size() == 1);
  CHECK(r.model.roles[0].name.known() == "last");
}

TEST_CASE("a file just under the size limit is parsed", "[terraform][hcl][large]") {
  std::string big;
  const std::string chunk = "# " + std::string(1000, 'x') + "\n";
  while (big.size() + chunk.size() < tf::kMaxHclBytes - 100) big += chunk;
  big += "resource \"aws_iam_role\" \"a\" {\n  name = \"last\"\n}\n";
  REQUIRE(big.size() <= tf::kMaxHclBytes);
  auto r = lint_tf(std::move(big));
  const model::Role& role = only_role(r);
  CHECK(role.name.known() == "last");
}

TEST_CASE("aws_iam_role attributes become the model's role", "[terraform][extract]") {
  auto r = lint_tf(R"tf(variable "env" {
  default = "prod"
}

locals {
  prefix = "team"
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

resource "aws_iam_role" "this" {
  name                 = "${local.prefix}-deploy-${var.env}"
  path                 = "/teams/"
  max_session_duration = 7200
  permissions_boundary = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:policy/b"
  managed_policy_arns  = [aws_iam_policy.p.arn, "arn:aws:iam::aws:policy/ReadOnlyAccess"]
  tags = {
    Team = "platform"
  }
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = "{}"
}
)tf");
  const model::Role& role = only_role(r);
  CHECK(role.origin.source_id == "aws_iam_role.this");
  CHECK(role.origin.source_type == "aws_iam_role");
  CHECK(pos(r, role.origin.span) == "mod/main.tf:12:1");
  CHECK(role.name.display() == "team-deploy-${var.env}");
  REQUIRE(role.name.options().size() == 1);
  CHECK(role.name.options()[0].parts()[1].hole().kind == model::HoleKind::Parameter);
  CHECK(pos(r, role.name.span()) == "mod/main.tf:13:26");
  CHECK(role.path.known() == "/teams/");
  CHECK(role.max_session_duration.known() == "7200");
  const auto& boundary = first_option(role.permissions_boundary).parts();
  REQUIRE(boundary.size() == 5);
  CHECK(boundary[1].hole().kind == model::HoleKind::Partition);
  CHECK(boundary[3].hole().kind == model::HoleKind::OwnAccount);
  REQUIRE(role.managed_policy_arns.values.size() == 2);
  const auto& ref = first_part(role.managed_policy_arns.values[0]).hole();
  CHECK(ref.kind == model::HoleKind::Resource);
  CHECK(ref.target == "aws_iam_policy.p");
  CHECK(ref.attribute.empty());  // what CloudFormation's Ref of a managed policy returns: its ARN
  REQUIRE(role.tags.size() == 1);
  CHECK(role.tags[0].key.known() == "Team");
  CHECK(role.tags[0].value.known() == "platform");

  REQUIRE(role.trust.present);
  REQUIRE(role.trust.statements.size() == 1);
  const model::Statement& s = role.trust.statements[0];
  CHECK(s.effect.known() == "Allow");
  CHECK(pos(r, s.effect.span()) == "mod/main.tf:24:19");
  CHECK(pos(r, s.actions.span) == "mod/main.tf:26:7");
  REQUIRE(s.principals.size() == 1);
  CHECK(s.principals[0].type == model::PrincipalType::Service);
  CHECK(pos(r, s.principals[0].type_span) == "mod/main.tf:25:21");
  CHECK(s.principals[0].ids.values.at(0).known() == "ec2.amazonaws.com");
  REQUIRE(r.model.managed_policies.size() == 1);
  CHECK(r.model.managed_policies[0].document.present);
}

TEST_CASE("heredoc JSON keeps positions inside the heredoc", "[terraform][policy]") {
  auto r = lint_tf(R"tf(resource "aws_iam_role" "h" {
  assume_role_policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "Trust",
          "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::${var.account}:root" },
          "Action": "sts:AssumeRole"
        }
      ]
    }
  EOF
}
)tf");
  const model::Role& role = only_role(r);
  REQUIRE(role.trust.statements.size() == 1);
  const model::Statement& s = role.trust.statements[0];
  CHECK(s.sid.known() == "Trust");
  CHECK(pos(r, s.sid.span()) == "mod/main.tf:7:18");
  CHECK(pos(r, s.actions.span) == "mod/main.tf:10:11");
  REQUIRE(s.principals.size() == 1);
  CHECK(s.principals[0].ids.values.at(0).display() == "arn:aws:iam::${var.account}:root");
}

TEST_CASE("resource attributes use the model's vocabulary", "[terraform][evaluate]") {
  auto r = lint_tf(R"tf(resource "aws_iam_role" "a" {
  name = "a"
}
resource "aws_iam_role" "b" {
  assume_role_policy = <<EOF
{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
  "Principal": {"AWS": ["${aws_iam_role.a.arn}", "${aws_iam_role.a.unique_id}"]},
  "Condition": {"StringEquals": {"aws:username": "$${aws:username}"}}}]}
EOF
  permissions_boundary = aws_iam_role.a.name
}
)tf");
  REQUIRE(r.errors.empty());
  REQUIRE(r.model.roles.size() == 2);
  const model::Role& b = r.model.roles[1];
  REQUIRE(b.trust.statements.size() == 1);
  const auto& ids = b.trust.statements[0].principals.at(0).ids.values;
  REQUIRE(ids.size() == 2);
  CHECK(first_part(ids[0]).hole().attribute == "Arn");
  CHECK(first_part(ids[1]).hole().attribute == "RoleId");
  CHECK(b.trust.statements[0].conditions.at(0).values.values.at(0).known() == "${aws:username}");
  CHECK(first_part(b.permissions_boundary).hole().target == "aws_iam_role.a");
  CHECK(first_part(b.permissions_boundary).hole().attribute.empty());
}

TEST_CASE("quoted JSON and file() policies", "[terraform][policy]") {
  SECTION("a quoted JSON string with escapes points at the string") {
    auto r = lint_tf(
        "resource \"aws_iam_role\" \"q\" {\n"
        "  assume_role_policy = "
        "\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"sts:AssumeRole\\\"}"
        "]}\"\n"
        "}\n");
    const model::Role& role = only_role(r);
    REQUIRE(role.trust.statements.size() == 1);
    CHECK(role.trust.statements[0].effect.known() == "Allow");
    CHECK(pos(r, role.trust.statements[0].actions.span) == "mod/main.tf:2:24");
  }
  SECTION("file() reads a linted input with exact positions") {
    auto r = lint_files({{"mod/main.tf",
                          "resource \"aws_iam_role\" \"f\" {\n"
                          "  assume_role_policy = file(\"${path.module}/trust.json\")\n}\n"},
                         {"mod/trust.json",
                          "{\n  \"Statement\": [\n    {\"Effect\": \"Deny\", \"Action\": "
                          "\"sts:AssumeRole\"}\n  ]\n}\n"}});
    const model::Role& role = only_role(r);
    REQUIRE(role.trust.statements.size() == 1);
    CHECK(role.trust.statements[0].effect.known() == "Deny");
    CHECK(pos(r, role.trust.statements[0].effect.span()) == "mod/trust.json:3:16");
  }
  SECTION("file() with a path relative to the module directory") {
    auto r = lint_files({{"mod/main.tf",
                          "resource \"aws_iam_role\" \"f\" {\n"
                          "  assume_role_policy = file(\"policies/trust.json\")\n}\n"},
                         {"mod/policies/trust.json", "{\"Statement\": [{\"Effect\": \"Deny\"}]}"}});
    const model::Role& role = only_role(r);
    REQUIRE(role.trust.statements.size() == 1);
    CHECK(pos(r, role.trust.statements[0].effect.span()) == "mod/policies/trust.json:1:27");
  }
  SECTION("file() of a missing file is unknown") {
    auto r = lint_tf(
        "resource \"aws_iam_role\" \"f\" {\n  assume_role_policy = file(\"nope.json\")\n}\n");
    const model::Role& role = only_role(r);
    CHECK(role.trust.present);
    CHECK(role.trust.statements_unknown);
  }
}

TEST_CASE("aws_iam_policy_document across files of one module", "[terraform][policy]") {
  auto r = lint_files({{"mod/iam.tf", R"tf(resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
resource "aws_iam_role_policy" "inline" {
  role   = aws_iam_role.r.id
  policy = data.aws_iam_policy_document.perms.json
}
)tf"},
                       {"mod/policies.tf", R"tf(data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = ["x"]
    }
  }
}
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
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["*"]
  }
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}
)tf"}});
  const model::Role& role = only_role(r);
  REQUIRE(role.trust.statements.size() == 1);
  const model::Statement& t = role.trust.statements[0];
  CHECK(t.effect.known() == "Allow");  // the default
  CHECK(pos(r, t.actions.span) == "mod/policies.tf:3:5");
  REQUIRE(t.principals.size() == 1);
  CHECK(t.principals[0].type == model::PrincipalType::AWS);
  CHECK(pos(r, t.principals[0].type_span) == "mod/policies.tf:5:21");
  REQUIRE(t.conditions.size() == 1);
  CHECK(t.conditions[0].op == "StringEquals");
  CHECK(t.conditions[0].key == "sts:ExternalId");
  CHECK(pos(r, t.conditions[0].key_span) == "mod/policies.tf:10:18");

  REQUIRE(r.model.policies.size() == 1);
  const model::StandalonePolicy& p = r.model.policies[0];
  CHECK(first_part(p.roles.values.at(0)).hole().target == "aws_iam_role.r");
  // The statement with Sid "Read" overrides the source document's one.
  REQUIRE(p.document.statements.size() == 2);
  CHECK(p.document.statements[0].effect.known() == "Deny");
  CHECK(p.document.statements[1].actions.values.at(0).known() == "iam:PassRole");
}

// The evaluator drops a memoized document or local after the last reference it counted in the
// module: every reference, however it is written, must still get the whole value.
TEST_CASE("a document or local referenced many times is whole at every reference",
          "[terraform][policy]") {
  auto r = lint_tf(R"tf(data "aws_iam_policy_document" "shared" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "self" {
  source_policy_documents = [data.aws_iam_policy_document.self.json]
  statement {
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}
locals {
  doc  = data.aws_iam_policy_document.shared.json
  docs = { a = local.doc, b = data.aws_iam_policy_document.shared.minified_json }
  loop = local.loop
}
resource "aws_iam_policy" "direct" {
  policy = data.aws_iam_policy_document.shared.json
}
resource "aws_iam_policy" "indexed" {
  policy = data.aws_iam_policy_document.shared[0].json
}
resource "aws_iam_policy" "local" {
  policy = local.doc
}
resource "aws_iam_policy" "local_field" {
  policy = local.docs["a"]
}
resource "aws_iam_policy" "local_other_field" {
  policy = local.docs.b
}
resource "aws_iam_policy" "self" {
  name   = local.loop
  policy = data.aws_iam_policy_document.self.json
}
)tf");
  REQUIRE(r.errors.empty());
  const auto& policies = r.model.managed_policies;
  REQUIRE(policies.size() == 6);
  for (std::size_t i = 0; i + 1 < policies.size(); ++i) {
    INFO(policies[i].origin.source_id);
    REQUIRE(policies[i].document.statements.size() == 1);
    CHECK(policies[i].document.statements[0].actions.values.at(0).known() == "s3:GetObject");
    CHECK_FALSE(policies[i].document.statements_unknown);
  }
  // A document that includes itself: the inner reference is unknown, the statement is read.
  const model::ManagedPolicy& self = policies.back();
  CHECK_FALSE(self.name.known());
  REQUIRE(self.document.statements.size() == 1);
  CHECK(self.document.statements_unknown);
  CHECK(self.document.statements[0].actions.values.at(0).known() == "s3:PutObject");
}

TEST_CASE("override documents replace statements by Sid, as Terraform merges them",
          "[terraform][policy]") {
  auto r = lint_tf(R"tf(data "aws_iam_policy_document" "base" {
  statement {
    sid       = "A"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    sid       = "B"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "final" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [jsonencode({
    Statement = [{ Sid = "B", Effect = "Deny", Action = "s3:PutObject", Resource = "*" }]
  })]
  override_json = "{\"Statement\": [{\"Sid\": \"C\", \"Effect\": \"Allow\", \"Action\": \"s3:ListBucket\", \"Resource\": \"*\"}]}"
  statement {
    sid       = "A"
    actions   = ["s3:GetObjectVersion"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.final.json
}
)tf");
  REQUIRE(r.errors.empty());
  REQUIRE(r.model.managed_policies.size() == 1);
  const auto& st = r.model.managed_policies[0].document.statements;
  REQUIRE(st.size() == 3);
  CHECK(st[0].sid.known() == "A");
  CHECK(st[0].actions.values.at(0).known() == "s3:GetObjectVersion");
  CHECK(st[1].sid.known() == "B");
  CHECK(st[1].effect.known() == "Deny");
  CHECK(st[2].sid.known() == "C");
  CHECK_FALSE(r.model.managed_policies[0].document.statements_unknown);
}

TEST_CASE("conditionals, functions and unknowns", "[terraform][evaluate]") {
  auto r = lint_tf(R"tf(variable "admin" {
  type = bool
}
variable "names" {
  type = list(string)
}
locals {
  parts = ["a", "b"]
}
resource "aws_iam_role" "c" {
  name        = var.admin ? "admin" : "reader"
  name_prefix = format("%s-%s", lower("TEAM"), join("-", local.parts))
  path        = coalesce("", "/x/")
  description = upper(var.x)
  tags = merge({ A = "1" }, { A = "2", B = "3" })
  managed_policy_arns = concat(["arn:1"], var.names)
  permissions_boundary = replace("arn:aws:iam::1:policy/x", "x", "y")
  max_session_duration = try(local.missing, "3600")
  description2 = { a = "x" }["a"]
  inline_policy {
    name   = jsondecode("{\"n\": [\"p1\"]}").n[0]
    policy = jsonencode(merge({ Version = "2012-10-17" }, { Statement = [] }))
  }
}
)tf");
  const model::Role& role = only_role(r);
  CHECK(role.name.kind() == model::Value::Kind::Alternatives);
  CHECK(role.name.display() == "admin | reader");
  CHECK(role.name_prefix.known() == "team-a-b");
  CHECK(role.path.known() == "/x/");
  REQUIRE(role.tags.size() == 2);
  CHECK(role.tags[0].value.known() == "2");
  CHECK(role.managed_policy_arns.values.size() == 1);
  CHECK(role.managed_policy_arns.unknown_items);
  CHECK(role.permissions_boundary.known() == "arn:aws:iam::1:policy/y");
  CHECK(role.max_session_duration.known() == "3600");
  REQUIRE(role.policies.size() == 1);
  CHECK(role.policies[0].name.known() == "p1");
  CHECK(role.policies[0].document.version.known() == "2012-10-17");
}

TEST_CASE(
    "compact drops empty strings and nulls, coalesce takes the first that cannot be empty, unknown "
    "after a variable",
    "[terraform][evaluate]") {
  auto r = lint_tf(R"tf(variable "extra" {
  type = string
}
variable "on" {
  type = bool
}
resource "aws_iam_role" "c" {
  name        = coalesce("", var.extra, "fallback")
  name_prefix = coalesce("arn:${data.aws_partition.p.partition}:x", "never")
  path        = coalesce(var.on ? "" : "/a/", "/b/")
  managed_policy_arns = compact(["arn:1", "", null, var.on ? "arn:2" : ""])
}
)tf");
  const model::Role& role = only_role(r);
  // var.extra may be empty or not: which argument applies is not known.
  CHECK(role.name.is_unknown());
  CHECK(role.name_prefix.display() == "arn:${data.aws_partition.p.partition}:x");
  CHECK(role.path.display() == "/a/ | /b/");
  REQUIRE(role.managed_policy_arns.values.size() == 2);
  CHECK(role.managed_policy_arns.values[0].known() == "arn:1");
  CHECK(role.managed_policy_arns.values[1].known() == "arn:2");
  CHECK_FALSE(role.managed_policy_arns.unknown_items);
}

TEST_CASE("markers on or above a resource", "[terraform][markers]") {
  auto r = lint_tf(R"tf(# rolelint: console-role
resource "aws_iam_role" "a" {
}

// rolelint: console-role
resource "aws_iam_role" "b" {
}

/* rolelint: console-role */
resource "aws_iam_role" "c" {
}

resource "aws_iam_role" "d" { # rolelint: console-role
}

# rolelint: console-role

resource "aws_iam_role" "e" {
}
)tf");
  REQUIRE(r.model.roles.size() == 5);
  CHECK(r.model.roles[0].has_marker("console-role"));
  CHECK(pos(r, r.model.roles[0].marker("console-role")->span) == "mod/main.tf:1:1");
  CHECK(r.model.roles[1].has_marker("console-role"));
  CHECK(r.model.roles[2].has_marker("console-role"));
  CHECK(r.model.roles[3].has_marker("console-role"));
  CHECK_FALSE(r.model.roles[4].has_marker("console-role"));  // a blank line separates it
}

TEST_CASE("a known for_each or count makes one instance per key", "[terraform][evaluate]") {
  auto r = lint_tf(R"tf(locals {
  teams = { red = "/red/", blue = "/blue/" }
}
resource "aws_iam_role" "counted" {
  count = 2
  name  = "worker-${count.index}" # rolelint: ignore[RL301] not a marker
}
resource "aws_iam_role" "each" {
  for_each = toset(["a", "b", "a"])
  name     = each.key
  path     = "/teams/"
}
resource "aws_iam_role" "team" {
  for_each = local.teams
  name     = "team-${each.key}"
  path     = each.value
}
resource "aws_iam_role" "none" {
  count = 0
}
resource "aws_iam_role_policy" "p" {
  for_each = aws_iam_role.each
  role     = aws_iam_role.each["a"].name
  policy   = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = each.value.arn }] })
}
resource "aws_iam_role_policy" "q" {
  for_each = local.teams
  role     = aws_iam_role.team[each.key].name
  policy   = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::${each.key}" }] })
}
)tf");
  REQUIRE(r.errors.empty());
  REQUIRE(r.model.roles.size() == 6);
  CHECK(r.model.roles[0].origin.source_id == "aws_iam_role.counted[0]");
  CHECK(r.model.roles[0].name.known() == "worker-0");
  CHECK(r.model.roles[0].markers.empty());
  CHECK(r.model.roles[1].origin.source_id == "aws_iam_role.counted[1]");
  CHECK(r.model.roles[1].name.known() == "worker-1");
  CHECK(r.model.roles[2].origin.source_id == "aws_iam_role.each[\"a\"]");
  CHECK(r.model.roles[2].name.known() == "a");
  CHECK(r.model.roles[3].name.known() == "b");
  CHECK(r.model.roles[3].path.known() == "/teams/");
  CHECK(r.model.roles[4].origin.source_id == "aws_iam_role.team[\"red\"]");
  CHECK(r.model.roles[4].path.known() == "/red/");
  CHECK(r.model.roles[5].name.known() == "team-blue");
  // for_each over a resource is not known: one symbolic instance, each.* unknown.
  REQUIRE(r.model.policies.size() == 3);
  CHECK(r.model.policies[0].origin.source_id == "aws_iam_role_policy.p");
  const auto& ref = first_part(r.model.policies[0].roles.values.at(0)).hole();
  CHECK(ref.target == "aws_iam_role.each[\"a\"]");
  const auto& stmt = r.model.policies[0].document.statements.at(0);
  CHECK(stmt.resources.values.empty());
  CHECK(stmt.resources.unknown_items);
  CHECK(first_part(r.model.policies[1].roles.values.at(0)).hole().target ==
        "aws_iam_role.team[\"red\"]");
  CHECK(r.model.policies[1].document.statements.at(0).resources.values.at(0).known() ==
        "arn:aws:s3:::red");
  CHECK(first_part(r.model.policies[2].roles.values.at(0)).hole().target ==
        "aws_iam_role.team[\"blue\"]");
}

TEST_CASE("every instance reads a local of a file read before it", "[terraform][evaluate]") {
  // a.tf is done and freed (its local evaluated for its own role) before b.tf's instances are
  // read: the local's references are counted once per instance, so the last one is served too.
  auto r = lint_files({{"mod/a.tf", R"tf(locals {
  trust = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
resource "aws_iam_role" "first" {
  assume_role_policy = local.trust
}
)tf"},
                       {"mod/b.tf", R"tf(resource "aws_iam_role" "r" {
  count              = 3
  assume_role_policy = local.trust
}
)tf"}});
  REQUIRE(r.model.roles.size() == 4);
  for (const model::Role& role : r.model.roles) {
    INFO(role.origin.source_id);
    CHECK_FALSE(role.trust.statements_unknown);
    CHECK(role.trust.statements.size() == 1);
  }
}

TEST_CASE("an unknown for_each or count is one symbolic instance", "[terraform][evaluate]") {
  auto r = lint_tf(R"tf(variable "names" {
  type = set(string)
}
variable "n" {
  type = number
}
resource "aws_iam_role" "each" {
  for_each = var.names
  name     = each.key
}
resource "aws_iam_role" "counted" {
  count = var.n
  name  = "worker-${count.index}"
}
resource "aws_iam_role" "many" {
  count = 100
  name  = "worker-${count.index}"
}
)tf");
  REQUIRE(r.model.roles.size() == 3);
  CHECK(r.model.roles[0].origin.source_id == "aws_iam_role.each");
  CHECK(r.model.roles[0].name.is_unknown());
  CHECK(r.model.roles[1].name.display() == "worker-${?}");
  CHECK(r.model.roles[2].origin.source_id == "aws_iam_role.many");
}

TEST_CASE("attachments link policies to roles", "[terraform][extract]") {
  auto r = lint_tf(R"tf(resource "aws_iam_role" "r" {
  name = "r"
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [] })
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.p.arn
}
resource "aws_iam_role_policy_attachment" "b" {
  role       = "r"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
)tf");
  const model::Role& role = only_role(r);
  REQUIRE(role.managed_policy_arns.values.size() == 1);
  CHECK(role.managed_policy_arns.values[0].known() ==
        "arn:aws:iam::aws:policy/AdministratorAccess");
  REQUIRE(r.model.managed_policies.size() == 1);
  REQUIRE(r.model.managed_policies[0].roles.values.size() == 1);
}

TEST_CASE("a module's partition: what its aws providers' regions and roles agree on",
          "[terraform][extract][partition]") {
  const auto partition = [](const std::string& providers) {
    const LintResult r =
        lint_tf(providers + "\nresource \"aws_iam_user\" \"u\" {\n  name = \"u\"\n}\n");
    return r.model.accounts_of(0).deploy_partition;
  };
  CHECK(partition("provider \"aws\" {\n  region = \"eu-west-1\"\n}") == "aws");
  CHECK(partition("provider \"aws\" {\n  region = \"cn-northwest-1\"\n}") == "aws-cn");
  CHECK(partition("locals {\n  r = \"us-gov-east-1\"\n}\n"
                  "provider \"aws\" {\n  region = local.r\n}") == "aws-us-gov");
  // The role a provider assumes is in its partition.
  CHECK(partition("provider \"aws\" {\n  assume_role {\n    role_arn = "
                  "\"arn:aws-cn:iam::111122223333:role/tf\"\n  }\n}") == "aws-cn");
  CHECK(partition("provider \"aws\" {\n  region = \"cn-north-1\"\n  assume_role {\n    role_arn = "
                  "\"arn:${var.p}:iam::111122223333:role/tf\"\n  }\n}") == "aws-cn");
  // Not known: no provider, a region the pinned data does not list or a variable without a
  // value, providers or a region and a role that disagree.
  CHECK(partition("").empty());
  CHECK(partition("provider \"aws\" {\n  region = \"xx-future-1\"\n}").empty());
  CHECK(partition("variable \"r\" {\n  default = \"us-gov-east-1\"\n}\n"
                  "provider \"aws\" {\n  region = var.r\n}")
            .empty());  // a variable's default is one value of many
  CHECK(partition("provider \"aws\" {\n  region = \"us-east-1\"\n}\n"
                  "provider \"aws\" {\n  alias  = \"cn\"\n  region = \"cn-north-1\"\n}")
            .empty());
  CHECK(partition("provider \"aws\" {\n  region = \"us-east-1\"\n  assume_role {\n    role_arn = "
                  "\"arn:aws-cn:iam::111122223333:role/tf\"\n  }\n}")
            .empty());
}

TEST_CASE("a module whose IAM entities select a provider of other credentials has several accounts",
          "[terraform][extract][accounts]") {
  // The module's facts, and the kind of the account hole in its role's permissions boundary.
  struct Facts {
    bool several;
    std::string account;
    model::HoleKind account_id;
  };
  const auto facts = [](const std::string& providers, const std::string& selected) {
    const LintResult r = lint_tf(providers + R"tf(
data "aws_caller_identity" "current" {}

resource "aws_iam_role" "r" {
  name                 = "r"
  permissions_boundary = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:policy/b"
  assume_role_policy   = "{}"
)tf" + selected + "\n}\n");
    const model::Role& role = only_role(r);
    const auto& boundary = first_option(role.permissions_boundary).parts();
    REQUIRE(boundary.size() == 3);
    const model::AccountFacts& f = r.model.accounts_of(0);
    return Facts{f.several_accounts, f.deploy_account, boundary[1].hole().kind};
  };
  const auto two_allowed_only = [] {
    return std::string(R"tf(provider "aws" {
  allowed_account_ids = ["111111111111"]
}

provider "aws" {
  alias  = "other"
  region = "us-east-1"
}
)tf");
  };
  const std::string two = R"tf(provider "aws" {
  allowed_account_ids = ["111111111111"]
}

provider "aws" {
  alias = "audit"
  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/terraform"
  }
}
)tf";
  // The role is deployed by the audit provider: the module is not one account, and the caller
  // identity's account id (the default provider's) is not the role's.
  Facts f = facts(two, "  provider = aws.audit");
  CHECK(f.several);
  CHECK(f.account.empty());
  CHECK(f.account_id == model::HoleKind::Unknown);
  // Nothing selects the audit provider: one account, the default provider's (which one is not
  // said: the two providers do not agree on an account).
  f = facts(two, "");
  CHECK_FALSE(f.several);
  CHECK(f.account.empty());
  CHECK(f.account_id == model::HoleKind::OwnAccount);
  f = facts("provider \"aws\" {\n  allowed_account_ids = [\"111111111111\"]\n}\n", "");
  CHECK_FALSE(f.several);
  CHECK(f.account == "111111111111");
  // A provider that differs only by region, or by the accounts it allows, signs in as the
  // default one does.
  f = facts(two_allowed_only(), "  provider = aws.other");
  CHECK_FALSE(f.several);
  CHECK(f.account_id == model::HoleKind::OwnAccount);
  f = facts(
      "provider \"aws\" {}\nprovider \"aws\" {\n  alias  = \"east\"\n  region = \"us-east-1\"\n}\n",
      "  provider = aws.east");
  CHECK_FALSE(f.several);
  CHECK(f.account_id == model::HoleKind::OwnAccount);
  // A provider the module does not define: its caller passes it in, from any account.
  f = facts("", "  provider = aws.log_archive");
  CHECK(f.several);
  CHECK(f.account_id == model::HoleKind::Unknown);
}
