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

// `exiting`: the process ends right after, so the lint result (every file's text and model) is
// left for the operating system to reclaim instead of being freed piece by piece; main() sets
// it, in-process callers do not.
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err, bool exiting = false);

}  // namespace rolelint::cli
