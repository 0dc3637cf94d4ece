#include "linter/engine.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <span>
#include <tuple>
#include <utility>

#include "linter/base/text.hpp"
#include "linter/config.hpp"
#include "linter/encoding.hpp"
#include "linter/engine/extract.hpp"
#include "parsers/policy/aws_managed_documents.hpp"
#include "rules/rule.hpp"

namespace rolelint {
namespace {

bool is_binary(std::string_view text) {
  return text.substr(0, 8192).find('\0') != std::string_view::npos;
}

// What the engine keeps of its inputs besides their files: parallel to LintResult::files.
struct Inputs {
  std::vector<InputFlags> flags;
  std::vector<const Config*> configs;  // each file's configuration
  std::set<std::string> unquotable;    // paths of !quote_source inputs
  std::vector<bool> readable;          // of a known kind and text: its front end reads it
};

// Phase 1: every input becomes a file of the result, of the kind its name (or, for a named file
// of no known name, its content) says. A file of a known kind that is not text is said, never
// skipped.
Inputs classify_inputs(std::vector<LintInput> inputs, LintResult& result) {
  Inputs in;
  result.files.reserve(inputs.size());
  // Each file's line index is built by the task that reads it, in parallel, and the JSON reader
  // collects it on the way; files no task reads get theirs here.
  result.line_indexes.resize(inputs.size());
  for (LintInput& input : inputs) {
    const auto id = static_cast<FileId>(result.files.size());
    result.files.push_back(std::move(input.file));
    SourceFile& file = result.files.back();
    in.configs.push_back(input.config);
    if (!input.quote_source) in.unquotable.insert(file.path);
    const std::optional<std::string> undecodable = decode_to_utf8(file.text);
    LintedFile linted{id, source_kind(file.path, file.text), false, input.context_only};
    InputFlags flags{input.explicit_path,
                     linted.kind == SourceKind::Unknown && input.explicit_path};
    if (flags.by_content) {
      for (const FrontEnd* front_end : front_ends()) {
        if (front_end->detect_content) {
          linted.kind = front_end->detect_content(file.text);
          break;
        }
      }
    }
    const bool text = !undecodable && !is_binary(file.text);
    if (linted.kind != SourceKind::Unknown && !text) {
      result.errors.push_back(
          {file.path, 0, 0, undecodable ? *undecodable : "binary file (contains NUL bytes)"});
    }
    in.readable.push_back(linted.kind != SourceKind::Unknown && text);
    if (!in.readable.back()) result.line_indexes[id] = LineIndex(file.text);
    in.flags.push_back(flags);
    result.linted.push_back(linted);
  }
  return in;
}

// Phase 2: the readable files in units, front end by front end in the table's order; within one,
// files of their own in input order, then grouped files by key.
std::vector<Unit> group_units(const LintResult& result, const Inputs& in) {
  std::vector<Unit> units;
  for (const FrontEnd* front_end : front_ends()) {
    std::map<std::string, Unit> grouped;
    for (const LintedFile& file : result.linted) {
      if (!in.readable[file.id] || !contains(front_end->kinds, file.kind)) continue;
      const std::string& path = result.files[file.id].path;
      if (!front_end->unit_key) {
        units.push_back({file.kind, path, {file.id}});
        continue;
      }
      std::string key = front_end->unit_key(path);
      Unit& unit = grouped[key];
      if (unit.files.empty()) unit = {file.kind, std::move(key), {}};
      unit.files.push_back(file.id);
    }
    for (auto& [key, unit] : grouped) units.push_back(std::move(unit));
  }
  return units;
}

// Phase 4: the units' models and errors into the result, in unit order, so that it does not
// depend on scheduling. A unit that ran out of memory is said once, at its largest file.
void merge_units(std::span<const Unit> units, std::vector<Extracted>& extracted,
                 LintResult& result) {
  for (std::size_t u = 0; u < units.size(); ++u) {
    Extracted& piece = extracted[u];
    const std::vector<FileId>& ids = units[u].files;
    if (piece.out_of_memory) {
      const FileId largest = *std::max_element(ids.begin(), ids.end(), [&](FileId a, FileId b) {
        return result.files[a].text.size() < result.files[b].text.size();
      });
      for (FileId id : ids) result.line_indexes[id] = LineIndex(result.files[id].text);
      result.errors.push_back(
          {result.files[largest].path, 0, 0, "out of memory while reading this file"});
      continue;
    }
    for (FileId id : ids) result.linted[id].is_template = piece.is_template;
    result.model.append(std::move(piece.model));
    result.errors.insert(result.errors.end(), piece.errors.begin(), piece.errors.end());
  }
}

// The notes of values too large to evaluate, and no quoting of files outside the lint root.
void report_input_problems(const Inputs& in, LintResult& result) {
  for (const Span& span : result.model.too_large) {
    if (span.file >= result.files.size() || !result.linted[span.file].reported()) continue;
    const Position p =
        result.line_indexes[span.file].position(result.files[span.file].text, span.begin);
    result.notes.push_back(
        {result.files[span.file].path, p.line, p.column, model::too_large_message()});
  }
  for (InputError& e : result.errors) {
    // A parse error may quote the text at its position; the errors of line 0 are the engine's.
    if (e.line != 0 && in.unquotable.count(e.file))
      e.message = "does not parse (not quoted: the file is outside the lint root)";
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
        role.markers.push_back(
            {"console-role", role.name.span(),
             "its name matches the console-roles pattern '" + pattern + "' of .rolelint.yaml"});
        break;
      }
    }
  }
}

// Phase 5: what each file's configuration says of the model: console roles, raised quotas and
// actions newer than the catalog, and its accounts
// (its deploy-accounts override what a front end found, a Terraform module's provider account).
void apply_configuration(const Inputs& in, LintResult& result) {
  mark_console_roles(result.model, in.configs);
  for (FileId id = 0; id < in.configs.size(); ++id) {
    const Config* config = in.configs[id];
    if (config && (config->quotas_set || !config->known_actions.empty())) {
      result.model.settings[id] = model::FileSettings{config->quotas, config->known_actions};
    }
    if (!config || (config->accounts.empty() && config->deploy_accounts.empty())) continue;
    model::AccountFacts& facts = result.model.accounts[id];
    facts.organisation = config->accounts;
    if (std::string account = config->deploy_account(result.files[id].path); !account.empty()) {
      facts.deploy_account = std::move(account);
    }
  }
}

// Where every policy statement of the model is, sorted: a suppression above a statement's first
// line covers the findings inside it.
std::vector<Span> statement_spans(const model::Model& model) {
  std::vector<Span> spans;
  model.for_each_document([&](const model::PolicyDocument& doc, const model::Origin&) {
    for (const model::Statement& s : doc.statements) {
      if (s.span.valid()) spans.push_back(s.span);
    }
  });
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return std::tie(a.file, a.begin, a.end) < std::tie(b.file, b.begin, b.end);
  });
  return spans;
}

// Phase 7: every `rolelint: ignore` comment and resource-level ignore applied to the findings;
// then the suppression rules judge the comments of the reported files, once their use is known.
void apply_suppressions(std::span<const rules::Rule* const> enabled,
                        std::span<const rules::Rule* const> ran, LintResult& result) {
  // Not scanning a kind without comments also saves a pass over the largest inputs (3% of a
  // run on a 4 MB JSON template): text that looks like a comment there is inside a string.
  std::vector<CommentSyntax> syntaxes(result.files.size(), CommentSyntax::None);
  for (FileId id = 0; id < result.files.size(); ++id) {
    syntaxes[id] = comment_syntax(result.linted[id].kind);
    auto found =
        scan_suppressions(result.files[id].text, id, result.line_indexes[id], syntaxes[id]);
    result.suppressions.insert(result.suppressions.end(), found.begin(), found.end());
  }
  auto listed = resource_suppressions(result.model.ignores, result.files, result.line_indexes);
  result.suppressions.insert(result.suppressions.end(), listed.begin(), listed.end());
  rolelint::apply_suppressions(result.findings, result.suppressions, result.files,
                               result.line_indexes, syntaxes, statement_spans(result.model));
  note_nearest_findings(result.suppressions, result.findings, result.files, result.line_indexes);
  std::vector<Suppression> reported;
  std::copy_if(result.suppressions.begin(), result.suppressions.end(), std::back_inserter(reported),
               [&](const Suppression& s) { return result.linted[s.file].reported(); });
  rules::run_suppression_rules(enabled, rules::SuppressionFacts{reported, ran}, result.findings);
}

// Phase 8: no findings in context-only files; each file's rule settings (rules turned off,
// severities changed); a deterministic order (file, position, rule, message) without repeats.
void finalize(const Inputs& in, LintResult& result) {
  std::erase_if(result.findings, [&](const Finding& f) {
    return f.span.file < result.linted.size() && result.linted[f.span.file].context_only;
  });
  std::erase_if(result.findings, [&](Finding& f) {
    const Config* config = f.span.file < in.configs.size() ? in.configs[f.span.file] : nullptr;
    if (!config) return false;
    const auto setting = config->rule_setting(f.rule_id, f.rule_name);
    if (!setting) return false;
    if (!*setting) return true;
    f.severity = **setting;
    return false;
  });
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
  for (std::vector<InputError>* list : {&result.errors, &result.notes}) {
    std::stable_sort(list->begin(), list->end(), [](const InputError& a, const InputError& b) {
      return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
  }
}

}  // namespace

SourceKind source_kind(std::string_view path, std::string_view text) {
  for (const FrontEnd* front_end : front_ends()) {
    if (const SourceKind kind = front_end->detect(path, text); kind != SourceKind::Unknown)
      return kind;
  }
  return SourceKind::Unknown;
}

LintResult lint(std::vector<LintInput> inputs, const LintOptions& options) {
  LintResult result;
  const Inputs in = classify_inputs(std::move(inputs), result);
  const std::vector<Unit> units = group_units(result, in);
  std::vector<Extracted> extracted =
      extract_units(units, result.files, in.flags, result.line_indexes,
                    {options.jobs, options.memory_budget, options.read_file, options.on_task,
                     options.cache, options.parse_cache});
  merge_units(units, extracted, result);
  report_input_problems(in, result);
  apply_configuration(in, result);
  const rules::Context context(result.model, &policy::aws_managed_documents());
  const std::vector<const rules::Rule*> ran =
      rules::run_model_rules(options.rules, context, result.findings);
  apply_suppressions(options.rules, ran, result);
  finalize(in, result);
  return result;
}

ResolvedSpan resolve(const LintResult& result, const Span& span) {
  if (span.file >= result.files.size()) return {};
  const SourceFile& file = result.files[span.file];
  const LineIndex& index = result.line_indexes[span.file];
  return {index.position(file.text, span.begin), index.position(file.text, span.end)};
}

}  // namespace rolelint
