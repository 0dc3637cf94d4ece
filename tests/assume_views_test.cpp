// `--graph dot|mermaid|json` and `--why CALLER ROLE`: exact output bytes against golden files
// (refreshed only with ROLELINT_UPDATE_GOLDEN=1), exit statuses, usage errors, and Graphviz
// reading the DOT.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli_run.hpp"
#include "tests/limited_run.hpp"

namespace {

using rolelint::testing::check_golden;
using rolelint::testing::Run;

Run run(const std::string& args) { return rolelint::testing::run_rolelint(args); }

const std::string kCases = "tests/fixtures/assume/";

}  // namespace

TEST_CASE("rolelint --graph writes every caller -> role edge as DOT, Mermaid and JSON",
          "[cli][graph]") {
  for (const auto& [format, golden] :
       {std::pair{"dot", "graph.dot"}, {"mermaid", "graph.mmd"}, {"json", "graph.json"}}) {
    const Run r = run(std::string("--graph ") + format + " " + kCases + "graph 2>&1");
    CHECK(r.status == 0);
    check_golden(golden, r.out);
  }
}

TEST_CASE(
    "rolelint --graph JSON gives each edge its state and the positions of its grant and trust",
    "[cli][graph]") {
  const Run r = run("--graph json " + kCases + "graph");
  REQUIRE(r.status == 0);
  const auto graph = nlohmann::json::parse(r.out);
  std::map<std::string, std::string> name_of;
  for (const auto& n : graph["nodes"]) name_of[n["id"]] = n["name"];
  std::map<std::string, nlohmann::json> edge;
  for (const auto& e : graph["edges"]) edge[name_of[e["from"]] + " -> " + name_of[e["to"]]] = e;
  REQUIRE(edge.size() == 6);
  CHECK(edge["Bob -> Alice"]["state"] == "works");
  CHECK(edge["Bob -> Alice"]["grant"]["file"] == kCases + "graph/identity/users.yaml");
  CHECK(edge["Bob -> Alice"]["grant"]["line"] == 11);
  CHECK(edge["Bob -> Alice"]["trust"]["file"] == kCases + "graph/workloads/roles.yaml");
  CHECK(edge["Bob -> Alice"]["trust"]["line"] == 9);
  CHECK(edge["Carol -> Deploy"]["state"] == "missing trust");
  CHECK(edge["Dave -> Alice"]["state"] == "missing grant");
  CHECK(edge["Dave -> Alice"]["grant"].is_null());
  CHECK(edge["codebuild.amazonaws.com -> Deploy"]["state"] == "works");
  CHECK(edge["arn:aws:iam::333333333333:root -> Deploy"]["state"] ==
        "unknown: identity policy grant");
  CHECK(edge["cognito-identity.amazonaws.com -> WebRole"]["state"] == "works");
  // No policy of the organisation or Deny of Bob's applies: the steps say so, never "allowed".
  CHECK(edge["Bob -> Alice"]["steps"][0]["step"] == "service control policies");
  CHECK(edge["Bob -> Alice"]["steps"][0]["verdict"] == "not applicable");
  CHECK(edge["Bob -> Alice"]["steps"][1]["verdict"] == "not applicable");
  // A caller outside the linted files: its organisation and policies are not evaluated.
  CHECK(edge["arn:aws:iam::333333333333:root -> Deploy"]["steps"][0]["verdict"] == "not evaluated");
}

TEST_CASE("rolelint --graph output is the same whatever order the files are given in",
          "[cli][graph]") {
  const std::string dir = kCases + "graph/";
  CHECK(run("--graph dot " + dir + "identity " + dir + "workloads").out ==
        run("--graph dot " + dir + "workloads " + dir + "identity").out);
}

TEST_CASE("rolelint --graph escapes hostile names in DOT, Mermaid and JSON",
          "[cli][graph][escaping]") {
  for (const auto& [format, golden] : {std::pair{"dot", "graph-hostile.dot"},
                                       {"mermaid", "graph-hostile.mmd"},
                                       {"json", "graph-hostile.json"}}) {
    const Run r = run(std::string("--graph ") + format + " " + kCases + "hostile 2>&1");
    CHECK(r.status == 0);
    check_golden(golden, r.out);
  }
  const std::string mermaid = run("--graph mermaid " + kCases + "hostile").out;
  CHECK(mermaid.find("click") == mermaid.rfind("click"));  // only inside a label
  CHECK(mermaid.find('"', mermaid.find("svc")) > mermaid.find("#34;", mermaid.find("svc")));
}

TEST_CASE("Graphviz's dot accepts the DOT output", "[cli][graph][graphviz]") {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    std::cout << "no Graphviz dot on PATH: skipped" << std::endl;
    std::exit(77);
  }
  for (const std::string& input : {kCases + "graph", kCases + "hostile", std::string("examples")}) {
    const Run r = run("--graph dot " + input +
                      " 2>/dev/null | dot -Tsvg 2>&1 >/dev/null; echo \"status $?\"");
    CHECK(r.out == "status 0\n");
  }
}

TEST_CASE(
    "docs/graph/examples.dot is what --graph dot prints for examples/ (cmake --build build "
    "--target graph_docs)",
    "[cli][graph][docs]") {
  CHECK(
      run("--graph dot examples").out ==
      rolelint::testing::read_file(std::string(ROLELINT_SOURCE_DIR) + "/docs/graph/examples.dot"));
}

TEST_CASE("rolelint --graph exits 2 on input errors, after the graph of what could be read",
          "[cli][graph]") {
  const Run r = run("--graph dot " + kCases + "graph examples/no-such-file.yaml 2>/dev/null");
  CHECK(r.status == 2);
  CHECK(r.out.starts_with("digraph rolelint {\n"));
}

TEST_CASE("rolelint --graph and --why tell of a value too large to evaluate, as linting does",
          "[cli][graph][limits]") {
  const rolelint::testing::Limits limits{200ull << 20, 5.0};
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--graph", "dot", "tests/fixtures/bombs/join"},
        {"--why", "x", "y", "tests/fixtures/bombs/join"}}) {
    const rolelint::testing::LimitedRun r = rolelint::testing::run_limited(args, limits);
    INFO(r.describe());
    CHECK(r.ok());
    CHECK(r.err.find("tests/fixtures/bombs/join/main.tf:11:8: note: value too large to evaluate") !=
          std::string::npos);
  }
}

TEST_CASE("rolelint --why prints AWS's evaluation steps and exits by the verdict", "[cli][why]") {
  struct Case {
    const char* dir;  // under tests/fixtures/assume/
    int status;       // 0 allowed, 1 denied
  };
  // Both grants present: allowed; without Bob's grant: denied at the grant; without Alice's trust:
  // denied at the trust policy; a console role whose trust requires an ExternalId: denied at the
  // console step.
  // A grant that names only another role, when the role's ARN is not known: denied, not unknown.
  for (const Case c : {Case{"allowed", 0},
                       {"no-grant", 1},
                       {"no-trust", 1},
                       {"console-external-id", 1},
                       {"grant-names-another-role", 1}}) {
    INFO(c.dir);
    const Run r = run("--why Bob Alice " + kCases + c.dir + " 2>&1");
    CHECK(r.status == c.status);
    check_golden(std::string("why-") + c.dir + ".txt", r.out);
  }
}

TEST_CASE("rolelint --why: within one account a trust naming the caller's ARN needs no grant",
          "[cli][why]") {
  // Bob has no policy; Alice trusts his ARN by reference, Carol by an ARN in the template's own
  // account, the Terraform alice by reference: each allowed, the grant step not applicable.
  // grant-names-another-role (above) trusts the account instead: there the grant is needed.
  struct Case {
    const char* args;
    const char* golden;
  };
  for (const Case c : {Case{"Bob Alice trust-names-caller", "why-trust-names-caller.txt"},
                       Case{"Bob Carol trust-names-caller", "why-trust-names-caller-own-arn.txt"},
                       Case{"aws_iam_user.bob aws_iam_role.alice trust-names-caller-tf",
                            "why-trust-names-caller-tf.txt"}}) {
    INFO(c.args);
    const std::string args = c.args;
    const auto space = args.rfind(' ');
    const Run r =
        run("--why " + args.substr(0, space) + " " + kCases + args.substr(space + 1) + " 2>&1");
    CHECK(r.status == 0);
    check_golden(c.golden, r.out);
  }
}

TEST_CASE("rolelint --why: a role another provider deploys may be in another account",
          "[cli][why]") {
  // As trust-names-caller-tf, but alice's provider signs in to another account: the trust naming
  // bob is not enough, and bob has no grant.
  const Run r = run("--why aws_iam_user.bob aws_iam_role.alice " + kCases +
                    "trust-names-caller-other-provider 2>&1");
  CHECK(r.status == 1);
  check_golden("why-trust-names-caller-other-provider.txt", r.out);
}

TEST_CASE("rolelint --why takes logical ids, names and ARNs", "[cli][why]") {
  const std::string dir = kCases + "allowed";
  CHECK(run("--why arn:aws:iam::111111111111:user/Bob arn:aws:iam::222222222222:role/Alice " + dir)
            .status == 0);
  CHECK(run("--why Bob arn:aws:iam::222222222222:role/Alice " + dir).status == 0);
  CHECK(run("--why arn:aws:iam::999999999999:user/Bob Alice " + dir + " 2>/dev/null").status == 2);
}

TEST_CASE("rolelint --why with an unknown verdict exits 2 and says which value is not known",
          "[cli][why]") {
  // Without the accounts, the ARN in Bob's grant names no role the files are known to deploy.
  const Run r = run("--config " + kCases + "no-accounts.rolelint.yaml --why Bob Alice " + kCases +
                    "allowed 2>&1");
  CHECK(r.status == 2);
  check_golden("why-unknown.txt", r.out);
}

TEST_CASE("rolelint --why usage errors name what is wrong", "[cli][why][errors]") {
  CHECK(run("--why Bob 2>&1").out ==
        "rolelint: error: --why needs a CALLER and a ROLE\ntry 'rolelint --help'\n");
  const Run none = run("--why Nobody Alice " + kCases + "allowed 2>&1");
  CHECK(none.status == 2);
  CHECK(none.out ==
        "rolelint: error: --why: CALLER 'Nobody' names no user, group, role or permission set of "
        "the linted files "
        "(give a logical id, Terraform address, name or ARN)\n");
  const Run not_role = run("--why Alice Bob " + kCases + "allowed 2>&1");
  CHECK(not_role.status == 2);
  CHECK(not_role.out.starts_with(
      "rolelint: error: --why: ROLE 'Bob' names no role of the linted files"));
  const Run ambiguous = run("--why Bob Alice " + kCases + "allowed " + kCases + "no-grant 2>&1");
  CHECK(ambiguous.status == 2);
  CHECK(ambiguous.out ==
        "rolelint: error: --why: CALLER 'Bob' names 2 identities; name one by its logical id, "
        "address or ARN:\n"
        "  " +
            kCases +
            "allowed/identity/users.yaml:2:3: user 'Bob'\n"
            "  " +
            kCases + "no-grant/identity/users.yaml:2:3: user 'Bob'\n");
  CHECK(run("--graph svg . 2>&1").out ==
        "rolelint: error: --graph takes dot, mermaid or json\ntry 'rolelint --help'\n");
  CHECK(run("--graph dot --format json . 2>/dev/null").status == 2);
  CHECK(run("--graph dot --why Bob Alice . 2>/dev/null").status == 2);
}

TEST_CASE("rolelint --why evaluates the organisation, the caller's denies and its boundary",
          "[cli][why]") {
  struct Case {
    const char* rule;    // the fixtures under tests/fixtures/rules/<rule>/
    const char* dir;     // the case's directory there
    const char* golden;  // under tests/golden/cli-output/
    int status;          // 0 allowed, 1 denied
  };
  // A service control policy of Bob's account denies the call; the same policy with Bob exempted
  // by its Condition does not; Bob's permissions boundary does not allow the call to another
  // account; a boundary that allows it; then a Deny in a policy of Bob's.
  for (const Case& c :
       {Case{"RL405", "fires-scp-of-callers-account", "why-scp.txt", 1},
        Case{"RL405", "clean-exempt", "why-scp-exempt.txt", 0},
        Case{"RL406", "fires-user-boundary-other-account", "why-boundary.txt", 1},
        Case{"RL406", "clean-user-boundary-allows", "why-boundary-allows.txt", 0}}) {
    INFO(c.dir);
    const std::string rules = std::string("tests/fixtures/rules/") + c.rule + "/";
    const Run r =
        run("--config " + rules + ".rolelint.yaml --why Bob Alice " + rules + c.dir + " 2>&1");
    CHECK(r.status == c.status);
    check_golden(c.golden, r.out);
  }
  const Run deny = run("--why Bob Deploy tests/fixtures/rules/RL406/fires.yaml 2>&1");
  CHECK(deny.status == 1);
  check_golden("why-deny.txt", deny.out);
  // The graph draws the same verdicts as the state of each edge.
  CHECK(run("--config tests/fixtures/rules/RL405/.rolelint.yaml --graph mermaid "
            "tests/fixtures/rules/RL405/fires-scp-of-callers-account")
            .out.find("-.->|\"blocked by SCP\"|") != std::string::npos);
  CHECK(run("--config tests/fixtures/rules/RL406/.rolelint.yaml --graph mermaid "
            "tests/fixtures/rules/RL406/fires-user-boundary-other-account")
            .out.find("-.->|\"blocked by deny or boundary\"|") != std::string::npos);
}
