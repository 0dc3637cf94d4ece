// The README's rule table lists exactly the registered rules, with their names and severities.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "rules/rule.hpp"

namespace {

std::string read_source(const std::string& path) {
  std::ifstream in(std::string(ROLELINT_SOURCE_DIR) + "/" + path);
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The fenced block after a `<!-- pre-commit-config` marker.
std::string precommit_config_block(const std::string& text) {
  const auto marker = text.find("<!-- pre-commit-config");
  REQUIRE(marker != std::string::npos);
  const auto open = text.find("```yaml\n", marker);
  const auto close = text.find("\n```\n", open);
  REQUIRE(open != std::string::npos);
  REQUIRE(close != std::string::npos);
  return text.substr(open, close - open);
}

}  // namespace

TEST_CASE("README's pre-commit configuration is the one the pre-commit test commits with",
          "[docs]") {
  CHECK(precommit_config_block(read_source("README.md")) ==
        precommit_config_block(read_source("docs/integrations.md")));
}

TEST_CASE("README rule table matches the rule registry", "[docs]") {
  const std::string text = read_source("README.md");
  const auto begin = text.find("<!-- rules:begin");
  const auto end = text.find("<!-- rules:end -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  const std::string table = text.substr(begin, end - begin);

  std::string expected;
  for (const rolelint::rules::Rule* r : rolelint::rules::all_rules()) {
    expected += "| [" + std::string(r->id) + "](docs/rules/" + std::string(r->id) + ".md) | `" +
                std::string(r->name) + "` | " + std::string(rolelint::severity_name(r->severity)) +
                " |\n";
  }
  const std::string header = "| id | name | severity |\n|---|---|---|\n";
  const auto rows_at = table.find(header);
  REQUIRE(rows_at != std::string::npos);
  CHECK(table.substr(rows_at + header.size()) == expected);
}
