#pragma once
// The reports of one run: which formats go where (`--format FORMAT[:FILE]`, `--output`), how text
// looks (`--show-source`, `--no-hints`, `--color`), and writing them with the lines for people
// on standard error (input errors, `--statistics`, the summary).
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "linter/engine.hpp"
#include "linter/output/output.hpp"

namespace rolelint::cli {

enum class ReportFormat { Text, Json, Sarif, Junit, Github };

struct ReportTarget {
  ReportFormat format = ReportFormat::Text;
  std::string path;  // empty: standard output
};

// `FORMAT` or `FORMAT:FILE`. Returns the problem, or empty.
std::string parse_report_target(std::string_view spec, ReportTarget& out);

// With no --format, one text report. --output FILE is the file of the one report given without
// one. At most one report goes to standard output, and no two to the same file. Returns the
// problem, or empty.
std::string settle_report_targets(std::vector<ReportTarget>& reports,
                                  const std::string& output_path);

enum class ColorMode { Auto, Always, Never };
bool parse_color_mode(std::string_view text, ColorMode& out);
// Colour on standard output: `always`; `auto` when it is a terminal and NO_COLOR (`no_color`, may
// be null) is unset or empty (https://no-color.org); never for `never`.
bool use_color(ColorMode mode, bool stdout_is_terminal, const char* no_color);

struct ReportSettings {
  bool show_source = false;
  bool hints = true;
  bool statistics = false;
  bool quiet = false;
  ColorMode color = ColorMode::Auto;
  bool stdout_is_terminal = false;
  const char* no_color = nullptr;  // the NO_COLOR environment variable
};

// Writes every report to its file or to `out`, then on `err` the input errors, the statistics
// (with --statistics) and the summary (unless --quiet). Returns the problem when a report could
// not be written, or empty.
std::string write_reports(const std::vector<ReportTarget>& reports, const LintResult& result,
                          const output::RunInfo& run, const ReportSettings& settings,
                          std::ostream& out, std::ostream& err);

}  // namespace rolelint::cli
