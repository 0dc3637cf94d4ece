// Broken YAML must not cost more memory than ten times its size: an unclosed flow collection made
// yaml-cpp hold a token per few bytes (about 240 bytes per input byte) and the reader build a
// tree for all of it before the error at the end of the input.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <string_view>

#include "parsers/json/json_reader.hpp"
#include "parsers/yaml/yaml_reader.hpp"
#include "tests/cli_run.hpp"
#include "tests/limited_run.hpp"

using rolelint::testing::Limits;
using rolelint::testing::run_limited;
namespace tree = rolelint::tree;
namespace json = rolelint::json;
namespace yaml = rolelint::yaml;

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

TEST_CASE("broken or hostile YAML of many MB is an error in bounded memory", "[input][memory]") {
  rolelint::testing::TempDir dir;
  const std::uint64_t baseline = baseline_rss(dir);
  const struct {
    const char* name;
    std::string text;
    std::size_t line;
    const char* message = "never closed";
  } cases[] = {
      {"value", repeated("AWSTemplateFormatVersion: '2010-09-09'\nResources: [", "[a], "), 2},
      {"top-level", repeated("[", "[a],\n"), 1},
      {"sequence-entry",
       repeated("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  - [", "a, "), 3},
      {"block-inside",
       repeated(
           "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::IAM::Role\n"
           "    Properties:\n      Policies:\n        - [",
           "\n          {PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: "
           "'*'}]}},"),
       7},
      // Closed, but yaml-cpp held every token of it (it might be a key): 94 times the input.
      {"closed-entry", repeated("Resources:\n  - [a", ", a") + "]\n", 2,
       "flow sequence '[' spans more than 64 KiB where a mapping key may start"},
      // A node every 2 bytes: with the 40-byte nodes of the time, the tree took 33 times the
      // input's size before the tree's limit.
      {"dense", repeated("Resources: [[a]", ",[a]") + "]\n", 1,
       "the YAML tree would need more than"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const std::string path = (dir.path / (std::string(c.name) + ".yaml")).string();
    std::ofstream(path) << c.text;
    // Under ASan freed memory waits in quarantine (up to 256 MiB): the dense case parses much of
    // its text, yaml-cpp freeing a string per token, before its limit stops it.
    const bool parsed = std::string_view(c.name) == "dense";
    const std::uint64_t limit =
        rolelint::testing::kUnderSanitizer && parsed ? (1ull << 30) : baseline + 10 * c.text.size();
    const auto r = run_limited({path}, Limits{limit, 60});
    INFO(r.describe());
    CHECK(r.ok());
    CHECK(r.status == 2);
    CHECK(r.err.find(":" + std::to_string(c.line) + ":") != std::string::npos);
    CHECK(r.err.find(c.message) != std::string::npos);
  }
}

TEST_CASE("a multi-MB JSON template in a .yaml file is linted in bounded memory",
          "[input][memory]") {
  // JSON is YAML, but yaml-cpp holds a token for every few bytes of a flow mapping that starts a
  // line until its end (it may be a key): about 25 bytes per input byte here.
  rolelint::testing::TempDir dir;
  const std::uint64_t baseline = baseline_rss(dir);
  std::string text = "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\n";
  for (int i = 0; text.size() < kSize; ++i) {
    text += "\"B" + std::to_string(i) + "\": {\"Type\": \"AWS::S3::Bucket\"},\n";
  }
  text += "\"Role\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": \"" +
          std::string(70, 'r') + "\"}}}}\n";
  const std::string path = (dir.path / "template.yaml").string();
  std::ofstream(path) << text;
  const auto r = run_limited({"--select", "RL301", path}, Limits{baseline + 10 * text.size(), 60});
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.status == 1);
  CHECK(r.out.find("[RL301]") != std::string::npos);
}

TEST_CASE("the YAML tree's limit is said in the error", "[input][memory]") {
  tree::Tree t;
  std::string text = "Resources: [[a]";
  while (text.size() < (4u << 20)) text += ",[a]";
  const auto r = yaml::read_all(text + "]\n", 0, t);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.starts_with(
      "the YAML tree would need more than 32 MiB (6 bytes per byte of the file plus 8 MiB): "));
}

TEST_CASE("dense JSON of many MB is an error in bounded memory, other files are still linted",
          "[input][memory]") {
  // A node every 2 to 3 bytes: before the tree's limit, the JSON reader built a tree of
  // (then 40-byte) nodes for all of it.
  rolelint::testing::TempDir dir;
  const std::uint64_t baseline = baseline_rss(dir);
  const std::string other = (dir.path / "other.yaml").string();
  std::ofstream(other)
      << "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: "
      << std::string(70, 'r') << "\n";
  constexpr const char* kLimit =
      "the JSON tree would need more than 32 MiB (6 bytes per byte of the file plus 8 MiB)";
  const struct {
    const char* name;
    std::string text;
    const char* message = kLimit;
  } cases[] = {
      {"seqs.json", repeated("[[1]", ",[1]") + "]\n"},
      {"maps.json", repeated("[{\"a\":{\"a\":1}}", ",{\"a\":{\"a\":1}}") + "]\n"},
      // JSON the JSON reader cannot read is yaml-cpp's, which stops it at its flow-mapping limit.
      {"json-in.yaml", repeated("{\"Resources\":\n[[1]", ",\n[1]") + "]}\n",
       "spans more than 64 KiB"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const std::string path = (dir.path / c.name).string();
    std::ofstream(path) << c.text;
    // Under ASan freed memory waits in quarantine (see above).
    const std::uint64_t limit =
        rolelint::testing::kUnderSanitizer ? (1ull << 30) : baseline + 10 * c.text.size();
    const auto r = run_limited({"--select", "RL301", path, other}, Limits{limit, 60});
    INFO(r.describe());
    CHECK(r.ok());
    CHECK(r.status == 2);
    CHECK(r.err.find(std::string(c.name) + ":1:") != std::string::npos);
    CHECK(r.err.find(c.message) != std::string::npos);
    CHECK(r.out.find("other.yaml:5:") != std::string::npos);
    CHECK(r.out.find("[RL301]") != std::string::npos);
  }
}

TEST_CASE("the JSON tree's limit is the YAML tree's, said in the error", "[input][memory]") {
  tree::Tree t;
  std::string text = "[[1]";
  while (text.size() < (4u << 20)) text += ",[1]";
  const auto r = json::read(text + "]", 0, t);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.starts_with(
      "the JSON tree would need more than 32 MiB (6 bytes per byte of the file plus 8 MiB): "));
  // The same limit, set lower, stops the reader sooner.
  tree::Tree small;
  const auto low = json::read("[[1],[1],[1],[1]]", 0, small, 0,
                              json::Limits{.tree_memory = {.per_byte = 1, .floor = 0}});
  REQUIRE_FALSE(low.ok());
  CHECK(low.error().message.starts_with(
      "the JSON tree would need more than 0 MiB (1 bytes per byte of the file plus 0 MiB)"));
}

namespace {

// A template of roles of about kSize bytes, their trust policies in flow or block style, the last
// role's name too long (RL301).
std::string roles_template(bool flow) {
  std::string text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n";
  for (int i = 0; text.size() < kSize; ++i) {
    const std::string n = std::to_string(i);
    text += "  Role" + n +
            ":\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:";
    text += flow
                ? " {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: "
                  "ec2.amazonaws.com}, "
                  "Action: 'sts:AssumeRole'}]}\n"
                : "\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n"
                  "            Principal:\n              Service: ec2.amazonaws.com\n"
                  "            Action: 'sts:AssumeRole'\n";
    text += "      RoleName: role-" + n + "\n";
  }
  return text + "  Long:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: " +
         std::string(70, 'r') + "\n";
}

// The same roles as JSON, minified or indented by two spaces a level (as json.dumps writes it).
std::string roles_json(bool pretty) {
  // `{` and `}` of a level, `,` between members: each followed by a line break and indentation.
  const auto open = [pretty](int level) {
    return pretty ? "{\n" + std::string(2 * level, ' ') : std::string("{");
  };
  const auto close = [pretty](int level) {
    return pretty ? "\n" + std::string(2 * level, ' ') + "}" : std::string("}");
  };
  const auto comma = [pretty](int level) {
    return pretty ? ",\n" + std::string(2 * level, ' ') : std::string(",");
  };
  const std::string colon = pretty ? ": " : ":";
  const auto member = [&](std::string_view key, const std::string& value) {
    return "\"" + std::string(key) + "\"" + colon + value;
  };
  std::string text = open(1) + member("AWSTemplateFormatVersion", "\"2010-09-09\"") + comma(1) +
                     member("Resources", open(2));
  for (int i = 0; text.size() < kSize; ++i) {
    const std::string n = std::to_string(i);
    const std::string statement =
        open(6) + member("Effect", "\"Allow\"") + comma(6) +
        member("Principal", open(7) + member("Service", "\"ec2.amazonaws.com\"") + close(6)) +
        comma(6) + member("Action", "\"sts:AssumeRole\"") + close(5);
    const std::string trust =
        open(5) + member("Version", "\"2012-10-17\"") + comma(5) +
        member("Statement", (pretty ? "[\n" + std::string(12, ' ') : "[") + statement +
                                (pretty ? "\n" + std::string(10, ' ') + "]" : "]")) +
        close(4);
    text += member("Role" + n,
                   open(3) + member("Type", "\"AWS::IAM::Role\"") + comma(3) +
                       member("Properties",
                              open(4) + member("AssumeRolePolicyDocument", trust) + comma(4) +
                                  member("RoleName", "\"role-" + n + "\"") + close(3)) +
                       close(2)) +
            comma(2);
  }
  return text +
         member("Long",
                open(3) + member("Type", "\"AWS::IAM::Role\"") + comma(3) +
                    member("Properties",
                           open(4) + member("RoleName", "\"" + std::string(70, 'r') + "\"") +
                               close(3)) +
                    close(2)) +
         close(1) + close(0) + "\n";
}

}  // namespace

TEST_CASE("templates of many roles are linted in memory proportional to their size",
          "[input][memory]") {
  rolelint::testing::TempDir dir;
  const std::uint64_t baseline = baseline_rss(dir);
  // Measured here with 4 MB of roles (about 18,000): block YAML 8.3 times the input, flow YAML
  // 9.9, indented JSON 6.0, minified JSON 9.8 (the same nodes and model in less text), from 10.3,
  // 12.3, 7.1 and 12.3 before a role's rare values were boxed, a tree node shrank to 32 bytes and
  // the resources were indexed in a sorted array (docs/performance.md). Under 10 for every kind.
  const struct {
    const char* name;
    std::string text;
    double ratio;
  } cases[] = {{"block.yaml", roles_template(false), 10},
               {"flow.yaml", roles_template(true), 10},
               {"pretty.json", roles_json(true), 10},
               {"minified.json", roles_json(false), 10}};
  for (const auto& c : cases) {
    INFO(c.name);
    const std::string& text = c.text;
    const std::string path = (dir.path / c.name).string();
    std::ofstream(path) << text;
    const auto limit =
        baseline + static_cast<std::uint64_t>(c.ratio * static_cast<double>(text.size()));
    const auto r = run_limited({"--select", "RL301", "-j1", path}, Limits{limit, 60});
    INFO(r.describe());
    CHECK(r.ok());
    CHECK(r.status == 1);
    CHECK(r.out.find("[RL301]") != std::string::npos);
    WARN(c.name << ": "
                << (static_cast<double>(r.peak_rss - baseline) / static_cast<double>(text.size()))
                << " times the input");
  }
}
