#!/usr/bin/env bash
# scripts/check-format on a throwaway repository: only the changed lines are judged, a badly
# formatted change is named with exit status 1, --all judges whole files. Skipped (77) without
# clang-format-14 or git.
set -uo pipefail
source_dir=$1
command -v clang-format-14 >/dev/null && command -v git >/dev/null || exit 77
check="$source_dir/scripts/check-format"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" && git init -q -b main . && git config user.email t@example.com && git config user.name t
cp "$source_dir/.clang-format" .
fail() { echo "FAIL: $*"; exit 1; }
# On main: a file that is not formatted (lines past 100 columns, odd spacing).
printf 'int   old_unformatted( int a ){return a;}\n' >old.cpp
git add -A && git commit -qm base
git checkout -qb work

printf 'int added(int a) { return a; }\n' >>old.cpp
out=$("$check" 2>&1); status=$?
[ $status -eq 0 ] || fail "a formatted change to an unformatted file: status $status: $out"

printf 'int   bad( int a ){return a;}\n' >new.cpp
git add new.cpp && git commit -qm new
out=$("$check" 2>/dev/null); status=$?
[ $status -eq 1 ] || fail "a badly formatted new file: status $status"
[ "$out" = "new.cpp: not formatted as .clang-format says" ] || fail "output: $out"

out=$("$check" HEAD 2>&1); status=$?
[ $status -eq 0 ] || fail "nothing changed since HEAD: status $status: $out"

out=$("$check" --all 2>/dev/null); status=$?
[ $status -eq 1 ] || fail "--all: status $status"
[ "$out" = $'new.cpp: not formatted as .clang-format says\nold.cpp: not formatted as .clang-format says' ] || fail "--all output: $out"

"$check" --bogus >/dev/null 2>&1; status=$?
[ $status -eq 2 ] || fail "usage error: status $status"
"$check" no-such-ref >/dev/null 2>&1; status=$?
[ $status -eq 2 ] || fail "unknown ref: status $status"
echo ok
