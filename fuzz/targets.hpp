#pragma once
// The fuzz targets' bodies, one function per target, shared by the libFuzzer executables
// (fuzz_main.cpp) and by tests/fuzz_regressions_test.cpp, which replays the inputs the fuzzers
// found (tests/fixtures/fuzz/<target>/) in the ordinary builds. Each function runs one input and
// aborts when an invariant of fuzz_check.hpp does not hold.
#include <string_view>

namespace rolelint::fuzz {

// One CloudFormation template through cfn::read_template (YAML: yaml-cpp events, tag recovery,
// aliases; JSON: rolelint's JSON reader), then the intrinsic evaluator and the policy builder.
void fuzz_cfn_yaml(std::string_view input);
void fuzz_cfn_json(std::string_view input);
// One .tf file as a one-file module through tf::read_module (tree-sitter HCL, the evaluator,
// aws_iam_policy_document, jsonencode and heredoc policies). `file(...)` is served from memory.
void fuzz_terraform(std::string_view input);
// A JSON policy document through the JSON reader and policy::build_policy (with the
// CloudFormation intrinsic evaluator), then every rule on roles, users and managed policies
// that use it.
void fuzz_policy(std::string_view input);
// The expression evaluators alone, on every node or expression of one input: the first byte
// picks the front end (even: a CloudFormation YAML document through the intrinsic functions,
// str() and list() of each node; odd: a .tf file through the Terraform evaluator, each
// expression). Every value must stay within the caps of linter/model/value.hpp and its span
// within the input.
void fuzz_evaluators(std::string_view input);
// The whole pipeline, as the CLI runs it on one file: rolelint::lint with every rule,
// suppressions, span resolution, text and JSON reports. The first byte picks the format
// (mod 3: '0' CloudFormation YAML, '1' CloudFormation JSON, '2' Terraform).
void fuzz_lint(std::string_view input);

}  // namespace rolelint::fuzz
