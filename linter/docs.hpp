#pragma once
// Documentation generated from the rules' own metadata: --list-rules, --explain, docs/rules/.
#include <ostream>
#include <string>
#include <string_view>

namespace rolelint::rules {
struct Rule;
}

namespace rolelint {

// `RL101  error    trust-missing-assume-action  <summary>` per rule, in columns as wide as the
// longest severity and name.
void write_rule_list(std::ostream& out);
// The page for one rule: what --explain prints and docs/rules/RLxxx.md holds.
void write_rule_doc(std::ostream& out, const rules::Rule& rule);
// The rules table (docs/rules/README.md).
void write_rule_index(std::ostream& out);
// The URL of the rule's page in the repository: docs/rules/RLxxx.md at `ref` (a branch, a tag or
// a commit; by default the main branch).
std::string rule_doc_url(const rules::Rule& rule, std::string_view ref = "main");
// Where the docs of this very binary are: the commit it was built from (GitHub resolves the
// 12-digit abbreviation), or its version tag ("v0.1.0") when the commit is unknown or the build
// had uncommitted changes, which no commit holds.
std::string build_doc_ref();
// The text of one `## heading` section of the rule's doc, trimmed; empty when there is none.
std::string_view rule_doc_section(const rules::Rule& rule, std::string_view heading);

// Writes DIR/RLxxx.md for every rule and DIR/README.md; returns a problem, or empty.
std::string write_docs(std::string_view dir);

}  // namespace rolelint
