#!/usr/bin/env bash
# Checks the release packages scripts/release wrote to DIST: the archive's binary is static,
# stripped, under 10 MB, and lints from an empty directory with an empty environment; the
# checksums match; the .deb installs with dpkg, runs and lints, and is removed again.
#   release_test.sh DIST SOURCE_DIR
set -uo pipefail
dist=$1
source_dir=$2
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }
check() { if eval "$2"; then pass "$1"; else fail "$1"; fi; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's/^project(rolelint VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")
archive=$dist/rolelint-$version-linux-x86_64.tar.gz
deb=$dist/rolelint_${version}_amd64.deb

check "the archive and its checksum exist" "[ -f '$archive' ] && [ -f '$archive.sha256' ]"
check "the archive's checksum matches" "(cd '$dist' && sha256sum --quiet -c '$(basename "$archive").sha256')"
check "the .deb and its checksum exist" "[ -f '$deb' ] && [ -f '$deb.sha256' ]"
check "the .deb's checksum matches" "(cd '$dist' && sha256sum --quiet -c '$(basename "$deb").sha256')"

tar -xzf "$archive" -C "$work"
top=$work/rolelint-$version-linux-x86_64
bin=$top/bin/rolelint
for f in LICENSE NOTICE CHANGELOG.md README.md rules/README.md rules/RL101.md; do
  check "the archive holds $f" "[ -f '$top/share/doc/rolelint/$f' ]"
done
ldd_says=$(LC_ALL=C ldd "$bin" 2>&1)  # exits 1 for a static binary
check "the binary is static (ldd: not a dynamic executable)" "grep -q 'not a dynamic executable' <<<\"\$ldd_says\""
check "the binary is stripped (no symbol table)" "! readelf -S '$bin' | grep -q '\.symtab'"
size=$(stat -c %s "$bin")
check "the binary is under 10 MB ($size bytes)" "[ '$size' -lt 10000000 ]"

# From an empty directory, with an empty environment: no data files, no PATH, no HOME.
mkdir -p "$work/empty" "$work/lint"
cp "$source_dir/examples/cloudformation/cross-account-deploy.yaml" "$work/lint/"
out=$(cd "$work/empty" && env -i "$bin" --version)
check "--version runs with env -i from an empty directory" "[[ \"\$out\" == 'rolelint $version'* ]]"
status=0
(cd "$work/empty" && env -i "$bin" -q "$work/lint/cross-account-deploy.yaml" > "$work/out.txt") || status=$?
check "it lints an example with env -i (exit 1, findings)" \
  "[ '$status' -eq 1 ] && grep -q '\[RL' '$work/out.txt'"

if [ "$(id -u)" -eq 0 ] && command -v dpkg >/dev/null; then
  if dpkg -s rolelint >/dev/null 2>&1; then
    fail "a rolelint package is already installed: not touching it"
  else
    check "dpkg -i installs the .deb" "dpkg -i '$deb' >/dev/null"
    check "the installed binary is /usr/bin/rolelint and prints its version" \
      "[[ \"\$(/usr/bin/rolelint --version)\" == 'rolelint $version'* ]]"
    status=0
    /usr/bin/rolelint -q "$work/lint/cross-account-deploy.yaml" > /dev/null || status=$?
    check "the installed binary lints an example (exit 1)" "[ '$status' -eq 1 ]"
    check "the rule docs are installed" "[ -f /usr/share/doc/rolelint/rules/RL101.md ]"
    check "dpkg -r removes it" "dpkg -r rolelint >/dev/null && [ ! -e /usr/bin/rolelint ]"
  fi
else
  echo "skipped: installing the .deb needs root and dpkg"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
