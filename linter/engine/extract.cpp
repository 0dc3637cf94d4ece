#include "linter/engine/extract.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <new>
#include <optional>
#include <stdexcept>
#include <utility>

#include "linter/base/parallel.hpp"
#include "linter/engine/unit_cache.hpp"

namespace rolelint {
namespace {

// A task estimated above this returns its freed memory to the system when it ends.
constexpr std::uint64_t kTrimAfterBytes = 16ull << 20;

std::vector<FileStamp> stamps_of(const Unit& unit, std::span<const SourceFile> files,
                                 std::span<const InputFlags> flags) {
  std::vector<FileStamp> stamps;
  for (FileId id : unit.files) stamps.push_back(FileStamp::of(id, files[id], flags[id]));
  return stamps;
}

}  // namespace

std::vector<Extracted> extract_units(std::span<const Unit> units, std::span<const SourceFile> files,
                                     std::span<const InputFlags> flags,
                                     std::span<LineIndex> line_indexes,
                                     const ExtractOptions& options) {
  std::vector<Extracted> extracted(units.size());
  std::vector<std::size_t> tasks;  // the units not taken from the cache
  std::vector<std::vector<FileStamp>> stamps(units.size());
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (options.cache) {
      stamps[u] = stamps_of(units[u], files, flags);
      if (const UnitCache::Entry* entry =
              options.cache->find(*front_end_of(units[u].kind), units[u], stamps[u])) {
        extracted[u] = entry->extracted;
        for (std::size_t i = 0; i < units[u].files.size(); ++i)
          line_indexes[units[u].files[i]] = entry->line_indexes[i];
        continue;
      }
    }
    tasks.push_back(u);
  }

  std::vector<std::uint64_t> estimates;  // of each task's peak memory
  for (std::size_t u : tasks) {
    std::uint64_t bytes = 0;
    for (FileId id : units[u].files) bytes += files[id].text.size();
    estimates.push_back(bytes * front_end_of(units[u].kind)->memory_per_byte);
  }
  parallel_for(tasks.size(), options.jobs, estimates, options.memory_budget, [&](std::size_t task) {
    const Unit& unit = units[tasks[task]];
    Extracted& out = extracted[tasks[task]];
    // A task that runs out of memory loses its own files only: what it built is freed, and the
    // others are reported.
    bool out_of_memory = false;
    try {
      if (options.on_task) options.on_task(files[unit.files.front()].path);
      front_end_of(unit.kind)->extract(
          UnitSources{unit, files, flags, line_indexes, options.read_outside, options.parse_cache},
          out);
    } catch (const std::bad_alloc&) {
      out_of_memory = true;
    } catch (const std::length_error&) {
      out_of_memory = true;
    }
    if (out_of_memory) {
      out = Extracted{};
      out.out_of_memory = true;
    }
#ifdef __GLIBC__
    // glibc keeps what a thread's arena freed for that thread: without this, large tasks run one
    // after another on different threads would add up as if they had run together.
    if (estimates[task] >= kTrimAfterBytes) ::malloc_trim(0);
#endif
  });

  if (options.cache) {
    for (std::size_t u : tasks) {
      if (extracted[u].out_of_memory || extracted[u].read_other_files) continue;
      UnitCache::Entry entry{std::move(stamps[u]), extracted[u], {}};
      for (FileId id : units[u].files) entry.line_indexes.push_back(line_indexes[id]);
      options.cache->store(*front_end_of(units[u].kind), units[u], std::move(entry));
    }
  }
  return extracted;
}

}  // namespace rolelint
