// A Terraform file is read in parts (tf::parse_parts), and the module reader frees each part as
// soon as extraction no longer reads it: the parts hold the file's syntax, a part is released
// only once nothing can refer to it, and the model is the one the whole file gives.
#include <algorithm>
#include <catch2/catch.hpp>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "linter/base/str_cat.hpp"
#include "parsers/terraform/hcl.hpp"
#include "parsers/terraform/hcl_split.hpp"
#include "parsers/terraform/module.hpp"

using namespace rolelint;

namespace {

constexpr tf::ParseOptions kWhole{.piece_bytes = std::numeric_limits<std::size_t>::max()};
constexpr tf::ParseOptions kSmallest{.piece_bytes = 1};  // a part per top-level item

// One top-level item a part (and a part for each blank line between them): a document and a
// local referenced from a later part, a provider (read when the module is done), an attachment
// (resolved when the module is done), and an output that refers to the local without ever
// being evaluated.
constexpr const char* kModule = R"tf(data "aws_iam_policy_document" "later" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

locals {
  policy_name = "reader"
}

resource "aws_iam_user" "u" {
  name = "u"
}

resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "p" {
  name   = local.policy_name
  role   = aws_iam_role.r.id
  policy = data.aws_iam_policy_document.later.json
}

provider "aws" {
  allowed_account_ids = ["111122223333"]
}

resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

output "name" {
  value = local.policy_name
}
)tf";

std::string known(const model::Value& v) { return std::string(v.known().value_or("?")); }

// What the rules would see of the module's model.
std::string summary(const model::Model& m) {
  std::string out;
  for (const model::Role& r : m.roles) {
    out += str_cat("role ", r.origin.source_id, " ", known(r.name), " trust ",
                   r.trust.statements.size(), "\n");
    for (const model::Value& arn : r.managed_policy_arns.values)
      out += str_cat("  arn ", known(arn), "\n");
  }
  for (const model::User& u : m.users) out += str_cat("user ", known(u.name), "\n");
  for (const model::StandalonePolicy& p : m.policies) {
    out += str_cat("policy ", known(p.name), " roles ", p.roles.values.size(), "\n");
    for (const model::Statement& s : p.document.statements) {
      for (const model::Value& a : s.actions.values)
        out += str_cat("  action ", known(a), " at ", a.span().begin, "\n");
    }
  }
  for (const auto& [file, facts] : m.accounts)
    out += str_cat("account ", file, " ", facts.deploy_account, "\n");
  return out;
}

// A part by its item ("resource.NAME", "locals", ...); a part of blank lines has none.
std::string item_of(const tf::File& part) {
  if (part.top().blocks.empty()) return {};
  const tf::Block& b = part.top().blocks.front();
  return b.labels.empty() ? std::string(b.type) : str_cat(b.type, ".", b.labels.back());
}

// The module of one file, extracted from its parts; `released` records the item of each part
// as it is handed back, and the part is freed then (a later read of it is a use after free).
model::Model extract_parts(const std::string& text, const tf::ParseOptions& options,
                           std::vector<std::string>& released) {
  auto parsed = tf::parse_parts(text, 0, options);
  REQUIRE(parsed.ok());
  std::vector<std::unique_ptr<tf::File>> parts;
  std::vector<tf::ModuleFile> files;
  for (tf::File& part : parsed.value()) {
    parts.push_back(std::make_unique<tf::File>(std::move(part)));
    files.push_back({parts.back().get(), text});
  }
  model::Model m;
  tf::extract_module(files, "mod", {}, m, [&](const tf::File& done) {
    const auto it =
        std::find_if(parts.begin(), parts.end(), [&](const auto& p) { return p.get() == &done; });
    REQUIRE(it != parts.end());
    REQUIRE(*it);
    if (const std::string item = item_of(done); !item.empty()) released.push_back(item);
    it->reset();
  });
  return m;
}

}  // namespace

TEST_CASE("a file in parts has, part after part, the items of the file parsed whole",
          "[terraform][hcl]") {
  auto whole = tf::parse(kModule, 0, kWhole);
  auto parts = tf::parse_parts(kModule, 0, kSmallest);
  REQUIRE(whole.ok());
  REQUIRE(parts.ok());
  REQUIRE(parts.value().size() == tf::top_level_cuts(kModule, 1).size());
  std::vector<std::pair<const tf::File*, const tf::Block*>> blocks;
  for (const tf::File& part : parts.value()) {
    CHECK(part.top().blocks.size() <= 1);  // a part of blank lines has none
    for (const tf::Block& b : part.top().blocks) blocks.emplace_back(&part, &b);
  }
  const tf::File& w = whole.value();
  REQUIRE(blocks.size() == w.top().blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const tf::File& part = *blocks[i].first;
    const tf::Block& a = *blocks[i].second;
    const tf::Block& b = w.top().blocks[i];
    CHECK(a.type == b.type);
    CHECK(a.labels == b.labels);
    CHECK(a.span == b.span);
    const tf::Body& pa = part.body(a);
    const tf::Body& pb = w.body(b);
    REQUIRE(pa.attributes.size() == pb.attributes.size());
    for (std::size_t k = 0; k < pa.attributes.size(); ++k) {
      CHECK(pa.attributes[k].name == pb.attributes[k].name);
      CHECK(part.span(pa.attributes[k].value) == w.span(pb.attributes[k].value));
      CHECK(part.text(part.at(pa.attributes[k].value)) == w.text(w.at(pb.attributes[k].value)));
    }
  }
  // Parsed whole, there is one part, and it is what parse() gives.
  auto one = tf::parse_parts(kModule, 0, kWhole);
  REQUIRE(one.ok());
  REQUIRE(one.value().size() == 1);
  CHECK(one.value().front() == w);
}

TEST_CASE("a file whose pieces do not parse alone is one part", "[terraform][hcl]") {
  // The scanner cuts before `2`, which continues the expression above it (hcl_split_test): the
  // pieces do not parse, the whole file does.
  const std::string text = "locals {\n  x = 1\n}\na = 1 +\n2\n";
  REQUIRE(tf::top_level_cuts(text, 1).size() > 1);
  auto whole = tf::parse(text, 0, kWhole);
  auto parts = tf::parse_parts(text, 0, kSmallest);
  REQUIRE(whole.ok());
  REQUIRE(parts.ok());
  REQUIRE(parts.value().size() == 1);
  CHECK(parts.value().front() == whole.value());
}

TEST_CASE("a syntax error in one part is the error of the whole file", "[terraform][hcl][errors]") {
  const std::string text = "locals {\n  a = 1\n}\nlocals {\n  b = [1,\n}\n";
  auto whole = tf::parse(text, 0, kWhole);
  auto parts = tf::parse_parts(text, 0, kSmallest);
  REQUIRE_FALSE(whole.ok());
  REQUIRE_FALSE(parts.ok());
  CHECK(parts.error().offset == whole.error().offset);
  CHECK(parts.error().message == whole.error().message);
}

TEST_CASE("each part is released once nothing refers to it, and the model is the whole file's",
          "[terraform][extract]") {
  std::vector<std::string> released;
  const model::Model from_parts = extract_parts(kModule, kSmallest, released);
  // The document and the local wait for the role policy that refers to them; the provider is
  // read when the module is done; the output refers to the local, evaluated by then.
  CHECK(released == std::vector<std::string>{"resource.u", "resource.r", "data.later", "locals",
                                             "resource.p", "resource.a", "output.name"});

  std::vector<std::string> whole_released;
  const model::Model whole = extract_parts(kModule, kWhole, whole_released);
  CHECK(whole_released.empty());  // the one part has the provider
  CHECK(summary(from_parts) == summary(whole));
  CHECK(summary(whole) ==
        "role aws_iam_role.r r trust 1\n"
        "  arn arn:aws:iam::aws:policy/ReadOnlyAccess\n"
        "user u\n"
        "policy reader roles 1\n"
        "  action s3:GetObject at 72\n"
        "account 0 111122223333\n");
}

TEST_CASE("a document evaluated before its part is read is served after the part is gone",
          "[terraform][extract]") {
  // The first role policy evaluates the document before the document's part is extracted; its
  // second reference is served from the memo once that part is freed.
  const std::string text = R"tf(resource "aws_iam_role_policy" "first" {
  role   = "r"
  policy = data.aws_iam_policy_document.d.json
}

resource "aws_iam_user" "u" {
  name = "u"
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "second" {
  role   = "r"
  policy = data.aws_iam_policy_document.d.json
}
)tf";
  std::vector<std::string> released;
  const model::Model from_parts = extract_parts(text, kSmallest, released);
  CHECK(released ==
        std::vector<std::string>{"resource.first", "resource.u", "data.d", "resource.second"});
  std::vector<std::string> none;
  CHECK(summary(from_parts) == summary(extract_parts(text, kWhole, none)));
  REQUIRE(from_parts.policies.size() == 2);
  CHECK(from_parts.policies[1].document.statements.size() == 1);
}

TEST_CASE("the module's entities are reserved at their count, not grown by doubling",
          "[terraform][extract]") {
  std::string text;
  for (int i = 0; i < 3; ++i) {
    text += str_cat("resource \"aws_iam_role\" \"r", i, "\" {\n  name = \"r", i, "\"\n}\n");
    text += str_cat("resource \"aws_iam_user_policy\" \"p", i, "\" {\n  user = \"u\"\n}\n");
  }
  std::vector<std::string> released;
  const model::Model m = extract_parts(text, kSmallest, released);
  CHECK(m.roles.size() == 3);
  CHECK(m.roles.capacity() == 3);  // push_back alone leaves room for 4
  CHECK(m.policies.size() == 3);
  CHECK(m.policies.capacity() == 3);
}
