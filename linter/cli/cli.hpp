#pragma once
// The command line: parses arguments, reads inputs, runs the engine, writes the report.
// Streams are injected so tests run it in-process.
#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace rolelint::cli {

inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err);

}  // namespace rolelint::cli
