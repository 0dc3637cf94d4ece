#include "linter/engine.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <new>
#include <set>
#include <span>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "linter/base/parallel.hpp"
#include "linter/base/text.hpp"
#include "linter/config.hpp"
#include "linter/encoding.hpp"
#include "linter/parse_cache.hpp"
#include "parsers/cfn/template.hpp"
#include "parsers/terraform/module.hpp"
#include "rules/rule.hpp"

namespace rolelint {
namespace {

bool ends_with_icase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// What the text is when its name does not say: a JSON object, else YAML.
SourceKind kind_by_content(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{' ? SourceKind::CfnJson : SourceKind::CfnYaml;
}

InputError to_input_error(const SourceFile& file, const LineIndex& index, const ParseError& e) {
  Position p = index.position(file.text, e.offset);
  return InputError{file.path, p.line, p.column, e.message};
}

// What the front ends extract from one unit of work (a template, or a Terraform module): its
// own model and errors, merged into the result in input order once every unit is done.
struct Extracted {
  bool out_of_memory = false;  // the task ran out of memory: nothing else here is kept
  model::Model model;
  std::vector<InputError> errors;
  bool is_template = false;
};

// Estimates of a task's peak memory per byte of its input, for LintOptions::memory_budget.
// Generous on purpose (measured, docs/performance.md): a Terraform file that cannot be parsed in
// pieces holds tree-sitter's tree, some 180 bytes per byte; a YAML or JSON template some 10.
constexpr std::uint64_t kModuleMemoryPerByte = 200;
constexpr std::uint64_t kTemplateMemoryPerByte = 40;
// A task estimated above this returns its freed memory to the system when it ends.
constexpr std::uint64_t kTrimAfterBytes = 16ull << 20;

// Terraform: every .tf file of one directory is one module, read together.
void lint_terraform_module(const LintResult& result, const std::string& dir, const std::vector<FileId>& ids,
                           const FileReader& read_outside, tf::HclPieceCache* cache, std::vector<LineIndex>& indexes,
                           Extracted& out) {
  namespace fs = std::filesystem;
  std::vector<tf::ModuleInput> files;
  for (FileId id : ids) {
    files.push_back({id, result.files[id].text});
    indexes[id] = LineIndex(result.files[id].text);
  }
  // file("..."): a linted input when it is one (exact positions), else what the caller's reader
  // allows.
  tf::ReadFile read = [&result, &read_outside](const std::string& path, FileId& id, std::string& text) {
    const std::string wanted = fs::path(path).lexically_normal().generic_string();
    for (std::size_t i = 0; i < result.files.size(); ++i) {
      if (fs::path(result.files[i].path).lexically_normal().generic_string() == wanted) {
        id = static_cast<FileId>(i);
        text = result.files[i].text;
        return true;
      }
    }
    id = kNoFile;
    return read_outside && read_outside(path, text);
  };
  tf::ModuleOutcome outcome = tf::read_module(files, dir.empty() ? "." : dir, read, out.model, {.cache = cache});
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

bool is_binary(std::string_view text) {
  return text.substr(0, 8192).find('\0') != std::string_view::npos;
}

}  // namespace

SourceKind source_kind(std::string_view path, std::string_view text) {
  if (ends_with_icase(path, ".yaml") || ends_with_icase(path, ".yml")) return SourceKind::CfnYaml;
  if (ends_with_icase(path, ".json")) return SourceKind::CfnJson;
  // Terraform reads only `.tf`, in lower case, into a module.
  if (path.ends_with(".tf")) return SourceKind::Terraform;
  if (ends_with_icase(path, ".template")) return kind_by_content(text);
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
  std::vector<bool> by_content;  // named, with no known extension: must turn out a template
  std::vector<const Config*> configs;                             // each file's configuration
  std::set<std::string> unquotable;                               // paths of !quote_source inputs
  std::map<std::string, std::vector<FileId>> terraform_modules;  // directory -> its .tf files
  for (LintInput& input : inputs) {
    const auto id = static_cast<FileId>(result.files.size());
    result.files.push_back(std::move(input.file));
    SourceFile& file = result.files.back();
    explicit_paths.push_back(input.explicit_path);
    configs.push_back(input.config);
    if (!input.quote_source) unquotable.insert(file.path);
    const std::optional<std::string> undecodable = decode_to_utf8(file.text);
    LintedFile linted{id, source_kind(file.path, file.text), false, input.context_only};
    by_content.push_back(linted.kind == SourceKind::Unknown && input.explicit_path);
    if (by_content.back()) linted.kind = kind_by_content(file.text);
    if (linted.kind != SourceKind::Unknown && (undecodable || is_binary(file.text))) {
      // A file with a template's name that cannot be read as text: said, never skipped.
      result.line_indexes[id] = LineIndex(file.text);
      result.errors.push_back({file.path, 0, 0, undecodable ? *undecodable : "binary file (contains NUL bytes)"});
    } else if (linted.kind == SourceKind::CfnYaml || linted.kind == SourceKind::CfnJson) {
      templates.push_back(id);
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
  auto task_files = [&](std::size_t task) {
    return task < templates.size() ? std::span<const FileId>(&templates[task], 1)
                                   : std::span<const FileId>(modules[task - templates.size()]->second);
  };
  auto extract = [&](std::size_t task, Extracted& out) {
    if (task >= templates.size()) {
      const auto& [dir, ids] = *modules[task - templates.size()];
      lint_terraform_module(result, dir, ids, options.read_file, options.parse_cache ? &options.parse_cache->hcl : nullptr,
                            result.line_indexes, out);
      return;
    }
    const FileId id = templates[task];
    const SourceFile& file = result.files[id];
    const auto syntax = result.linted[id].kind == SourceKind::CfnJson ? cfn::Syntax::Json : cfn::Syntax::Yaml;
    cfn::Outcome outcome = cfn::read_template(file.text, id, syntax, out.model, &result.line_indexes[id],
                                              options.parse_cache ? &options.parse_cache->yaml : nullptr);
    out.is_template = outcome.is_template;
    if (by_content[id] && !outcome.is_template) {
      // Named without a template's extension, and the content is not one: said, never silence,
      // and no parse error that would quote a file that may be anything.
      out.errors.push_back({file.path, 0, 0, "not a CloudFormation template or Terraform file"});
    } else if (outcome.is_template || explicit_paths[id]) {
      for (const ParseError& e : outcome.errors) {
        out.errors.push_back(to_input_error(file, result.line_indexes[id], e));
      }
    }
  };
  std::vector<std::uint64_t> estimates;  // of each task's peak memory
  for (std::size_t task = 0; task < extracted.size(); ++task) {
    std::uint64_t bytes = 0;
    for (FileId id : task_files(task)) bytes += result.files[id].text.size();
    estimates.push_back(bytes * (task < templates.size() ? kTemplateMemoryPerByte : kModuleMemoryPerByte));
  }
  parallel_for(extracted.size(), options.jobs, estimates, options.memory_budget, [&](std::size_t task) {
    // A task that runs out of memory loses its own files only: what it built is freed, and the
    // others are reported.
    bool out_of_memory = false;
    try {
      if (options.on_task) options.on_task(result.files[task_files(task).front()].path);
      extract(task, extracted[task]);
    } catch (const std::bad_alloc&) {
      out_of_memory = true;
    } catch (const std::length_error&) {
      out_of_memory = true;
    }
    if (out_of_memory) {
      extracted[task] = Extracted{};
      extracted[task].out_of_memory = true;
    }
#ifdef __GLIBC__
    // glibc keeps what a thread's arena freed for that thread: without this, large tasks run one
    // after another on different threads would add up as if they had run together.
    if (estimates[task] >= kTrimAfterBytes) ::malloc_trim(0);
#endif
  });
  for (std::size_t task = 0; task < extracted.size(); ++task) {
    Extracted& piece = extracted[task];
    if (piece.out_of_memory) {
      const std::span<const FileId> ids = task_files(task);
      const FileId largest = *std::max_element(ids.begin(), ids.end(), [&](FileId a, FileId b) {
        return result.files[a].text.size() < result.files[b].text.size();
      });
      for (FileId id : ids) {
        result.linted[id].is_template = false;
        result.line_indexes[id] = LineIndex(result.files[id].text);
      }
      result.errors.push_back({result.files[largest].path, 0, 0, "out of memory while reading this file"});
      continue;
    }
    if (task < templates.size()) result.linted[templates[task]].is_template = piece.is_template;
    result.model.append(std::move(piece.model));
    result.errors.insert(result.errors.end(), piece.errors.begin(), piece.errors.end());
  }

  for (const Span& span : result.model.too_large) {
    if (span.file >= result.files.size() || !result.linted[span.file].reported()) continue;
    const Position p = result.line_indexes[span.file].position(result.files[span.file].text, span.begin);
    result.notes.push_back({result.files[span.file].path, p.line, p.column, model::too_large_message()});
  }
  for (InputError& e : result.errors) {
    // A parse error may quote the text at its position; the errors of line 0 are the engine's.
    if (e.line != 0 && unquotable.count(e.file)) e.message = "does not parse (not quoted: the file is outside the lint root)";
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
  apply_suppressions(result.findings, result.suppressions, result.files, result.line_indexes,
                     statement_spans(result.model));
  note_nearest_findings(result.suppressions, result.findings, result.files, result.line_indexes);
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
  for (std::vector<InputError>* list : {&result.errors, &result.notes}) {
    std::stable_sort(list->begin(), list->end(), [](const InputError& a, const InputError& b) {
      return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
  }
  return result;
}

ResolvedSpan resolve(const LintResult& result, const Span& span) {
  if (span.file >= result.files.size()) return {};
  const SourceFile& file = result.files[span.file];
  const LineIndex& index = result.line_indexes[span.file];
  return {index.position(file.text, span.begin), index.position(file.text, span.end)};
}

}  // namespace rolelint
