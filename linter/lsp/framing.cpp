#include "linter/lsp/framing.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "linter/base/str_cat.hpp"

namespace rolelint::lsp {
namespace {

constexpr std::size_t kMaxHeaderLine = 8192;

enum class LineRead : std::uint8_t { Ok, End, TooLong };

// One header line without its line break.
LineRead read_line(std::istream& in, std::string& line) {
  line.clear();
  for (;;) {
    const int c = in.get();
    if (c == std::char_traits<char>::eof()) return LineRead::End;
    if (c == '\n') break;
    if (line.size() >= kMaxHeaderLine) {
      in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
      return LineRead::TooLong;
    }
    line += static_cast<char>(c);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return LineRead::Ok;
}

bool iequals_prefix(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  }
  return true;
}

// The value of a Content-Length header: digits only, at most 15 of them.
bool parse_length(std::string_view value, std::size_t& out) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty() || value.size() > 15) return false;
  out = 0;
  for (const char c : value) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<std::size_t>(c - '0');
  }
  return true;
}

}  // namespace

Frame read_frame(std::istream& in, std::size_t max_body) {
  Frame frame;
  std::string line;
  bool any = false;  // a header line was read (blank lines between messages are skipped)
  bool have_length = false, bad = false;
  for (;;) {
    const LineRead r = read_line(in, line);
    if (r == LineRead::End) {
      any = any || !line.empty();
      frame.status = any ? Frame::Status::Truncated : Frame::Status::End;
      if (any) frame.problem = "the input ended inside a message header";
      return frame;
    }
    if (r == LineRead::TooLong) {
      any = true;
      bad = true;
      frame.problem = "a header line longer than 8192 bytes";
      continue;
    }
    if (line.empty()) {
      if (!any) continue;
      break;
    }
    any = true;
    constexpr std::string_view kName = "content-length:";
    if (iequals_prefix(line, kName)) {
      if (!parse_length(std::string_view(line).substr(kName.size()), frame.length)) {
        bad = true;
        frame.problem = str_cat("bad Content-Length header '", line.substr(0, 100), "'");
      } else {
        have_length = true;
      }
    }
  }
  if (bad || !have_length) {
    frame.status = Frame::Status::BadHeader;
    if (frame.problem.empty()) frame.problem = "a message header without Content-Length";
    return frame;
  }
  if (frame.length > max_body) {
    frame.status = Frame::Status::TooLarge;
    frame.problem = str_cat("a message of ", frame.length, " bytes, larger than the limit of ",
                            max_body, " bytes");
    in.ignore(static_cast<std::streamsize>(frame.length));
    if (static_cast<std::size_t>(in.gcount()) < frame.length)
      frame.status = Frame::Status::Truncated;
    return frame;
  }
  frame.body.resize(frame.length);
  in.read(frame.body.data(), static_cast<std::streamsize>(frame.length));
  if (static_cast<std::size_t>(in.gcount()) < frame.length) {
    frame.status = Frame::Status::Truncated;
    frame.problem = str_cat("the input ended inside a message body (", in.gcount(), " of ",
                            frame.length, " bytes)");
    frame.body.clear();
    return frame;
  }
  frame.status = Frame::Status::Message;
  return frame;
}

std::string frame(std::string_view body) {
  return str_cat("Content-Length: ", body.size(), "\r\n\r\n", body);
}

}  // namespace rolelint::lsp
