#include "linter/lsp/server.hpp"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "linter/base/parallel.hpp"
#include "linter/base/str_cat.hpp"
#include "linter/docs.hpp"
#include "linter/lsp/code_actions.hpp"
#include "linter/lsp/diagnostics.hpp"
#include "linter/lsp/documents.hpp"
#include "linter/lsp/uri.hpp"
#include "linter/lsp/workspace.hpp"
#include "linter/version.hpp"
#include "rules/rule.hpp"

namespace rolelint::lsp {
using nlohmann::json;
namespace {

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;

// A client message the server cannot act on: answered with `code` (requests) or logged.
struct BadMessage {
  int code;
  std::string message;
};

json error_response(const json& id, int code, std::string_view message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

const json& member(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key))
    throw BadMessage{kInvalidParams, str_cat("missing '", key, "'")};
  return object[key];
}

std::string string_member(const json& object, const char* key) {
  const json& v = member(object, key);
  if (!v.is_string()) throw BadMessage{kInvalidParams, str_cat("'", key, "' must be a string")};
  return v.get<std::string>();
}

std::uint32_t index_member(const json& object, const char* key) {
  const json& v = member(object, key);
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0)) {
    throw BadMessage{kInvalidParams, str_cat("'", key, "' must be a non-negative integer")};
  }
  const auto n = v.get<std::uint64_t>();
  return n > 0xffffffffu ? 0xffffffffu : static_cast<std::uint32_t>(n);
}

LspPosition position_of(const json& j) {
  return {index_member(j, "line"), index_member(j, "character")};
}
LspRange range_of(const json& j) {
  return {position_of(member(j, "start")), position_of(member(j, "end"))};
}

json to_json(const LspPosition& p) { return {{"line", p.line}, {"character", p.character}}; }

std::string path_of(const std::string& uri) {
  auto path = uri_to_path(uri);
  if (!path)
    throw BadMessage{kInvalidParams, str_cat("not a file URI: '", uri.substr(0, 200), "'")};
  return normal_path(*path);
}

bool contains(const LspRange& r, const LspPosition& p) { return r.start <= p && p <= r.end; }
bool overlaps(const LspRange& a, const LspRange& b) { return a.start <= b.end && b.start <= a.end; }

// What a lint published: its result (the text every span refers to) and, per URI, its diagnostics.
struct Snapshot {
  LintResult result;
  Encoding encoding = Encoding::Utf16;
  struct File {
    std::optional<std::int64_t> version;  // of the open document the lint read
    // Shared with the server's record of what was published: never copied per lint.
    std::shared_ptr<const json> diagnostics;
    std::vector<FindingDiagnostic> findings;
  };
  std::map<std::string, File> by_uri;
};

}  // namespace

struct Server::State {
  Send send;
  std::ostream& log;
  ServerOptions options;
  std::mutex send_mutex, log_mutex;

  std::mutex mutex;  // guards everything below
  std::condition_variable changed, idle;
  bool initialized = false, shutdown = false, exited = false, stopping = false;
  Encoding encoding = Encoding::Utf16;
  std::optional<std::int64_t> parent;
  bool watch_files = false;
  std::map<std::string, Document> documents;  // by URI
  std::set<std::string> roots;
  bool roots_changed = false, forget_files = false, forget_configs = false;
  std::uint64_t generation = 0, linted = 0;  // of the documents; of the last published lint
  bool linting = false;
  std::shared_ptr<const Snapshot> snapshot;
  std::thread worker;

  State(Send s, std::ostream& l, ServerOptions o) : send(std::move(s)), log(l), options(o) {}

  // One line of the log, from either thread.
  void note(std::string_view line) {
    std::lock_guard guard(log_mutex);
    log << "rolelint --lsp: " << line << '\n';
  }
  void emit(const json& message) {
    std::lock_guard guard(send_mutex);
    send(message);
  }
  void reply(const json& id, json result) {
    emit({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }
  void schedule() {  // with `mutex` held
    ++generation;
    changed.notify_all();
  }

  json initialize(const json& params);
  void open(const json& params);
  void change(const json& params);
  void close(const json& params);
  void folders_changed(const json& params);
  json code_actions(const json& params);
  json hover(const json& params);
  void run_lints();
};

json Server::State::initialize(const json& params) {
  std::lock_guard lock(mutex);
  if (initialized) throw BadMessage{kInvalidRequest, "initialize was already received"};
  const json& caps = params.value("capabilities", json::object());
  // LSP 3.17 positionEncodings, and clangd's older offsetEncoding that some clients send.
  for (const char* group : {"general", ""}) {
    const json& where = *group ? caps.value(group, json::object()) : caps;
    const char* key = *group ? "positionEncodings" : "offsetEncoding";
    if (!where.is_object() || !where.contains(key) || !where[key].is_array()) continue;
    for (const json& e : where[key]) {
      if (e == "utf-8") encoding = Encoding::Utf8;
    }
  }
  watch_files =
      caps.value("/workspace/didChangeWatchedFiles/dynamicRegistration"_json_pointer, false);
  if (params.contains("processId") && params["processId"].is_number_integer())
    parent = params["processId"].get<std::int64_t>();
  if (params.contains("workspaceFolders") && params["workspaceFolders"].is_array()) {
    for (const json& folder : params["workspaceFolders"])
      roots.insert(path_of(string_member(folder, "uri")));
  } else if (params.contains("rootUri") && params["rootUri"].is_string()) {
    roots.insert(path_of(params["rootUri"].get<std::string>()));
  } else if (params.contains("rootPath") && params["rootPath"].is_string()) {
    roots.insert(normal_path(params["rootPath"].get<std::string>()));
  }
  roots_changed = true;
  initialized = true;
  const char* name = encoding == Encoding::Utf8 ? "utf-8" : "utf-16";
  json result = {{"capabilities",
                  {{"positionEncoding", name},
                   {"textDocumentSync",
                    {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
                   {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
                   {"hoverProvider", true},
                   {"workspace",
                    {{"workspaceFolders", {{"supported", true}, {"changeNotifications", true}}}}}}},
                 {"serverInfo", {{"name", "rolelint"}, {"version", kVersion}}}};
  if (caps.contains("offsetEncoding")) result["offsetEncoding"] = name;
  return result;
}

void Server::State::open(const json& params) {
  const json& item = member(params, "textDocument");
  Document doc{string_member(item, "uri"), "", 0, string_member(item, "text")};
  doc.path = path_of(doc.uri);
  if (item.contains("version") && item["version"].is_number_integer())
    doc.version = item["version"].get<std::int64_t>();
  std::lock_guard lock(mutex);
  documents[doc.uri] = std::move(doc);
  schedule();
}

void Server::State::change(const json& params) {
  const json& item = member(params, "textDocument");
  const std::string uri = string_member(item, "uri");
  const json& changes = member(params, "contentChanges");
  if (!changes.is_array()) throw BadMessage{kInvalidParams, "'contentChanges' must be an array"};
  std::vector<TextChange> parsed;
  for (const json& c : changes) {
    TextChange change{std::nullopt, string_member(c, "text")};
    if (c.contains("range")) change.range = range_of(c["range"]);
    parsed.push_back(std::move(change));
  }
  std::lock_guard lock(mutex);
  const auto it = documents.find(uri);
  if (it == documents.end())
    throw BadMessage{kInvalidParams, str_cat("didChange for a document that is not open: ", uri)};
  for (const TextChange& change : parsed) apply_change(it->second.text, change, encoding);
  if (item.contains("version") && item["version"].is_number_integer())
    it->second.version = item["version"].get<std::int64_t>();
  schedule();
}

void Server::State::close(const json& params) {
  const std::string uri = string_member(member(params, "textDocument"), "uri");
  std::lock_guard lock(mutex);
  documents.erase(uri);
  forget_files = true;  // the file on disk counts again: read it anew
  schedule();
}

void Server::State::folders_changed(const json& params) {
  const json& event = member(params, "event");
  std::lock_guard lock(mutex);
  for (const json& folder : event.value("removed", json::array()))
    roots.erase(path_of(string_member(folder, "uri")));
  for (const json& folder : event.value("added", json::array()))
    roots.insert(path_of(string_member(folder, "uri")));
  roots_changed = true;
  schedule();
}

json Server::State::code_actions(const json& params) {
  const std::string uri = string_member(member(params, "textDocument"), "uri");
  const LspRange range = range_of(member(params, "range"));
  json actions = json::array();
  if (params.contains("context") && params["context"].contains("only") &&
      params["context"]["only"].is_array()) {
    bool quickfix = false;
    for (const json& kind : params["context"]["only"])
      quickfix = quickfix || kind == "quickfix" || kind == "";
    if (!quickfix) return actions;
  }
  std::shared_ptr<const Snapshot> snap;
  std::optional<std::int64_t> version;
  {
    std::lock_guard lock(mutex);
    snap = snapshot;
    if (const auto it = documents.find(uri); it != documents.end()) version = it->second.version;
  }
  if (!snap) return actions;
  const auto file = snap->by_uri.find(uri);
  // Edits are made against the text the lint read: none when the document has changed since.
  if (file == snap->by_uri.end() || file->second.version != version) return actions;
  std::optional<LineTable> lines;
  for (const FindingDiagnostic& fd : file->second.findings) {
    if (!overlaps(fd.range, range)) continue;
    const std::string_view text = snap->result.files[fd.finding->span.file].text;
    if (!lines) lines.emplace(text);
    for (const Fix& fix : fixes_for(snap->result, *fd.finding)) {
      json edits = json::array();
      for (const Edit& e : fix.edits) {
        const LspRange r{lines->position(text, e.begin, snap->encoding),
                         lines->position(text, e.end, snap->encoding)};
        edits.push_back({{"range", {{"start", to_json(r.start)}, {"end", to_json(r.end)}}},
                         {"newText", e.text}});
      }
      json action = {{"title", fix.title},
                     {"kind", "quickfix"},
                     {"diagnostics", json::array({(*file->second.diagnostics)[fd.index]})},
                     {"edit", {{"changes", {{uri, std::move(edits)}}}}}};
      if (fix.preferred) action["isPreferred"] = true;
      actions.push_back(std::move(action));
    }
  }
  return actions;
}

json Server::State::hover(const json& params) {
  const std::string uri = string_member(member(params, "textDocument"), "uri");
  const LspPosition at = position_of(member(params, "position"));
  std::shared_ptr<const Snapshot> snap;
  {
    std::lock_guard lock(mutex);
    snap = snapshot;
  }
  if (!snap) return nullptr;
  const auto file = snap->by_uri.find(uri);
  if (file == snap->by_uri.end()) return nullptr;
  std::set<std::string_view> shown;
  std::string markdown;
  std::optional<LspRange> range;
  for (const FindingDiagnostic& fd : file->second.findings) {
    if (!contains(fd.range, at)) continue;
    const rules::Rule* rule = rules::find_rule(fd.finding->rule_id);
    if (!rule || !shown.insert(rule->id).second) continue;
    std::ostringstream page;
    write_rule_doc(page, *rule);
    if (!markdown.empty()) markdown += "\n---\n\n";
    markdown += page.str();
    if (!range) range = fd.range;
  }
  if (markdown.empty()) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", markdown}}},
          {"range", {{"start", to_json(range->start)}, {"end", to_json(range->end)}}}};
}

namespace {

// The open documents' URIs and versions as a lint read them.
struct OpenUris {
  std::map<std::string, std::string> by_path;    // path -> URI, as the client spells it
  std::map<std::string, std::int64_t> versions;  // by URI

  std::string uri_of(const std::string& path) const {
    const auto it = by_path.find(path);
    return it != by_path.end() ? it->second : path_to_uri(path);
  }
};

// Fills the snapshot's diagnostics and returns the publishDiagnostics messages for every URI
// whose list differs from what the client was last sent (`published`, updated).
//
// Each list is built once, inside the message that would publish it: the snapshot and
// `published` point into that message (shared_ptr's aliasing constructor), so a list is never
// copied, whether it is sent or not.
using Published = std::map<std::string, std::shared_ptr<const json>>;  // by URI

std::shared_ptr<const json> publish_message(const std::string& uri, json list,
                                            const OpenUris& open) {
  json params = {{"uri", uri}, {"diagnostics", std::move(list)}};
  if (const auto v = open.versions.find(uri); v != open.versions.end())
    params["version"] = v->second;
  return std::make_shared<const json>(json{{"jsonrpc", "2.0"},
                                           {"method", "textDocument/publishDiagnostics"},
                                           {"params", std::move(params)}});
}

// The list of diagnostics inside a message publish_message made, sharing its ownership.
std::shared_ptr<const json> list_of(const std::shared_ptr<const json>& message) {
  return {message, &(*message)["params"]["diagnostics"]};
}

std::vector<std::shared_ptr<const json>> diagnostics_to_publish(Snapshot& snap,
                                                                const OpenUris& open,
                                                                Published& published) {
  RangeMapper ranges(snap.result, snap.encoding);
  std::map<std::string, std::shared_ptr<const json>> now;  // by URI: the message for each
  for (auto& [path, file] : collect_diagnostics(
           snap.result, ranges, [&](const std::string& p) { return open.uri_of(p); })) {
    const std::string uri = open.uri_of(path);
    Snapshot::File& view = snap.by_uri[uri];
    if (const auto v = open.versions.find(uri); v != open.versions.end()) view.version = v->second;
    auto message = publish_message(uri, std::move(file.list), open);
    view.diagnostics = list_of(message);
    view.findings = std::move(file.findings);
    now[uri] = std::move(message);
  }
  for (const auto& [uri, list] : published) {
    if (!now.contains(uri)) now[uri] = publish_message(uri, json::array(), open);
  }
  std::vector<std::shared_ptr<const json>> out;
  Published lists;
  for (auto& [uri, message] : now) {
    auto list = list_of(message);
    const auto old = published.find(uri);
    if (!(old != published.end() ? *old->second == *list : list->empty())) out.push_back(message);
    if (!list->empty()) lists.emplace(uri, std::move(list));
  }
  published = std::move(lists);
  return out;
}

}  // namespace

void Server::State::run_lints() {
  Workspace workspace;
  std::vector<const rules::Rule*> enabled = rules::default_rules();
  for (const std::string& id : options.select) {
    const rules::Rule* rule = rules::find_rule(id);
    if (rule && std::find(enabled.begin(), enabled.end(), rule) == enabled.end())
      enabled.push_back(rule);
  }
  const unsigned jobs = options.jobs ? options.jobs : default_jobs();
  Published published;  // what the client was last sent
  std::unique_lock lock(mutex);
  for (;;) {
    changed.wait(lock, [&] { return stopping || generation != linted; });
    if (stopping) return;
    std::uint64_t wanted = generation;
    // Debounced: lint once no change has come for `debounce`.
    while (options.debounce.count() > 0 && changed.wait_for(lock, options.debounce, [&] {
      return stopping || generation != wanted;
    })) {
      if (stopping) return;
      wanted = generation;
    }
    if (roots_changed) workspace.set_roots({roots.begin(), roots.end()});
    if (forget_files) workspace.forget_files();
    if (forget_configs) workspace.forget_configs();
    roots_changed = forget_files = forget_configs = false;
    std::vector<OpenFile> open;
    OpenUris uris;
    for (const auto& [uri, doc] : documents) {
      const bool too_large = doc.text.size() > options.max_document_bytes;
      open.push_back({doc.path, too_large ? std::string() : doc.text, doc.text.size(), too_large,
                      options.max_document_bytes});
      uris.by_path[doc.path] = uri;
      uris.versions[uri] = doc.version;
    }
    auto snap = std::make_shared<Snapshot>();
    snap->encoding = encoding;
    linting = true;
    lock.unlock();
    Published next = published;
    std::vector<std::shared_ptr<const json>> messages;
    try {
      snap->result = workspace.lint(open, enabled, jobs);
      messages = diagnostics_to_publish(*snap, uris, next);
    } catch (const std::exception& e) {  // out of memory, a file system error: not the end
      note(str_cat("the lint failed: ", e.what()));
      next = published;
      messages.clear();
    }
    lock.lock();
    if (generation == wanted && !stopping) {  // else stale: the newer change is linted next
      published = std::move(next);
      snapshot = std::move(snap);
      linted = wanted;
    } else {
      messages.clear();
    }
    lock.unlock();
    for (const auto& m : messages) emit(*m);
    lock.lock();
    linting = false;
    idle.notify_all();
  }
}

Server::Server(Send send, std::ostream& log, ServerOptions options)
    : state_(std::make_unique<State>(std::move(send), log, options)) {
  state_->worker = std::thread([s = state_.get()] { s->run_lints(); });
}

Server::~Server() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->changed.notify_all();
  state_->worker.join();
}

void Server::receive(std::string_view body) {
  json message = json::parse(body, nullptr, false);
  if (message.is_discarded()) {
    state_->note(str_cat("a message that is not JSON (", body.size(), " bytes)"));
    state_->emit(error_response(nullptr, kParseError, "the message is not valid JSON"));
    return;
  }
  handle(message);
}

void Server::handle(const json& message) {
  State& s = *state_;
  if (!message.is_object()) {
    s.emit(error_response(nullptr, kInvalidRequest, "a message must be a JSON object"));
    return;
  }
  const bool request = message.contains("id");
  const json id = request ? message["id"] : json(nullptr);
  if (request && !id.is_number_integer() && !id.is_string()) {
    s.emit(error_response(nullptr, kInvalidRequest, "the id must be an integer or a string"));
    return;
  }
  if (!message.contains("method")) return;  // a response to one of our requests
  if (!message["method"].is_string()) {
    if (request) s.emit(error_response(id, kInvalidRequest, "the method must be a string"));
    return;
  }
  const std::string method = message["method"].get<std::string>();
  json params = message.value("params", json::object());
  if (params.is_null()) params = json::object();
  {
    std::lock_guard lock(s.mutex);
    if (method == "exit") {
      s.exited = true;
      return;
    }
    if (!s.initialized && method != "initialize") {
      if (request)
        s.emit(error_response(id, kServerNotInitialized, "the server was not initialized"));
      return;
    }
    if (s.shutdown) {
      if (request) s.emit(error_response(id, kInvalidRequest, "the server is shutting down"));
      return;
    }
  }
  try {
    if (!params.is_object()) throw BadMessage{kInvalidParams, "params must be an object"};
    if (request) {
      if (method == "initialize") {
        s.reply(id, s.initialize(params));
      } else if (method == "shutdown") {
        std::lock_guard lock(s.mutex);
        s.shutdown = true;
        s.reply(id, nullptr);
      } else if (method == "textDocument/codeAction") {
        s.reply(id, s.code_actions(params));
      } else if (method == "textDocument/hover") {
        s.reply(id, s.hover(params));
      } else {
        s.emit(error_response(id, kMethodNotFound,
                              str_cat("unknown method '", method.substr(0, 200), "'")));
      }
      return;
    }
    if (method == "initialized") {
      std::lock_guard lock(s.mutex);
      if (s.watch_files) {
        s.emit(
            {{"jsonrpc", "2.0"},
             {"id", "rolelint-watch"},
             {"method", "client/registerCapability"},
             {"params",
              {{"registrations",
                {{{"id", "rolelint-watched-files"},
                  {"method", "workspace/didChangeWatchedFiles"},
                  {"registerOptions",
                   {{"watchers", {{{"globPattern", "**/*.{yaml,yml,json,template,tf}"}}}}}}}}}}}});
      }
      s.schedule();
    } else if (method == "textDocument/didOpen") {
      s.open(params);
    } else if (method == "textDocument/didChange") {
      s.change(params);
    } else if (method == "textDocument/didClose") {
      s.close(params);
    } else if (method == "textDocument/didSave") {
      const std::string path = path_of(string_member(member(params, "textDocument"), "uri"));
      std::lock_guard lock(s.mutex);
      if (is_config_path(path)) s.forget_configs = true;
      s.schedule();
    } else if (method == "workspace/didChangeWatchedFiles") {
      const json& changes = member(params, "changes");
      std::lock_guard lock(s.mutex);
      for (const json& c : changes) {
        if (is_config_path(path_of(string_member(c, "uri")))) s.forget_configs = true;
      }
      s.forget_files = true;
      s.schedule();
    } else if (method == "workspace/didChangeWorkspaceFolders") {
      s.folders_changed(params);
    }
    // Other notifications ($/cancelRequest, $/setTrace, ...) need nothing.
  } catch (const BadMessage& bad) {
    s.note(str_cat(method, ": ", bad.message));
    if (request) s.emit(error_response(id, bad.code, bad.message));
  } catch (const json::exception& e) {
    s.note(str_cat(method, ": ", e.what()));
    if (request) s.emit(error_response(id, kInvalidParams, e.what()));
  } catch (const std::exception& e) {  // out of memory, a file system error: answered, not fatal
    s.note(str_cat(method, ": ", e.what()));
    if (request) s.emit(error_response(id, kInternalError, e.what()));
  }
}

void Server::note(std::string_view line) { state_->note(line); }

void Server::reject(int code, std::string_view message) {
  state_->emit(error_response(nullptr, code, message));
}

bool Server::exited() const {
  std::lock_guard lock(state_->mutex);
  return state_->exited;
}

int Server::exit_status() const {
  std::lock_guard lock(state_->mutex);
  return state_->shutdown ? 0 : 1;
}

std::optional<std::int64_t> Server::parent_process() const {
  std::lock_guard lock(state_->mutex);
  return state_->parent;
}

bool Server::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(state_->mutex);
  return state_->idle.wait_for(
      lock, timeout, [&] { return !state_->linting && state_->linted == state_->generation; });
}

}  // namespace rolelint::lsp
