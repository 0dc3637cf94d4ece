// The JSON reader's line starts, which the engine uses as the file's line index.
#include "parsers/json/json_reader.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "linter/diagnostics/source.hpp"
#include "linter/model/model.hpp"
#include "parsers/cfn/template.hpp"

using namespace rolelint;

namespace {

std::vector<std::uint32_t> scanned_starts(std::string_view text) {
  const LineIndex index(text);
  std::vector<std::uint32_t> starts;
  for (std::uint32_t line = 1; line <= index.line_count(); ++line)
    starts.push_back(index.line_start(line));
  return starts;
}

}  // namespace

TEST_CASE("json reader: the line starts it collects are those of a scan of the text", "[json]") {
  const std::string texts[] = {
      "{}",
      "{}\n",
      "\n\n{\"a\": 1}\n\n",
      "{\r\n  \"a\": [\r\n    1,\r\n    \"x\"\r\n  ]\r\n}\r\n",
      "{\"Resources\":\n {\"R\":\n  {\"Type\": \"AWS::IAM::Role\",\n   \"Properties\": {}}}}",
      "[\n\t1 ,\n\ttrue ,\n\tnull ,\n\t\"\\n is an escape, not a newline\"\n]",
  };
  for (const std::string& text : texts) {
    tree::Tree t;
    std::vector<std::uint32_t> starts{7, 8, 9};  // replaced, not appended to
    REQUIRE(json::read(text, 0, t, 0, {}, &starts).ok());
    CHECK(starts == scanned_starts(text));
  }
}

TEST_CASE("json reader: a template's line index is complete also when the JSON is broken",
          "[json]") {
  const std::string texts[] = {
      "{\"Resources\": {\n \"R\": {\"Type\": \"AWS::IAM::Role\",\n  \"Properties\": {\"RoleName\": "
      "\"a\nb\"}}}}\n",
      "{\"Resources\": {\n \"R\": 1,\n}\n}\n\n",
      "{\"Resources\": {\n \"R\":",
  };
  for (const std::string& text : texts) {
    model::Model m;
    LineIndex index;
    const cfn::Outcome outcome = cfn::read_template(text, 0, cfn::Syntax::Json, m, &index);
    CHECK_FALSE(outcome.errors.empty());
    std::vector<std::uint32_t> starts;
    for (std::uint32_t line = 1; line <= index.line_count(); ++line)
      starts.push_back(index.line_start(line));
    CHECK(starts == scanned_starts(text));
  }
}

TEST_CASE("json reader: a template read with an index gives the same model and index as without",
          "[json]") {
  const std::string text =
      "{\"Resources\": {\n  \"R\": {\"Type\": \"AWS::IAM::Role\",\n"
      "   \"Properties\": {\"RoleName\": \"r\", \"AssumeRolePolicyDocument\":\n"
      "    \"{\\\"Statement\\\": [{\\\"Effect\\\": \\\"Allow\\\"}]}\"}}}}\n";
  model::Model with, without;
  LineIndex index;
  REQUIRE(cfn::read_template(text, 0, cfn::Syntax::Json, with, &index).errors.empty());
  REQUIRE(cfn::read_template(text, 0, cfn::Syntax::Json, without).errors.empty());
  REQUIRE(with.roles.size() == 1);
  REQUIRE(without.roles.size() == 1);
  CHECK(with.roles[0].name.display() == "r");
  CHECK(with.roles[0].trust.statements.size() == without.roles[0].trust.statements.size());
  CHECK(with.roles[0].trust.statements.size() == 1);
  CHECK(index.line_count() == 5);
  CHECK(index.line_start(4) == scanned_starts(text)[3]);
}

TEST_CASE("json reader: a number with a leading zero is an error at the zero", "[json]") {
  const std::pair<std::string, std::uint32_t> bad[] = {
      {"01", 0}, {"-01", 1}, {"[1, 00]", 4}, {"{\"a\": 012.5}", 6}, {"-00", 1},
  };
  for (const auto& [text, offset] : bad) {
    INFO(text);
    tree::Tree t;
    const auto root = json::read(text, 0, t);
    REQUIRE_FALSE(root.ok());
    CHECK(root.error().offset == offset);
    CHECK(root.error().message == "invalid number: a leading zero must not be followed by a digit");
  }
  for (const std::string good : {"0", "-0", "0.5", "-0.5e3", "10", "[0, 0]", "0e1"}) {
    INFO(good);
    tree::Tree t;
    CHECK(json::read(good, 0, t).ok());
  }
}
