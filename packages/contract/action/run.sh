#!/usr/bin/env bash
# The step of the composite action (../action.yml): runs `finicity-contract verify` with the action's inputs.
#
# Inputs come from the environment, as action.yml maps them (INPUT_BASE_URL, INPUT_REGION, INPUT_STRICT,
# INPUT_MIN_COVERAGE, INPUT_SEED, INPUT_JSON, INPUT_JUNIT, INPUT_HTML, INPUT_VERSION, RUN_NUMBER), with
# GITHUB_ACTION_PATH (this package's folder in the action's checkout). Credentials are FINICITY_* variables
# the verifier reads itself; this script never reads or prints them.
#
# Which verifier runs:
# - INPUT_VERSION set: that version from npm (`npx --yes @finicity-aggregation/contract@<version>`).
# - INPUT_VERSION empty: the code of the checked-out ref. GitHub checks out the whole repository at that ref,
#   without dist/ (gitignored) or node_modules, so the first run builds the package and its workspace
#   dependencies with the repository's own pinned pnpm, frozen lockfile and turbo; a build already present
#   (a checkout that ran `pnpm build`) is used as it is.
set -euo pipefail

action_path="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this as the step of the composite action}"
action_path="$(cd "$action_path" && pwd)"

args=(verify --base-url "${INPUT_BASE_URL:?the base-url input is required}" --region "${INPUT_REGION:-au}" --seed "${INPUT_SEED:-${RUN_NUMBER:-1}}")
if [ "${INPUT_STRICT:-false}" = "true" ]; then args+=(--strict); fi
if [ -n "${INPUT_MIN_COVERAGE:-}" ]; then args+=(--min-coverage "$INPUT_MIN_COVERAGE"); fi
if [ -n "${INPUT_JSON:-}" ]; then args+=(--json "$INPUT_JSON"); fi
if [ -n "${INPUT_JUNIT:-}" ]; then args+=(--junit "$INPUT_JUNIT"); fi
if [ -n "${INPUT_HTML:-}" ]; then args+=(--html "$INPUT_HTML"); fi

if [ -n "${INPUT_VERSION:-}" ]; then
  exec npx --yes "@finicity-aggregation/contract@$INPUT_VERSION" "${args[@]}"
fi

log() { printf 'finicity-contract action: %s\n' "$*" >&2; }

# Builds the verifier from the repository the action was checked out from (its root is two folders up).
build_at_ref() {
  local root pinned version tools
  root="$(cd "$action_path/../.." && pwd)"
  pinned="$(node -e 'const p = require(process.argv[1]); process.stdout.write(String(p.packageManager ?? ""))' "$root/package.json")"
  version="${pinned#pnpm@}"
  version="${version%%+*}"
  if [[ "$pinned" != pnpm@* || ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    log "the repository's package.json does not pin pnpm (packageManager: \"pnpm@x.y.z\"); cannot build the verifier"
    exit 2
  fi
  # The repository's own pnpm, installed with npm (corepack would need COREPACK_INTEGRITY_KEYS=0 on some
  # registries) into a folder of its own, so a pnpm the job set up for itself is left as it was.
  if [ "$(pnpm --version 2>/dev/null || true)" != "$version" ]; then
    tools="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/finicity-contract-pnpm-$version"
    log "installing pnpm $version (the repository's packageManager) with npm"
    npm install --global --prefix "$tools" --no-audit --no-fund --loglevel=error "pnpm@$version" >&2
    PATH="$tools/bin:$PATH"
    export PATH
  fi
  log "building @finicity-aggregation/contract at this ref (pnpm $version, frozen lockfile; the first run only)"
  (
    cd "$root"
    export TURBO_TELEMETRY_DISABLED=1 CI="${CI:-true}"
    # The contract package, its workspace dependencies and the root (whose devDependencies hold turbo, tsup
    # and typescript), exactly as the lockfile pins them.
    pnpm install --frozen-lockfile --filter "@finicity-aggregation/contract..." --filter . >&2
    pnpm exec turbo run build --filter=@finicity-aggregation/contract... --output-logs=errors-only >&2
  )
}

if [ ! -f "$action_path/dist/cli.js" ] || [ ! -d "$action_path/node_modules" ]; then
  build_at_ref
fi
exec node "$action_path/bin/finicity-contract.js" "${args[@]}"
