// What a file is when its name does not say, and files that are not plain UTF-8 text: content
// decides, binary files and undecodable UTF-16 are input errors, a byte order mark is decoded.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "linter/encoding.hpp"
#include "tests/cli_run.hpp"
#include "tests/input_helpers.hpp"
#include "tests/limited_run.hpp"

namespace fs = std::filesystem;
using rolelint::testing::kLongRoleNameYaml;
using rolelint::testing::LimitedRun;
using rolelint::testing::Limits;
using rolelint::testing::run_limited;
using rolelint::testing::TempDir;
using rolelint::testing::write_file;

namespace {

const std::string kJsonTemplate =
    "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": \"" +
    std::string(70, 'a') + "\"}}}}\n";

}  // namespace

TEST_CASE("extensions are case-insensitive", "[inputs]") {
  TempDir tmp;
  write_file(tmp.path / "walk" / "UPPER.YAML", kLongRoleNameYaml);
  write_file(tmp.path / "walk" / "Mixed.Json", kJsonTemplate);
  const LimitedRun r = rolelint::testing::lint_rl301_in(tmp.path, {"walk"});
  INFO(r.describe());
  CHECK(r.status == 1);
  CHECK(r.out.find("walk/UPPER.YAML:5:17: error: role name") != std::string::npos);
  CHECK(r.out.find("walk/Mixed.Json:1:") != std::string::npos);
}

TEST_CASE("content decides when the name does not", "[inputs]") {
  TempDir tmp;
  write_file(tmp.path / "t.yaml", kLongRoleNameYaml);
  write_file(tmp.path / "t.json", kJsonTemplate);
  write_file(tmp.path / "template.txt", kLongRoleNameYaml);
  write_file(tmp.path / "notes.txt", "just: some\nyaml: here\n");
  write_file(tmp.path / "data.json", "{\"name\": \"package\"}\n");

  SECTION("standard input without --stdin-filename: YAML") {
    const LimitedRun r =
        rolelint::testing::lint_rl301_in(tmp.path, {"-"}, (tmp.path / "t.yaml").string());
    CHECK(r.status == 1);
    CHECK(r.out.starts_with("<stdin>:5:17: error: role name"));
  }
  SECTION("standard input without --stdin-filename: JSON") {
    const LimitedRun r =
        rolelint::testing::lint_rl301_in(tmp.path, {"-"}, (tmp.path / "t.json").string());
    CHECK(r.status == 1);
    CHECK(r.out.starts_with("<stdin>:1:"));
  }
  SECTION("a --stdin-filename without a known extension") {
    const LimitedRun r = rolelint::testing::lint_rl301_in(
        tmp.path, {"--stdin-filename", "buffer.txt", "-"}, (tmp.path / "t.yaml").string());
    CHECK(r.status == 1);
    CHECK(r.out.starts_with("buffer.txt:5:17: error: role name"));
  }
  SECTION("an explicitly named template.txt") {
    const LimitedRun r = rolelint::testing::lint_rl301_in(tmp.path, {"template.txt"});
    CHECK(r.status == 1);
    CHECK(r.out.starts_with("template.txt:5:17: error: role name"));
  }
  SECTION("an explicitly named file that is not a template is an input error") {
    const LimitedRun r = rolelint::testing::lint_rl301_in(tmp.path, {"notes.txt"});
    CHECK(r.status == 2);
    CHECK(r.err == "notes.txt: error: not a CloudFormation template or Terraform file\n");
  }
  SECTION("a named file with a template's extension that is no template stays quiet") {
    // The pre-commit hook names every staged .json and .yaml file: package.json is not an error.
    const LimitedRun r = rolelint::testing::lint_rl301_in(tmp.path, {"data.json"});
    CHECK(r.status == 0);
    CHECK(r.err.empty());
  }
  SECTION("standard input that is not a template is an input error") {
    const LimitedRun r =
        rolelint::testing::lint_rl301_in(tmp.path, {"-"}, (tmp.path / "notes.txt").string());
    CHECK(r.status == 2);
    CHECK(r.err == "<stdin>: error: not a CloudFormation template or Terraform file\n");
  }
}

TEST_CASE("a binary file with a template's extension is an input error in a walk", "[inputs]") {
  TempDir tmp;
  write_file(tmp.path / "d" / "blob.yaml", std::string("Resources:\0\x01\x02", 13));
  write_file(tmp.path / "d" / "blob.tf", std::string("locals {\0}", 10));
  write_file(tmp.path / "d" / "good.yaml", kLongRoleNameYaml);
  const LimitedRun r = rolelint::testing::lint_rl301_in(tmp.path, {"d"});
  INFO(r.describe());
  CHECK(r.status == 2);
  CHECK(r.out.find("d/good.yaml:5:17") != std::string::npos);
  CHECK(r.err.find("d/blob.yaml: error: binary file (contains NUL bytes)\n") != std::string::npos);
  CHECK(r.err.find("d/blob.tf: error: binary file (contains NUL bytes)\n") != std::string::npos);
}

namespace {
std::string utf16(const std::string& ascii, bool big_endian) {
  std::string out = big_endian ? "\xfe\xff" : "\xff\xfe";
  for (char c : ascii) {
    if (big_endian) out += '\0';
    out += c;
    if (!big_endian) out += '\0';
  }
  return out;
}
}  // namespace

TEST_CASE("UTF-16 with a byte order mark is decoded, a UTF-8 one is skipped",
          "[inputs][encoding]") {
  TempDir tmp;
  std::string le = utf16(kLongRoleNameYaml, false);
  std::string be = utf16(kLongRoleNameYaml, true);
  write_file(tmp.path / "d" / "le.yaml", le);
  write_file(tmp.path / "d" / "be.yaml", be);
  write_file(tmp.path / "d" / "bom8.yaml", "\xef\xbb\xbf" + kLongRoleNameYaml);
  const LimitedRun r = rolelint::testing::lint_rl301_in(tmp.path, {"d"});
  INFO(r.describe());
  CHECK(r.status == 1);
  CHECK(r.out.find("d/le.yaml:5:17: error: role name") != std::string::npos);
  CHECK(r.out.find("d/be.yaml:5:17: error: role name") != std::string::npos);
  CHECK(r.out.find("d/bom8.yaml:5:17: error: role name") != std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("UTF-16 that does not decode is an input error naming the encoding",
          "[inputs][encoding]") {
  TempDir tmp;
  write_file(tmp.path / "bad.yaml",
             std::string("\xff\xfe\x00\xd8\x41\x00", 6));  // a lone high surrogate
  const LimitedRun r = rolelint::testing::lint_rl301_in(tmp.path, {"bad.yaml"});
  CHECK(r.status == 2);
  CHECK(r.err == "bad.yaml: error: invalid UTF-16LE: an unpaired surrogate\n");
}

TEST_CASE("decode_to_utf8 decodes UTF-16 with surrogate pairs and names what does not decode",
          "[encoding]") {
  std::string le(
      "\xff\xfe"
      "A\0\xe9\0\x3d\xd8\x00\xde",
      10);  // "Aé😀"
  CHECK(rolelint::decode_to_utf8(le) == std::nullopt);
  CHECK(le == "A\xc3\xa9\xf0\x9f\x98\x80");
  std::string be("\xfe\xff\0A\0\n", 6);
  CHECK(rolelint::decode_to_utf8(be) == std::nullopt);
  CHECK(be == "A\n");
  std::string odd(
      "\xff\xfe"
      "A",
      3);
  CHECK(rolelint::decode_to_utf8(odd) == "invalid UTF-16LE: an odd number of bytes");
  std::string lone_low("\xfe\xff\xdc\x00", 4);
  CHECK(rolelint::decode_to_utf8(lone_low) == "invalid UTF-16BE: an unpaired surrogate");
  std::string utf8 = "\xef\xbb\xbfResources: {}\n";
  CHECK(rolelint::decode_to_utf8(utf8) == std::nullopt);
  CHECK(utf8 == "\xef\xbb\xbfResources: {}\n");  // left for the readers, which skip it
}
