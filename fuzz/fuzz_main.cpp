// libFuzzer's entry point for one target, chosen by ROLELINT_FUZZ_TARGET (fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/targets.hpp"

#ifndef ROLELINT_FUZZ_TARGET
#error "define ROLELINT_FUZZ_TARGET as one of the functions of fuzz/targets.hpp"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rolelint::fuzz::ROLELINT_FUZZ_TARGET(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
