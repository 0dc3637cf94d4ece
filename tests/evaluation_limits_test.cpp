// Hostile input that would make evaluation or matching explode (issue 15): each runs the built
// binary under a memory and a time limit (tests/limited_run.hpp) and checks what it reports.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "tests/cli_run.hpp"
#include "tests/limited_run.hpp"

using rolelint::testing::LimitedRun;
using rolelint::testing::Limits;
using rolelint::testing::run_limited;
using rolelint::testing::TempDir;

namespace {

// Every bomb must finish in under 2 s and 200 MB.
const Limits kBombLimits{200ull << 20, 2.0};

std::string write(const TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = (dir.path / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("a backtracking exclude glob against a long path answers at once", "[limits][config]") {
  TempDir dir;
  write(dir, ".rolelint.yaml", "exclude: [\"*a*a*a*a*a*a*a*a*b\"]\n");
  const std::string name = std::string(200, 'a') + ".yaml";
  write(dir, name, "Resources: {}\n");
  // The exclude globs apply in a directory walk.
  const LimitedRun r = run_limited({dir.path.string()}, kBombLimits);
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 0);
}

TEST_CASE("a backtracking deploy-accounts glob against a long path answers at once",
          "[limits][config]") {
  TempDir dir;
  write(dir, ".rolelint.yaml", "deploy-accounts: {\"**/*a*a*a*a*a*a*a*a*b\": \"111122223333\"}\n");
  const std::string sub = std::string(100, 'a');
  std::filesystem::create_directories(dir.path / sub);
  const std::string name = sub + "/" + std::string(100, 'a') + ".yaml";
  write(dir, name, "Resources: {}\n");
  const LimitedRun r = run_limited({(dir.path / name).string()}, kBombLimits);
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 0);
}

namespace {

const std::string kBombs = std::string(ROLELINT_SOURCE_DIR) + "/tests/fixtures/bombs/";
const std::string kTooLarge =
    ": note: value too large to evaluate (over 131072 bytes / 32 alternatives); treated as "
    "unknown\n";

// Lints one bomb under kBombLimits: it must finish with its findings (or none), and the note at
// `where` ("file:line:col") when one is expected.
void check_bomb(const std::string& path, const std::string& where) {
  const LimitedRun r = run_limited({kBombs + path}, kBombLimits);
  INFO(path << ": " << r.describe());
  CHECK(r.ok());
  CHECK((r.status == 0 || r.status == 1));  // never an input error
  if (where.empty()) {
    CHECK(r.err.find("note:") == std::string::npos);
  } else {
    // Named relative to the root: the checkout, where run_limited runs.
    CHECK(r.err.find("tests/fixtures/bombs/" + where + kTooLarge) != std::string::npos);
    CHECK(r.err.find(kBombs) == std::string::npos);
    CHECK(r.err.find("note:") == r.err.rfind("note:"));  // once per file
  }
}

}  // namespace

TEST_CASE("12 nested Terraform replace() calls stop at the string cap", "[limits][terraform]") {
  check_bomb("replace", "replace/main.tf:3:72");  // the sixth from inside: 256 KiB
}

TEST_CASE("Terraform locals doubling through format() stop at the string cap",
          "[limits][terraform]") {
  check_bomb("format", "format/main.tf:16:9");  // s13: 256 KiB
}

TEST_CASE("Terraform locals tripling through join() stop at the string cap",
          "[limits][terraform]") {
  check_bomb("join", "join/main.tf:11:8");  // s8: 3^8 x 33 bytes
}

TEST_CASE("a 4 MiB Terraform value referenced 2,000 times stops at the byte budget",
          "[limits][terraform]") {
  // Each reference copies the value: 2,000 steps of the budget, but 8 GiB without its byte cost.
  check_bomb("copies", "copies/main.tf:253:5");  // the 227th copy: 64 MiB built
}

TEST_CASE("Terraform for expressions over range() are not expanded", "[limits][terraform]") {
  check_bomb("for", "");
}

TEST_CASE("nested Fn::Sub stops at the string cap", "[limits][cfn]") {
  check_bomb("sub.yaml", "sub.yaml:8:441");  // the fourth from inside: 8^4 x 80 bytes
}

TEST_CASE("Fn::Join over YAML aliases of aliases stops at the string cap", "[limits][cfn]") {
  check_bomb("join_alias.yaml", "join_alias.yaml:10:11");  // &a2: 4 x 40,000 bytes
}

TEST_CASE("Fn::If fans inside Fn::Join stop at the alternatives cap", "[limits][cfn]") {
  check_bomb("if_fan.yaml", "if_fan.yaml:13:89");  // the second Fn::Join from inside: 128
}

TEST_CASE("statements split per Fn::If branch of their Condition stop at the copy budget",
          "[limits][cfn]") {
  // 400 statements of 200 actions, each Condition with 4 undecided Fn::Ifs: 16 copies of each
  // statement would be 1.3 million actions (500 MB, 30 s before the budget); the first
  // statements are split, the others keep one copy with a Condition not fully known.
  std::string actions;
  for (int i = 0; i < 200; ++i) actions += std::string(i ? ", " : "") + "s3:PutObject";
  std::string condition;
  for (int j = 0; j < 4; ++j) {
    condition += std::string(j ? ", " : "") + "aws:k" + std::to_string(j) + ": !If [C" +
                 std::to_string(j) + ", a, !Ref AWS::NoValue]";
  }
  std::string text = "Parameters: {P: {Type: String}}\nConditions:\n";
  for (int j = 0; j < 4; ++j)
    text += "  C" + std::to_string(j) + ": !Equals [!Ref P, x" + std::to_string(j) + "]\n";
  text +=
      "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n"
      "      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: "
      "ec2.amazonaws.com}, "
      "Action: sts:AssumeRole}]}\n"
      "      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            "
      "Statement:\n";
  for (int i = 0; i < 400; ++i) {
    text += "              - {Effect: Allow, Resource: \"*\", Action: [" + actions +
            "], Condition: {StringEquals: {" + condition + "}}}\n";
  }
  TempDir dir;
  write(dir, "branches.yaml", text);
  const LimitedRun r = run_limited({"--select", "RL202", (dir.path / "branches.yaml").string()},
                                   Limits{200ull << 20, 5.0});
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 1);
  // The first statement is split: its branch without any condition is named.
  CHECK(r.out.find("branches.yaml:16:43: warning: Resource '*' gives 200 actions with write, "
                   "tagging or permissions "
                   "access ('s3:PutObject', 's3:PutObject', 's3:PutObject', ...) to every resource "
                   "in the account, "
                   "though they can name resources "
                   "(when condition 'C0' is false and condition 'C1' is false and condition 'C2' "
                   "is false and "
                   "condition 'C3' is false) [RL202]") != std::string::npos);
  // The last is not: its Condition is not fully known, and RL202 says nothing of it.
  CHECK(r.out.find("branches.yaml:415:") == std::string::npos);
}

TEST_CASE("a Condition of Fn::Ifs over YAML aliases stops at the alternatives cap",
          "[limits][cfn]") {
  // 17 levels of `!If [C, *a, *a]`: 131,072 alternatives of the Condition, listed in full (64 MB)
  // before the cap; past it the Condition is unknown.
  std::string text =
      "Parameters: {P: {Type: String}}\nConditions:\n  C0: !Equals [!Ref P, x]\n  C1: !Equals "
      "[!Ref P, y]\n"
      "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      "
      "AssumeRolePolicyDocument:\n"
      "        Statement:\n          - Effect: Allow\n            Principal: {Service: "
      "ec2.amazonaws.com}\n"
      "            Action: sts:AssumeRole\n            X0: &a0 {StringEquals: {sts:ExternalId: "
      "v}}\n";
  for (int i = 1; i <= 17; ++i) {
    const std::string n = std::to_string(i), previous = std::to_string(i - 1);
    text += "            X" + n + ": &a" + n + " !If [C" + std::to_string(i % 2) + ", *a" +
            previous + ", *a" + previous + "]\n";
  }
  text += "            Condition: *a17\n";
  TempDir dir;
  write(dir, "if_tree.yaml", text);
  const LimitedRun r =
      run_limited({(dir.path / "if_tree.yaml").string()}, Limits{48ull << 20, 2.0});
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 0);
}

TEST_CASE("20,000 wildcard actions are matched against the catalog at once", "[limits][catalog]") {
  // `s3:*abc*`-like patterns have no literal prefix to narrow the catalog by: most match nothing
  // (an RL205 finding each). Took 31 s when each pattern was matched against every action.
  const char* services[] = {"s3",       "ec2", "iam", "sts", "lambda",
                            "dynamodb", "sqs", "sns", "kms", "logs"};
  std::string actions;
  for (int i = 0; i < 20000; ++i) {
    const std::string infix = {static_cast<char>('a' + i % 26),
                               static_cast<char>('a' + i / 26 % 26),
                               static_cast<char>('a' + i / 676 % 26)};
    actions += std::string(i ? ",\n" : "") + "\"" + services[i % 10] + ":*" + infix + "*\"";
  }
  TempDir dir;
  write(dir, "wildcards.json",
        "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\n"
        "\"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
        "\"Allow\", "
        "\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]},\n"
        "\"Policies\": [{\"PolicyName\": \"p\", \"PolicyDocument\": {\"Version\": \"2012-10-17\", "
        "\"Statement\": [{\"Effect\": \"Allow\", \"Resource\": \"*\", \"Action\": [\n" +
            actions + "]}]}}]}}}}\n");
  const LimitedRun r =
      run_limited({(dir.path / "wildcards.json").string()}, Limits{200ull << 20, 1.0});
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 1);
  CHECK(r.out.find(
            "wildcards.json:4:1: error: action pattern 's3:*aaa*' matches no IAM action [RL205]") !=
        std::string::npos);
}

namespace {

// `levels` nested joins around a 70-character literal, each level `open` + inner + `close`.
std::string nested_name(unsigned levels, const std::string& open, const std::string& close) {
  std::string name = "\"" + std::string(70, 'n') + "\"";
  for (unsigned i = 0; i < levels; ++i) name = open + name + close;
  return name;
}

// A role named by `levels` nested joins: RL301 (over 64 characters) when the front end follows
// every level, silence when the value is unknown.
std::string nested_cfn_name(unsigned levels) {
  return "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": " +
         nested_name(levels, "{\"Fn::Join\": [\"\", [", "]]}") +
         ", \"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": "
         "[{\"Effect\": "
         "\"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": "
         "\"sts:AssumeRole\"}]}}}}}\n";
}

std::string nested_tf_name(unsigned levels) {
  return "resource \"aws_iam_role\" \"r\" {\n  name = " +
         nested_name(levels, "join(\"\", [", "])") +
         "\n  assume_role_policy = jsonencode({Version = \"2012-10-17\", Statement = [{Effect = "
         "\"Allow\","
         " Principal = {Service = \"ec2.amazonaws.com\"}, Action = \"sts:AssumeRole\"}]})\n}\n";
}

bool names_too_long(const TempDir& dir, const std::string& name, const std::string& text) {
  const LimitedRun r = run_limited({write(dir, name, text)}, kBombLimits);
  INFO(name << ": " << r.describe());
  CHECK(r.ok());
  CHECK((r.status == 0 || r.status == 1));
  return r.out.find("RL301") != std::string::npos;
}

}  // namespace

TEST_CASE("both front ends follow nesting to the one evaluation depth cap",
          "[limits][cfn][terraform]") {
  // The cap (model::kMaxEvaluationDepth, 64) counts a level per nested value the front end
  // evaluates: a CloudFormation Fn::Join is three (its map and two lists), a Terraform join()
  // two (the call and its tuple). 20 joins are followed in both; 35 are past the cap in both,
  // and within the readers' nesting limits (256 JSON levels, 200 HCL levels).
  TempDir dir;
  std::filesystem::create_directories(dir.path / "tf20");
  std::filesystem::create_directories(dir.path / "tf35");
  CHECK(names_too_long(dir, "cfn20.json", nested_cfn_name(20)));
  CHECK_FALSE(names_too_long(dir, "cfn35.json", nested_cfn_name(35)));
  CHECK(names_too_long(dir, "tf20/main.tf", nested_tf_name(20)));
  CHECK_FALSE(names_too_long(dir, "tf35/main.tf", nested_tf_name(35)));
}
