// rolelint --lsp on a pair of streams: the reader loop, and the watch on the client process.
#include <signal.h>

#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <thread>

#include "linter/base/str_cat.hpp"
#include "linter/lsp/framing.hpp"
#include "linter/lsp/server.hpp"

namespace rolelint::lsp {
using nlohmann::json;

namespace {

// The JSON-RPC errors for a message that could not be read.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;

// Watches a process: calls `gone` once it no longer exists.
class ParentWatch {
 public:
  ParentWatch(std::int64_t pid, std::function<void()> gone)
      : thread_([this, pid, gone = std::move(gone)] {
          std::unique_lock lock(mutex_);
          while (!stop_) {
            if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
              gone();
              return;
            }
            wake_.wait_for(lock, std::chrono::milliseconds(500));
          }
        }) {}
  ~ParentWatch() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

int serve_process(std::istream& in, std::ostream& out, std::ostream& log) {
  ::signal(SIGPIPE, SIG_IGN);  // a client gone mid-write ends the reads too: exit then, not now
  ServeOptions options;
  options.on_parent_gone = [] { std::_Exit(1); };
  return serve(in, out, log, options);
}

int serve(std::istream& in, std::ostream& out, std::ostream& log, ServeOptions options) {
  std::unique_ptr<ParentWatch> watch;
  Server server(
      [&out](const json& message) {
        out << frame(message.dump(-1, ' ', false, json::error_handler_t::replace));
        out.flush();
      },
      log, options.server);
  for (;;) {
    Frame f = read_frame(in, options.server.max_message_bytes);
    switch (f.status) {
      case Frame::Status::Message:
        server.receive(f.body);
        break;
      case Frame::Status::End:
      case Frame::Status::Truncated:
        if (!f.problem.empty()) server.note(f.problem);
        server.note("the input ended without an exit notification");
        return 1;
      case Frame::Status::BadHeader:
        server.note(f.problem);
        server.reject(kParseError, f.problem);
        break;
      case Frame::Status::TooLarge:
        server.note(str_cat(f.problem, ": skipped"));
        server.reject(kInvalidRequest, f.problem);
        break;
    }
    if (server.exited()) return server.exit_status();
    if (!watch && options.on_parent_gone) {
      if (const auto pid = server.parent_process())
        watch = std::make_unique<ParentWatch>(*pid, options.on_parent_gone);
    }
  }
}

}  // namespace rolelint::lsp
