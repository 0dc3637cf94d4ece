#include "linter/engine.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <tuple>
#include <utility>

#include "linter/base/parallel.hpp"
#include "linter/base/text.hpp"
#include "linter/config.hpp"
#include "parsers/cfn/template.hpp"
#include "parsers/terraform/module.hpp"
#include "rules/rule.hpp"

namespace rolelint {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

InputError to_input_error(const SourceFile& file, const LineIndex& index, const ParseError& e) {
  Position p = index.position(file.text, e.offset);
  return InputError{file.path, p.line, p.column, e.message};
}

// What the front ends extract from one unit of work (a template, or a Terraform module): its
// own model and errors, merged into the result in input order once every unit is done.
struct Extracted {
  model::Model model;
  std::vector<InputError> errors;
  bool is_template = false;
};

// Terraform: every .tf file of one directory is one module, read together.
void lint_terraform_module(const LintResult& result, const std::string& dir, const std::vector<FileId>& ids,
                           std::vector<LineIndex>& indexes, Extracted& out) {
  namespace fs = std::filesystem;
  std::vector<tf::ModuleInput> files;
  for (FileId id : ids) {
    files.push_back({id, result.files[id].text});
    indexes[id] = LineIndex(result.files[id].text);
  }
  // file("..."): a linted input when it is one (exact positions), else read from disk.
  tf::ReadFile read = [&result](const std::string& path, FileId& id, std::string& text) {
    const std::string wanted = fs::path(path).lexically_normal().generic_string();
    for (std::size_t i = 0; i < result.files.size(); ++i) {
      if (fs::path(result.files[i].path).lexically_normal().generic_string() == wanted) {
        id = static_cast<FileId>(i);
        text = result.files[i].text;
        return true;
      }
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    id = kNoFile;
    return true;
  };
  tf::ModuleOutcome outcome = tf::read_module(files, dir.empty() ? "." : dir, read, out.model);
  for (const auto& [id, error] : outcome.errors) {
    out.errors.push_back(to_input_error(result.files[id], indexes[id], error));
  }
}

// The console-roles name patterns of each role's .rolelint.yaml mark it, as a
// `# rolelint: console-role` comment would (case-insensitively: IAM role names are).
void mark_console_roles(model::Model& model, const std::vector<const Config*>& configs) {
  for (model::Role& role : model.roles) {
    const Config* config = role.origin.file < configs.size() ? configs[role.origin.file] : nullptr;
    if (!config || config->console_roles.empty() || role.has_marker("console-role")) continue;
    const std::optional<std::string_view> name = role.name.known();
    if (!name) continue;
    for (const std::string& pattern : config->console_roles) {
      if (glob_match_icase(pattern, *name)) {
        role.markers.push_back({"console-role", role.name.span(),
                                "its name matches the console-roles pattern '" + pattern + "' of .rolelint.yaml"});
        break;
      }
    }
  }
}

bool is_binary(std::string_view text) {
  return text.substr(0, 8192).find('\0') != std::string_view::npos;
}

}  // namespace

SourceKind source_kind(std::string_view path, std::string_view text) {
  if (ends_with(path, ".yaml") || ends_with(path, ".yml")) return SourceKind::CfnYaml;
  if (ends_with(path, ".json")) return SourceKind::CfnJson;
  if (ends_with(path, ".tf")) return SourceKind::Terraform;
  if (ends_with(path, ".template")) {
    std::size_t first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '{' ? SourceKind::CfnJson
                                                                   : SourceKind::CfnYaml;
  }
  return SourceKind::Unknown;
}

LintResult lint(std::vector<LintInput> inputs, const LintOptions& options) {
  LintResult result;
  result.files.reserve(inputs.size());
  // Each file's line index is built by the task that reads it, in parallel, and the JSON reader
  // collects it on the way; files no task reads get theirs here.
  result.line_indexes.resize(inputs.size());
  std::vector<FileId> templates;                                  // CloudFormation candidates
  std::vector<bool> explicit_paths;                               // named on the command line
  std::vector<const Config*> configs;                             // each file's configuration
  std::map<std::string, std::vector<FileId>> terraform_modules;  // directory -> its .tf files
  for (LintInput& input : inputs) {
    const auto id = static_cast<FileId>(result.files.size());
    result.files.push_back(std::move(input.file));
    const SourceFile& file = result.files.back();
    explicit_paths.push_back(input.explicit_path);
    configs.push_back(input.config);
    LintedFile linted{id, source_kind(file.path, file.text), false, input.context_only};
    if (linted.kind == SourceKind::CfnYaml || linted.kind == SourceKind::CfnJson) {
      if (!is_binary(file.text)) {
        templates.push_back(id);
      } else {
        result.line_indexes[id] = LineIndex(file.text);
        if (input.explicit_path) result.errors.push_back({file.path, 0, 0, "binary file (contains NUL bytes)"});
      }
    } else if (linted.kind == SourceKind::Terraform) {
      linted.is_template = true;
      const std::size_t slash = file.path.rfind('/');
      terraform_modules[slash == std::string::npos ? std::string() : file.path.substr(0, slash)].push_back(id);
    } else {
      result.line_indexes[id] = LineIndex(file.text);
    }
    result.linted.push_back(linted);
  }

  // Every template and every module is parsed and evaluated on its own, in parallel; the
  // pieces are merged in input order, so the result does not depend on scheduling.
  std::vector<const std::pair<const std::string, std::vector<FileId>>*> modules;
  for (const auto& module : terraform_modules) modules.push_back(&module);
  std::vector<Extracted> extracted(templates.size() + modules.size());
  parallel_for(extracted.size(), options.jobs, [&](std::size_t task) {
    Extracted& out = extracted[task];
    if (task >= templates.size()) {
      const auto& [dir, ids] = *modules[task - templates.size()];
      lint_terraform_module(result, dir, ids, result.line_indexes, out);
      return;
    }
    const FileId id = templates[task];
    const SourceFile& file = result.files[id];
    const auto syntax = result.linted[id].kind == SourceKind::CfnJson ? cfn::Syntax::Json : cfn::Syntax::Yaml;
    cfn::Outcome outcome = cfn::read_template(file.text, id, syntax, out.model, &result.line_indexes[id]);
    out.is_template = outcome.is_template;
    if (outcome.is_template || explicit_paths[id]) {
      for (const ParseError& e : outcome.errors) {
        out.errors.push_back(to_input_error(file, result.line_indexes[id], e));
      }
    }
  });
  for (std::size_t task = 0; task < extracted.size(); ++task) {
    Extracted& piece = extracted[task];
    if (task < templates.size()) result.linted[templates[task]].is_template = piece.is_template;
    result.model.append(std::move(piece.model));
    result.errors.insert(result.errors.end(), piece.errors.begin(), piece.errors.end());
  }

  mark_console_roles(result.model, configs);
  // The configuration's accounts; its deploy-accounts override what a front end found (a
  // Terraform module's provider account).
  for (FileId id = 0; id < configs.size(); ++id) {
    if (!configs[id] || (configs[id]->accounts.empty() && configs[id]->deploy_accounts.empty())) continue;
    model::AccountFacts& facts = result.model.accounts[id];
    facts.organisation = configs[id]->accounts;
    if (std::string account = configs[id]->deploy_account(result.files[id].path); !account.empty()) {
      facts.deploy_account = std::move(account);
    }
  }

  std::vector<const rules::Rule*> model_rules;
  const rules::Context context(result.model);
  for (const rules::Rule* rule : options.rules) {
    if (!rule->check) continue;
    rules::Reporter reporter(*rule, rule->severity, result.findings);
    rule->check(context, reporter);
    model_rules.push_back(rule);
  }

  for (FileId id = 0; id < result.files.size(); ++id) {
    // JSON has no comments: text that looks like one is inside a string. Not scanning also
    // saves a pass over the largest inputs (3% of a run on a 4 MB template).
    if (result.linted[id].kind == SourceKind::CfnJson) continue;
    auto found = scan_suppressions(result.files[id].text, id, result.line_indexes[id]);
    result.suppressions.insert(result.suppressions.end(), found.begin(), found.end());
  }
  auto listed = resource_suppressions(result.model.ignores, result.files, result.line_indexes);
  result.suppressions.insert(result.suppressions.end(), listed.begin(), listed.end());
  apply_suppressions(result.findings, result.suppressions, result.files, result.line_indexes);
  // Suppression rules judge the comments of the reported files, once their use is known.
  std::vector<Suppression> reported;
  std::copy_if(result.suppressions.begin(), result.suppressions.end(), std::back_inserter(reported),
               [&](const Suppression& s) { return result.linted[s.file].reported(); });
  const rules::SuppressionFacts facts{reported, model_rules};
  for (const rules::Rule* rule : options.rules) {
    if (!rule->check_suppressions) continue;
    rules::Reporter reporter(*rule, rule->severity, result.findings);
    rule->check_suppressions(facts, reporter);
  }
  std::erase_if(result.findings, [&](const Finding& f) {
    return f.span.file < result.linted.size() && result.linted[f.span.file].context_only;
  });
  // Per-file configuration: rules turned off, severities changed.
  std::erase_if(result.findings, [&](Finding& f) {
    const Config* config = f.span.file < configs.size() ? configs[f.span.file] : nullptr;
    if (!config) return false;
    const auto setting = config->rule_setting(f.rule_id, f.rule_name);
    if (!setting) return false;
    if (!*setting) return true;
    f.severity = **setting;
    return false;
  });

  // Deterministic order: file, position, rule, message.
  std::sort(result.findings.begin(), result.findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.span.file, a.span.begin, a.rule_id, a.message, a.span.end) <
           std::tie(b.span.file, b.span.begin, b.rule_id, b.message, b.span.end);
  });
  result.findings.erase(std::unique(result.findings.begin(), result.findings.end(),
                                    [](const Finding& a, const Finding& b) {
                                      return a.span == b.span && a.rule_id == b.rule_id &&
                                             a.message == b.message;
                                    }),
                        result.findings.end());
  std::stable_sort(result.errors.begin(), result.errors.end(), [](const InputError& a, const InputError& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  return result;
}

ResolvedSpan resolve(const LintResult& result, const Span& span) {
  if (span.file >= result.files.size()) return {};
  const SourceFile& file = result.files[span.file];
  const LineIndex& index = result.line_indexes[span.file];
  return {index.position(file.text, span.begin), index.position(file.text, span.end)};
}

}  // namespace rolelint
