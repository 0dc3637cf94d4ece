#include "linter/model/value.hpp"

#include <utility>

namespace rolelint::model {

std::string too_large_message() {
  return "value too large to evaluate (over " + std::to_string(kMaxStringBytes) + " bytes / " +
         std::to_string(kMaxAlternatives) + " alternatives); treated as unknown";
}

Template::Template(std::string&& literal) {
  if (!literal.empty()) parts_.emplace_back(Part::literal(std::move(literal)));
}

Template Template::of_hole(Hole hole) {
  Template t;
  t.append_hole(std::move(hole));
  return t;
}

Template Template::too_large() {
  Template t;
  t.parts_.push_back(Part::too_large());
  return t;
}

bool Template::is_too_large() const {
  return parts_.size() == 1 && parts_.items().front().is_too_large();
}

void Template::append_literal(std::string_view text) {
  if (text.empty() || is_too_large()) return;
  if (known_length() + text.size() > kMaxStringBytes) {
    *this = too_large();
  } else if (!parts_.empty() && !parts_.back().is_hole()) {
    parts_.back().text.append(text);
  } else {
    parts_.push_back(Part::literal(std::string(text)));
  }
}

namespace {

const std::shared_ptr<const Hole>& too_large_hole() {
  static const auto kHole =
      std::make_shared<const Hole>(Hole{HoleKind::Unknown, "(too large)", {}});
  return kHole;
}

}  // namespace

Part Part::too_large() { return Part({}, too_large_hole()); }

bool Part::is_too_large() const { return hole_ == too_large_hole(); }

const Hole& Part::hole() const {
  static const Hole kNone;
  return hole_ ? *hole_ : kNone;
}

void Template::append_hole(Hole hole) {
  if (is_too_large()) return;
  if (parts_.size() >= kMaxTemplateParts) {
    *this = too_large();
  } else {
    parts_.push_back(Part::of_hole(std::move(hole)));
  }
}

void Template::append(const Template& other) {
  if (is_too_large()) return;
  if (other.is_too_large() || known_length() + other.known_length() > kMaxStringBytes ||
      parts_.size() + other.parts_.size() > kMaxTemplateParts) {
    *this = too_large();
    return;
  }
  for (const Part& p : other.parts_.items()) {
    if (p.is_hole()) {
      parts_.push_back(p);  // shares the hole
    } else {
      append_literal(p.text);
    }
  }
}

bool Template::is_known() const {
  for (const Part& p : parts_.items()) {
    if (p.is_hole()) return false;
  }
  return true;
}

std::optional<std::string_view> Template::known() const& {
  if (!is_known()) return std::nullopt;
  return parts_.empty() ? std::string_view() : std::string_view(parts_.items().front().text);
}

std::string Template::known_prefix() const {
  if (parts_.empty() || parts_.items().front().is_hole()) return {};
  return parts_.items().front().text;
}

std::string Template::known_suffix() const {
  if (parts_.empty() || parts_.items().back().is_hole()) return {};
  return parts_.items().back().text;
}

std::size_t Template::known_length() const {
  std::size_t n = 0;
  for (const Part& p : parts_.items()) {
    if (!p.is_hole()) n += p.text.size();
  }
  return n;
}

bool Template::has_unknown_hole() const {
  for (const Part& p : parts_.items()) {
    if (p.is_hole() && p.hole().kind != HoleKind::OwnAccount &&
        p.hole().kind != HoleKind::Partition && p.hole().kind != HoleKind::Region) {
      return true;
    }
  }
  return false;
}

std::string Template::display() const {
  std::string out;
  for (const Part& p : parts_.items()) {
    if (!p.is_hole()) {
      out += p.text;
      continue;
    }
    out += "${";
    out += p.hole().target.empty() ? "?" : p.hole().target;
    if (!p.hole().attribute.empty()) {
      out += '.';
      out += p.hole().attribute;
    }
    out += '}';
  }
  return out;
}

// Both build the value in place (returned without a copy): the most frequent construction of
// evaluation, where moving a template through each layer showed in the profile.
Value Value::known(std::string text, Span span) {
  Value v;
  v.present_ = true;
  v.alts_.emplace_back(std::move(text));
  v.span_ = span;
  return v;
}

Value Value::of_template(Template t, Span span) {
  if (t.is_too_large()) return too_large(span);
  Value v;
  v.present_ = true;
  v.alts_.emplace_back(std::move(t));
  v.span_ = span;
  return v;
}

Value Value::unknown(Span span) {
  Value v;
  v.present_ = true;
  v.span_ = span;
  return v;
}

Value Value::too_large(Span span) {
  Value v = unknown(span);
  v.too_large_ = true;
  return v;
}

Value Value::alternatives(std::vector<Value> options, Span span) {
  Value v;
  v.span_ = span;
  bool unknown_option = false;
  for (Value& o : options) {
    if (!o.present_) continue;  // an absent branch (AWS::NoValue) adds no value
    if (o.too_large_) return std::move(o);
    if (o.alts_.empty()) unknown_option = true;
    if (unknown_option) continue;  // a later option may still be too large
    for (Template& t : o.alts_.items()) {
      bool dup = false;
      for (const Template& have : v.alts_.items()) dup = dup || have == t;
      if (dup) continue;
      if (v.alts_.size() == kMaxAlternatives) return too_large(span);
      v.alts_.push_back(std::move(t));
    }
    v.present_ = true;
  }
  return unknown_option ? unknown(span) : v;
}

Value concat(std::span<const Value> pieces, std::string_view delimiter, Span span) {
  std::vector<Template> acc(1);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const Value& piece = pieces[i];
    if (piece.is_too_large()) return piece;
    if (!piece.present()) continue;
    if (piece.is_unknown()) {
      for (Template& t : acc) {
        if (i) t.append_literal(delimiter);
        t.append_hole({HoleKind::Unknown, {}, {}});
      }
      continue;
    }
    if (acc.size() * piece.options().size() > kMaxAlternatives) return Value::too_large(span);
    std::vector<Template> next;
    next.reserve(acc.size() * piece.options().size());
    for (const Template& base : acc) {
      for (const Template& option : piece.options()) {
        Template t = base;
        if (i) t.append_literal(delimiter);
        t.append(option);
        if (t.is_too_large()) return Value::too_large(span);
        next.push_back(std::move(t));
      }
    }
    acc = std::move(next);
  }
  if (acc.size() == 1) return Value::of_template(std::move(acc.front()), span);
  std::vector<Value> options;
  for (Template& t : acc) options.push_back(Value::of_template(std::move(t), span));
  return Value::alternatives(std::move(options), span);
}

BoxedValue& BoxedValue::operator=(Value value) {
  if (!value.present() && !value.span().valid() && !value.is_too_large()) {
    value_.reset();
  } else if (value_) {
    *value_ = std::move(value);
  } else {
    value_ = std::make_unique<Value>(std::move(value));
  }
  return *this;
}

const Value& BoxedValue::absent() {
  static const Value kAbsent;
  return kAbsent;
}

Value::Kind Value::kind() const {
  if (!present_) return Kind::Absent;
  if (alts_.empty()) return Kind::Unknown;
  if (alts_.size() > 1) return Kind::Alternatives;
  return alts_.items().front().is_known() ? Kind::Known : Kind::Partial;
}

std::optional<std::string_view> Value::known() const& {
  const std::span<const Template> alts = alts_.items();
  if (alts.size() != 1) return std::nullopt;
  return alts.front().known();
}

std::string Value::display() const {
  if (!present_) return "(absent)";
  if (alts_.empty()) return "(unknown)";
  std::string out;
  const std::span<const Template> alts = alts_.items();
  for (std::size_t i = 0; i < alts.size(); ++i) {
    if (i) out += " | ";
    out += alts[i].display();
  }
  return out;
}

std::size_t evaluation_cost(const Value& v) {
  std::size_t bytes = 0;
  for (const Template& t : v.options()) bytes += t.known_length();
  return bytes / kEvaluationBytesPerStep;
}

}  // namespace rolelint::model
