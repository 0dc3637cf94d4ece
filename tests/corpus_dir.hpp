#pragma once
// Where the real-world corpus is: $ROLELINT_CORPUS, else ../shared/corpus beside the checkout. A
// test that needs it and finds none exits 77, which CTest reports as skipped (SKIP_RETURN_CODE in
// tests/CMakeLists.txt), never as a pass.
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace rolelint::testing {

inline std::filesystem::path corpus_dir_or_skip() {
  const char* env = std::getenv("ROLELINT_CORPUS");
  const std::filesystem::path corpus =
      env && *env ? std::filesystem::path(env)
                  : std::filesystem::path(ROLELINT_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (!std::filesystem::is_directory(corpus)) {
    std::cout << "no corpus at " << corpus.string() << ": skipped" << std::endl;
    std::exit(77);
  }
  return corpus;
}

}  // namespace rolelint::testing
