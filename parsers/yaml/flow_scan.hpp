#pragma once
// A scan of YAML text for a flow collection (`[...]`, `{...}`) that is never closed, before the
// parser reads it. yaml-cpp finds that only at the end of the input, after holding a token for
// every few bytes since the opening bracket (about 240 bytes of memory per input byte when the
// bracket opens a line or a sequence entry, where it might start a key) while the reader built a
// tree of all of it; a multi-MB broken file could exhaust memory.
#include <optional>
#include <string_view>

#include "linter/base/result.hpp"

namespace rolelint::yaml {

// Flow collections this close to the end of the text are left to the parser: they cost little,
// and the parser's own message is the more familiar one.
inline constexpr std::size_t kMinUnclosedFlowBytes = 64u << 10;

// The end of the quoted scalar whose opening quote (' or ") is at `open` in `text`: the offset
// just past its closing quote, or npos when the text ends inside it.
std::size_t quoted_scalar_end(std::string_view text, std::size_t open);

// The outermost flow collection of `text` that is still open at its end, as an error at its
// opening bracket, when at least kMinUnclosedFlowBytes follow that bracket. Nothing when every
// flow collection closes, or the scan cannot tell (an unterminated quoted scalar, mismatched
// brackets, nesting deeper than the parser allows): the parser then gives its verdict.
std::optional<ParseError> unclosed_flow_collection(std::string_view text);

// The longest flow collection accepted where a mapping key may start. yaml-cpp's scanner holds
// every token of a flow collection that may be a simple key (at the start of a line, of a block
// sequence entry or of an explicit key, tags and anchors included) until the collection ends and
// it sees whether a ':' follows: some 90 bytes of memory per byte of it. After a key's ':' it
// cannot be a key and is read as it goes. YAML itself limits an implicit key to 1024 characters
// on one line; a CloudFormation template has no reason to write a long list or mapping there.
inline constexpr std::size_t kMaxKeyFlowBytes = 64u << 10;

// The first error of the flow scan: a flow collection longer than kMaxKeyFlowBytes where a key
// may start (at its opening bracket), else unclosed_flow_collection()'s.
std::optional<ParseError> flow_collection_error(std::string_view text);

}  // namespace rolelint::yaml
