#include <algorithm>
#include <utility>

#include "rules/rule.hpp"

namespace rolelint::rules {

const model::Entities& Context::entities() const {
  if (!entities_) entities_.emplace(model_, aws_);
  return *entities_;
}

const model::ConsoleIntents& Context::console_intents() const {
  if (!console_intents_) console_intents_.emplace(entities());
  return *console_intents_;
}

const std::vector<model::AssumeEdge>& Context::assume_edges() const {
  if (!assume_edges_) assume_edges_ = entities().assume_edges();
  return *assume_edges_;
}

void Reporter::report(Span span, const model::Origin& origin, std::string message,
                      std::vector<RelatedLocation> related) {
  Finding f;
  f.rule_id = rule_.id;
  f.rule_name = rule_.name;
  f.severity = severity_;
  f.message = std::move(message);
  f.span = span.valid() ? span : origin.span;
  f.related = std::move(related);
  f.resource = origin.source_id;
  f.resource_span = origin.span;
  out_.push_back(std::move(f));
}

void Reporter::report_lower(Severity severity, Span span, const model::Origin& origin,
                            std::string message) {
  const std::size_t before = out_.size();
  report(span, origin, std::move(message));
  if (out_.size() > before) out_.back().severity = std::min(severity, severity_);
}

void Reporter::report_at(Span span, std::string message) {
  Finding f;
  f.rule_id = rule_.id;
  f.rule_name = rule_.name;
  f.severity = severity_;
  f.message = std::move(message);
  f.span = span;
  f.resource_span = span;
  out_.push_back(std::move(f));
}

std::vector<const Rule*> run_model_rules(std::span<const Rule* const> rules, const Context& context,
                                         std::vector<Finding>& out) {
  std::vector<const Rule*> ran;
  for (const Rule* rule : rules) {
    if (!rule->check) continue;
    Reporter reporter(*rule, rule->severity, out);
    rule->check(context, reporter);
    ran.push_back(rule);
  }
  return ran;
}

void run_suppression_rules(std::span<const Rule* const> rules, const SuppressionFacts& facts,
                           std::vector<Finding>& out) {
  for (const Rule* rule : rules) {
    if (!rule->check_suppressions) continue;
    Reporter reporter(*rule, rule->severity, out);
    rule->check_suppressions(facts, reporter);
  }
}

std::span<const Rule* const> all_rules() {
  static constexpr const Rule* kAll[] = {
#define ROLELINT_RULE(name) &name,
#include "rules/rules.def"
#undef ROLELINT_RULE
  };
  return kAll;
}

const Rule* find_rule(std::string_view id_or_name) {
  for (const Rule* r : all_rules()) {
    if (r->id == id_or_name || r->name == id_or_name) return r;
  }
  return nullptr;
}

std::vector<const Rule*> default_rules() {
  std::vector<const Rule*> out;
  for (const Rule* r : all_rules()) {
    if (r->on_by_default) out.push_back(r);
  }
  return out;
}

std::vector<const Rule*> rules_needed_by(const Rule& rule) {
  std::vector<const Rule*> out{&rule};
  if (!rule.check_suppressions) return out;
  for (const Rule* r : all_rules()) {
    if (r->check && r->on_by_default) out.push_back(r);
  }
  return out;
}

}  // namespace rolelint::rules
