// The language server's latency: from a didChange notification to the publishDiagnostics it
// causes, in process, with no debounce and one lint thread (docs/performance.md).
//   rolelint_lsp_bench FILE [--changes N] [--no-lint]
// FILE is opened as a document (a .tf file with the rest of its directory as its module); each
// change is an incremental one-character edit that adds or removes a finding (an "s" after the
// first sts:AssumeRole), so that every change publishes. Prints the wall time's median, 90th
// percentile and worst, the median CPU time (steadier on a shared machine), and the CPU time of
// the library's lint() alone on the same text without the server's parse cache: what each edit
// cost before the server kept the pieces it parsed (parsers/parse_cache.hpp), unless --no-lint
// (for callgrind: the server's work only). Also prints the process's peak RSS once the changes
// are done: the server's, with its parse cache, before any lint() without it.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "linter/engine.hpp"
#include "linter/lsp/framing.hpp"
#include "linter/lsp/positions.hpp"
#include "linter/lsp/server.hpp"
#include "linter/lsp/uri.hpp"
#include "rules/rule.hpp"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

int fail(const std::string& what) {
  std::cerr << "rolelint_lsp_bench: " << what << '\n';
  return 2;
}

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// This process's peak RSS in KiB: VmHWM of /proc/self/status, the high-water mark of its own
// address space. getrusage's ru_maxrss would not do: Linux carries it over exec, so started by a
// larger process (scripts/bench), it reports that process's peak. 0 when not readable.
double peak_rss_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmHWM:")) return std::stod(line.substr(6));
  }
  return 0;
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1,
                         static_cast<std::size_t>(p * static_cast<double>(values.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return fail("usage: rolelint_lsp_bench FILE [--changes N] [--no-lint]");
  int changes = 200;
  bool whole_lints = true;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--changes" && i + 1 < argc) {
      changes = std::max(2, std::atoi(argv[++i]));
    } else if (arg == "--no-lint") {
      whole_lints = false;
    } else {
      return fail("unknown argument " + arg);
    }
  }
  const std::string path = std::filesystem::absolute(argv[1]).lexically_normal().string();
  std::ifstream in(path, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in && !in.eof()) return fail("cannot read " + path);
  const std::size_t at = text.find("sts:AssumeRole");
  if (at == std::string::npos) return fail(path + " has no sts:AssumeRole to edit");
  const rolelint::lsp::LineTable lines(text);
  const rolelint::lsp::LspPosition edit_at =
      lines.position(text, static_cast<std::uint32_t>(at + 14), rolelint::lsp::Encoding::Utf16);
  const std::string uri = rolelint::lsp::path_to_uri(path);

  std::mutex mutex;
  std::condition_variable published;
  std::int64_t last_version = -1;
  std::size_t bytes_out = 0;
  rolelint::lsp::ServerOptions options;
  options.debounce = std::chrono::milliseconds(0);
  options.jobs = 1;
  std::ostringstream log;
  rolelint::lsp::Server server(
      [&](const json& m) {
        // What the server writes to stdout, serialization and framing included.
        const std::string framed =
            rolelint::lsp::frame(m.dump(-1, ' ', false, json::error_handler_t::replace));
        std::lock_guard lock(mutex);
        bytes_out += framed.size();
        if (m.value("method", "") == "textDocument/publishDiagnostics" &&
            m["params"]["uri"] == uri) {
          last_version = m["params"].value("version", -1);
          published.notify_all();
        }
      },
      log, options);
  server.handle(
      json{{"jsonrpc", "2.0"},
           {"id", 1},
           {"method", "initialize"},
           {"params",
            {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}}}});
  server.handle(json{{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  server.handle(json{{"jsonrpc", "2.0"},
                     {"method", "textDocument/didOpen"},
                     {"params",
                      {{"textDocument",
                        {{"uri", uri}, {"languageId", "yaml"}, {"version", 1}, {"text", text}}}}}});
  if (!server.wait_idle(std::chrono::seconds(60))) return fail("the first lint did not finish");

  std::vector<double> ms, cpu;
  for (int version = 2; version < changes + 2; ++version) {
    const bool add = version % 2 == 0;  // even versions add the "s", odd ones take it away
    const rolelint::lsp::LspPosition end{edit_at.line, edit_at.character + (add ? 0u : 1u)};
    const json change = {{"range",
                          {{"start", {{"line", edit_at.line}, {"character", edit_at.character}}},
                           {"end", {{"line", end.line}, {"character", end.character}}}}},
                         {"text", add ? "s" : ""}};
    const json message = {
        {"jsonrpc", "2.0"},
        {"method", "textDocument/didChange"},
        {"params",
         {{"textDocument", {{"uri", uri}, {"version", version}}}, {"contentChanges", {change}}}}};
    const auto start = Clock::now();
    const double cpu_start = cpu_ms();
    server.handle(message);
    std::unique_lock lock(mutex);
    if (!published.wait_for(lock, std::chrono::seconds(60),
                            [&] { return last_version == version; })) {
      return fail("no diagnostics for version " + std::to_string(version) +
                  " (does the edit change the findings?)");
    }
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    cpu.push_back(cpu_ms() - cpu_start);
  }
  const double peak_rss_mb = peak_rss_kb() / 1024.0;
  // The same text linted by the library alone, as the command line would (no parse cache).
  std::vector<double> lint_cpu;
  const std::vector<const rolelint::rules::Rule*> rules = rolelint::rules::default_rules();
  for (int i = 0; whole_lints && i < std::min(changes, 50); ++i) {
    std::vector<rolelint::LintInput> inputs;
    inputs.push_back(rolelint::LintInput{rolelint::SourceFile{path, text}, true});
    rolelint::LintOptions lint_options;
    lint_options.rules = rules;
    const double cpu_start = cpu_ms();
    const rolelint::LintResult result = rolelint::lint(std::move(inputs), lint_options);
    lint_cpu.push_back(cpu_ms() - cpu_start);
  }
  char whole[32] = "not run";
  if (!lint_cpu.empty()) std::snprintf(whole, sizeof whole, "%.2f ms", percentile(lint_cpu, 0.5));
  std::printf(
      "%s: %zu bytes, %d changes: didChange -> publishDiagnostics wall median %.2f ms, "
      "p90 %.2f ms, worst %.2f ms; CPU median %.2f ms (a whole lint() without the cache: %s); "
      "server's peak RSS %.1f MB\n",
      std::filesystem::path(path).filename().c_str(), text.size(), changes, percentile(ms, 0.5),
      percentile(ms, 0.9), percentile(ms, 1.0), percentile(cpu, 0.5), whole, peak_rss_mb);
  return 0;
}
