#!/usr/bin/env bash
# End to end with a real client: Neovim (headless) starts `rolelint --lsp` through its built-in
# LSP client, opens a CloudFormation template and a Terraform module, and nvim_test.lua asserts
# the diagnostics, fixes one by editing, another through a code action, and checks hover. Run
# once with UTF-16 positions (the default) and once with UTF-8 (offered by the client).
#   nvim_test.sh ROLELINT SOURCE_DIR
# Exit 77 (skipped) when nvim is not installed; scripts/setup installs Debian's neovim.
set -euo pipefail
rolelint=$1
source_dir=$2
if ! command -v nvim >/dev/null 2>&1; then
  echo "nvim_test: nvim is not installed (scripts/setup installs it): skipped"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/rolelint-nvim.XXXXXX")
trap 'rm -rf "$work"' EXIT

for encoding in utf-16 utf-8; do
  dir="$work/$encoding"
  mkdir -p "$dir/module"
  # A character outside the BMP before the finding on its line: UTF-16, UTF-8 and code-point
  # columns all differ there.
  printf '%s\n' \
    'Resources:' \
    '  Deployer:' \
    '    Type: AWS::IAM::User' \
    '    Properties:' \
    '      Policies:' \
    '        - PolicyName: "déploiement"' \
    '          PolicyDocument:' \
    '            Version: "2012-10-17"' \
    '            Statement:' \
    '              - {Sid: "🚀", Effect: Allow, Action: sts:AssumeRoles, Resource: "arn:aws:iam::111122223333:role/Deploy"}' \
    > "$dir/template.yaml"
  # RL401's cross-file fixture: the grant in users.tf names a role of roles.tf.
  cp "$source_dir"/tests/fixtures/rules/RL401/tf-fires-cross-file/{roles,users}.tf "$dir/module/"
  # HOME and XDG dirs of its own: the user's configuration, plugins and shada stay out.
  if ! HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" \
      ROLELINT="$rolelint" WORKDIR="$dir" ENCODING="$encoding" \
      timeout 120 nvim --headless -u NONE -i NONE -n --noplugin \
        -c "luafile $source_dir/tests/lsp/nvim_test.lua" >"$work/nvim-$encoding.log" 2>&1; then
    echo "nvim_test ($encoding): failed"
    cat "$work/nvim-$encoding.log"
    exit 1
  fi
  cat "$work/nvim-$encoding.log"
done
