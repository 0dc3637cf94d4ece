// The real-world corpus ($ROLELINT_CORPUS, else ../shared/corpus beside the checkout): every file
// parsed or reported with a clear error, no crash, and every IAM role extracted. Skipped when the
// corpus is absent.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <regex>
#include <set>

#include "linter/engine.hpp"
#include "rules/rule.hpp"
#include "tests/corpus_dir.hpp"

using namespace rolelint;
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("every corpus file parses (or is broken on purpose) and every role is extracted",
          "[corpus]") {
  const fs::path corpus = testing::corpus_dir_or_skip();
  // Independent counts of role definitions, by text.
  const std::regex cfn_role(R"re(Type["']?\s*:\s*["']?AWS::IAM::Role["']?\s*(,|\n|\}|$))re");
  const std::regex tf_role(R"re((^|\n)\s*resource\s+"aws_iam_role"\s+")re");
  std::vector<fs::path> paths;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() &&
        (ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".template" || ext == ".tf")) {
      paths.push_back(e.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::size_t cfn_expected = 0, tf_expected = 0;
  std::vector<std::size_t> expected_per_file;
  std::vector<LintInput> inputs;
  for (const fs::path& p : paths) {
    std::string text = read_text(p);
    auto& counter = p.extension() == ".tf" ? tf_expected : cfn_expected;
    const std::regex& pattern = p.extension() == ".tf" ? tf_role : cfn_role;
    const auto n = static_cast<std::size_t>(
        std::distance(std::sregex_iterator(text.begin(), text.end(), pattern), {}));
    counter += n;
    expected_per_file.push_back(n);
    // Each .tf file is a module of its own (a directory of its own): the folder is no real
    // module, and its files repeat each other's resource names.
    std::string path = p.filename().string();
    if (p.extension() == ".tf") path = "tf" + std::to_string(inputs.size()) + "/" + path;
    inputs.push_back({SourceFile{std::move(path), std::move(text)}, true});
  }
  LintOptions options;
  options.rules = rules::all_rules();
  options.jobs = 2;
  LintResult result = lint(std::move(inputs), options);

  // The only file the corpus README names as not loadable.
  const std::string broken =
      "aws-solutions__aws-control-tower-customizations__deployment__custom-control-tower-"
      "initiation.template";
  for (const InputError& e : result.errors) {
    INFO(e.file << ":" << e.line << ":" << e.column << ": " << e.message);
    CHECK(e.file == broken);
  }
  // Roles by kind: CloudFormation's own, those SAM generates, Terraform's.
  std::size_t cfn_roles = 0, sam_roles = 0, tf_roles = 0;
  for (const model::Role& r : result.model.roles) {
    (r.origin.source_type == "aws_iam_role" ? tf_roles
     : r.origin.generated_by.empty()        ? cfn_roles
                                            : sam_roles)++;
  }
  // Every role the text shows is extracted, except in the broken template and in templates
  // nested inside a StackSet's TemplateBody (not linted as templates of their own yet).
  const std::set<std::string> nested = {
      "aws-cloudformation__aws-cloudformation-templates__CloudFormation__StackSets__templates__"
      "common-resources-stackset.yaml",
      "aws-cloudformation__aws-cloudformation-templates__CloudFormation__StackSets__templates__log-"
      "setup-management.yaml"};
  std::vector<std::size_t> roles_per_file(result.files.size());
  for (const model::Role& r : result.model.roles)
    roles_per_file[r.origin.file] += r.origin.generated_by.empty();
  for (std::size_t i = 0; i < result.files.size(); ++i) {
    const std::string& name = result.files[i].path;
    if (name == broken || nested.count(name)) continue;
    INFO(name);
    CHECK(roles_per_file[i] >= expected_per_file[i]);
  }
  std::map<std::string_view, std::size_t> per_rule;
  for (const Finding& f : result.findings) ++per_rule[f.rule_id];
  std::cout << "corpus: " << paths.size() << " files, " << cfn_roles << " CloudFormation, "
            << sam_roles << " SAM generated and " << tf_roles << " Terraform roles, "
            << result.findings.size() << " findings:";
  for (const auto& [id, n] : per_rule) std::cout << ' ' << id << '=' << n;
  std::cout << '\n';
  CHECK(cfn_roles + 12 >= cfn_expected);  // 10 in the broken template, 2 nested in StackSets
  CHECK(tf_roles >= tf_expected);
  // The roles SAM generates and the permission sets, counted when they were first read: none may
  // be lost.
  std::cout << "corpus: " << result.model.permission_sets.size() << " permission sets\n";
  CHECK(sam_roles >= 267);
  CHECK(result.model.permission_sets.size() >= 3);
}
