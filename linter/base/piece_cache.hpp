#pragma once
// What a parser made of pieces of text, kept from one lint to the next and keyed by the piece's
// own bytes, so that the language server re-parses only the pieces an edit touched. Keyed by
// content, an entry cannot go stale: a changed piece is a different key.
//
// A value may hold views of its key's text (the `stored` text given to `parse`): that copy
// never moves and lives as long as the entry. Entries live until sweep(), which drops those no
// get() asked for since the sweep before; call it only when no value is in use (between lints).
// get() may be called from several threads at once.
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace rolelint {

template <class Value>
class PieceCache {
 public:
  // The value for `text`: the one kept, or `parse(stored)` on a copy of `text` (outside the
  // lock, so threads parse at once), kept for the next lints.
  template <class Parse>
  const Value& get(std::string_view text, Parse&& parse) {
    {
      std::lock_guard lock(mutex_);
      if (const auto it = entries_.find(text); it != entries_.end()) {
        it->second->used = true;
        return it->second->value;
      }
    }
    auto entry = std::make_unique<Entry>();
    entry->text.assign(text);
    entry->value = parse(std::string_view(entry->text));
    std::lock_guard lock(mutex_);
    ++parsed_;
    // Another thread may have parsed the same text meanwhile: the first one kept wins.
    auto [it, added] = entries_.try_emplace(std::string_view(entry->text), std::move(entry));
    it->second->used = true;
    return it->second->value;
  }

  // Drops the entries not asked for since the last sweep.
  void sweep() {
    std::lock_guard lock(mutex_);
    std::erase_if(entries_, [](auto& kept) { return !std::exchange(kept.second->used, false); });
  }
  void clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }
  // How many pieces get() parsed since the cache was made (tests count the reuse).
  std::size_t parsed() const {
    std::lock_guard lock(mutex_);
    return parsed_;
  }

 private:
  struct Entry {
    std::string text;  // the key's bytes: what the value's views point into
    Value value{};
    bool used = true;
  };
  mutable std::mutex mutex_;
  std::unordered_map<std::string_view, std::unique_ptr<Entry>> entries_;  // keys view Entry::text
  std::size_t parsed_ = 0;
};

}  // namespace rolelint
