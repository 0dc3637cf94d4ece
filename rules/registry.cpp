#include <algorithm>
#include <map>
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

void Reporter::report_about(Span scope, Span span, const model::Origin& origin,
                            std::string message) {
  report(span, origin, std::move(message));
  out_.back().scope = scope;
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

namespace {

Span scope_of(const Finding& f) { return f.scope.valid() ? f.scope : f.span; }

// The scopes of the findings that subsume one rule's findings, sorted, each with the largest end
// of the scopes up to it in its file: a lookup walks back only over scopes that could contain.
class Covers {
 public:
  void add(Span scope) { scopes_.push_back({scope, 0}); }
  void finish() {
    std::sort(scopes_.begin(), scopes_.end(), [](const Entry& a, const Entry& b) {
      return std::pair(a.scope.file, a.scope.begin) < std::pair(b.scope.file, b.scope.begin);
    });
    for (std::size_t i = 0; i < scopes_.size(); ++i) {
      const bool same_file = i > 0 && scopes_[i - 1].scope.file == scopes_[i].scope.file;
      scopes_[i].max_end = std::max(scopes_[i].scope.end, same_file ? scopes_[i - 1].max_end : 0u);
    }
  }
  bool cover(const Span& inner) const {
    auto it = std::upper_bound(scopes_.begin(), scopes_.end(), std::pair(inner.file, inner.begin),
                               [](const auto& key, const Entry& e) {
                                 return key < std::pair(e.scope.file, e.scope.begin);
                               });
    while (it != scopes_.begin()) {
      --it;
      if (it->scope.file != inner.file || it->max_end < inner.end) return false;
      if (inner.end <= it->scope.end) return true;
    }
    return false;
  }

 private:
  struct Entry {
    Span scope;
    std::uint32_t max_end;
  };
  std::vector<Entry> scopes_;
};

// Drops the findings from `first` on whose scope lies within the scope of a finding of a rule
// that subsumes their rule (Rule::subsumes).
void drop_subsumed(std::span<const Rule* const> ran, std::vector<Finding>& findings,
                   std::size_t first) {
  std::map<std::string_view, Covers>
      covers;  // subsumed rule id -> the scopes covering its findings
  for (const Rule* rule : ran) {
    if (rule->subsumes.empty()) continue;
    for (std::size_t i = first; i < findings.size(); ++i) {
      if (findings[i].rule_id != rule->id) continue;
      for (std::string_view id : rule->subsumes) covers[id].add(scope_of(findings[i]));
    }
  }
  if (covers.empty()) return;
  for (auto& [id, c] : covers) c.finish();
  const auto subsumed = [&](const Finding& f) {
    const auto it = covers.find(f.rule_id);
    return it != covers.end() && it->second.cover(scope_of(f));
  };
  findings.erase(std::remove_if(findings.begin() + static_cast<std::ptrdiff_t>(first),
                                findings.end(), subsumed),
                 findings.end());
}

}  // namespace

std::vector<const Rule*> run_model_rules(std::span<const Rule* const> rules, const Context& context,
                                         std::vector<Finding>& out) {
  std::vector<const Rule*> ran;
  const std::size_t first = out.size();
  for (const Rule* rule : rules) {
    if (!rule->check) continue;
    Reporter reporter(*rule, rule->severity, out);
    rule->check(context, reporter);
    ran.push_back(rule);
  }
  drop_subsumed(ran, out, first);
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
  for (const Rule* r : all_rules()) {
    if (r == &rule || !r->check || !r->on_by_default) continue;
    const bool subsumes =
        std::find(r->subsumes.begin(), r->subsumes.end(), rule.id) != r->subsumes.end();
    if (rule.check_suppressions || subsumes) out.push_back(r);
  }
  return out;
}

}  // namespace rolelint::rules
