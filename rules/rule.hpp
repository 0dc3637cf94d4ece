#pragma once
// Everything a rule may include besides linter/model: the Rule type, the Reporter, Tri.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostics/finding.hpp"
#include "linter/model/model.hpp"
#include "linter/model/queries.hpp"
#include "linter/model/tri.hpp"
#include "linter/suppressions.hpp"

namespace rolelint::rules {

using model::Tri;

// Source formats a rule applies to (bit set).
enum Format : unsigned {
  kCfnYaml = 1u << 0,
  kCfnJson = 1u << 1,
  kTerraform = 1u << 2,
};

class Reporter;
struct Rule;

// What a suppression rule sees, after every model rule has run and the suppressions were
// applied: each `rolelint: ignore[...]` comment of the reported files, with whether it was used.
struct SuppressionFacts {
  std::span<const Suppression> suppressions;
  std::span<const Rule* const> ran;  // the model rules that ran: only their ids can be unused
};

struct Rule {
  std::string_view id;       // "RL101"
  std::string_view name;     // kebab-case, names the problem
  Severity severity;         // default severity
  unsigned formats;          // Format bits
  std::string_view summary;  // one sentence, no trailing period
  std::string_view fix;      // one line: how to fix
  std::string_view doc;      // Markdown with the fixed headings
  std::string_view source;   // "rules/rl101_trust_missing_assume_action.cpp"
  // A model rule checks the model; a suppression rule (RL0xx) checks the suppression comments.
  void (*check)(const model::Model& model, Reporter& report) = nullptr;
  void (*check_suppressions)(const SuppressionFacts& facts, Reporter& report) = nullptr;
  bool on_by_default = true;  // off: runs only when selected (--select, --report-unused-ignores)
};

// Facts derived from a model that several rules need, each built on its first use and kept
// for the rules that run after: the engine makes one for the final model and gives it to every
// rule. The model must not change while this is alive.
class ModelFacts {
 public:
  explicit ModelFacts(const model::Model& model) : model_(model) {}
  const model::Model& model() const { return model_; }
  // Which roles are meant for console use (RL107, RL302, RL305).
  const model::ConsoleIntents& console_intents();

 private:
  const model::Model& model_;
  std::optional<model::ConsoleIntents> console_intents_;
};

// Collects the findings of one rule.
class Reporter {
 public:
  // Without `facts` (a rule run on its own, as in tests), the rule builds what it asks for.
  Reporter(const Rule& rule, Severity severity, std::vector<Finding>& out, ModelFacts* facts = nullptr)
      : rule_(rule), severity_(severity), out_(out), facts_(facts) {}

  // The shared facts of `model`.
  ModelFacts& facts(const model::Model& model);

  void report(Span span, const model::Origin& origin, std::string message,
              std::vector<RelatedLocation> related = {});
  // For the few findings a rule's specification gives a lower severity than the rule's own
  // (RL105's missing `aud`): never higher than the rule's effective severity.
  void report_lower(Severity severity, Span span, const model::Origin& origin, std::string message);
  // A finding about a comment, not about a resource (suppression rules).
  void report_at(Span span, std::string message);

 private:
  const Rule& rule_;
  Severity severity_;
  std::vector<Finding>& out_;
  ModelFacts* facts_;
  std::unique_ptr<ModelFacts> own_facts_;  // when facts_ is missing or of another model
};

// Declarations of every rule object, from the one list.
#define ROLELINT_RULE(name) extern const Rule name;
#include "rules/rules.def"
#undef ROLELINT_RULE

// All rules, sorted by id.
std::span<const Rule* const> all_rules();
const Rule* find_rule(std::string_view id_or_name);
// The rules that run when none are selected: every rule that is on by default.
std::vector<const Rule*> default_rules();
// What must run for `rule` to report: the rule itself and, for a suppression rule, every model
// rule that is on by default (a suppression is judged against the rules that ran).
std::vector<const Rule*> rules_needed_by(const Rule& rule);

}  // namespace rolelint::rules
