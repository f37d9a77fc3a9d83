#!/usr/bin/env bash
# Installs what the real-editor tests need, and only what is missing:
#   - Debian packages: chromium (driven headless by playwright-core), libkrb5-dev (code-server's
#     native modules build against it), ripgrep (seeds @vscode/ripgrep, below), neovim, and
#     pre-commit (test/cli/pre-commit.test.ts runs .pre-commit-hooks.yaml through it);
#   - code-server, VS Code in a browser, into .tools/code-server (git-ignored), outside the
#     project's own dependencies so that `npm ci` never pulls it.
# Runs as root on Debian with network to the npm registry and Debian's mirrors only.
#
#   scripts/install-editors.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/code-server"
# 4.100.3 is the last code-server release that runs on Node 20.
version="${CODE_SERVER_VERSION:-4.100.3}"
# What code-server's @vscode/ripgrep asks for; its postinstall would fetch it from GitHub.
ripgrep_package_version="1.15.11"
ripgrep_asset="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

apt_packages=(chromium libkrb5-dev ripgrep neovim pre-commit)

missing_apt_packages() {
  local package
  for package in "${apt_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      echo "$package"
    fi
  done
}

installed_code_server_version() {
  node -p "require('$tools/node_modules/code-server/package.json').version" 2>/dev/null || true
}

mapfile -t missing < <(missing_apt_packages)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: missing Debian packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2
    exit 2
  fi
  echo "Installing Debian packages: ${missing[*]} ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x "$tools/node_modules/.bin/code-server" ] || [ "$(installed_code_server_version)" != "$version" ]; then
  echo "Installing code-server@$version into $tools ..." >&2
  mkdir -p "$tools"
  # A private temporary folder, so the ripgrep seed below is the one the postinstall finds.
  scratch="$tools/.tmp"
  cache="$scratch/vscode-ripgrep-cache-$ripgrep_package_version"
  mkdir -p "$cache"
  if [ ! -f "$cache/$ripgrep_asset" ]; then
    tar -czf "$cache/$ripgrep_asset" -C /usr/bin rg
  fi
  # unsafe_perm: code-server's postinstall builds native modules and must run as root here;
  # yes: it runs npx, which would otherwise stop to ask.
  if ! TMPDIR="$scratch" npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --prefix "$tools" --no-audit --no-fund --save-exact --loglevel=error "code-server@$version" >&2; then
    echo "error: could not install code-server@$version" >&2
    exit 2
  fi
fi

echo "Real-editor tools ready: code-server $(installed_code_server_version), $(/usr/bin/chromium --version 2>/dev/null), $(nvim --version | head -n 1), $(pre-commit --version)" >&2
