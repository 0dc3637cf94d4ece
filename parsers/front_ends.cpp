#include "parsers/front_end.hpp"

namespace rolelint {

namespace cfn {
extern const FrontEnd front_end;
}
namespace tf {
extern const FrontEnd front_end;
}

std::span<const FrontEnd* const> front_ends() {
  // One line per front end. A file is the first one's that detects it; units are merged in
  // this order (every template, then every Terraform module).
  static constexpr const FrontEnd* kAll[] = {
      &cfn::front_end,
      &tf::front_end,
  };
  return kAll;
}

const FrontEnd* front_end_of(SourceKind kind) {
  for (const FrontEnd* f : front_ends()) {
    if (contains(f->kinds, kind)) return f;
  }
  return nullptr;
}

InputError to_input_error(const SourceFile& file, const LineIndex& index, const ParseError& e) {
  const Position p = index.position(file.text, e.offset);
  return InputError{file.path, p.line, p.column, e.message};
}

}  // namespace rolelint
