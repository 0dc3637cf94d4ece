#include "linter/cli/config_text.hpp"

#include <utility>

#include "linter/diagnostics/source.hpp"
#include "rules/rule.hpp"

namespace rolelint::cli {
namespace {

// Every rule's id and name: what a misspelt rule may have meant.
const std::vector<std::string_view>& rule_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const rules::Rule* r : rules::all_rules()) out.insert(out.end(), {r->id, r->name});
    return out;
  }();
  return names;
}

}  // namespace

std::unique_ptr<Config> read_config_text(std::string_view text, const std::string& path,
                                         std::vector<InputError>& errors) {
  const ConfigRules rules{[](std::string_view id) { return rules::find_rule(id) != nullptr; },
                          rule_names()};
  ConfigParse parsed = parse_config_all(text, path, rules);
  if (parsed.errors.empty()) return std::make_unique<Config>(std::move(parsed.config));
  const LineIndex lines(text);
  for (const ParseError& e : parsed.errors) {
    const Position at = lines.position(text, e.offset);
    errors.push_back({path, at.line, at.column, e.message});
  }
  return nullptr;
}

}  // namespace rolelint::cli
