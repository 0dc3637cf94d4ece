// `rolelint --lsp` as a process, over pipes: only protocol messages on stdout, the lifecycle's
// exit status, a 50 MB document and malformed input answered without a crash, and an exit when
// the client process named in `initialize` is gone.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "linter/lsp/framing.hpp"
#include "tests/limited_run.hpp"
#include "tests/lsp_client.hpp"

using namespace rolelint;
using namespace rolelint::testing;
using nlohmann::json;

namespace {

// The server as a child process with pipes to its stdin and from its stdout; stderr to a file.
class ServerProcess {
 public:
  ServerProcess()
      : err_path_("/tmp/rolelint-lsp-process-" + std::to_string(::getpid()) + "-" +
                  std::to_string(counter_++) + ".err") {
    int in[2], out[2];
    REQUIRE(::pipe(in) == 0);
    REQUIRE(::pipe(out) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(in[0], 0);
      ::dup2(out[1], 1);
      const int err = ::open(err_path().c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(err, 2);
      ::close(in[1]);
      ::close(out[0]);
      const rlimit memory{3ull << 30, 3ull << 30};  // a backstop: the test checks the peak itself
      if (!rolelint::testing::kUnderSanitizer) ::setrlimit(RLIMIT_AS, &memory);
      ::execl(ROLELINT_BINARY, ROLELINT_BINARY, "--lsp", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    to_ = in[1];
    from_ = out[0];
  }
  ~ServerProcess() {
    if (to_ >= 0) ::close(to_);
    ::close(from_);
    if (!done_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::unlink(err_path().c_str());
  }

  void write_raw(const std::string& bytes) {
    for (std::size_t at = 0; at < bytes.size();) {
      const ssize_t n = ::write(to_, bytes.data() + at, bytes.size() - at);
      REQUIRE(n > 0);
      at += static_cast<std::size_t>(n);
    }
  }
  void send(const json& message) { write_raw(lsp::frame(message.dump())); }
  void close_input() {
    ::close(to_);
    to_ = -1;
  }

  // The next message, or null after `seconds`.
  json next(double seconds = 20) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    for (;;) {
      if (json m = parse_one(); !m.is_null()) return m;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          end - std::chrono::steady_clock::now());
      if (left.count() <= 0) return nullptr;
      pollfd p{from_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return nullptr;
      char chunk[65536];
      const ssize_t n = ::read(from_, chunk, sizeof chunk);
      if (n <= 0) return nullptr;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  // The next message that satisfies `want`, skipping others.
  template <typename Want>
  json next_where(Want want, double seconds = 20) {
    for (json m = next(seconds); !m.is_null(); m = next(seconds)) {
      if (want(m)) return m;
    }
    return nullptr;
  }

  // Waits up to `seconds` for the process to end: its exit status, or -1 (signalled, or running).
  int wait_exit(double seconds, std::uint64_t* peak_rss = nullptr) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < end) {
      int status = 0;
      rusage usage{};
      if (::wait4(pid_, &status, WNOHANG, &usage) == pid_) {
        done_ = true;
        if (peak_rss) *peak_rss = static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }
  // Everything the server wrote to stdout that was not read as a message yet.
  std::string rest() {
    while (!next(0.2).is_null()) {
    }
    return buffer_;
  }
  std::string err() const {
    std::ifstream in(err_path());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  const std::string& err_path() const { return err_path_; }
  static inline int counter_ = 0;
  std::string err_path_;  // named before the fork, so parent and child agree

  // One whole message from the buffer; every byte must be part of a frame.
  json parse_one() {
    std::istringstream in(buffer_);
    const lsp::Frame f = lsp::read_frame(in, 1u << 30);
    if (f.status != lsp::Frame::Status::Message) {
      REQUIRE((f.status == lsp::Frame::Status::End || f.status == lsp::Frame::Status::Truncated));
      return nullptr;
    }
    buffer_.erase(0, static_cast<std::size_t>(
                         in.tellg() < 0 ? buffer_.size() : static_cast<std::size_t>(in.tellg())));
    json m = json::parse(f.body, nullptr, false);
    REQUIRE_FALSE(m.is_discarded());
    CHECK(m["jsonrpc"] == "2.0");
    return m;
  }

  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  bool done_ = false;
  std::string buffer_;
};

json request(int id, const std::string& method, json params) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}
json notification(const std::string& method, json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}
auto is_response(int id) {
  return [id](const json& m) { return m.contains("id") && m["id"] == id && !m.contains("method"); };
}
// An error response to no request (the id of a message that could not be read is null).
auto is_error_response() {
  return [](const json& m) { return m.contains("error") && !m.contains("method"); };
}
auto is_diagnostics_of(const std::string& uri) {
  return [uri](const json& m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
  };
}

void initialize(ServerProcess& server, json process_id = nullptr) {
  server.send(
      request(1, "initialize",
              {{"processId", process_id}, {"rootUri", nullptr}, {"capabilities", json::object()}}));
  REQUIRE(server.next_where(is_response(1))["result"]["capabilities"]["positionEncoding"] ==
          "utf-16");
  server.send(notification("initialized", json::object()));
}

void open(ServerProcess& server, const std::string& uri, const std::string& text) {
  server.send(notification(
      "textDocument/didOpen",
      {{"textDocument", {{"uri", uri}, {"languageId", "yaml"}, {"version", 1}, {"text", text}}}}));
}

}  // namespace

TEST_CASE("lsp process: a session writes only protocol messages and exits 0", "[lsp][process]") {
  TempDir dir;
  ServerProcess server;
  initialize(server);
  open(server, dir.uri("a.yaml"), kMisspeltYaml);
  const json published = server.next_where(is_diagnostics_of(dir.uri("a.yaml")));
  REQUIRE(published["params"]["diagnostics"].size() == 1);
  CHECK(published["params"]["diagnostics"][0]["code"] == "RL205");
  server.send(request(2, "shutdown", nullptr));
  CHECK(server.next_where(is_response(2))["result"].is_null());
  server.send(notification("exit", nullptr));
  CHECK(server.wait_exit(10) == 0);
  CHECK(server.rest().empty());  // nothing but whole messages on stdout
}

TEST_CASE("lsp process: a 50 MB document and malformed input get errors, not a crash",
          "[lsp][process]") {
  TempDir dir;
  ServerProcess server;
  initialize(server);
  std::string big =
      "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      Description: \"";
  big.append(50u << 20, 'x');
  big += "\"\n";
  open(server, dir.uri("big.yaml"), big);
  const json published = server.next_where(is_diagnostics_of(dir.uri("big.yaml")), 60);
  REQUIRE(published["params"]["diagnostics"].size() == 1);
  CHECK(published["params"]["diagnostics"][0]["message"] ==
        "document is " + std::to_string(big.size()) +
            " bytes, larger than the limit of 16777216 bytes: not linted");
  big.clear();
  big.shrink_to_fit();

  // A notification still on its way (a log message, the diagnostics of a re-lint) may come first.
  server.write_raw(lsp::frame("{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\""));
  CHECK(server.next_where(is_error_response())["error"]["code"] == -32700);
  server.write_raw("Content-Type: text/plain\r\n\r\n");
  CHECK(server.next_where(is_error_response())["error"]["code"] == -32700);
  server.send(request(4, "textDocument/definition", json::object()));
  CHECK(server.next_where(is_response(4))["error"]["code"] == -32601);
  server.write_raw("Content-Length: 100\r\n\r\n{\"jsonrpc\"");  // a header without its whole body
  server.close_input();
  std::uint64_t peak = 0;
  CHECK(server.wait_exit(30, &peak) == 1);  // the input ended without exit
  CHECK(peak < (1ull << 30));
  CHECK(server.err().find("the input ended inside a message body (10 of 100 bytes)") !=
        std::string::npos);
  CHECK(server.rest().empty());
}

TEST_CASE("lsp process: the server exits when its client process is gone", "[lsp][process]") {
  const pid_t client = ::fork();
  REQUIRE(client >= 0);
  if (client == 0) {
    ::usleep(300000);
    ::_exit(0);
  }
  ServerProcess server;
  initialize(server, client);
  ::waitpid(client, nullptr, 0);     // gone (and reaped): its pid no longer exists
  CHECK(server.wait_exit(10) == 1);  // while its stdin is still open
}
