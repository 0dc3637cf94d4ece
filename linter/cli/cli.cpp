#include "linter/cli/cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <sstream>

#include "linter/base/parallel.hpp"
#include "linter/base/utf8.hpp"
#include "linter/baseline.hpp"
#include "linter/build_info.hpp"
#include "linter/catalog/action_catalog.hpp"
#include "linter/cli/assume_views.hpp"
#include "linter/cli/config_text.hpp"
#include "linter/cli/confined_reader.hpp"
#include "linter/cli/file_read.hpp"
#include "linter/cli/inputs.hpp"
#include "linter/cli/report_paths.hpp"
#include "linter/cli/reports.hpp"
#include "linter/config.hpp"
#include "linter/docs.hpp"
#include "linter/engine.hpp"
#include "linter/lsp/server.hpp"
#include "linter/output/output.hpp"
#include "linter/version.hpp"
#include "rules/rule.hpp"

namespace rolelint::cli {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kUsage = R"(usage: rolelint [options] [PATH ...]

Lints AWS IAM roles in CloudFormation templates (YAML, JSON) and Terraform modules.
PATH is a file or a directory (searched recursively; .git, node_modules and .terraform are
skipped); the .tf files of one directory are one module. '-' reads standard input. With no
PATH, the current directory is linted.

options:
  --format FORMAT[:FILE]   report format: text (default; gcc-style lines), json, sarif
                           (SARIF 2.1.0), junit (JUnit XML), github (workflow commands); with
                           :FILE written to FILE. Give it more than once for several reports
                           (at most one on standard output)
  --output FILE            write the report given without a FILE to FILE
  --show-source            text: print each finding's source line with a caret range under it
  --no-hints               text: no 'help:' line with the rule's fix and doc link
  --color WHEN             text: auto (default: on a terminal, unless NO_COLOR is set), always,
                           never
  --statistics             print the number of findings of each rule on standard error
  --select RULES           only these rules (comma-separated ids or names)
  --ignore RULES           skip these rules (comma-separated ids or names)
  --baseline FILE          report only findings that FILE does not record
  --write-baseline FILE    record every finding in FILE (to adopt rolelint in a repository with
                           findings) and exit 0 unless there are input errors
  --report-unused-ignores  report suppressions (comments, Metadata lists) that suppress nothing (RL902)
  --fail-on LEVEL          exit 1 on findings at or above error|warning|info (default: warning)
  --stdin-filename PATH    the name to report for '-' (and how to parse it)
  --max-file-size BYTES    larger files are an input error (default: 67108864)
  --config FILE            use FILE instead of the nearest .rolelint.yaml above each file
  --root DIR               the lint root (default: the git work tree holding the current
                           directory, else the current directory): reports name files relative
                           to it; Terraform's file() and templatefile() read only regular files
                           inside it, after resolving symlinks (others are unknown)
  --follow                 directory walks follow symlinks (default: symlinks found in a walk are
                           skipped; a PATH named here is always read)
  --whole-modules          a .tf file named as PATH stands for its whole module: report the
                           findings of every .tf file in its directory (without this, the other
                           files are read for cross-references only)
  -j, --jobs N             files parsed in parallel (default: the number of CPUs), while their
                           estimated memory fits half the physical memory (or
                           ROLELINT_MEMORY_BUDGET bytes)
  -q, --quiet              print findings only: no summary line
  --graph FORMAT           print who can assume which role instead of findings: every caller ->
                           role edge of the linted files with its state, as dot (Graphviz),
                           mermaid or json (see docs/graph.md)
  --why CALLER ROLE        explain whether CALLER may assume ROLE (each a logical id, Terraform
                           address, name or ARN): AWS's evaluation steps with the statement that
                           decides each; exit 0 allowed, 1 denied, 2 unknown
  --list-rules             list every rule and exit (as JSON with --format json)
  --explain RULE           print a rule's documentation and exit
  --write-docs DIR         write the rule docs (DIR/RLxxx.md, DIR/README.md) and exit
  --lsp                    run the language server on standard input and output
                           (see docs/editors.md)
  --version                print the version and exit
  -h, --help               print this help and exit

exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage or input errors
)";

struct Options {
  std::vector<ReportTarget> reports;
  ReportSettings report;
  bool list_rules = false;
  const rules::Rule* explain = nullptr;
  std::vector<std::string> select, ignore;
  Severity fail_on = Severity::Warning;
  bool report_unused_ignores = false;
  unsigned jobs = default_jobs();
  std::string config_path;
  std::string root;  // empty: default_root(".")
  std::string output_path;
  std::string baseline_path, write_baseline_path;
  AssumeView view;      // --graph, --why
  InputOptions inputs;  // --max-file-size, --stdin-filename, --whole-modules, --follow
  std::vector<std::string> paths;
};

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string_view item = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

// A byte count up to 4 GiB - 1: positions in a file are 32-bit offsets, so a larger file could
// not be reported correctly.
bool parse_file_size(const std::string& text, std::uint64_t& out) {
  std::uint64_t bytes = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, bytes);
  if (text.empty() || error != std::errc() || stop != end ||
      bytes > std::numeric_limits<std::uint32_t>::max()) {
    return false;
  }
  out = bytes;
  return true;
}

// What the parallel phase may plan to use (LintOptions::memory_budget): ROLELINT_MEMORY_BUDGET
// in bytes when set (tests set it), else half the physical memory.
std::uint64_t memory_budget() {
  std::uint64_t bytes = 0;
  if (const char* env = std::getenv("ROLELINT_MEMORY_BUDGET")) {
    const char* end = env + std::strlen(env);
    if (const auto [stop, error] = std::from_chars(env, end, bytes);
        error == std::errc() && stop == end)
      return bytes;
  }
  const long pages = ::sysconf(_SC_PHYS_PAGES), page_size = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return std::numeric_limits<std::uint64_t>::max();
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size) / 2;
}

// Resolves rule ids/names; an unknown one is a usage error.
bool resolve_rules(const std::vector<std::string>& names, std::vector<const rules::Rule*>& out,
                   std::ostream& err) {
  for (const std::string& n : names) {
    const rules::Rule* r = rules::find_rule(n);
    if (!r) {
      err << "rolelint: error: unknown rule '" << utf8::visible(n) << "' (see --list-rules)\n";
      return false;
    }
    out.push_back(r);
  }
  return true;
}

// Deletes a lint result, unless the process is about to exit: then it stays reachable (so leak
// checkers stay quiet) and the operating system takes it back at once. Volatile: a variable
// that is only written would otherwise be optimised away, and the result would look leaked.
LintResult* volatile kept_until_exit = nullptr;
struct KeepAtExit {
  bool exiting = false;
  void operator()(LintResult* result) const {
    if (exiting) {
      kept_until_exit = result;
    } else {
      delete result;
    }
  }
};

// --list-rules (as JSON with --format json) or --explain, rendered for a terminal when standard
// output is one (or with --color always).
int write_rule_docs(const Options& opt, std::ostream& out) {
  const bool json = !opt.reports.empty() && opt.reports.back().format == ReportFormat::Json;
  if (opt.list_rules) {
    json ? output::write_rule_list_json(out) : write_rule_list(out);
    return kExitClean;
  }
  if (!opt.report.stdout_is_terminal && opt.report.color != ColorMode::Always) {
    write_rule_doc(out, *opt.explain);
    return kExitClean;
  }
  std::ostringstream markdown;
  write_rule_doc(markdown, *opt.explain);
  output::write_markdown_for_terminal(
      out, markdown.str(),
      use_color(opt.report.color, opt.report.stdout_is_terminal, opt.report.no_color));
  return kExitClean;
}

// 2 on input errors, else 1 when a finding is at or above `fail_on`, else 0.
int exit_status(const LintResult& result, Severity fail_on) {
  if (!result.errors.empty()) return kExitUsage;
  for (const Finding& f : result.findings) {
    if (f.severity >= fail_on) return kExitFindings;
  }
  return kExitClean;
}

}  // namespace

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err, bool exiting) {
  Options opt;
  auto usage_error = [&](std::string_view message) {
    err << "rolelint: error: " << utf8::visible(message) << "\n"
        << "try 'rolelint --help'\n";
    return kExitUsage;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (auto eq = a.find('='); a.starts_with("--") && eq != std::string::npos) {
        into = a.substr(eq + 1);
        return true;
      }
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    auto is = [&](std::string_view name) {
      return a == name || a.starts_with(std::string(name) + "=");
    };
    std::string v;
    if (a == "-h" || a == "--help") {
      out << kUsage;
      return kExitClean;
    } else if (a == "--lsp") {
      return lsp::serve_process(in, out, err);
    } else if (a == "--version") {
      const BuildInfo& info = build_info();
      out << "rolelint " << info.version << '\n'
          << "commit " << info.commit << ", " << info.build_type << " build\n"
          << "IAM action data: " << info.action_data << " (data of " << catalog::data_date()
          << ")\n"
          << "AWS managed policies: " << info.managed_policy_data << '\n'
          << "AWS partitions and regions: " << info.partition_data << '\n';
      return kExitClean;
    } else if (a == "--list-rules") {
      opt.list_rules = true;
    } else if (is("--explain")) {
      if (!value(v)) return usage_error("--explain needs a rule id");
      opt.explain = rules::find_rule(v);
      if (!opt.explain) return usage_error("unknown rule '" + v + "' (see --list-rules)");
    } else if (is("--write-docs")) {
      if (!value(v)) return usage_error("--write-docs needs a directory");
      std::string problem = write_docs(v);
      if (!problem.empty()) return usage_error(problem);
      return kExitClean;
    } else if (is("--format")) {
      if (!value(v)) return usage_error("--format needs a value");
      ReportTarget target;
      if (std::string problem = parse_report_target(v, target); !problem.empty())
        return usage_error(problem);
      opt.reports.push_back(std::move(target));
    } else if (is("--graph")) {
      if (!value(v) || !parse_graph_format(v, opt.view.format))
        return usage_error("--graph takes dot, mermaid or json");
      opt.view.kind = AssumeView::Kind::Graph;
    } else if (a == "--why") {
      if (i + 2 >= args.size()) return usage_error("--why needs a CALLER and a ROLE");
      opt.view = {AssumeView::Kind::Why, GraphFormat::Dot, args[i + 1], args[i + 2]};
      i += 2;
    } else if (a == "--show-source") {
      opt.report.show_source = true;
    } else if (a == "--no-hints") {
      opt.report.hints = false;
    } else if (a == "--statistics") {
      opt.report.statistics = true;
    } else if (is("--color")) {
      if (!value(v) || !parse_color_mode(v, opt.report.color))
        return usage_error("--color takes auto, always or never");
    } else if (is("--output") || a == "-o") {
      if (!value(v) || v.empty()) return usage_error("--output needs a file");
      opt.output_path = v;
    } else if (is("--select")) {
      if (!value(v)) return usage_error("--select needs rule ids");
      auto list = split_list(v);
      opt.select.insert(opt.select.end(), list.begin(), list.end());
    } else if (is("--ignore")) {
      if (!value(v)) return usage_error("--ignore needs rule ids");
      auto list = split_list(v);
      opt.ignore.insert(opt.ignore.end(), list.begin(), list.end());
    } else if (is("--fail-on")) {
      if (!value(v) || !parse_severity(v, opt.fail_on)) {
        return usage_error("--fail-on takes error, warning or info");
      }
    } else if (is("--stdin-filename")) {
      if (!value(v)) return usage_error("--stdin-filename needs a path");
      opt.inputs.stdin_name = v;
    } else if (is("--max-file-size")) {
      if (!value(v) || !parse_file_size(v, opt.inputs.max_file_bytes)) {
        return usage_error(
            "--max-file-size takes a number of bytes up to 4294967295 (positions in a file are "
            "32-bit)");
      }
    } else if (is("--config")) {
      if (!value(v)) return usage_error("--config needs a file");
      opt.config_path = v;
    } else if (is("--root")) {
      if (!value(v) || v.empty()) return usage_error("--root needs a directory");
      opt.root = v;
    } else if (a == "-j" || is("--jobs") || (a.starts_with("-j") && a.size() > 2)) {
      if (a.starts_with("-j") && a.size() > 2) {
        v = a.substr(2);  // -j2, as make and ninja take it
      } else if (!value(v)) {
        return usage_error("--jobs takes a number of threads from 1");
      }
      if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos ||
          std::stoul(v) == 0) {
        return usage_error("--jobs takes a number of threads from 1");
      }
      opt.jobs = static_cast<unsigned>(std::stoul(v));
    } else if (is("--baseline")) {
      if (!value(v) || v.empty()) return usage_error("--baseline needs a file");
      opt.baseline_path = v;
    } else if (is("--write-baseline")) {
      if (!value(v) || v.empty()) return usage_error("--write-baseline needs a file");
      opt.write_baseline_path = v;
    } else if (a == "--report-unused-ignores") {
      opt.report_unused_ignores = true;
    } else if (a == "--whole-modules") {
      opt.inputs.module_files = ModuleFiles::Report;
    } else if (a == "--follow") {
      opt.inputs.follow_symlinks = true;
    } else if (a == "-q" || a == "--quiet") {
      opt.report.quiet = true;
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else {
      opt.paths.push_back(a);
    }
  }
  opt.report.stdout_is_terminal = &out == &std::cout && ::isatty(STDOUT_FILENO) == 1;
  opt.report.no_color = std::getenv("NO_COLOR");
  if (opt.list_rules || opt.explain) return write_rule_docs(opt, out);
  if (opt.view.kind != AssumeView::Kind::None &&
      (!opt.reports.empty() || !opt.output_path.empty() || !opt.baseline_path.empty() ||
       !opt.write_baseline_path.empty())) {
    return usage_error(
        "--graph and --why print no lint report: --format, --output, --baseline and "
        "--write-baseline do not apply");
  }
  if (std::count(args.begin(), args.end(), "--why") +
          std::count_if(
              args.begin(), args.end(),
              [](const std::string& a) { return a == "--graph" || a.starts_with("--graph="); }) >
      1) {
    return usage_error("give one of --graph and --why, once");
  }
  if (std::string problem = settle_report_targets(opt.reports, opt.output_path); !problem.empty()) {
    return usage_error(problem);
  }
  if (opt.paths.empty()) opt.paths.push_back(".");
  if (std::error_code ec; !opt.root.empty() && !fs::is_directory(opt.root, ec)) {
    return usage_error("--root: not a directory '" + opt.root + "'");
  }
  if (!opt.inputs.stdin_name.empty() &&
      std::find(opt.paths.begin(), opt.paths.end(), "-") == opt.paths.end()) {
    return usage_error("--stdin-filename needs '-' among the paths");
  }

  std::vector<const rules::Rule*> selected, ignored;
  if (!resolve_rules(opt.select, selected, err) || !resolve_rules(opt.ignore, ignored, err)) {
    return kExitUsage;
  }
  std::vector<const rules::Rule*> enabled;
  for (const rules::Rule* r : rules::all_rules()) {
    bool on = opt.select.empty() ? r->on_by_default
                                 : std::find(selected.begin(), selected.end(), r) != selected.end();
    if (opt.report_unused_ignores && r->id == "RL902") on = true;
    if (std::find(ignored.begin(), ignored.end(), r) != ignored.end()) on = false;
    if (on) enabled.push_back(r);
  }

  std::vector<InputError> read_errors;
  const fs::path root = opt.root.empty() ? default_root(".") : fs::path(opt.root);
  opt.inputs.root = root;
  std::vector<LintInput> inputs = collect_inputs(opt.paths, in, opt.inputs, read_errors);
  // Each file's configuration: --config for all, else the nearest .rolelint.yaml above it.
  std::map<std::string, std::unique_ptr<Config>> configs;  // by path; null when it did not parse
  auto config_at = [&](const std::string& path) -> const Config* {
    auto [it, fresh] = configs.try_emplace(path);
    if (!fresh) return it->second.get();
    FileRead read = read_regular_file(path, opt.inputs.max_file_bytes);
    if (!read.ok()) {
      read_errors.push_back({path, 0, 0, "cannot read the configuration: " + read.error});
      return nullptr;
    }
    it->second = read_config_text(read.text, path, read_errors);
    return it->second.get();
  };
  if (std::error_code ec; !opt.config_path.empty() && fs::is_directory(opt.config_path, ec)) {
    return usage_error("--config: '" + opt.config_path + "' is a directory");
  }
  if (std::error_code ec; !opt.config_path.empty() && !fs::is_regular_file(opt.config_path, ec)) {
    return usage_error("--config: no such file '" + opt.config_path + "'");
  }
  // The baseline is read before the run, under the same size limit as every input.
  FileRead baseline_file;
  if (!opt.baseline_path.empty()) {
    baseline_file = read_regular_file(opt.baseline_path, opt.inputs.max_file_bytes);
    if (!baseline_file.ok()) {
      return usage_error("--baseline: cannot read '" + opt.baseline_path +
                         "': " + baseline_file.error);
    }
  }
  std::erase_if(inputs, [&](LintInput& input) {
    const std::string found =
        opt.config_path.empty() ? find_config(input.file.path) : opt.config_path;
    input.config = found.empty() ? nullptr : config_at(found);
    return input.config && !input.explicit_path && input.config->excluded(input.file.path);
  });
  LintOptions lint_options;
  // The views read the model only: no rule runs.
  if (opt.view.kind == AssumeView::Kind::None) lint_options.rules = enabled;
  lint_options.jobs = opt.jobs;
  lint_options.memory_budget = memory_budget();
  lint_options.read_file = confined_reader(root, opt.inputs.max_file_bytes);
  std::unique_ptr<LintResult, KeepAtExit> owned(
      new LintResult(lint(std::move(inputs), lint_options)), KeepAtExit{exiting});
  LintResult& result = *owned;
  result.errors.insert(result.errors.begin(), read_errors.begin(), read_errors.end());
  std::error_code cwd_error;
  const ReportPaths report_paths(root, fs::current_path(cwd_error));
  use_report_paths(result, report_paths);
  if (opt.view.kind != AssumeView::Kind::None) return write_assume_view(opt.view, result, out, err);
  if (!opt.write_baseline_path.empty()) {
    std::ofstream file(opt.write_baseline_path, std::ios::binary | std::ios::trunc);
    file << write_baseline(result);
    if (!file.flush()) return usage_error("cannot write '" + opt.write_baseline_path + "'");
    err << "rolelint: recorded " << output::plural(result.findings.size(), "finding") << " in "
        << utf8::visible(opt.write_baseline_path) << '\n';
    output::write_text_errors(err, result);
    return result.errors.empty() ? kExitClean : kExitUsage;
  }
  if (!opt.baseline_path.empty()) {
    const std::string& text = baseline_file.text;
    auto baseline = parse_baseline(text);
    if (!baseline.ok()) {
      const Position at = LineIndex(text).position(text, baseline.error().offset);
      err << utf8::visible(report_paths(opt.baseline_path)) << ':' << at.line << ':' << at.column
          << ": error: " << baseline.error().message << '\n';
      return kExitUsage;
    }
    // An old baseline recorded paths as they were spelled, relative to the directory it was
    // written from: here, or the root.
    const ReportPaths from_root(root, report_paths.root());
    result.baselined =
        apply_baseline(result, std::move(baseline.value()), [&](std::string_view recorded) {
          return std::vector<std::string>{report_paths(recorded), from_root(recorded)};
        });
  }

  const int status = exit_status(result, opt.fail_on);
  output::write_text_notes(err, result);  // in every format: no report format has a place for them
  const output::RunInfo info{status, opt.fail_on, enabled, report_paths.root().generic_string()};
  if (std::string problem = write_reports(opt.reports, result, info, opt.report, out, err);
      !problem.empty()) {
    err << "rolelint: error: " << utf8::visible(problem) << '\n';
    return kExitUsage;
  }
  return status;
}

}  // namespace rolelint::cli
