// The fuzz targets (see targets.hpp). Besides "no crash, no sanitizer report, no hang", each
// checks that every position rolelint hands to a user (a parse error's offset, an entity's or a
// finding's span) points into the input it came from; a violation aborts, so libFuzzer keeps the
// input and the regression test fails.
#include "fuzz/targets.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "linter/engine.hpp"
#include "linter/output/output.hpp"
#include "parsers/cfn/intrinsics.hpp"
#include "parsers/cfn/template.hpp"
#include "parsers/json/json_reader.hpp"
#include "parsers/policy/policy_builder.hpp"
#include "parsers/terraform/evaluator.hpp"
#include "parsers/terraform/hcl.hpp"
#include "parsers/terraform/module.hpp"
#include "parsers/yaml/yaml_reader.hpp"
#include "rules/rule.hpp"

namespace rolelint::fuzz {
namespace {

constexpr FileId kFile = 0;  // the fuzzed input's id

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  std::abort();
}

// A span of the input (`size` bytes) lies inside it; spans of no file are not checked.
void require_within(const Span& span, std::size_t size, const char* what) {
  if (span.file == kNoFile) return;
  require(span.file == kFile, "span in a file that is not the input");
  require(span.begin <= span.end && span.end <= size, what);
}

void require_error_within(const ParseError& e, std::size_t size) {
  require(e.offset <= size, "parse error offset past the end of the input");
  require(!e.message.empty(), "parse error without a message");
}

// Every span the front ends put into the model: entities and their policy documents.
void require_model_within(const model::Model& m, std::size_t size) {
  auto list = [&](const model::ValueList& l) {
    require_within(l.span, size, "value list span outside the input");
    for (const model::Value& v : l.values)
      require_within(v.span(), size, "value span outside the input");
  };
  auto document = [&](const model::PolicyDocument& d) {
    require_within(d.span, size, "policy document span outside the input");
    require_within(d.statement_span, size, "Statement span outside the input");
    for (const model::Statement& s : d.statements) {
      require_within(s.span, size, "statement span outside the input");
      list(s.actions);
      list(s.resources);
      for (const model::Principal& p : s.principals) {
        require_within(p.type_span, size, "principal span outside the input");
        list(p.ids);
      }
      for (const model::ConditionEntry& c : s.conditions) {
        require_within(c.op_span, size, "condition operator span outside the input");
        require_within(c.key_span, size, "condition key span outside the input");
        list(c.values);
      }
    }
  };
  auto entity = [&](const model::Origin& o, const std::vector<model::InlinePolicy>& policies) {
    require_within(o.span, size, "entity span outside the input");
    for (const model::InlinePolicy& p : policies) document(p.document);
  };
  for (const model::Role& r : m.roles) {
    entity(r.origin, r.policies);
    document(r.trust);
  }
  for (const model::User& u : m.users) entity(u.origin, u.policies);
  for (const model::Group& g : m.groups) entity(g.origin, g.policies);
  for (const model::ManagedPolicy& p : m.managed_policies) {
    entity(p.origin, {});
    document(p.document);
  }
  for (const model::StandalonePolicy& p : m.policies) {
    entity(p.origin, {});
    document(p.document);
  }
}

void require_findings_within(const std::vector<Finding>& findings, std::size_t size) {
  for (const Finding& f : findings) {
    require_within(f.span, size, "finding span outside the input");
    require_within(f.resource_span, size, "finding resource span outside the input");
    for (const RelatedLocation& r : f.related)
      require_within(r.span, size, "related location outside the input");
    require(!f.message.empty(), "finding without a message");
  }
}

// A value within the caps of linter/model/value.hpp, its span within the input.
void require_value_bounded(const model::Value& v, std::size_t size) {
  require_within(v.span(), size, "value span outside the input");
  require(v.options().size() <= model::kMaxAlternatives, "more alternatives than kMaxAlternatives");
  for (const model::Template& t : v.options()) {
    require(t.known_length() <= model::kMaxStringBytes, "a string longer than kMaxStringBytes");
    require(t.parts().size() <= model::kMaxTemplateParts,
            "a template of more than kMaxTemplateParts");
  }
}

void require_dyn_bounded(const tf::Dyn& d, std::size_t size, unsigned depth) {
  if (d.kind == tf::Dyn::Kind::Str) require_value_bounded(d.str, size);
  if (depth > 64) return;
  for (const tf::Dyn& item : d.items) require_dyn_bounded(item, size, depth + 1);
}

// At most this many nodes or expressions of one input are evaluated, each from the top.
constexpr std::size_t kMaxEvaluated = 4096;

void cfn_template(std::string_view input, cfn::Syntax syntax) {
  model::Model model;
  const cfn::Outcome outcome = cfn::read_template(input, kFile, syntax, model);
  for (const ParseError& e : outcome.errors) require_error_within(e, input.size());
  require_model_within(model, input.size());
}

// A role, a user and a managed policy that use `doc` (as trust and permission policy).
void add_entities(model::Model& m, model::PolicyDocument doc, std::size_t n) {
  const Span span = doc.span;
  const std::string id = "Fuzz" + std::to_string(n);
  auto origin = [&](std::string_view type) {
    return model::Origin{id, std::string(type), span.file, span, {}};
  };
  model::InlinePolicy inline_policy{model::Value::known("fuzz-policy", span), doc, span};

  model::Role role;
  role.origin = origin("AWS::IAM::Role");
  role.name = model::Value::known(id + "-role", span);
  role.trust = doc;
  role.policies.push_back(inline_policy);
  m.roles.push_back(std::move(role));

  model::User user;
  user.origin = origin("AWS::IAM::User");
  user.policies.push_back(std::move(inline_policy));
  m.users.push_back(std::move(user));

  model::ManagedPolicy managed;
  managed.origin = origin("AWS::IAM::ManagedPolicy");
  managed.document = std::move(doc);
  managed.roles.values.push_back(model::Value::known(id + "-role", span));
  m.managed_policies.push_back(std::move(managed));
}

}  // namespace

void fuzz_cfn_yaml(std::string_view input) { cfn_template(input, cfn::Syntax::Yaml); }

void fuzz_cfn_json(std::string_view input) { cfn_template(input, cfn::Syntax::Json); }

void fuzz_terraform(std::string_view input) {
  const std::vector<tf::ModuleInput> files{{kFile, input}};
  // file(...) from memory, never from disk: a path ending in ".tf" names the input itself
  // (positions inside it are exact), one ending in ".missing" cannot be read, and any other
  // path holds the input's bytes as a file outside the inputs.
  const tf::ReadFile read = [input](const std::string& path, FileId& id, std::string& out) {
    if (path.ends_with(".missing")) return false;
    id = path.ends_with(".tf") ? kFile : kNoFile;
    out.assign(input);
    return true;
  };
  model::Model model;
  const tf::ModuleOutcome outcome = tf::read_module(files, ".", read, model);
  for (const auto& [id, e] : outcome.errors) {
    require(id == kFile, "parse error in a file that is not an input");
    require_error_within(e, input.size());
  }
  require_model_within(model, input.size());
  // Read with every top-level block in a part of its own, each part freed as soon as extraction
  // is done with it (as large files are read): a read of freed syntax shows under ASan.
  model::Model in_parts;
  tf::read_module(files, ".", read, in_parts, {.piece_bytes = 1});
  require_model_within(in_parts, input.size());
  // A file parsed in pieces (as large files are: parsers/terraform/hcl_split.hpp) parses to
  // exactly what it parses to whole, error or not.
  auto whole = tf::parse(input, kFile, {.piece_bytes = std::numeric_limits<std::size_t>::max()});
  auto pieces = tf::parse(input, kFile, {.piece_bytes = 1});
  require(whole.ok() == pieces.ok(),
          "parsed in pieces, the file parses where whole it fails, or the reverse");
  if (whole.ok()) {
    require(whole.value() == pieces.value(), "parsed in pieces, the file parses to something else");
  } else {
    require(whole.error().offset == pieces.error().offset &&
                whole.error().message == pieces.error().message,
            "parsed in pieces, the file reports another error");
  }
}

void fuzz_policy(std::string_view input) {
  tree::Tree tree;
  auto root = json::read(input, kFile, tree);
  if (!root.ok()) {
    require_error_within(root.error(), input.size());
    return;
  }
  // The documents: the root, every object with a Statement, every (Assume)PolicyDocument value
  // (an object, or JSON text), so that whole JSON templates are useful seeds.
  std::vector<tree::NodeId> documents{root.value()};
  const std::size_t parsed = tree.size();  // embedded JSON policies append nodes later
  for (std::size_t i = 0; i < parsed; ++i) {
    const auto node = static_cast<tree::NodeId>(i);
    if (tree.get(node, "Statement") != tree::kNoNode) documents.push_back(node);
    for (std::string_view key : {"PolicyDocument", "AssumeRolePolicyDocument"}) {
      if (tree::NodeId v = tree.get(node, key); v != tree::kNoNode) documents.push_back(v);
    }
  }
  std::sort(documents.begin(), documents.end());
  documents.erase(std::unique(documents.begin(), documents.end()), documents.end());

  cfn::Intrinsics eval(tree, root.value(), kFile, input);
  model::Model m;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    add_entities(m, policy::build_policy(tree, documents[i], eval), i);
  }
  require_model_within(m, input.size());

  std::vector<Finding> findings;
  const rules::Context context(m);
  rules::run_model_rules(rules::all_rules(), context, findings);  // no comments here to judge
  require_findings_within(findings, input.size());
}

void fuzz_evaluators(std::string_view input) {
  if (input.empty()) return;
  const std::string_view text = input.substr(1);
  if (static_cast<unsigned char>(input[0]) % 2 == 0) {
    tree::Tree tree;
    auto root = yaml::read(text, kFile, tree);
    if (!root.ok()) return;  // the reader is fuzz_cfn_yaml's
    cfn::Intrinsics eval(tree, root.value(), kFile, text);
    const std::size_t nodes = std::min(tree.size(), kMaxEvaluated);
    for (std::size_t i = 0; i < nodes; ++i) {
      const auto node = static_cast<tree::NodeId>(i);
      require_value_bounded(eval.str(node), text.size());
      for (const model::Value& v : eval.list(node).values) require_value_bounded(v, text.size());
    }
    return;
  }
  auto file = tf::parse(text, kFile);
  if (!file.ok()) return;  // the parser is fuzz_terraform's
  const tf::ModuleFile files[] = {{&file.value(), text}};
  const tf::ReadFile read = [text](const std::string& path, FileId& id, std::string& out) {
    if (path.ends_with(".missing")) return false;
    id = path.ends_with(".tf") ? kFile : kNoFile;
    out.assign(text);
    return true;
  };
  tf::Evaluator eval(files, ".", read);
  // Every expression from the top, as the engine evaluates them: not an operand of another, nor
  // what a local or a data block defines (those are evaluated where they are referenced). The
  // memo of a local counts the references the file makes, so evaluating them on their own as
  // well would run out of memos and spend the whole budget recomputing (never a real case).
  const tf::File& f = file.value();
  std::vector<bool> operand(f.exprs.size(), false);
  for (const tf::Expr& e : f.exprs) {
    for (tf::ExprId arg : f.args(e)) {
      if (arg < operand.size()) operand[arg] = true;
    }
  }
  const auto mark_definitions = [&](const tf::Body& body, bool nested, auto& self) -> void {
    for (const tf::Attribute& a : body.attributes) {
      if (a.value < operand.size()) operand[a.value] = true;
    }
    if (nested) {
      for (const tf::Block& b : body.blocks) self(f.body(b), true, self);
    }
  };
  for (const tf::Block& b : f.top().blocks) {
    if (b.type == "locals" || b.type == "data")
      mark_definitions(f.body(b), b.type == "data", mark_definitions);
  }
  std::size_t evaluated = 0;
  for (std::size_t i = 0; i < f.exprs.size() && evaluated < kMaxEvaluated; ++i) {
    if (operand[i]) continue;
    ++evaluated;
    const tf::Dyn d = eval.eval(f, static_cast<tf::ExprId>(i));
    require_dyn_bounded(d, text.size(), 0);
    require_value_bounded(tf::Evaluator::to_value(d), text.size());
  }
  for (const auto& [id, span] : eval.too_large())
    require_within(span, text.size(), "too-large note outside the input");
}

// Note: for Terraform the engine serves file(...) from disk when the path is not an input
// (engine.cpp), so a fuzzed path may read a real file here.
void fuzz_lint(std::string_view input) {
  if (input.empty()) return;
  static constexpr const char* kPaths[] = {"fuzz.yaml", "fuzz.json", "fuzz/main.tf"};
  const std::string_view text = input.substr(1);
  std::vector<LintInput> inputs(1);
  inputs[0].file = SourceFile{kPaths[static_cast<unsigned char>(input[0]) % 3], std::string(text)};
  inputs[0].explicit_path = true;
  LintOptions options;
  options.rules = rules::all_rules();
  options.jobs = 1;
  const LintResult result = lint(std::move(inputs), options);

  require_model_within(result.model, text.size());
  require_findings_within(result.findings, text.size());
  for (const Finding& f : result.findings) {
    const ResolvedSpan at = resolve(result, f.span);
    require(at.begin.line >= 1 && at.begin.column >= 1, "finding position before 1:1");
  }
  std::ostringstream out;
  output::write_text(out, result);
  output::write_text_errors(out, result);
  output::write_summary(out, result);
  output::write_json(out, result);
}

}  // namespace rolelint::fuzz
