#pragma once
// Copies of short texts kept together: blocks of bytes filled in order, so a parser's syntax
// tree can hold views (std::string_view) instead of a std::string per node. A copy's address
// never changes, also when the arena is moved; it lives as long as the arena.
//
// Blocks start small and double up to kMaxBlock: an arena that keeps a few words (a tree of one
// piece of a template that the language server caches, its tags and escaped scalars) costs
// about what it keeps, not a whole large block, and a large one still allocates rarely.
#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace rolelint {

class TextArena {
 public:
  std::string_view store(std::string_view text) {
    if (text.empty()) return {};
    if (text.size() > kMaxBlock / 4) {
      // A long text gets a block of its own, put before the current block, which keeps its room.
      std::unique_ptr<char[]> block(new char[text.size()]);
      std::memcpy(block.get(), text.data(), text.size());
      const std::string_view stored(block.get(), text.size());
      blocks_.insert(blocks_.empty() ? blocks_.end() : blocks_.end() - 1, std::move(block));
      reserved_ += text.size();
      return stored;
    }
    if (left_ < text.size()) {
      while (next_block_ < text.size()) next_block_ *= 2;  // at most kMaxBlock: text is shorter
      blocks_.emplace_back(new char[next_block_]);
      free_ = blocks_.back().get();
      left_ = next_block_;
      reserved_ += next_block_;
      next_block_ = std::min(next_block_ * 2, kMaxBlock);
    }
    char* at = free_;
    std::memcpy(at, text.data(), text.size());
    free_ += text.size();
    left_ -= text.size();
    return {at, text.size()};
  }

  // The bytes the arena's blocks take.
  std::size_t reserved() const { return reserved_; }

  static constexpr std::size_t kFirstBlock = 256;
  static constexpr std::size_t kMaxBlock = 64 * 1024;

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* free_ = nullptr;                  // the first free byte of the last block
  std::size_t left_ = 0;                  // free bytes at the end of the last block
  std::size_t next_block_ = kFirstBlock;  // the size of the next block
  std::size_t reserved_ = 0;
};

}  // namespace rolelint
