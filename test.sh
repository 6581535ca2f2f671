#!/usr/bin/env bash
# Runs every test of AlertHub from a clean clone on a machine with the .NET 10 SDK.
# Installs what the tests need (Node.js + npm for the @microsoft/signalr client, xmllint to validate CAP output
# independently), idempotently.
# The last line printed is the run's totals: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results=".test-results"
rm -rf "$results"
mkdir -p "$results"

totals() { echo "$1 passed, $2 failed"; }

# --- prerequisites -----------------------------------------------------------------------------------------------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "== installing Node.js and npm (Debian packages)"
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq nodejs npm >/dev/null
  fi
fi
if ! command -v xmllint >/dev/null 2>&1; then
  echo "== installing xmllint (Debian libxml2-utils): the independent CAP schema validator"
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq libxml2-utils >/dev/null
  fi
fi
if ! command -v xmllint >/dev/null 2>&1; then
  echo "xmllint is required to validate CAP output independently and could not be installed."
  totals 0 1
  exit 1
fi
if ! command -v node >/dev/null 2>&1; then
  echo "Node.js is required for the npm SignalR client tests and could not be installed."
  totals 0 1
  exit 1
fi

echo "== npm ci (tests/Alert.EndToEnd.Tests/js)"
if ! (cd tests/Alert.EndToEnd.Tests/js && npm ci --no-audit --no-fund --loglevel=error); then
  echo "npm ci failed"
  totals 0 1
  exit 1
fi

# --- build once, then test every project ------------------------------------------------------------------------
echo "== dotnet build"
if ! dotnet build AlertHub.slnx -c Release -nologo -v quiet; then
  echo "build failed"
  totals 0 1
  exit 1
fi

echo "== dotnet test"
dotnet test AlertHub.slnx -c Release --no-build -nologo \
  --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" \
  --blame-hang-timeout 5m
test_exit=$?

passed=0
failed=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
done

expected_projects=$(grep -c 'Path="tests/' AlertHub.slnx)
if [ "${#trx_files[@]}" -lt "$expected_projects" ]; then
  echo "only ${#trx_files[@]} of $expected_projects test projects reported results"
  failed=$((failed + expected_projects - ${#trx_files[@]}))
fi
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $test_exit"
  failed=1
fi

# A test host that exited by itself left its output here (AlertHubProcess); show the end of it before the totals.
for report in "$results"/host-exit-*.log; do
  echo "---- $report (last 40 lines)"
  tail -n 40 "$report"
done

totals "$passed" "$failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
