#include "linter/engine/unit_cache.hpp"

#include <functional>
#include <utility>

namespace rolelint {

FileStamp FileStamp::of(FileId id, const SourceFile& file, const InputFlags& flags) {
  return {id, file.path, file.text.size(), std::hash<std::string_view>{}(file.text), flags};
}

std::string UnitCache::key(const FrontEnd& front_end, const Unit& unit) {
  std::string key(front_end.name);
  key += '\0';
  key += unit.key;
  return key;
}

const UnitCache::Entry* UnitCache::find(const FrontEnd& front_end, const Unit& unit,
                                        const std::vector<FileStamp>& stamps) const {
  const auto it = entries_.find(key(front_end, unit));
  return it != entries_.end() && it->second.stamps == stamps ? &it->second : nullptr;
}

void UnitCache::store(const FrontEnd& front_end, const Unit& unit, Entry entry) {
  entries_.insert_or_assign(key(front_end, unit), std::move(entry));
}

}  // namespace rolelint
