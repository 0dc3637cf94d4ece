#pragma once
// A memory budget for tree-sitter. Its default allocator aborts the process when malloc fails,
// so one hostile Terraform file under a memory limit would end the whole run. rolelint installs
// an allocator that counts the bytes tree-sitter holds for the parse running on each thread; a
// parse stops (tree-sitter's progress callback cancels it) once they pass the file's budget, and
// the file is an input error while every other file is still linted.
//
// When malloc itself fails (an address-space limit, a machine out of memory) before the budget
// is reached, tree-sitter cannot be told: it does not check for NULL, and a C++ exception thrown
// from the allocator would unwind through its C frames, which are compiled without -fexceptions
// and would be left half-updated (arrays grown but not filled, subtrees counted but not owned),
// so the parser could be neither used nor freed. Instead the allocation is served from a reserve
// of address space mapped when the allocator is installed (kParseMemoryReserve, resident only as
// it is used), the parse on this thread is marked out of memory, and the progress callback
// cancels it at its next check (every 100 parser operations); freeing the parser and its trees
// gives the reserve back. Only a request the reserve cannot hold (or any, when the reserve could
// not be mapped) still aborts, as tree-sitter's own allocator would.
#include <cstddef>

struct TSParseState;  // tree_sitter/api.h

namespace rolelint::tf {

// tree-sitter's memory for a file may reach this many times the file's size, plus
// kParseMemoryFloor for the parser's own fixed state (stack, lexer, the first tree nodes).
inline constexpr std::size_t kParseMemoryPerByte = 10;
inline constexpr std::size_t kParseMemoryFloor = 64u << 20;
// The reserve that serves tree-sitter's allocations once malloc fails, until the parse stops:
// far more than the small blocks (subtrees, stack nodes: about 100 bytes each) 100 operations
// take, and small beside any address-space limit a run can work in. An array that doubles past
// it when malloc fails still aborts.
inline constexpr std::size_t kParseMemoryReserve = 16u << 20;

// The budget of a file of `bytes` bytes.
constexpr std::size_t parse_memory_budget(std::size_t bytes) {
  return kParseMemoryFloor + kParseMemoryPerByte * bytes;
}

// While alive, counts what tree-sitter allocates (less what it frees) on this thread, one per
// parse; a scope opened inside another counts alone until it ends. The counting allocator is
// installed on first use, before any tree-sitter object exists.
class ParseMemoryBudget {
 public:
  explicit ParseMemoryBudget(std::size_t limit);
  ~ParseMemoryBudget();
  ParseMemoryBudget(const ParseMemoryBudget&) = delete;
  ParseMemoryBudget& operator=(const ParseMemoryBudget&) = delete;

  std::size_t limit() const { return limit_; }
  // Bytes tree-sitter holds now, and the most it held, since this scope began.
  std::size_t held() const { return held_; }
  std::size_t peak() const { return peak_; }
  bool exceeded() const { return peak_ > limit_; }
  // malloc failed for tree-sitter on this thread while this scope was open (see above).
  bool out_of_memory() const { return out_of_memory_; }
  // Where in the text the parse was when cancel_over_budget() stopped it.
  std::size_t stopped_at() const { return stopped_at_; }

  // For the allocator: a block of `bytes` taken or given back on this thread.
  void take(std::size_t bytes);
  void give(std::size_t bytes);
  void fail() { out_of_memory_ = true; }

 private:
  std::size_t limit_;
  std::size_t held_ = 0;
  std::size_t peak_ = 0;
  std::size_t stopped_at_ = 0;
  bool out_of_memory_ = false;
  ParseMemoryBudget* outer_;  // the scope this one is inside, if any
  friend bool cancel_over_budget(::TSParseState* state);
};

// tree-sitter's progress callback (TSParseOptions): cancels the parse once the budget of the
// scope on this thread is exceeded or malloc failed.
bool cancel_over_budget(::TSParseState* state);

}  // namespace rolelint::tf
