#include "parsers/terraform/ts_budget.hpp"

#include <tree_sitter/api.h>

#include <cstdlib>
#include <cstring>
#include <mutex>

namespace rolelint::tf {
namespace {

thread_local ParseMemoryBudget* current = nullptr;

// Each block starts with a header holding its size, so free and realloc know what they give back;
// the header keeps malloc's alignment.
constexpr std::size_t kHeader = alignof(std::max_align_t);

void* counted(void* base, std::size_t bytes) {
  if (!base) {
    // tree-sitter cannot handle a failed allocation (its own allocator aborts): neither can we.
    // The budget stops a parse long before malloc fails, unless the machine is out of memory.
    std::abort();
  }
  std::memcpy(base, &bytes, sizeof bytes);
  if (current) current->take(bytes);
  return static_cast<char*>(base) + kHeader;
}

void* base_of(void* ptr) { return static_cast<char*>(ptr) - kHeader; }

std::size_t size_of(void* base) {
  std::size_t bytes = 0;
  std::memcpy(&bytes, base, sizeof bytes);
  return bytes;
}

void* ts_budget_malloc(std::size_t bytes) { return counted(std::malloc(kHeader + bytes), bytes); }

void* ts_budget_calloc(std::size_t count, std::size_t size) {
  if (size != 0 && count > (SIZE_MAX - kHeader) / size) std::abort();
  return counted(std::calloc(1, kHeader + count * size), count * size);
}

void ts_budget_free(void* ptr) {
  if (!ptr) return;
  void* base = base_of(ptr);
  if (current) current->give(size_of(base));
  std::free(base);
}

void* ts_budget_realloc(void* ptr, std::size_t bytes) {
  if (!ptr) return ts_budget_malloc(bytes);
  void* base = base_of(ptr);
  const std::size_t old = size_of(base);
  void* moved = std::realloc(base, kHeader + bytes);
  if (moved && current) current->give(old);
  return counted(moved, bytes);
}

void install_counting_allocator() {
  static std::once_flag once;
  std::call_once(once, [] { ts_set_allocator(ts_budget_malloc, ts_budget_calloc, ts_budget_realloc, ts_budget_free); });
}

}  // namespace

ParseMemoryBudget::ParseMemoryBudget(std::size_t limit) : limit_(limit), outer_(current) {
  install_counting_allocator();
  current = this;
}

ParseMemoryBudget::~ParseMemoryBudget() { current = outer_; }

void ParseMemoryBudget::take(std::size_t bytes) {
  held_ += bytes;
  if (held_ > peak_) peak_ = held_;
}

// A block allocated before this scope (none in a parse, which creates its own parser) is
// given back without going below zero.
void ParseMemoryBudget::give(std::size_t bytes) { held_ -= bytes < held_ ? bytes : held_; }

bool cancel_over_budget(TSParseState* state) {
  if (!current || !current->exceeded()) return false;
  current->stopped_at_ = state->current_byte_offset;
  return true;
}

}  // namespace rolelint::tf
