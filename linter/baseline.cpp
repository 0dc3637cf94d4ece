#include "linter/baseline.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "linter/fingerprint.hpp"

namespace rolelint {
namespace {

using Json = nlohmann::ordered_json;
constexpr int kFormatVersion = 1;

}  // namespace

std::string write_baseline(const LintResult& result) {
  const std::vector<std::string> prints = fingerprints(result);
  Json findings = Json::array();
  for (std::size_t i = 0; i < result.findings.size(); ++i) {
    const Finding& f = result.findings[i];
    findings.push_back(Json{{"fingerprint", prints[i]},
                            {"rule_id", f.rule_id},
                            {"file", result.files[f.span.file].path},
                            {"line", resolve(result, f.span).begin.line},
                            {"message", f.message}});
  }
  const Json file{{"rolelint_baseline", kFormatVersion}, {"findings", std::move(findings)}};
  return file.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Result<Baseline> parse_baseline(std::string_view text) {
  Json json;
  try {
    json = Json::parse(text);
  } catch (const Json::parse_error& e) {
    const std::uint32_t at = e.byte > 0 ? static_cast<std::uint32_t>(e.byte - 1) : 0;
    return ParseError{at, "not a rolelint baseline: invalid JSON"};
  }
  if (!json.is_object() || !json.contains("rolelint_baseline")) {
    return ParseError{0, "not a rolelint baseline (written by --write-baseline)"};
  }
  if (json["rolelint_baseline"] != kFormatVersion) {
    return ParseError{
        0, "baseline format version " + json["rolelint_baseline"].dump() + " is not supported (1)"};
  }
  const Json& findings = json["findings"];
  if (!findings.is_array()) return ParseError{0, "'findings' must be a list"};
  Baseline baseline;
  for (const Json& f : findings) {
    if (!f.is_object() || !f.contains("fingerprint") || !f["fingerprint"].is_string()) {
      return ParseError{0, "every finding needs a 'fingerprint' string"};
    }
    ++baseline.counts[f["fingerprint"].get<std::string>()];
    if (f.contains("file") && f["file"].is_string())
      baseline.files.insert(f["file"].get<std::string>());
  }
  return baseline;
}

namespace {

// The fingerprints each finding had under the other names the baseline recorded its file with:
// one list per round, round k naming each file by its k-th other name (or its own path).
std::vector<std::vector<std::string>> recorded_fingerprints(
    const LintResult& result, const Baseline& baseline, const RecordedPaths& recorded_paths,
    std::vector<std::size_t>& names_per_file) {
  std::map<std::string, std::vector<FileId>> by_path;
  for (FileId id = 0; id < result.files.size(); ++id) by_path[result.files[id].path].push_back(id);
  std::vector<std::vector<std::string>> names(result.files.size());
  for (const std::string& recorded : baseline.files) {
    if (by_path.contains(recorded) || !recorded_paths) continue;  // the report path itself
    for (const std::string& path : recorded_paths(recorded)) {
      const auto files = by_path.find(path);
      if (files == by_path.end()) continue;
      for (FileId id : files->second) {
        if (std::find(names[id].begin(), names[id].end(), recorded) == names[id].end())
          names[id].push_back(recorded);
      }
    }
  }
  names_per_file.assign(result.files.size(), 0);
  std::size_t rounds = 0;
  for (FileId id = 0; id < result.files.size(); ++id) {
    names_per_file[id] = names[id].size();
    rounds = std::max(rounds, names[id].size());
  }
  std::vector<std::vector<std::string>> out;
  for (std::size_t round = 0; round < rounds; ++round) {
    std::vector<std::string> paths;
    for (FileId id = 0; id < result.files.size(); ++id) {
      paths.push_back(round < names[id].size() ? names[id][round] : result.files[id].path);
    }
    out.push_back(fingerprints(result, paths));
  }
  return out;
}

}  // namespace

std::size_t apply_baseline(LintResult& result, Baseline baseline,
                           const RecordedPaths& recorded_paths) {
  const std::vector<std::string> prints = fingerprints(result);
  std::vector<std::size_t> names_per_file;
  const std::vector<std::vector<std::string>> old_prints =
      recorded_fingerprints(result, baseline, recorded_paths, names_per_file);
  // Takes one use of a fingerprint the baseline counts; false when it has none left.
  auto take = [&](const std::string& print) {
    auto it = baseline.counts.find(print);
    if (it == baseline.counts.end() || it->second == 0) return false;
    --it->second;
    return true;
  };
  std::vector<Finding> kept;
  for (std::size_t i = 0; i < result.findings.size(); ++i) {
    const FileId file = result.findings[i].span.file;
    bool known = take(prints[i]);
    for (std::size_t round = 0;
         !known && file < names_per_file.size() && round < names_per_file[file]; ++round) {
      known = take(old_prints[round][i]);
    }
    if (!known) kept.push_back(std::move(result.findings[i]));
  }
  const std::size_t dropped = result.findings.size() - kept.size();
  result.findings = std::move(kept);
  return dropped;
}

}  // namespace rolelint
