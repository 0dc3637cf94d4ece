// The language server's building blocks: message framing, LSP positions in UTF-16 and UTF-8,
// incremental edits and file URIs.
#include <catch2/catch.hpp>
#include <sstream>
#include <streambuf>
#include <string>

#include "linter/lsp/documents.hpp"
#include "linter/lsp/framing.hpp"
#include "linter/lsp/positions.hpp"
#include "linter/lsp/uri.hpp"

using namespace rolelint::lsp;

namespace {

// A stream buffer that hands out its text one byte per read, as a slow pipe would.
class TrickleBuf : public std::streambuf {
 public:
  explicit TrickleBuf(std::string text) : text_(std::move(text)) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (next_ >= text_.size()) return traits_type::eof();
    char* at = text_.data() + next_++;
    setg(at, at, at + 1);
    return traits_type::to_int_type(*at);
  }

 private:
  std::string text_;
  std::size_t next_ = 0;
};

}  // namespace

TEST_CASE("framing reads several messages from one read", "[lsp][framing]") {
  std::istringstream in(frame(R"({"a":1})") + frame(R"({"b":2})") + frame("{}"));
  CHECK(read_frame(in, 1000).body == R"({"a":1})");
  CHECK(read_frame(in, 1000).body == R"({"b":2})");
  const Frame third = read_frame(in, 1000);
  CHECK(third.status == Frame::Status::Message);
  CHECK(third.body == "{}");
  CHECK(read_frame(in, 1000).status == Frame::Status::End);
}

TEST_CASE("framing reads a message that arrives one byte at a time", "[lsp][framing]") {
  TrickleBuf buf(
      "Content-Length: 11\r\nContent-Type: application/vscode-jsonrpc; "
      "charset=utf-8\r\n\r\n{\"id\":\"é\"}" +
      frame("[]"));
  std::istream in(&buf);
  const Frame first = read_frame(in, 1000);
  CHECK(first.status == Frame::Status::Message);
  CHECK(first.body == "{\"id\":\"é\"}");
  CHECK(read_frame(in, 1000).body == "[]");
  CHECK(read_frame(in, 1000).status == Frame::Status::End);
}

TEST_CASE("framing takes bare newlines and any case of the header name", "[lsp][framing]") {
  std::istringstream in("\r\ncontent-length: 2\n\n{}CONTENT-LENGTH:2\r\n\r\n[]");
  CHECK(read_frame(in, 100).body == "{}");
  CHECK(read_frame(in, 100).body == "[]");
}

TEST_CASE("framing reports a header without a body as truncated", "[lsp][framing]") {
  std::istringstream in("Content-Length: 10\r\n\r\n{\"a\"");
  const Frame f = read_frame(in, 100);
  CHECK(f.status == Frame::Status::Truncated);
  CHECK(f.problem == "the input ended inside a message body (4 of 10 bytes)");
  std::istringstream header_only("Content-Length: 10\r\n");
  CHECK(read_frame(header_only, 100).status == Frame::Status::Truncated);
}

TEST_CASE("framing skips a header without Content-Length and reads on", "[lsp][framing]") {
  std::istringstream in("Content-Type: x\r\n\r\nContent-Length: abc\r\n\r\n" + frame("{}"));
  const Frame missing = read_frame(in, 100);
  CHECK(missing.status == Frame::Status::BadHeader);
  CHECK(missing.problem == "a message header without Content-Length");
  const Frame bad = read_frame(in, 100);
  CHECK(bad.status == Frame::Status::BadHeader);
  CHECK(bad.problem == "bad Content-Length header 'Content-Length: abc'");
  CHECK(read_frame(in, 100).body == "{}");
}

TEST_CASE("framing skips a body over the limit without keeping it", "[lsp][framing]") {
  std::istringstream in(frame(std::string(5000, 'x')) + frame("{}"));
  const Frame big = read_frame(in, 1000);
  CHECK(big.status == Frame::Status::TooLarge);
  CHECK(big.length == 5000);
  CHECK(big.body.empty());
  CHECK(big.problem == "a message of 5000 bytes, larger than the limit of 1000 bytes");
  CHECK(read_frame(in, 1000).body == "{}");
}

TEST_CASE("framing rejects a header line that never ends", "[lsp][framing]") {
  std::istringstream in(std::string(20000, 'h') + "\r\n\r\n" + frame("{}"));
  CHECK(read_frame(in, 100).status == Frame::Status::BadHeader);
  CHECK(read_frame(in, 100).body == "{}");
}

TEST_CASE("positions count UTF-16 code units, surrogate pairs as two", "[lsp][positions]") {
  // "a", "é" (2 bytes, 1 unit), "😀" (4 bytes, 2 units), "b"
  const std::string text =
      "x\na\xC3\xA9\xF0\x9F\x98\x80"
      "b\n";
  const LineTable lines(text);
  const std::uint32_t b = static_cast<std::uint32_t>(text.find('b'));
  CHECK(lines.position(text, b, Encoding::Utf16) == LspPosition{1, 4});
  CHECK(lines.position(text, b, Encoding::Utf8) == LspPosition{1, 7});
  CHECK(lines.offset(text, {1, 4}, Encoding::Utf16) == b);
  CHECK(lines.offset(text, {1, 7}, Encoding::Utf8) == b);
  // Inside the surrogate pair (UTF-16) or inside the character (UTF-8): its start.
  CHECK(lines.offset(text, {1, 3}, Encoding::Utf16) == b - 4);
  CHECK(lines.offset(text, {1, 5}, Encoding::Utf8) == b - 4);
  CHECK(lines.position(text, b - 2, Encoding::Utf16) == LspPosition{1, 2});
}

TEST_CASE("positions break lines at \\n, \\r\\n and \\r and clamp past the end",
          "[lsp][positions]") {
  const std::string text = "ab\r\ncd\ref\n";
  const LineTable lines(text);
  CHECK(lines.line_count() == 4);
  CHECK(lines.position(text, 4, Encoding::Utf16) == LspPosition{1, 0});
  CHECK(lines.position(text, 7, Encoding::Utf16) == LspPosition{2, 0});
  CHECK(lines.position(text, 3, Encoding::Utf16) == LspPosition{0, 2});  // the "\n" of "\r\n"
  CHECK(lines.offset(text, {0, 99}, Encoding::Utf16) == 2);  // end of line, before "\r\n"
  CHECK(lines.offset(text, {1, 99}, Encoding::Utf16) == 6);
  CHECK(lines.offset(text, {99, 0}, Encoding::Utf16) == text.size());
  CHECK(lines.position(text, 999, Encoding::Utf16) == LspPosition{3, 0});
}

TEST_CASE("positions break lines at \\n alone in a text without \\r", "[lsp][positions]") {
  const std::string text = "ab\ncd\n\nef\n";
  const LineTable lines(text);
  CHECK(lines.line_count() == 5);
  CHECK(lines.position(text, 3, Encoding::Utf16) == LspPosition{1, 0});
  CHECK(lines.position(text, 6, Encoding::Utf16) == LspPosition{2, 0});
  CHECK(lines.position(text, 8, Encoding::Utf16) == LspPosition{3, 1});
  CHECK(lines.position(text, 10, Encoding::Utf16) == LspPosition{4, 0});
  CHECK(lines.offset(text, {1, 99}, Encoding::Utf16) == 5);
  CHECK(LineTable("no break").line_count() == 1);
}

TEST_CASE("positions count a broken UTF-8 byte as one unit", "[lsp][positions]") {
  const std::string text =
      "\xC3z\xF0\x9F"
      "b";
  const LineTable lines(text);
  CHECK(lines.position(text, 4, Encoding::Utf16) == LspPosition{0, 4});
  CHECK(lines.offset(text, {0, 4}, Encoding::Utf16) == 4);
}

TEST_CASE("a code-point column becomes a byte offset", "[lsp][positions]") {
  const std::string text = "k\n\xC3\xA9\xF0\x9F\x98\x80x: 1\n";
  CHECK(code_point_column_offset(text, 2, 3) == 8);  // "x", after two characters
  CHECK(code_point_column_offset(text, 2, 99) == text.size() - 1);
}

TEST_CASE("incremental edits replace ranges in the negotiated encoding", "[lsp][documents]") {
  std::string text = "a: \xF0\x9F\x98\x80 old\nb: 2\n";
  apply_change(text, {LspRange{{0, 6}, {0, 9}}, "new"}, Encoding::Utf16);
  CHECK(text == "a: \xF0\x9F\x98\x80 new\nb: 2\n");
  apply_change(text, {LspRange{{0, 8}, {0, 11}}, "NEW"}, Encoding::Utf8);
  CHECK(text == "a: \xF0\x9F\x98\x80 NEW\nb: 2\n");
  apply_change(text, {LspRange{{1, 0}, {2, 0}}, ""}, Encoding::Utf16);  // delete a line
  CHECK(text == "a: \xF0\x9F\x98\x80 NEW\n");
  apply_change(text, {LspRange{{1, 0}, {1, 0}}, "c: 3\n"}, Encoding::Utf16);  // insert at the end
  CHECK(text == "a: \xF0\x9F\x98\x80 NEW\nc: 3\n");
  apply_change(text, {LspRange{{1, 4}, {1, 0}}, "d"}, Encoding::Utf16);  // reversed range
  CHECK(text == "a: \xF0\x9F\x98\x80 NEW\nd\n");
  apply_change(text, {std::nullopt, "whole"}, Encoding::Utf16);
  CHECK(text == "whole");
}

TEST_CASE("file URIs become paths and back", "[lsp][uri]") {
  CHECK(uri_to_path("file:///tmp/a%20b/c.yaml") == "/tmp/a b/c.yaml");
  CHECK(uri_to_path("file://localhost/x.tf") == "/x.tf");
  CHECK(uri_to_path("FILE:///x%C3%A9.tf") == "/x\xC3\xA9.tf");
  CHECK(uri_to_path("untitled:Untitled-1") == std::nullopt);
  CHECK(uri_to_path("file://server/share/x.tf") == std::nullopt);
  CHECK(uri_to_path("file:///bad%2") == std::nullopt);
  CHECK(uri_to_path("file:///nul%00") == std::nullopt);
  CHECK(path_to_uri("/tmp/a b/c#1.yaml") == "file:///tmp/a%20b/c%231.yaml");
  CHECK(uri_to_path(path_to_uri("/t/\xC3\xA9 %/x.tf")) == "/t/\xC3\xA9 %/x.tf");
}
