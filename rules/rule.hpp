#pragma once
// Everything a rule may include besides linter/model: the Rule type, the Reporter, Tri.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostics/finding.hpp"
#include "linter/diagnostics/source_kind.hpp"
#include "linter/model/arn.hpp"
#include "linter/model/entities.hpp"
#include "linter/model/model.hpp"
#include "linter/model/queries.hpp"
#include "linter/model/tri.hpp"
#include "linter/suppressions.hpp"

namespace rolelint::rules {

using model::Tri;

// The source kinds a rule applies to (Rule::formats), as sets.
inline constexpr SourceKinds kCfnYaml = kinds_of(SourceKind::CfnYaml);
inline constexpr SourceKinds kCfnJson = kinds_of(SourceKind::CfnJson);
inline constexpr SourceKinds kTerraform = kinds_of(SourceKind::Terraform);

class Context;
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
  SourceKinds formats;       // the kinds of file it applies to
  std::string_view summary;  // one sentence, no trailing period
  std::string_view fix;      // one line: how to fix
  std::string_view doc;      // Markdown with the fixed headings
  std::string_view source;   // "rules/rl101_trust_missing_assume_action.cpp"
  // A model rule checks the model (through its context); a suppression rule (RL0xx) checks the
  // suppression comments.
  void (*check)(const Context& context, Reporter& report) = nullptr;
  void (*check_suppressions)(const SuppressionFacts& facts, Reporter& report) = nullptr;
  bool on_by_default = true;  // off: runs only when selected (--select, --report-unused-ignores)
  // The ids of the rules whose findings one of this rule's findings makes redundant: a finding
  // of one of them whose scope (Finding::scope) lies within the scope of a finding of this rule
  // is dropped, once every model rule has run (RL203 subsumes RL201, RL202 and RL204 on the same
  // statement). The rule's doc says why in its Exceptions.
  std::span<const std::string_view> subsumes = {};
};

// What a model rule sees: the model and the semantic layer over it (which entity a reference or
// ARN names, which policies apply to an identity, which roles are meant for console use), each
// built on its first use and kept for the rules that run after. The engine makes one for the
// final model and gives it to every rule; a test makes its own. The model must not change while
// this is alive. Not thread-safe: rules run one after another.
class Context {
 public:
  // `aws`: the documents of AWS managed policies (the engine gives the policy layer's); without
  // them an attached AWS managed policy is one the model does not show.
  explicit Context(const model::Model& model, const model::AwsManagedDocuments* aws = nullptr)
      : model_(model), aws_(aws) {}
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const model::Model& model() const { return model_; }
  const model::Entities& entities() const;
  // Which roles are meant for console use (RL107, RL302, RL305).
  const model::ConsoleIntents& console_intents() const;
  // Every caller -> role pair, with its grant and trust sides (RL401, RL402).
  const std::vector<model::AssumeEdge>& assume_edges() const;

  // The walks rules share, in model order. fn(role, statement): every statement of every role's
  // trust policy.
  template <typename Fn>
  void for_each_trust_statement(Fn&& fn) const {
    for (const model::Role& role : model_.roles) {
      for (const model::Statement& stmt : role.trust.statements) fn(role, stmt);
    }
  }
  // fn(role, statement, id): every identifier of a principal of `type` (AWS, Federated, ...) in
  // a trust statement.
  template <typename Fn>
  void for_each_trust_principal(model::PrincipalType type, Fn&& fn) const {
    for_each_trust_statement([&](const model::Role& role, const model::Statement& stmt) {
      for (const model::Principal& p : stmt.principals) {
        if (p.type != type) continue;
        for (const model::Value& id : p.ids.values) fn(role, stmt, id);
      }
    });
  }
  // fn(policy, statement): every statement of every identity policy (Model::identity_policies).
  template <typename Fn>
  void for_each_identity_statement(Fn&& fn) const {
    for (const model::IdentityPolicyRef& ref : model_.identity_policies()) {
      for (const model::Statement& stmt : ref.document->statements) fn(ref, stmt);
    }
  }

 private:
  const model::Model& model_;
  const model::AwsManagedDocuments* aws_;
  mutable std::optional<model::Entities> entities_;
  mutable std::optional<model::ConsoleIntents> console_intents_;
  mutable std::optional<std::vector<model::AssumeEdge>> assume_edges_;
};

// Collects the findings of one rule.
class Reporter {
 public:
  Reporter(const Rule& rule, Severity severity, std::vector<Finding>& out)
      : rule_(rule), severity_(severity), out_(out) {}

  void report(Span span, const model::Origin& origin, std::string message,
              std::vector<RelatedLocation> related = {});
  // A finding about `scope` (a statement, a document), which the rules that subsume this one
  // (Rule::subsumes) compare with their own findings' scopes.
  void report_about(Span scope, Span span, const model::Origin& origin, std::string message);
  // For the few findings a rule's specification gives a lower severity than the rule's own
  // (RL105's missing `aud`): never higher than the rule's effective severity.
  void report_lower(Severity severity, Span span, const model::Origin& origin, std::string message);
  // A finding about a comment, not about a resource (suppression rules).
  void report_at(Span span, std::string message);

 private:
  const Rule& rule_;
  Severity severity_;
  std::vector<Finding>& out_;
};

// The rule loop, the one the engine, the benchmark and the fuzz targets run: every model rule
// of `rules` over the context's model, at its default severity, appending to `out`; then the
// findings another rule's finding subsumes (Rule::subsumes) are dropped. Returns the model rules
// that ran (those whose ids a suppression can name unused).
std::vector<const Rule*> run_model_rules(std::span<const Rule* const> rules, const Context& context,
                                         std::vector<Finding>& out);
// Every suppression rule of `rules` over `facts`, appending to `out`.
void run_suppression_rules(std::span<const Rule* const> rules, const SuppressionFacts& facts,
                           std::vector<Finding>& out);

// Declarations of every rule object, from the one list.
#define ROLELINT_RULE(name) extern const Rule name;
#include "rules/rules.def"
#undef ROLELINT_RULE

// All rules, sorted by id.
std::span<const Rule* const> all_rules();
const Rule* find_rule(std::string_view id_or_name);
// The rules that run when none are selected: every rule that is on by default.
std::vector<const Rule*> default_rules();
// What must run for `rule` to report as it does by default: the rule itself, the rules on by
// default that subsume it (Rule::subsumes: their findings drop some of its), and, for a
// suppression rule, every model rule that is on by default (a suppression is judged against the
// rules that ran).
std::vector<const Rule*> rules_needed_by(const Rule& rule);

}  // namespace rolelint::rules
