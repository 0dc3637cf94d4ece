// Broken YAML must not cost more memory than ten times its size: an unclosed flow collection made
// yaml-cpp hold a token per few bytes (about 240 bytes per input byte) and the reader build a
// tree for all of it before the error at the end of the input.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "tests/cli_run.hpp"
#include "tests/limited_run.hpp"

using rolelint::testing::Limits;
using rolelint::testing::run_limited;

namespace {

constexpr std::size_t kSize = 4u << 20;

// `head`, then `unit` repeated to kSize bytes.
std::string repeated(const std::string& head, const std::string& unit) {
  std::string text = head;
  while (text.size() < kSize) text += unit;
  return text;
}

// The peak memory of linting a tiny template: the binary's own, beside which an input's counts.
std::uint64_t baseline_rss(const rolelint::testing::TempDir& dir) {
  const std::string tiny = (dir.path / "tiny.yaml").string();
  std::ofstream(tiny) << "Resources: {}\n";
  const auto baseline = run_limited({tiny});
  REQUIRE(baseline.ok());
  return baseline.peak_rss;
}

}  // namespace

TEST_CASE("an unclosed flow collection in a multi-MB YAML file is an error in bounded memory", "[input][memory]") {
  rolelint::testing::TempDir dir;
  const std::uint64_t baseline = baseline_rss(dir);
  const struct {
    const char* name;
    std::string text;
    std::size_t line;
  } cases[] = {
      {"value", repeated("AWSTemplateFormatVersion: '2010-09-09'\nResources: [", "[a], "), 2},
      {"top-level", repeated("[", "[a],\n"), 1},
      {"sequence-entry", repeated("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  - [", "a, "), 3},
      {"block-inside", repeated("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::IAM::Role\n"
                                "    Properties:\n      Policies:\n        - [",
                                "\n          {PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: '*'}]}},"),
       7},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const std::string path = (dir.path / (std::string(c.name) + ".yaml")).string();
    std::ofstream(path) << c.text;
    const auto r = run_limited({path}, Limits{baseline + 10 * c.text.size(), 60});
    INFO(r.describe());
    CHECK(r.ok());
    CHECK(r.status == 2);
    CHECK(r.err.find(":" + std::to_string(c.line) + ":") != std::string::npos);
    CHECK(r.err.find("never closed") != std::string::npos);
  }
}

TEST_CASE("a multi-MB JSON template in a .yaml file is linted in bounded memory", "[input][memory]") {
  // JSON is YAML, but yaml-cpp holds a token for every few bytes of a flow mapping that starts a
  // line until its end (it may be a key): about 25 bytes per input byte here.
  rolelint::testing::TempDir dir;
  const std::uint64_t baseline = baseline_rss(dir);
  std::string text = "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\n";
  for (int i = 0; text.size() < kSize; ++i) {
    text += "\"B" + std::to_string(i) + "\": {\"Type\": \"AWS::S3::Bucket\"},\n";
  }
  text += "\"Role\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": \"" + std::string(70, 'r') + "\"}}}}\n";
  const std::string path = (dir.path / "template.yaml").string();
  std::ofstream(path) << text;
  const auto r = run_limited({"--select", "RL301", path}, Limits{baseline + 10 * text.size(), 60});
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 1);
  CHECK(r.out.find("[RL301]") != std::string::npos);
}
