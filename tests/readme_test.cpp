// The README's rule table lists exactly the registered rules, with their names and severities.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "rules/rule.hpp"

TEST_CASE("README rule table matches the rule registry", "[docs]") {
  std::ifstream in(std::string(ROLELINT_SOURCE_DIR) + "/README.md");
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
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
