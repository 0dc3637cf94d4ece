#include "parsers/terraform/ts_budget.hpp"

#include <sys/mman.h>
#include <tree_sitter/api.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace rolelint::tf {
namespace {

thread_local ParseMemoryBudget* current = nullptr;

// Each block starts with a header holding its size, so free and realloc know what they give back;
// the header keeps malloc's alignment.
constexpr std::size_t kHeader = alignof(std::max_align_t);

// The reserve (ts_budget.hpp): blocks are taken in order from one mapping, and it is used from its
// start again, its pages returned to the system, once every block taken from it is given back.
class Reserve {
 public:
  void map() {
    void* at = ::mmap(nullptr, kParseMemoryReserve, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (at != MAP_FAILED) base_ = static_cast<char*>(at);
  }
  bool owns(const void* block) const {
    const auto at = reinterpret_cast<std::uintptr_t>(block),
               base = reinterpret_cast<std::uintptr_t>(base_);
    return base_ && at >= base && at - base < kParseMemoryReserve;
  }
  // A block of `bytes` (zeroed), or null when the reserve cannot hold it.
  void* take(std::size_t bytes) {
    const std::lock_guard lock(mutex_);
    const std::size_t rounded = (bytes + kHeader - 1) / kHeader * kHeader;
    if (!base_ || bytes > kParseMemoryReserve || rounded > kParseMemoryReserve - used_)
      return nullptr;
    char* block = base_ + used_;
    used_ += rounded;
    ++live_;
    std::memset(block, 0, bytes);
    return block;
  }
  void give() {
    const std::lock_guard lock(mutex_);
    if (--live_ > 0) return;
    ::madvise(base_, used_, MADV_DONTNEED);  // resident no more; reads as zeros
    used_ = 0;
  }

 private:
  char* base_ = nullptr;  // set once, before the allocator is installed
  std::mutex mutex_;
  std::size_t used_ = 0;
  std::size_t live_ = 0;
};

Reserve reserve;

void* counted(void* base, std::size_t bytes) {
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

// A block for `bytes`, zeroed when asked: malloc's, or once malloc fails the reserve's, and the
// parse on this thread stops at its next progress check.
void* allocate(std::size_t bytes, bool zeroed) {
  if (bytes > SIZE_MAX - kHeader) std::abort();
  void* base = zeroed ? std::calloc(1, kHeader + bytes) : std::malloc(kHeader + bytes);
  if (!base) {
    if (current) current->fail();
    base = reserve.take(kHeader + bytes);
    // Neither malloc nor the reserve: tree-sitter cannot go on, as with its own allocator.
    if (!base) std::abort();
  }
  return counted(base, bytes);
}

void* ts_budget_malloc(std::size_t bytes) { return allocate(bytes, false); }

void* ts_budget_calloc(std::size_t count, std::size_t size) {
  if (size != 0 && count > (SIZE_MAX - kHeader) / size) std::abort();
  return allocate(count * size, true);
}

void ts_budget_free(void* ptr) {
  if (!ptr) return;
  void* base = base_of(ptr);
  if (current) current->give(size_of(base));
  if (reserve.owns(base)) {
    reserve.give();
  } else {
    std::free(base);
  }
}

void* ts_budget_realloc(void* ptr, std::size_t bytes) {
  if (!ptr) return ts_budget_malloc(bytes);
  void* base = base_of(ptr);
  const std::size_t old = size_of(base);
  if (!reserve.owns(base) && bytes <= SIZE_MAX - kHeader) {
    if (void* moved = std::realloc(base, kHeader + bytes)) {
      if (current) current->give(old);
      return counted(moved, bytes);
    }
  }
  // A block of the reserve, or realloc failed (the block is still there): a new block, a copy.
  void* fresh = ts_budget_malloc(bytes);
  std::memcpy(fresh, ptr, old < bytes ? old : bytes);
  ts_budget_free(ptr);
  return fresh;
}

void install_counting_allocator() {
  static std::once_flag once;
  std::call_once(once, [] {
    reserve.map();
    ts_set_allocator(ts_budget_malloc, ts_budget_calloc, ts_budget_realloc, ts_budget_free);
  });
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
  if (!current || !(current->exceeded() || current->out_of_memory())) return false;
  current->stopped_at_ = state->current_byte_offset;
  return true;
}

}  // namespace rolelint::tf
