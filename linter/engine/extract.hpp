#pragma once
// The engine's parallel phase: every unit (a template, a Terraform module) parsed and extracted
// by its front end, each on its own, or taken from the caller's cache.
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "parsers/front_end.hpp"

namespace rolelint {

class UnitCache;

struct ExtractOptions {
  unsigned jobs = 1;
  std::uint64_t memory_budget = 0;
  const FileReader& read_outside;
  const std::function<void(std::string_view path)>& on_task;
  UnitCache* cache = nullptr;
  ParseCache* parse_cache = nullptr;  // pieces parsed by earlier lints (LintOptions::parse_cache)
};

// One Extracted per unit, in unit order, whatever the scheduling. A unit that ran out of memory
// has only `out_of_memory` set. Sets the line index of every file of every unit.
std::vector<Extracted> extract_units(std::span<const Unit> units, std::span<const SourceFile> files,
                                     std::span<const InputFlags> flags,
                                     std::span<LineIndex> line_indexes,
                                     const ExtractOptions& options);

}  // namespace rolelint
