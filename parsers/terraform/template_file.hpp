#pragma once
// Terraform's templatefile(): renders a template when every part of it is known.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace rolelint::tf {

// The text of `tmpl` with each `${name}` replaced by `var(name)`, and `$${` / `%%{` by the
// literal `${` / `%{`. Nullopt (an unknown value) when an interpolation is anything but a plain
// variable name, `var` does not know it, the template holds a `%{...}` directive, or the text
// would pass kMaxRenderedBytes (a template that repeats a large variable must not exhaust memory).
inline constexpr std::size_t kMaxRenderedBytes = 4u << 20;
std::optional<std::string> render_template(
    std::string_view tmpl,
    const std::function<std::optional<std::string_view>(std::string_view name)>& var);

}  // namespace rolelint::tf
