#pragma once
// JSON-RPC base protocol framing: `Content-Length: N\r\n\r\n` then N bytes of body.
#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

namespace rolelint::lsp {

struct Frame {
  enum class Status : std::uint8_t {
    Message,    // `body` holds one message
    End,        // the stream ended between messages
    Truncated,  // the stream ended inside a message's header or body
    BadHeader,  // a header without a valid Content-Length (the header is consumed)
    TooLarge,   // a body longer than the limit: skipped, not stored; `length` says how long
  };
  Status status = Status::End;
  std::string body;
  std::size_t length = 0;
  std::string problem;  // what was wrong, for the log (BadHeader, Truncated, TooLarge)
};

// Reads the next frame. Header lines may end in "\r\n" or "\n"; header names are matched
// without regard to case; a header line longer than 8 KiB is a bad header.
Frame read_frame(std::istream& in, std::size_t max_body);

// The framed form of one message body.
std::string frame(std::string_view body);

}  // namespace rolelint::lsp
