#pragma once
// An in-process LSP client for the server's tests: sends messages to a Server and collects what
// it sends back, and a temporary workspace directory.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "linter/lsp/positions.hpp"
#include "linter/lsp/server.hpp"
#include "linter/lsp/uri.hpp"

namespace rolelint::testing {

using nlohmann::json;

class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("rolelint-lsp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string path(const std::string& name = "") const {
    return name.empty() ? path_.string() : (path_ / name).string();
  }
  std::string uri(const std::string& name = "") const { return lsp::path_to_uri(path(name)); }
  void write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name, std::ios::binary) << text;
  }

 private:
  std::filesystem::path path_;
};

class TestClient {
 public:
  explicit TestClient(lsp::ServerOptions options = fast())
      : server_(
            [this](const json& m) {
              std::lock_guard lock(mutex_);
              received_.push_back(m);
            },
            log_, options) {}

  static lsp::ServerOptions fast() {
    lsp::ServerOptions o;
    o.debounce = std::chrono::milliseconds(0);
    o.jobs = 1;
    return o;
  }

  // Options whose server waits `debounce` after a change before linting.
  static lsp::ServerOptions debounced(std::chrono::milliseconds debounce) {
    lsp::ServerOptions o = fast();
    o.debounce = debounce;
    return o;
  }

  // Sends a request and returns its response (the server answers requests synchronously).
  json request(const std::string& method, json params) {
    const int id = next_id_++;
    server_.handle(
        json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    return response(id);
  }
  void notify(const std::string& method, json params) {
    server_.handle(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  void raw(std::string_view body) { server_.receive(body); }
  json response(const json& id) {
    std::lock_guard lock(mutex_);
    for (const json& m : received_) {
      if (m.contains("id") && m["id"] == id && !m.contains("method")) return m;
    }
    return nullptr;
  }
  json initialize(const std::string& root_uri = "", json capabilities = json::object()) {
    json params = {{"processId", nullptr}, {"capabilities", std::move(capabilities)}};
    params["rootUri"] = root_uri.empty() ? json(nullptr) : json(root_uri);
    json r = request("initialize", params);
    notify("initialized", json::object());
    return r;
  }
  void open(const std::string& uri, const std::string& text, int version = 1) {
    notify("textDocument/didOpen",
           {{"textDocument",
             {{"uri", uri}, {"languageId", "yaml"}, {"version", version}, {"text", text}}}});
  }
  void replace(const std::string& uri, const std::string& text, int version) {
    notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", version}}},
                                      {"contentChanges", {{{"text", text}}}}});
  }
  // Waits for the lint to settle and returns the last diagnostics published for `uri` (null:
  // none were published).
  json diagnostics(const std::string& uri) {
    settle();
    std::lock_guard lock(mutex_);
    for (auto it = received_.rbegin(); it != received_.rend(); ++it) {
      if (it->value("method", "") == "textDocument/publishDiagnostics" &&
          (*it)["params"]["uri"] == uri) {
        return (*it)["params"];
      }
    }
    return nullptr;
  }
  void settle() { server_.wait_idle(std::chrono::seconds(20)); }
  std::vector<json> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  std::vector<json> published() {
    settle();
    std::vector<json> out;
    for (const json& m : received()) {
      if (m.value("method", "") == "textDocument/publishDiagnostics") out.push_back(m["params"]);
    }
    return out;
  }
  void clear() {
    settle();
    std::lock_guard lock(mutex_);
    received_.clear();
  }
  std::string log() const { return log_.str(); }
  lsp::Server& server() { return server_; }

 private:
  std::mutex mutex_;
  std::vector<json> received_;
  std::ostringstream log_;
  int next_id_ = 1;
  lsp::Server server_;
};

// RL205 on line 10 (0-based 9), after a character outside the Basic Multilingual Plane: code
// point column 50, UTF-16 character 51, UTF-8 byte 53 (0-based).
inline const std::string kMisspeltYaml =
    "Resources:\n"
    "  Deployer:\n"
    "    Type: AWS::IAM::User\n"
    "    Properties:\n"
    "      Policies:\n"
    "        - PolicyName: \"d\xC3\xA9ploiement\"\n"
    "          PolicyDocument:\n"
    "            Version: \"2012-10-17\"\n"
    "            Statement:\n"
    "              - {Sid: \"\xF0\x9F\x9A\x80\", Effect: Allow, Action: sts:AssumeRoles, Resource: "
    "\"arn:aws:iam::111122223333:role/Deploy\"}\n";

// "line:character-line:character" of an LSP range, for compact assertions.
inline std::string range_text(const json& range) {
  return std::to_string(range["start"]["line"].get<int>()) + ":" +
         std::to_string(range["start"]["character"].get<int>()) + "-" +
         std::to_string(range["end"]["line"].get<int>()) + ":" +
         std::to_string(range["end"]["character"].get<int>());
}

// "code line:character message" per diagnostic, in order.
inline std::vector<std::string> summary(const json& params) {
  std::vector<std::string> out;
  if (params.is_null()) return out;
  for (const json& d : params["diagnostics"]) {
    out.push_back(d.value("code", "-") + " " +
                  std::to_string(d["range"]["start"]["line"].get<int>()) + ":" +
                  std::to_string(d["range"]["start"]["character"].get<int>()));
  }
  return out;
}

// Applies a WorkspaceEdit's edits for `uri` to `text` (positions in `encoding`), last first.
inline std::string apply_edits(std::string text, const json& edits, lsp::Encoding encoding) {
  struct Flat {
    std::uint32_t begin, end;
    std::string text;
  };
  std::vector<Flat> flat;
  const lsp::LineTable lines(text);
  for (const json& e : edits) {
    auto pos = [&](const json& p) {
      return lines.offset(
          text, {p["line"].get<std::uint32_t>(), p["character"].get<std::uint32_t>()}, encoding);
    };
    flat.push_back(
        {pos(e["range"]["start"]), pos(e["range"]["end"]), e["newText"].get<std::string>()});
  }
  std::sort(flat.begin(), flat.end(),
            [](const Flat& a, const Flat& b) { return a.begin > b.begin; });
  for (const Flat& f : flat) text.replace(f.begin, f.end - f.begin, f.text);
  return text;
}

}  // namespace rolelint::testing
