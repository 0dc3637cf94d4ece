#pragma once
// A UTF-16 file (Windows editors save templates so) is decoded to UTF-8 before anything reads
// the text. Line numbers stay exact; columns count the code points of the decoded text. A UTF-8
// byte order mark is left in place: the readers skip it, and offsets stay those of the file.
#include <optional>
#include <string>

namespace rolelint {

// Decodes `text` in place when it starts with a UTF-16 (LE or BE) byte order mark. Returns an error
// message naming the encoding when UTF-16 does not decode (an odd length, an unpaired surrogate),
// or when the decoded text would not fit 32-bit positions.
std::optional<std::string> decode_to_utf8(std::string& text);

}  // namespace rolelint
