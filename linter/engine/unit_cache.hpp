#pragma once
// Units already parsed and extracted, kept by the caller between lint() calls (LintOptions::
// cache): a unit whose files are unchanged (same ids, paths, contents and flags) is taken from
// here instead of being read again. The language server re-lints a module or workspace after an
// edit this way, reading only the units the edit touched.
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/front_end.hpp"

namespace rolelint {

// One file of a unit as it was read: a cached unit is reused only when every stamp matches.
struct FileStamp {
  FileId id = kNoFile;
  std::string path;
  std::size_t size = 0;
  std::size_t hash = 0;  // of the text
  InputFlags flags;

  static FileStamp of(FileId id, const SourceFile& file, const InputFlags& flags);
  friend bool operator==(const FileStamp& a, const FileStamp& b) {
    return a.id == b.id && a.path == b.path && a.size == b.size && a.hash == b.hash &&
           a.flags.explicit_path == b.flags.explicit_path &&
           a.flags.by_content == b.flags.by_content;
  }
};

// Holds one entry per unit (front end and unit key: a template's path, a module's directory),
// the one of its latest read: memory stays bounded by the units the caller lints. A unit whose
// value depends on files outside it (Terraform's file()) or that ran out of memory is not kept.
// Not thread-safe: give each concurrent lint() its own cache.
class UnitCache {
 public:
  struct Entry {
    std::vector<FileStamp> stamps;
    Extracted extracted;
    std::vector<LineIndex> line_indexes;  // parallel to stamps
  };

  // The entry of `unit` when its files are exactly `stamps`, else null.
  const Entry* find(const FrontEnd& front_end, const Unit& unit,
                    const std::vector<FileStamp>& stamps) const;
  void store(const FrontEnd& front_end, const Unit& unit, Entry entry);

  std::size_t size() const { return entries_.size(); }
  void clear() { entries_.clear(); }

 private:
  static std::string key(const FrontEnd& front_end, const Unit& unit);
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace rolelint
