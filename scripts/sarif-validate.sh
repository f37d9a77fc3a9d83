#!/usr/bin/env bash
# Validates SARIF logs the way GitHub code scanning will judge them, with Microsoft's SARIF
# Multitool and both rule sets: "Sarif" (the spec and its guidance) and "Gh" (what GitHub
# Advanced Security requires). Exits 1 when any file has an error-level problem, 2 when the
# tool cannot be installed or run.
#
#   scripts/sarif-validate.sh FILE...
#
# The multitool is a self-contained .NET executable (about 100 MB) installed from npm into
# .tools/sarif, which is git-ignored, on first use.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 FILE..." >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/sarif"
# Pinned: a new multitool release can add rules, and CI should not turn red on its own.
version="${SARIF_MULTITOOL_VERSION:-5.7.0}"
package="@microsoft/sarif-multitool-linux"
multitool="$tools/node_modules/$package/Sarif.Multitool"

installed_version() {
  node -p "require('$tools/node_modules/$package/package.json').version" 2>/dev/null || true
}

if [ ! -f "$multitool" ] || [ "$(installed_version)" != "$version" ]; then
  echo "Installing $package@$version into $tools ..." >&2
  mkdir -p "$tools"
  # npm warns that the package's postinstall (a chmod) is not approved; the chmod below does
  # its job, so the warning is harmless and only npm's exit status decides.
  if ! npm install --prefix "$tools" --no-audit --no-fund --save-exact --loglevel=error "$package@$version" >&2; then
    echo "error: could not install $package@$version" >&2
    exit 2
  fi
fi
chmod u+x "$multitool"

# Without ICU the .NET runtime aborts at start-up; validation needs no culture data.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
# A single-file .NET app may unpack native parts; keep them beside the tool, not in $HOME.
export DOTNET_BUNDLE_EXTRACT_BASE_DIR="$tools/.bundle"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

failed=0
n=0
for file in "$@"; do
  n=$((n + 1))
  if [ ! -f "$file" ]; then
    echo "error: $file: no such file" >&2
    failed=1
    continue
  fi
  report="$work/validation-$n.sarif"
  # The multitool prints its findings but exits 0 whatever it finds, so its own SARIF report
  # is what decides: it is read below for error-level results and failed execution.
  if ! "$multitool" validate "$file" --rule-kind "Gh;Sarif" --output "$report" --log ForceOverwrite; then
    echo "error: $file: the multitool did not run to completion" >&2
    failed=1
    continue
  fi
  if ! node - "$report" "$file" <<'NODE'
const fs = require('node:fs');
const [reportPath, target] = process.argv.slice(2);
const log = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
let errors = 0;
let warnings = 0;
for (const run of log.runs ?? []) {
  const rules = run.tool?.driver?.rules ?? [];
  const ruleLevel = (result) => {
    const rule = typeof result.ruleIndex === 'number' ? rules[result.ruleIndex] : rules.find((r) => r.id === result.ruleId);
    return rule?.defaultConfiguration?.level;
  };
  for (const result of run.results ?? []) {
    // SARIF §3.27.10: a result without a level takes its rule's default, else 'warning'.
    const level = result.level ?? ruleLevel(result) ?? 'warning';
    if (level === 'error') errors++;
    else if (level === 'warning') warnings++;
  }
  for (const invocation of run.invocations ?? []) {
    const notifications = [...(invocation.toolExecutionNotifications ?? []), ...(invocation.toolConfigurationNotifications ?? [])];
    for (const notification of notifications) {
      if ((notification.level ?? 'warning') === 'error') {
        errors++;
        console.error(`error: ${notification.message?.text ?? 'tool error'}`);
      }
    }
    if (invocation.executionSuccessful === false) errors++;
  }
}
console.log(`${target}: ${errors} error(s), ${warnings} warning(s)`);
process.exit(errors > 0 ? 1 : 0);
NODE
  then
    failed=1
  fi
done
exit "$failed"
