#include "linter/cli/reports.hpp"

#include <algorithm>
#include <fstream>

namespace rolelint::cli {
namespace {

struct FormatName {
  std::string_view name;
  ReportFormat format;
};
constexpr FormatName kFormats[] = {{"text", ReportFormat::Text},
                                   {"json", ReportFormat::Json},
                                   {"sarif", ReportFormat::Sarif},
                                   {"junit", ReportFormat::Junit},
                                   {"github", ReportFormat::Github}};

void write_report(std::ostream& out, ReportFormat format, const LintResult& result,
                  const output::RunInfo& run, const output::TextStyle& style) {
  switch (format) {
    case ReportFormat::Text:
      output::write_text(out, result, style);
      return;
    case ReportFormat::Json:
      output::write_json(out, result);
      return;
    case ReportFormat::Sarif:
      output::write_sarif(out, result, run);
      return;
    case ReportFormat::Junit:
      output::write_junit(out, result, run);
      return;
    case ReportFormat::Github:
      output::write_github(out, result);
      return;
  }
}

}  // namespace

std::string parse_report_target(std::string_view spec, ReportTarget& out) {
  const std::size_t colon = spec.find(':');
  const std::string_view name = spec.substr(0, colon);
  const auto known = std::find_if(std::begin(kFormats), std::end(kFormats),
                                  [&](const FormatName& f) { return f.name == name; });
  if (known == std::end(kFormats)) {
    return "unknown format '" + std::string(name) +
           "' (text, json, sarif, junit, github; FORMAT:FILE writes FILE)";
  }
  out.format = known->format;
  out.path = colon == std::string_view::npos ? "" : std::string(spec.substr(colon + 1));
  if (colon != std::string_view::npos && out.path.empty())
    return "--format " + std::string(name) + ": needs a file after ':'";
  return {};
}

std::string settle_report_targets(std::vector<ReportTarget>& reports,
                                  const std::string& output_path) {
  if (reports.empty()) reports.push_back(ReportTarget{});
  const auto to_stdout = std::count_if(reports.begin(), reports.end(),
                                       [](const ReportTarget& r) { return r.path.empty(); });
  if (to_stdout > 1) {
    return "more than one report for standard output: give the others as FORMAT:FILE";
  }
  if (!output_path.empty()) {
    if (to_stdout == 0) return "--output: every --format names its own file";
    for (ReportTarget& r : reports) {
      if (r.path.empty()) r.path = output_path;
    }
  }
  for (std::size_t i = 0; i < reports.size(); ++i) {
    for (std::size_t k = i + 1; k < reports.size(); ++k) {
      if (!reports[i].path.empty() && reports[i].path == reports[k].path) {
        return "two reports would be written to '" + reports[i].path + "'";
      }
    }
  }
  return {};
}

bool parse_color_mode(std::string_view text, ColorMode& out) {
  if (text == "auto") {
    out = ColorMode::Auto;
  } else if (text == "always") {
    out = ColorMode::Always;
  } else if (text == "never") {
    out = ColorMode::Never;
  } else {
    return false;
  }
  return true;
}

bool use_color(ColorMode mode, bool stdout_is_terminal, const char* no_color) {
  switch (mode) {
    case ColorMode::Always:
      return true;
    case ColorMode::Never:
      return false;
    case ColorMode::Auto:
      return stdout_is_terminal && (no_color == nullptr || *no_color == '\0');
  }
  return false;
}

std::string write_reports(const std::vector<ReportTarget>& reports, const LintResult& result,
                          const output::RunInfo& run, const ReportSettings& settings,
                          std::ostream& out, std::ostream& err) {
  std::string problem;
  for (const ReportTarget& target : reports) {
    // A file gets colour only when asked for always; standard output as use_color decides.
    output::TextStyle style{
        settings.show_source, settings.hints,
        target.path.empty()
            ? use_color(settings.color, settings.stdout_is_terminal, settings.no_color)
            : settings.color == ColorMode::Always};
    if (target.path.empty()) {
      write_report(out, target.format, result, run, style);
      if (!out.flush()) problem = "cannot write the report";
      continue;
    }
    std::ofstream file(target.path, std::ios::binary | std::ios::trunc);
    if (file) write_report(file, target.format, result, run, style);
    if (!file.flush()) problem = "cannot write the report to '" + target.path + "'";
  }
  output::write_text_errors(err, result);
  if (settings.statistics) output::write_statistics(err, result);
  if (!settings.quiet) output::write_summary(err, result);
  return problem;
}

}  // namespace rolelint::cli
