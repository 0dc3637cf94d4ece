#pragma once
// Symbolic string values: known, partly known (a template with holes), a set of alternatives
// (every branch of a condition), or unknown. Every value carries its source span.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "linter/base/one_or_many.hpp"
#include "linter/diagnostics/source.hpp"

namespace rolelint::model {

// The caps on evaluation, shared by both front ends. A value past either is unknown (so never a
// finding) and marked too large (Value::too_large()), and the front end tells the user once per
// file, with a note at the first such value.
//
// The literal text of one evaluated string (a Template): IAM documents are at most a few KiB
// (a role's inline policies together 10,240 characters), so a longer evaluated string is no
// policy anyone deploys, only a string doubling through nested functions or references.
inline constexpr std::size_t kMaxStringBytes = 128u << 10;
// The parts of one Template: a hole costs a part, so this bounds a template of holes as well.
inline constexpr std::size_t kMaxTemplateParts = kMaxStringBytes / 64;
// The alternatives of one Value (every combination of the branches of the conditions it
// depends on): more than this many deployments of one string are not followed one by one.
inline constexpr std::size_t kMaxAlternatives = 32;
// The evaluation steps for one template or Terraform module (an intrinsic function, an
// expression): aliases and references reuse what they name, so work is not bounded by size.
inline constexpr std::size_t kEvaluationBudget = 1'000'000;
// A string evaluation yields (built, or copied from what a reference names) costs a step per
// this many bytes of its text as well, so the budget bounds the bytes built, 64 MB, and not only
// the calls: a 4 MB value referenced 2,000 times is 2,000 steps but 8 GB (evaluation_cost()).
inline constexpr std::size_t kEvaluationBytesPerStep = 64;
// The nesting of one evaluation (functions within functions, references followed through
// references): deeper is unknown. Real templates nest a few levels; the cap bounds the stack.
inline constexpr unsigned kMaxEvaluationDepth = 64;

// The note a front end's too-large value earns: "value too large to evaluate (over ...)".
std::string too_large_message();

// What a hole stands for. The model is source independent: a CloudFormation `${AWS::AccountId}`
// and Terraform's `data.aws_caller_identity.current.account_id` are both OwnAccount.
enum class HoleKind : std::uint8_t {
  Unknown,     // nothing is known (an import, an unsupported function, ...)
  OwnAccount,  // the account the template or module deploys to
  Partition,   // the AWS partition (aws, aws-cn, aws-us-gov)
  Region,
  Parameter,  // an input the deployer can override (CFN parameter, Terraform variable)
  Resource,   // an attribute of a resource in the same source (name, ARN, id)
};

struct Hole {
  HoleKind kind = HoleKind::Unknown;
  std::string target;  // "AWS::AccountId", parameter name, resource id ("MyRole", "aws_iam_role.x")
  std::string attribute;  // for Resource: "Arn", "Name", "RoleId", ... (empty for Ref)
  friend bool operator==(const Hole&, const Hole&) = default;
};

// Literal text or a hole. Most parts are literal, so a hole is kept out of line (and shared
// between copies, since it never changes): a part is a string and a pointer.
class Part {
 public:
  static Part literal(std::string&& literal_text) { return Part(std::move(literal_text), nullptr); }
  static Part of_hole(Hole hole) { return Part({}, std::make_shared<const Hole>(std::move(hole))); }

  // The hole of Template::too_large(): one object, told apart from any hole a source spells.
  static Part too_large();

  bool is_hole() const { return hole_ != nullptr; }
  bool is_too_large() const;
  // What the hole stands for; an Unknown hole with no target for a literal part.
  const Hole& hole() const;

  std::string text;  // literal text when !is_hole()

  friend bool operator==(const Part& a, const Part& b) {
    return a.text == b.text && a.is_hole() == b.is_hole() && (!a.is_hole() || *a.hole_ == *b.hole_);
  }

 private:
  Part(std::string&& literal_text, std::shared_ptr<const Hole> hole)
      : text(std::move(literal_text)), hole_(std::move(hole)) {}
  std::shared_ptr<const Hole> hole_;
};

// One possible value: literal text interleaved with holes.
class Template {
 public:
  Template() = default;
  explicit Template(std::string&& literal);  // by reference: values are built by the thousand
  static Template of_hole(Hole hole);
  // A template that went over kMaxStringBytes or kMaxTemplateParts: a single unknown hole, which
  // Value::of_template turns into a too-large unknown value.
  static Template too_large();

  // Past the caps, each turns this template into too_large() (and leaves it so).
  void append(const Template& other);
  void append_literal(std::string_view text);
  void append_hole(Hole hole);
  bool is_too_large() const;

  std::span<const Part> parts() const { return parts_.items(); }
  bool is_known() const;  // no holes
  // The text when fully known: a view of this template's storage, so never of a temporary.
  std::optional<std::string_view> known() const&;
  std::optional<std::string_view> known() const&& = delete;
  std::string known_prefix() const;  // literal text before the first hole
  std::string known_suffix() const;  // literal text after the last hole
  std::size_t known_length() const;  // total literal characters (a lower bound)
  bool has_unknown_hole() const;     // a hole that is not OwnAccount/Partition/Region
  std::string display() const;       // text with holes as ${...}

  friend bool operator==(const Template&, const Template&) = default;

 private:
  OneOrMany<Part> parts_;  // most templates are one literal: kept inline
};

class Value {
 public:
  enum class Kind : std::uint8_t { Absent, Known, Partial, Alternatives, Unknown };

  Value() = default;  // absent: the property is not there
  static Value known(std::string text, Span span);
  static Value of_template(Template t, Span span);
  static Value unknown(Span span);
  // The options of every value in turn, without duplicates; unknown if one is unknown, too large
  // if one is (that one) or if there are more than kMaxAlternatives.
  static Value alternatives(std::vector<Value> options, Span span);
  // An unknown value that is unknown because evaluating it went over a cap (see kMaxStringBytes).
  static Value too_large(Span span);

  Kind kind() const;
  bool present() const { return present_; }
  bool is_unknown() const { return present_ && alts_.empty(); }
  bool is_too_large() const { return too_large_; }
  const Span& span() const { return span_; }
  // A too-large value keeps its span: where evaluation first went over a cap, for the note.
  void set_span(Span span) {
    if (!too_large_) span_ = span;
  }

  // The possible values. Empty when unknown or absent. One entry unless alternatives.
  std::span<const Template> options() const { return alts_.items(); }
  // The text when there is exactly one, fully known option: a view of this value's storage.
  std::optional<std::string_view> known() const&;
  std::optional<std::string_view> known() const&& = delete;
  std::string display() const;

 private:
  OneOrMany<Template> alts_;  // most values have one option: kept inline
  Span span_;
  bool present_ = false;  // last: it and too_large_ fit in the padding after the span
  bool too_large_ = false;
};

// A Value most of its owners do not have (a role's name_prefix, path, permissions boundary and
// maximum session duration, a statement's Sid), kept out of line: one pointer until it is set,
// where a Value is 80 bytes, and a template of many roles holds several per role. It reads as the
// Value it holds, or as an absent one, with the same calls.
class BoxedValue {
 public:
  BoxedValue() = default;
  BoxedValue(Value value) { *this = std::move(value); }  // NOLINT(google-explicit-constructor)
  BoxedValue(const BoxedValue& other) : BoxedValue(other.get()) {}
  BoxedValue(BoxedValue&&) noexcept = default;
  BoxedValue& operator=(const BoxedValue& other) { return *this = other.get(); }
  BoxedValue& operator=(BoxedValue&&) noexcept = default;
  // Keeps `value` unless it is a default (absent, without a span) Value.
  BoxedValue& operator=(Value value);
  ~BoxedValue() = default;

  const Value& get() const { return value_ ? *value_ : absent(); }
  operator const Value&() const { return get(); }  // NOLINT(google-explicit-constructor)

  Value::Kind kind() const { return get().kind(); }
  bool present() const { return get().present(); }
  bool is_unknown() const { return get().is_unknown(); }
  bool is_too_large() const { return get().is_too_large(); }
  const Span& span() const { return get().span(); }
  std::span<const Template> options() const { return get().options(); }
  std::optional<std::string_view> known() const& { return get().known(); }
  std::optional<std::string_view> known() const&& = delete;
  std::string display() const { return get().display(); }

 private:
  static const Value& absent();
  std::unique_ptr<Value> value_;
};

// The steps building `v` costs beyond its call (kEvaluationBytesPerStep): its known bytes, in
// every alternative.
std::size_t evaluation_cost(const Value& v);

// The pieces one after another, with `delimiter` between each two (CloudFormation's Fn::Join,
// Terraform's string templates): the cross product of the pieces' alternatives. An absent piece
// adds nothing (the delimiter goes before every piece but the first); an unknown piece becomes an
// unknown hole. Too large when a piece is (that piece), or past the caps.
Value concat(std::span<const Value> pieces, std::string_view delimiter, Span span);

// An owning copy of a known text, for results that outlive the value they came from.
inline std::optional<std::string> owned(std::optional<std::string_view> text) {
  return text ? std::optional<std::string>(std::in_place, *text) : std::nullopt;
}

}  // namespace rolelint::model
