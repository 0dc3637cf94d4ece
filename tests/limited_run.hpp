#pragma once
// Runs the built rolelint binary on hostile input under a memory and a time limit, for the tests
// that prove an input cannot exhaust the machine. The child is watched, not trusted: its resident
// memory is sampled from /proc and it is killed past either limit, so a bomb fails the test
// instead of the machine. Outside sanitizer builds RLIMIT_AS is set as well, as a hard stop.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "tests/binary_under_test.hpp"

namespace rolelint::testing {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kUnderSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kUnderSanitizer = true;
#else
inline constexpr bool kUnderSanitizer = false;
#endif
#else
inline constexpr bool kUnderSanitizer = false;
#endif

struct Limits {
  // Resident memory; scaled x6 under ASan: its shadow, redzones and quarantine cost about 4 times
  // under GCC, and up to 5.5 under Clang's build with libFuzzer's coverage (CI's sanitizer build).
  std::uint64_t memory_bytes = 512ull << 20;
  double seconds = 10;  // wall clock; scaled x5 under ASan
  // RLIMIT_AS when not 0 (outside sanitizer builds): for a test of what malloc's failure does.
  // By default it is twice memory_bytes plus 256 MiB, a backstop.
  std::uint64_t address_space = 0;
};

struct LimitedRun {
  int status = -1;             // exit status; -1 when killed or signalled
  bool killed_memory = false;  // went over the memory limit
  bool killed_time = false;    // went over the time limit
  int signal = 0;              // the signal that ended it, if any (e.g. SIGSEGV, SIGABRT)
  std::uint64_t peak_rss = 0;  // bytes, from the kernel's accounting (ru_maxrss)
  double seconds = 0;          // wall clock
  std::string out, err;

  bool ok() const {
    return !killed_memory && !killed_time && signal == 0 && status >= 0 && status <= 2;
  }
  std::string describe() const {
    std::string s = "status " + std::to_string(status) + ", peak " +
                    std::to_string(peak_rss >> 20) + " MiB, " + std::to_string(seconds) + " s";
    if (killed_memory) s += ", killed: memory limit";
    if (killed_time) s += ", killed: time limit";
    if (signal) s += ", signal " + std::to_string(signal);
    s += "\nstderr: " + err.substr(0, 2000);
    return s;
  }
};

namespace detail {
inline std::uint64_t rss_bytes(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/statm");
  std::uint64_t size = 0, resident = 0;
  in >> size >> resident;
  return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}
inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace detail

// Runs the binary under test with `args` (no shell) in `cwd`, standard input from `stdin_path` (or
// /dev/null when empty); stdout and stderr are captured through files, so a flood of output
// cannot block the child.
inline LimitedRun run_limited(const std::vector<std::string>& args, Limits limits = {},
                              const std::string& cwd = ROLELINT_SOURCE_DIR,
                              const std::string& stdin_path = "") {
  if (kUnderSanitizer) {
    limits.memory_bytes *= 6;
    limits.seconds *= 5;
  }
  static unsigned counter = 0;
  const std::string base =
      "/tmp/rolelint-limited-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const std::string out_path = base + ".out", err_path = base + ".err";
  LimitedRun r;
  const auto start = std::chrono::steady_clock::now();
  const std::string binary = binary_under_test();
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(cwd.c_str()) != 0) ::_exit(127);
    const int in = ::open(stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) ::_exit(127);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (!kUnderSanitizer) {
      // Address space is more than resident memory (thread stacks, the binary): twice the limit
      // plus 256 MiB keeps RLIMIT_AS a backstop, not the measure.
      const rlim_t as = static_cast<rlim_t>(
          limits.address_space ? limits.address_space : limits.memory_bytes * 2 + (256ull << 20));
      const rlimit rl{as, as};
      ::setrlimit(RLIMIT_AS, &rl);
    }
    std::vector<char*> argv;
    std::string argv0 = binary;
    argv.push_back(argv0.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  int wstatus = 0;
  rusage usage{};
  for (;;) {
    const pid_t done = ::wait4(pid, &wstatus, WNOHANG, &usage);
    if (done == pid) break;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!r.killed_time && !r.killed_memory) {
      if (detail::rss_bytes(pid) > limits.memory_bytes) {
        r.killed_memory = true;
        ::kill(pid, SIGKILL);
      } else if (elapsed > limits.seconds) {
        r.killed_time = true;
        ::kill(pid, SIGKILL);
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.peak_rss = static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;
  if (r.peak_rss > limits.memory_bytes) r.killed_memory = true;  // between two samples
  if (WIFEXITED(wstatus)) {
    r.status = WEXITSTATUS(wstatus);
  } else if (WIFSIGNALED(wstatus) && !r.killed_memory && !r.killed_time) {
    r.signal = WTERMSIG(wstatus);
  }
  r.out = detail::slurp(out_path);
  r.err = detail::slurp(err_path);
  ::unlink(out_path.c_str());
  ::unlink(err_path.c_str());
  return r;
}

}  // namespace rolelint::testing
