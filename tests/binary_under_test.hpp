#pragma once
// The rolelint binary the tests run: the one this build made, or the one ROLELINT_TEST_BINARY
// names (scripts/release runs the whole suite against the stripped static release binary).
#include <cstdlib>
#include <string>

namespace rolelint::testing {

inline std::string binary_under_test() {
  const char* override_path = std::getenv("ROLELINT_TEST_BINARY");
  return override_path && *override_path ? std::string(override_path)
                                         : std::string(ROLELINT_BINARY);
}

}  // namespace rolelint::testing
