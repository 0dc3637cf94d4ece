// Throughput of rolelint's pipeline per format, phase by phase, next to the bare parsing
// libraries on the same bytes (docs/performance.md). Every benchmark reports bytes/second.
//   rolelint_bench --yaml FILE --json FILE --tf FILE [--benchmark_... flags]
#include <benchmark/benchmark.h>
#include <tree_sitter/api.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "linter/engine.hpp"
#include "parsers/cfn/template.hpp"
#include "parsers/json/json_reader.hpp"
#include "parsers/terraform/hcl.hpp"
#include "parsers/terraform/module.hpp"
#include "parsers/tree/tree.hpp"
#include "parsers/yaml/yaml_reader.hpp"
#include "rules/rule.hpp"

extern "C" const TSLanguage* tree_sitter_hcl(void);

namespace {

using namespace rolelint;

// yaml-cpp's event API with a handler that does nothing: the fastest use of the library.
class NullHandler : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string& value) override {
    benchmark::DoNotOptimize(value.data());
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

void fail(const std::string& what) {
  std::cerr << "rolelint_bench: " << what << '\n';
  std::exit(2);
}

void set_bytes(benchmark::State& state, const std::string& text) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}

// Every model rule over a model.
std::size_t run_rules(const model::Model& m) {
  std::vector<Finding> findings;
  const rules::Context context(m);
  rules::run_model_rules(rules::default_rules(), context, findings);
  return findings.size();
}

model::Model cfn_model(const std::string& text, cfn::Syntax syntax) {
  model::Model m;
  const cfn::Outcome outcome = cfn::read_template(text, 0, syntax, m);
  if (!outcome.is_template || !outcome.errors.empty())
    fail("the input is not a clean CloudFormation template");
  return m;
}

model::Model tf_model(const std::string& text) {
  model::Model m;
  const tf::ModuleInput input{0, text};
  const tf::ModuleOutcome outcome = tf::read_module({&input, 1}, "bench", {}, m);
  if (!outcome.errors.empty()) fail("the Terraform input does not parse");
  return m;
}

// Building the model from a parsed template. Extraction may add to the tree (a policy given as
// a JSON string is parsed into it), so each run gets a fresh parse, outside the timing; freeing
// is not part of a run either, as in pipeline().
void cfn_evaluate(benchmark::State& state, const std::string& text, cfn::Syntax syntax) {
  for (auto _ : state) {
    state.PauseTiming();
    auto t = std::make_unique<tree::Tree>();
    auto root = syntax == cfn::Syntax::Json ? json::read(text, 0, *t) : yaml::read(text, 0, *t);
    if (!root.ok()) fail("the input does not parse");
    auto m = std::make_unique<model::Model>();
    state.ResumeTiming();
    const cfn::Outcome outcome = cfn::extract_template(*t, root.value(), text, 0, syntax, *m);
    benchmark::DoNotOptimize(m->roles.size());
    state.PauseTiming();
    if (!outcome.is_template || !outcome.errors.empty())
      fail("the input is not a clean CloudFormation template");
    m.reset();
    t.reset();
    state.ResumeTiming();
  }
  set_bytes(state, text);
}

// Building the model from a parsed Terraform file, which evaluation does not change.
void tf_evaluate(benchmark::State& state, const std::string& text) {
  auto parsed = tf::parse(text, 0);
  if (!parsed.ok()) fail("the Terraform input does not parse");
  const tf::ModuleFile file{&parsed.value(), text};
  for (auto _ : state) {
    auto m = std::make_unique<model::Model>();
    tf::extract_module({&file, 1}, "bench", {}, *m);
    benchmark::DoNotOptimize(m->roles.size());
    state.PauseTiming();
    m.reset();
    state.ResumeTiming();
  }
  set_bytes(state, text);
}

void pipeline(benchmark::State& state, const std::string& path, const std::string& text) {
  const std::vector<const rules::Rule*> selected = rules::default_rules();
  for (auto _ : state) {
    std::vector<LintInput> inputs;
    inputs.push_back({SourceFile{path, text}, true});
    LintOptions options;
    options.rules = selected;
    auto result = std::make_unique<LintResult>(lint(std::move(inputs), options));
    if (!result->errors.empty()) state.SkipWithError("input error");
    benchmark::DoNotOptimize(result->findings.data());
    // The command line leaves its result to the operating system at exit (linter/cli): freeing
    // it is not part of a run.
    state.PauseTiming();
    result.reset();
    state.ResumeTiming();
  }
  set_bytes(state, text);
}

void register_yaml(const std::string& path, const std::string& text) {
  benchmark::RegisterBenchmark("yaml/bare: yaml-cpp events", [text](benchmark::State& state) {
    for (auto _ : state) {
      std::istringstream in(text);
      YAML::Parser parser(in);
      NullHandler handler;
      while (parser.HandleNextDocument(handler)) {
      }
    }
    set_bytes(state, text);
  });
  benchmark::RegisterBenchmark("yaml/bare: YAML::Load", [text](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(YAML::Load(text));
    set_bytes(state, text);
  });
  benchmark::RegisterBenchmark("yaml/rolelint: parse", [text](benchmark::State& state) {
    for (auto _ : state) {
      tree::Tree t;
      benchmark::DoNotOptimize(yaml::read(text, 0, t).ok());
    }
    set_bytes(state, text);
  });
  benchmark::RegisterBenchmark("yaml/rolelint: evaluate", [text](benchmark::State& state) {
    cfn_evaluate(state, text, cfn::Syntax::Yaml);
  });
  benchmark::RegisterBenchmark("yaml/rolelint: rules", [text](benchmark::State& state) {
    const model::Model m = cfn_model(text, cfn::Syntax::Yaml);
    for (auto _ : state) benchmark::DoNotOptimize(run_rules(m));
    set_bytes(state, text);
  });
  benchmark::RegisterBenchmark("yaml/rolelint: pipeline", [path, text](benchmark::State& state) {
    pipeline(state, path, text);
  });
}

void register_json(const std::string& path, const std::string& text) {
  benchmark::RegisterBenchmark("json/bare: nlohmann::json::parse", [text](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(text));
    set_bytes(state, text);
  });
  benchmark::RegisterBenchmark(
      "json/bare: nlohmann::json::accept", [text](benchmark::State& state) {
        for (auto _ : state)
          benchmark::DoNotOptimize(nlohmann::json::accept(text));  // validation only: the floor
        set_bytes(state, text);
      });
  benchmark::RegisterBenchmark("json/rolelint: parse", [text](benchmark::State& state) {
    for (auto _ : state) {
      tree::Tree t;
      benchmark::DoNotOptimize(json::read(text, 0, t).ok());
    }
    set_bytes(state, text);
  });
  benchmark::RegisterBenchmark("json/rolelint: evaluate", [text](benchmark::State& state) {
    cfn_evaluate(state, text, cfn::Syntax::Json);
  });
  benchmark::RegisterBenchmark("json/rolelint: rules", [text](benchmark::State& state) {
    const model::Model m = cfn_model(text, cfn::Syntax::Json);
    for (auto _ : state) benchmark::DoNotOptimize(run_rules(m));
    set_bytes(state, text);
  });
  benchmark::RegisterBenchmark("json/rolelint: pipeline", [path, text](benchmark::State& state) {
    pipeline(state, path, text);
  });
}

void register_tf(const std::string& path, const std::string& text) {
  benchmark::RegisterBenchmark("tf/bare: tree-sitter HCL", [text](benchmark::State& state) {
    TSParser* parser = ts_parser_new();
    ts_parser_set_language(parser, tree_sitter_hcl());
    for (auto _ : state) {
      TSTree* tree =
          ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
      benchmark::DoNotOptimize(tree);
      ts_tree_delete(tree);
    }
    ts_parser_delete(parser);
    set_bytes(state, text);
  });
  benchmark::RegisterBenchmark("tf/rolelint: parse", [text](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(tf::parse(text, 0).ok());
    set_bytes(state, text);
  });
  benchmark::RegisterBenchmark("tf/rolelint: evaluate",
                               [text](benchmark::State& state) { tf_evaluate(state, text); });
  benchmark::RegisterBenchmark("tf/rolelint: rules", [text](benchmark::State& state) {
    const model::Model m = tf_model(text);
    for (auto _ : state) benchmark::DoNotOptimize(run_rules(m));
    set_bytes(state, text);
  });
  benchmark::RegisterBenchmark("tf/rolelint: pipeline", [path, text](benchmark::State& state) {
    pipeline(state, path, text);
  });
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--yaml" || arg == "--json" || arg == "--tf") && i + 1 < argc) {
      const std::string path = argv[++i];
      const std::string text = read_all(path);
      if (arg == "--yaml") register_yaml(path, text);
      if (arg == "--json") register_json(path, text);
      if (arg == "--tf") register_tf(path, text);
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
