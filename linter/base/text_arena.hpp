#pragma once
// Copies of short texts kept together: blocks of bytes filled in order, so a parser's syntax
// tree can hold views (std::string_view) instead of a std::string per node. A copy's address
// never changes, also when the arena is moved; it lives as long as the arena.
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace rolelint {

class TextArena {
 public:
  std::string_view store(std::string_view text) {
    if (text.empty()) return {};
    if (text.size() > kBlock / 4) {
      // A long text gets a block of its own, put before the current block, which keeps its room.
      std::unique_ptr<char[]> block(new char[text.size()]);
      std::memcpy(block.get(), text.data(), text.size());
      const std::string_view stored(block.get(), text.size());
      blocks_.insert(blocks_.empty() ? blocks_.end() : blocks_.end() - 1, std::move(block));
      return stored;
    }
    if (left_ < text.size()) {
      blocks_.emplace_back(new char[kBlock]);
      left_ = kBlock;
    }
    char* at = blocks_.back().get() + (kBlock - left_);
    std::memcpy(at, text.data(), text.size());
    left_ -= text.size();
    return {at, text.size()};
  }

 private:
  static constexpr std::size_t kBlock = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t left_ = 0;  // free bytes at the end of the last block
};

}  // namespace rolelint
