#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml, run by the real pre-commit on real `git commit`s.
#
#   precommit_test.sh ROLELINT_BINARY SOURCE_DIR
#
# A throwaway hook repository holds SOURCE_DIR/.pre-commit-hooks.yaml (the working-tree file, so
# an uncommitted edit is what gets tested; pre-commit reads a hook repository's committed HEAD
# only, and try-repo leaves untracked files out). A throwaway project repository installs the
# git hook from the .pre-commit-config.yaml that docs/integrations.md tells users to copy, and
# commits bad and good roles. Everything lives in a temporary directory (HOME,
# PRE_COMMIT_HOME and XDG_CACHE_HOME too): no network, nothing left behind.
# Exit status 77 (CTest SKIP_RETURN_CODE) when git or pre-commit is not installed.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 ROLELINT_BINARY SOURCE_DIR" >&2
  exit 2
fi
for tool in git pre-commit; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: '$tool' is not on PATH (scripts/setup installs the Debian package)"
    exit 77
  fi
done

binary_arg=${ROLELINT_TEST_BINARY:-$1}  # scripts/release tests its static binary
binary=$(cd "$(dirname "$binary_arg")" && pwd)/$(basename "$binary_arg")
source_dir=$(cd "$2" && pwd)
hooks_file=$source_dir/.pre-commit-hooks.yaml
docs=$source_dir/docs/integrations.md
[ -x "$binary" ] || { echo "FAIL: no rolelint binary at $1"; exit 1; }
[ -f "$hooks_file" ] || { echo "FAIL: no $hooks_file"; exit 1; }
[ -f "$docs" ] || { echo "FAIL: no $docs"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/rolelint-precommit.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/bin"
# A git hook or a GIT_DIR from the caller's environment must not leak into the throwaway repos.
# shellcheck disable=SC2046 # one word per variable name
unset $(git rev-parse --local-env-vars) GIT_CONFIG_PARAMETERS GIT_CONFIG_GLOBAL GIT_CONFIG_SYSTEM
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_CACHE_HOME=$work/xdg-cache
export PRE_COMMIT_HOME=$work/pre-commit-cache PRE_COMMIT_COLOR=never GIT_CONFIG_NOSYSTEM=1
# The hooks run the `rolelint` found on PATH: the one under test, first.
ln -s "$binary" "$work/bin/rolelint"
export PATH=$work/bin:$PATH
[ "$(command -v rolelint)" = "$work/bin/rolelint" ]

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# --- the hook repository: the hooks file at its root, committed ------------------------------
git init -q "$work/hooks"
cp "$hooks_file" "$work/hooks/.pre-commit-hooks.yaml"
git -C "$work/hooks" add .pre-commit-hooks.yaml
git -C "$work/hooks" -c user.name=test -c user.email=test@example.invalid \
  commit -q -m "rolelint hooks"
rev=$(git -C "$work/hooks" rev-parse HEAD)

# --- the user's repository -------------------------------------------------------------------
project=$work/project
git init -q "$project"
cd "$project"
git config user.name "rolelint test"
git config user.email test@example.invalid
git config commit.gpgsign false
# The configuration docs/integrations.md tells users to copy (the yaml block after its
# "pre-commit-config" marker), with the hook repository and its commit for the URL and the tag.
awk '/^<!-- pre-commit-config/ { marked = 1; next }
     marked && /^```yaml$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside' "$docs" |
  sed -e "s|^\(  - repo:\) [^ ]*|\1 $work/hooks|" -e "s|^\(    rev:\) [^ ]*|\1 $rev|" \
    > .pre-commit-config.yaml
if ! grep -q "^  - repo: $work/hooks" .pre-commit-config.yaml ||
   ! grep -q "^    rev: $rev" .pre-commit-config.yaml; then
  echo "FAIL: no '  - repo:' and '    rev:' in the configuration block of $docs:"
  cat .pre-commit-config.yaml
  exit 1
fi
pre-commit install >/dev/null

# commit_expect pass|fail MESSAGE FILE...: stages the files and commits them through the git
# hook; on "fail" the commit must be refused (HEAD unchanged). Output in $out.
commit_expect() {
  local want=$1 message=$2
  shift 2
  git add -- "$@"
  local before status=0
  before=$(git rev-parse -q --verify HEAD || true)
  out=$(git commit -q -m "$message" 2>&1) || status=$?
  local after
  after=$(git rev-parse -q --verify HEAD || true)
  echo "--- git commit: $message (want $want, exit status $status)"
  printf '%s\n' "$out"
  if [ "$want" = pass ]; then
    [ "$status" -eq 0 ] || fail "'$message' was refused"
    [ "$after" != "$before" ] || fail "'$message' made no commit"
  else
    [ "$status" -ne 0 ] || fail "'$message' was accepted"
    [ "$after" = "$before" ] || fail "'$message' was committed anyway"
  fi
}

# expect_line TEXT: $out has TEXT as a whole line, once (two hook processes that both lint a
# module would report its findings twice).
expect_line() {
  local count
  count=$(grep -cxF -- "$1" <<<"$out" || true)
  [ "$count" -eq 1 ] || fail "want once, got $count times: $1"
}

# expect_status HOOK-NAME Passed|Failed|Skipped: pre-commit's status line for the hook.
expect_status() {
  local line
  while IFS= read -r line; do
    case $line in "$1."*"$2") return 0 ;; esac
  done <<<"$out"
  fail "hook '$1' is not $2"
}

# 0. The configuration alone: a YAML file that is no template is given to the hook and passes.
commit_expect pass "pre-commit configuration" .pre-commit-config.yaml
expect_status "rolelint (CloudFormation)" Passed
expect_status "rolelint (Terraform)" Skipped

# 1. CloudFormation: a role whose trust policy grants sts:TagSession but not sts:AssumeRole.
mkdir -p templates
cat > templates/deploy.yaml <<'EOF'
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "arn:aws:iam::111122223333:root" }
            Action: sts:TagSession
EOF
commit_expect fail "bad CloudFormation role" templates/deploy.yaml
expect_status "rolelint (CloudFormation)" Failed
expect_line "templates/deploy.yaml:9:13: error: principal 'arn:aws:iam::111122223333:root' cannot assume role 'Deploy': no Allow statement grants sts:AssumeRole [RL101]"

sed -i 's/Action: sts:TagSession/Action: [sts:AssumeRole, sts:TagSession]/' templates/deploy.yaml
commit_expect pass "good CloudFormation role" templates/deploy.yaml
expect_status "rolelint (CloudFormation)" Passed

# 2. CloudFormation across templates, in one commit among others: the group in users.yaml may
# switch to the role in roles.json, which makes it a console role, and a console role cannot
# require an ExternalId (RL305). Only a process that sees both files can tell; the other
# templates make pre-commit split the files over processes unless the hook is serial.
for i in 01 02 03 04 05 06 07 08 09 10; do
  cat > "templates/app-$i.yaml" <<EOF
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App$i:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
EOF
done
cat > templates/roles.json <<'EOF'
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "AuditReadOnly": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "Path": "/security/",
        "RoleName": "audit-read-only",
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
            "Action": "sts:AssumeRole",
            "Condition": { "StringEquals": { "sts:ExternalId": "audit-2024" } }
          }]
        }
      }
    }
  }
}
EOF
cat > templates/users.yaml <<'EOF'
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Auditors:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: switch-to-audit
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: arn:aws:iam::111122223333:role/security/audit-read-only
EOF
commit_expect fail "console role across templates" templates
expect_status "rolelint (CloudFormation)" Failed
expect_line "templates/roles.json:15:46: error: role 'AuditReadOnly' is meant for console use (group 'Auditors' may assume it) but its trust policy admits AWS principals only with sts:ExternalId, which Switch Role cannot pass [RL305]"

# 3. Terraform, a module in infra/: the grant in users.tf names the role in roles.tf; the other
# files are the usual rest of a module. Good first.
mkdir -p infra
cat > infra/versions.tf <<'EOF'
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}
EOF
cat > infra/variables.tf <<'EOF'
variable "region" {
  type    = string
  default = "eu-west-1"
}
EOF
cat > infra/outputs.tf <<'EOF'
output "deploy_role_arn" {
  value = aws_iam_role.deploy.arn
}
EOF
cat > infra/providers.tf <<'EOF'
provider "aws" {
  region = var.region
}
EOF
cat > infra/users.tf <<'EOF'
# The grant lives here; the role it names is in roles.tf of the same module.
resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_policy" "deploy" {
  name = "deploy"
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "sts:AssumeRole"
      Resource = aws_iam_role.deploy.arn
    }]
  })
}
EOF
cat > infra/roles.tf <<'EOF'
resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = aws_iam_user.alice.arn }
      Action    = "sts:AssumeRole"
    }]
  })
}
EOF
# The refused templates of step 2 leave the index and the tree.
git reset -q -- templates
git clean -q -f -d -- templates
commit_expect pass "Terraform module" infra
expect_status "rolelint (Terraform)" Passed
expect_status "rolelint (CloudFormation)" Skipped

# The role stops trusting alice, and four other files get a comment: five files, which a hook
# that is not serial splits over two processes (on two CPUs or more), each reporting the module.
# The finding is on the grant in the unchanged users.tf, which only a hook that lints whole
# modules reports.
sed -i 's/{ AWS = aws_iam_user.alice.arn }/{ Service = "codebuild.amazonaws.com" }/' infra/roles.tf
for part in versions variables outputs providers; do
  echo "# reviewed" >> "infra/$part.tf"
done
commit_expect fail "role no longer trusts its user" infra
expect_status "rolelint (Terraform)" Failed
expect_line "infra/users.tf:14:18: error: user 'aws_iam_user.alice' is allowed sts:AssumeRole on role 'aws_iam_role.deploy', but the role's trust policy trusts neither 'aws_iam_user.alice' nor their account [RL401]"

sed -i 's/{ Service = "codebuild.amazonaws.com" }/{ AWS = aws_iam_user.alice.arn }/' infra/roles.tf
sed -i 's/Effect    = "Allow"/Effect    = "Allow" # trusts alice again/' infra/roles.tf
commit_expect pass "role trusts its user again" infra/roles.tf
expect_status "rolelint (Terraform)" Passed

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all pre-commit checks passed"
