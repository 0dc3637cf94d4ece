// RL211 at the exact line and column of a JSON error inside a policy's text, where a fixture
// cannot hold an expectation comment (a heredoc), and the unknown forms that are never one.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "linter/engine.hpp"
#include "rules/rule.hpp"

using namespace rolelint;

namespace {

struct Hit {
  std::uint32_t line, column;
  std::string message;
};

std::vector<Hit> rl211(const std::string& path, std::string text) {
  std::vector<LintInput> inputs;
  inputs.push_back({SourceFile{path, std::move(text)}, true});
  const rules::Rule* rule = rules::find_rule("RL211");
  REQUIRE(rule != nullptr);
  const rules::Rule* selected[] = {rule};
  LintOptions options;
  options.rules = selected;
  const LintResult r = lint(std::move(inputs), options);
  CHECK(r.errors.empty());
  std::vector<Hit> hits;
  for (const Finding& f : r.findings) {
    const ResolvedSpan at = resolve(r, f.span);
    hits.push_back({at.begin.line, at.begin.column, f.message});
  }
  return hits;
}

}  // namespace

TEST_CASE("RL211 reports a trailing comma in a heredoc at its line and column", "[rules][RL211]") {
  const auto hits = rl211("m/main.tf",
                          "resource \"aws_iam_role\" \"r\" {\n"
                          "  name               = \"r\"\n"
                          "  assume_role_policy = <<EOF\n"
                          "{\n"
                          "  \"Statement\": [\n"
                          "    {\"Effect\": \"Allow\", \"Principal\": {\"Service\": "
                          "\"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"},\n"
                          "  ]\n"
                          "}\n"
                          "EOF\n"
                          "}\n");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].line == 7);
  CHECK(hits[0].column == 3);
  CHECK(hits[0].message == "policy document is not valid JSON: unexpected ']': expected a value");
}

TEST_CASE("RL211 finds a JSON error in an indented heredoc with interpolations in its strings",
          "[rules][RL211]") {
  const auto hits = rl211("m/main.tf",
                          "variable \"bucket\" {}\n"
                          "resource \"aws_iam_policy\" \"p\" {\n"
                          "  name   = \"p\"\n"
                          "  policy = <<-EOT\n"
                          "    {\n"
                          "      \"Statement\": [\n"
                          "        {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", "
                          "\"Resource\": \"arn:aws:s3:::${var.bucket}/*\"}\n"
                          "      ],\n"
                          "    }\n"
                          "  EOT\n"
                          "}\n");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].line == 9);
  CHECK(hits[0].column == 5);
  CHECK(hits[0].message ==
        "policy document is not valid JSON: unexpected '}': expected a string key");
}

TEST_CASE("RL211 leaves a heredoc alone where an interpolation stands for a JSON value",
          "[rules][RL211]") {
  CHECK(rl211("m/main.tf",
              "variable \"statements\" {}\n"
              "resource \"aws_iam_policy\" \"p\" {\n"
              "  name   = \"p\"\n"
              "  policy = <<EOF\n"
              "{\"Statement\": ${jsonencode(var.statements)},}\n"
              "EOF\n"
              "}\n")
            .empty());
}

TEST_CASE("RL211 reports JSON text with escapes at the string, in YAML and in JSON",
          "[rules][RL211]") {
  auto hits = rl211("t.yaml",
                    "Resources:\n  R:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument: \"{\\\"Statement\\\": [1,]}\"\n");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].line == 5);
  CHECK(hits[0].column == 23);
  hits = rl211("t.yaml",
               "Resources:\n  R:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
               "      PolicyDocument: |\n        {\"Statement\": [\n          {},\n        ]}\n");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].line == 8);  // inside a block scalar: at the error's own line and column
  CHECK(hits[0].column == 9);
  CHECK(hits[0].message == "policy document is not valid JSON: unexpected ']': expected a value");
}
