#pragma once
// The language server (`rolelint --lsp`): LSP 3.17 over JSON-RPC. The reader hands each message
// to Server::handle; linting runs on a thread of its own, debounced, so the reader never waits
// for it, and a change that arrives while a lint runs makes that lint's result stale (dropped).
// Nothing but protocol messages goes to `out`; the log goes to `log`.
#include <chrono>
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace rolelint::lsp {

struct ServerOptions {
  std::chrono::milliseconds debounce{50};      // quiet time after a change before linting
  unsigned jobs = 0;                           // lint threads; 0: one per CPU
  std::size_t max_document_bytes = 16u << 20;  // larger documents are reported, not linted
  std::size_t max_message_bytes = 128u << 20;  // larger messages are skipped unread
  // Rules that run besides those on by default, by id or name (tests select RL208 this way).
  std::vector<std::string> select;
};

class Server {
 public:
  using Send = std::function<void(const nlohmann::json&)>;
  // `send` is called from the handling thread and from the lint thread, never at once.
  Server(Send send, std::ostream& log, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Handles one message body (malformed JSON is answered with a ParseError).
  void receive(std::string_view body);
  void handle(const nlohmann::json& message);

  // Answers a message that could not be read (a bad header, a body over the limit): an error
  // response with a null id, as JSON-RPC has for requests whose id is unknown.
  void reject(int code, std::string_view message);

  // Writes one line to the log (the server's and the caller's lines never interleave).
  void note(std::string_view line);

  bool exited() const;
  // The process's exit status once `exit` came: 0 after `shutdown`, 1 without.
  int exit_status() const;
  // The client's process id from `initialize`, when it gave one.
  std::optional<std::int64_t> parent_process() const;
  // Waits until no lint is pending or running (or `timeout` passes); true when idle.
  bool wait_idle(std::chrono::milliseconds timeout);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

struct ServeOptions {
  ServerOptions server;
  // Called (from a watcher thread) when the client process named in `initialize` is gone; the
  // reader may be blocked on `in`, so only the caller can end the process. Null: not watched.
  std::function<void()> on_parent_gone;
};

// Serves until `exit` or the end of `in`; returns the process's exit status.
int serve(std::istream& in, std::ostream& out, std::ostream& log, ServeOptions options = {});

}  // namespace rolelint::lsp

namespace rolelint::lsp {

// `rolelint --lsp`: serve() on the process's standard streams, ending the process when the
// client process is gone, with SIGPIPE ignored.
int serve_process(std::istream& in, std::ostream& out, std::ostream& log);

}  // namespace rolelint::lsp
