#!/usr/bin/env bash
# Every tracked C++ file of the source tree is formatted as .clang-format says (scripts/check-format
# --all). Skipped (77) without clang-format-14 or git, or outside a git checkout (a source
# archive): there is then no list of tracked files to judge.
set -uo pipefail
source_dir=$1
command -v clang-format-14 >/dev/null && command -v git >/dev/null || exit 77
git -C "$source_dir" rev-parse --show-toplevel >/dev/null 2>&1 || exit 77
cd "$source_dir" && exec scripts/check-format --all
