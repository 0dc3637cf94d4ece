#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "linter/cli/cli.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  // A closed standard input (`rolelint - <&-`): descriptor 0 is taken by /dev/null, so the first
  // file opened cannot become standard input, and std::cin is failed, so reading it is an error.
  if (::fcntl(0, F_GETFD) == -1 && errno == EBADF) {
    if (::open("/dev/null", O_RDONLY | O_CLOEXEC) != 0) return rolelint::cli::kExitUsage;
    std::cin.setstate(std::ios::badbit);
  }
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return rolelint::cli::run(args, std::cin, std::cout, std::cerr, /*exiting=*/true);
  } catch (const std::bad_alloc&) {
    // Each file that runs out of memory is an input error of its own; this is what is left.
    std::cerr << "rolelint: error: out of memory\n";
    return rolelint::cli::kExitUsage;
  }
}
