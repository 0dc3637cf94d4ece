#pragma once
// `file://` URIs and file system paths, both ways (RFC 8089 / RFC 3986 percent-encoding).
#include <optional>
#include <string>
#include <string_view>

namespace rolelint::lsp {

// The absolute path of a `file:` URI (`file:///a%20b/c.yaml` -> `/a b/c.yaml`), or nullopt for
// another scheme, a remote host or a bad escape.
std::optional<std::string> uri_to_path(std::string_view uri);

// The `file:` URI of an absolute path; unreserved characters and `/` stay, the rest is escaped.
std::string path_to_uri(std::string_view path);

}  // namespace rolelint::lsp
