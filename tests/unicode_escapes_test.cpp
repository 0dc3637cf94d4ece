// The escapes of JSON strings (\uXXXX, surrogate pairs) and HCL strings (\uXXXX, \UXXXXXXXX)
// become UTF-8 through one encoder (linter/base/utf8.hpp's append_utf8).
#include <catch2/catch.hpp>

#include "linter/engine.hpp"

using namespace rolelint;

namespace {

std::string role_name(std::string path, std::string text) {
  std::vector<LintInput> inputs;
  inputs.push_back({SourceFile{std::move(path), std::move(text)}, true});
  const LintResult result = lint(std::move(inputs), LintOptions{});
  REQUIRE(result.errors.empty());
  REQUIRE(result.model.roles.size() == 1);
  const std::optional<std::string_view> name = result.model.roles[0].name.known();
  REQUIRE(name);
  return std::string(*name);
}

constexpr std::string_view kExpected = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";  // aé中😀

}  // namespace

TEST_CASE("JSON u escapes of 1 to 4 UTF-8 bytes", "[json][utf8]") {
  CHECK(role_name("t.json", R"({"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {
      "RoleName": "\u0061\u00e9\u4E2D\ud83d\ude00", "AssumeRolePolicyDocument": {}}}}})") ==
        kExpected);
}

TEST_CASE("HCL u and U escapes", "[terraform][utf8]") {
  CHECK(role_name("main.tf", R"(resource "aws_iam_role" "r" {
  name               = "\u0061\u00e9\u4E2D\U0001F600"
  assume_role_policy = "{}"
})") == kExpected);
}

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

std::string json_role_name(std::string_view escaped) {
  return role_name("t.json", R"({"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {
      "RoleName": ")" + std::string(escaped) +
                                 R"(", "AssumeRolePolicyDocument": {}}}}})");
}

}  // namespace

TEST_CASE("JSON lone surrogates become U+FFFD", "[json][utf8]") {
  const std::string r(kReplacement);
  CHECK(json_role_name(R"(a\ud800b)") == "a" + r + "b");  // high, then no escape
  CHECK(json_role_name(R"(a\udc00b)") == "a" + r + "b");  // low, alone
  CHECK(json_role_name(R"(\ud800\u0041)") == r + "A");    // high, then no low half
  CHECK(json_role_name(R"(\ud800\ud800)") == r + r);      // high, then high
  CHECK(json_role_name(R"(\ud800\ud800\udc00)") == r + "\xF0\x90\x80\x80");  // then a pair
}

TEST_CASE("HCL U escapes past U+10FFFF become U+FFFD", "[terraform][utf8]") {
  const std::string r(kReplacement);
  CHECK(role_name("main.tf", R"(resource "aws_iam_role" "r" {
  name               = "a\UFFFFFFFFb\U00110000c\uD800d"
  assume_role_policy = "{}"
})") == "a" + r + "b" + r + "c" + r + "d");
}
