// A Terraform file is read in parts (tf::parse_parts): the parts hold the syntax of the file
// parsed whole, part after part.
#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "parsers/terraform/hcl.hpp"
#include "parsers/terraform/hcl_split.hpp"

using namespace rolelint;

namespace {

constexpr tf::ParseOptions kWhole{.piece_bytes = std::numeric_limits<std::size_t>::max()};
constexpr tf::ParseOptions kSmallest{.piece_bytes = 1};  // a part per top-level item

// One top-level item a part (and a part for each blank line between them).
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

}  // namespace

TEST_CASE("a file in parts has, part after part, the items of the file parsed whole", "[terraform][hcl]") {
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
