#pragma once
// Symbolic evaluation of Terraform expressions over one module (every .tf file of a directory):
// variables (overridable: never certain), locals, string templates, conditionals (both
// branches), references to resources and data sources, and the common functions. Anything else
// is unknown, never a finding.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "linter/model/policy.hpp"
#include "linter/model/value.hpp"
#include "parsers/terraform/hcl.hpp"

namespace rolelint::tf {

// A Terraform value as far as it is known.
struct Dyn {
  enum class Kind : std::uint8_t { Unknown, Null, Str, List, Object, Alternatives };
  Kind kind = Kind::Unknown;
  Span span;
  model::Value str;               // Str (numbers and bools as their text)
  std::vector<Dyn> items;         // List: elements; Object: values (parallel to keys);
                                  // Alternatives: the options
  bool items_unknown = false;     // List: more elements may exist than `items` shows
  std::vector<std::string> keys;  // Object
  std::vector<Span> key_spans;    // Object
  // Str whose text is (JSON) source: where its bytes are, for exact positions inside it.
  // `raw.file == kNoFile` when the text does not appear verbatim in any file.
  Span raw;
  std::vector<std::pair<Span, model::Value>> interpolations;  // heredoc `${...}` inside `raw`
  bool raw_is_heredoc = false;  // `raw` is heredoc source: `$${` in it stands for `${`

  static Dyn unknown(Span span) {
    Dyn d;
    d.span = span;
    return d;
  }
  static Dyn of(model::Value v) {
    Dyn d;
    d.kind = Kind::Str;
    d.span = v.span();
    d.str = std::move(v);
    return d;
  }
  const Dyn* field(std::string_view key) const;
};

// One file of the module, or a part of one (parse_parts): the parsed syntax and the bytes it was
// parsed from (owned elsewhere: the bytes outlive the evaluator, the syntax until forget()).
struct ModuleFile {
  const File* file = nullptr;
  std::string_view text;
};

// One instance of a resource whose `for_each` or `count` is known: its address suffix
// (`["a"]`, `[0]`) and what `each.key`/`each.value` or `count.index` are in it.
struct Instance {
  std::string key;
  bool is_each = false;
  Dyn each_key, each_value;  // for_each
  Dyn count_index;           // count
};

// A module with more instances of one resource is read as one symbolic instance.
inline constexpr std::size_t kMaxInstances = 32;

// Reads a file named by `file(...)`: returns false when it cannot be read. `id` is the file's
// FileId when it is one of the linted inputs (positions inside it are then exact), else kNoFile.
using ReadFile = std::function<bool(const std::string& path, FileId& id, std::string& text)>;

class Evaluator {
 public:
  // `skipped`: addresses of blocks not to read ("data.aws_iam_policy_document.x"), such as
  // duplicates: a reference to one is unknown.
  Evaluator(std::span<const ModuleFile> files, std::string module_dir, ReadFile read_file,
            const std::set<std::string>& skipped = {});

  // Whether evaluation may still read `file`'s syntax: it defines a local or a policy document
  // that is referenced and not yet evaluated. Once evaluated, a value is served from its memo.
  bool reads(const File& file) const;
  // Drops every reference to `file`'s syntax, which its owner is about to free: a later
  // reference to one of its locals or documents is served from the memo, or is unknown.
  void forget(const File& file);

  Dyn eval(const File& file, ExprId expr);

  // From now on `data.aws_caller_identity.X.account_id` is an unknown value, not the module's
  // own account: for a module whose entities are not all in one account (several_accounts in
  // module.cpp), where that id is the account of whichever provider X selects.
  void account_ids_unknown() { account_ids_unknown_ = true; }

  // The instances of the `aws_iam_*` resource at `address` ("aws_iam_role.x") when its
  // for_each or count is known (none when count is 0), or nullptr: one symbolic instance
  // (each.* and count.index unknown).
  const std::vector<Instance>* instances(std::string_view address) const;
  // What each.* and count.index are in the expressions evaluated next; nullptr: unknown.
  void bind(const Instance* instance) { bound_ = instance; }
  // An attribute of a block body, or an absent (Null, no span) value.
  Dyn attr(const File& file, const Body& body, std::string_view name);

  // Where evaluation first went over a cap in each file (a string or alternatives past
  // linter/model/value.hpp's caps, a local past its size, the module's evaluation steps).
  const std::map<FileId, Span>& too_large() const { return too_large_; }

  // Conversions to model values.
  static model::Value to_value(const Dyn& d);
  static model::ValueList to_list(const Dyn& d);

  // A policy given as `jsonencode(...)`, JSON text (heredoc, quoted, file()), or a reference to
  // an aws_iam_policy_document, as a structure (JSON keys: Version, Statement, ...).
  Dyn policy_structure(const Dyn& d);
  model::PolicyDocument policy(const Dyn& d, Span span);
  // The module's `data "aws_iam_policy_document" "NAME"` as
  // `data.aws_iam_policy_document.NAME.json` is, without serving a reference to it: from its memo,
  // else evaluated (and remembered for the references to come) while its block is there, else
  // unknown.
  Dyn document_named(std::string_view name, Span span);
  // Whether an expression of the module refers to that document / one of them is still to be
  // served (it is not one extraction evaluates: a module's argument, an output, ...).
  bool document_referenced(std::string_view name) const;
  bool document_pending(std::string_view name) const;

 private:
  struct BlockRef {
    const File* file = nullptr;
    const Block* block = nullptr;
  };

  Dyn eval_at(const File& file, ExprId expr, unsigned depth);
  // eval_at's work: `expr`'s value, before its bytes are charged (model::evaluation_cost).
  Dyn eval_expr(const File& file, ExprId expr, unsigned depth);
  Dyn string(const File& file, const Expr& e, unsigned depth);
  static Dyn with_source(const File& file, const Expr& e, Dyn d, bool verbatim,
                         std::vector<std::pair<Span, model::Value>> interpolations);
  Dyn traversal(const File& file, const Expr& e, unsigned depth);
  Dyn call(const File& file, const Expr& e, unsigned depth);
  Dyn variable(std::string_view name, Span span);
  Dyn local(std::string_view name, Span span, unsigned depth);
  Dyn data_source(std::string_view type, std::string_view name, std::string_view attribute,
                  Span span, unsigned depth);
  Dyn policy_document(const BlockRef& ref, unsigned depth);
  Dyn document_statement(const File& file, const Block& block, unsigned depth);
  Dyn parse_json(const Dyn& text);
  void note_too_large(Span span);
  void note_too_large_in(const Dyn& d, unsigned depth);

  std::map<FileId, std::string_view> texts_;  // the bytes of each file of the module
  std::string module_dir_;
  ReadFile read_file_;
  std::map<std::string, bool, std::less<>> variables_;  // each variable: whether it is a list
  std::map<std::string, std::pair<const File*, ExprId>, std::less<>> locals_;
  std::map<std::string, BlockRef, std::less<>> policy_documents_;  // by name
  // The ARN of each aws_iam_openid_connect_provider and aws_iam_saml_provider, by address.
  std::map<std::string, Dyn, std::less<>> provider_arns_;
  Dyn provider_arn(const File& file, const Block& b);
  // An evaluated local or policy document, kept for the references to it that are still to
  // be served and dropped after the last one: a large module's documents are then not all alive
  // at once (each is usually referenced once). The references are counted in the syntax before
  // evaluation starts; an expression of the module is evaluated at most once outside the
  // memoized values themselves, so no reference comes after the last counted one.
  struct Memo {
    std::uint32_t references = 0;  // not yet served
    std::unique_ptr<Dyn> value;    // out of line: most are never set
  };
  using Memos = std::map<std::string, Memo, std::less<>>;
  static std::optional<Dyn> recall(Memos& memos, std::string_view key);
  static void remember(Memos& memos, std::string_view key, const Dyn& value);
  // Counts the references of `file`'s expressions inside `within` (all when invalid) and not
  // inside `except`, `times` times each.
  void count_references(const File& file, Span within = {}, Span except = {},
                        std::uint32_t times = 1);
  std::optional<std::vector<Instance>> expand(const File& file, const Block& b);
  Dyn instance_reference(const File& file, std::string_view address, ExprId index,
                         std::string_view attribute, std::string_view type, Span span,
                         unsigned depth);
  std::map<std::string, std::vector<Instance>, std::less<>> instances_;  // by address
  const Instance* bound_ = nullptr;
  std::set<std::string, std::less<>> referenced_documents_;  // document keys count_references met
  // A local or document a file defines: its memo table and key (see reads()), and its name in
  // locals_ or policy_documents_, the last `name_size` bytes of the key (see forget()).
  struct Definition {
    Memos Evaluator::*memos;
    std::string key;
    std::size_t name_size = 0;
  };
  std::map<const File*, std::vector<Definition>> definitions_;

  std::set<std::string, std::less<>> evaluating_;  // cycle guard for locals/documents
  Memos documents_;                                // "data.aws_iam_policy_document.NAME"
  Memos local_values_;                             // "local.NAME"
  std::size_t budget_ = 0;  // evaluations left: a hostile module cannot make this exponential
  std::map<FileId, Span> too_large_;
  bool account_ids_unknown_ = false;
};

}  // namespace rolelint::tf
