#!/usr/bin/env bash
# Runs the README's first command, exactly as written there, on a fresh clone of this repository, in the three
# setups a new user may have:
#   no-pnpm      Node and npm only, no pnpm anywhere on PATH;
#   corepack     corepack's pnpm shim linked (`corepack enable pnpm`, as pnpm's install page recommends);
#   other-pnpm   another pnpm version installed globally with npm.
# Each setup gets its own npm prefix, HOME and PATH inside one temporary folder (removed at the end; nothing is
# written outside it, so nothing root-owned is left behind). The pnpm store is shared between the setups inside
# that folder, so the packages are downloaded once. For each setup it waits for the quick start's ready line,
# checks that a new shell finds the pnpm the README's second command (`pnpm test`) needs, then sends Ctrl-C to
# the command's process group and expects exit code 0.
#
# Usage: scripts/test-quickstart-setups.sh [SETUP...]   (default: all three; the clone is of HEAD)
# Ends with "N passed, N failed" (one per setup); exits 1 when a setup failed.
set -Eeuo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
setups=("$@")
[ ${#setups[@]} -gt 0 ] || setups=(no-pnpm corepack other-pnpm)
OTHER_PNPM=9.15.9 # any pnpm other than the one in package.json's packageManager
READY_TIMEOUT=${READY_TIMEOUT:-1200}
want_pnpm=$(node -p 'require(process.argv[1]).packageManager.replace(/^pnpm@/, "")' "$repo/package.json")

# The README's first command: the first line of the first sh block under "## Quick start".
command=$(awk '/^## Quick start/ { section = 1; next } /^## / { section = 0 }
  section && /^```sh/ { block = 1; next } block && /^```/ { exit } block { print; exit }' "$repo/README.md")
if [ -z "$command" ]; then
  echo "test-quickstart-setups: no sh block under '## Quick start' in README.md" >&2
  exit 2
fi
echo "README's first command: $command"

work=$(mktemp -d -t quickstart-setups.XXXXXX)
running_group=""
cleanup() {
  if [ -n "$running_group" ]; then kill -KILL -- "-$running_group" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The machine's tools without any pnpm: a folder of links to everything in the system's bin folders but pnpm and
# pnpx (corepack, node, npm, npx, git, sh... stay, as on a fresh machine with Node).
# (Shell builtins only, and one `ln` per folder: a fork per tool takes minutes on a loaded machine.)
toolbin="$work/toolbin"
mkdir -p "$toolbin"
declare -A seen=()
for dir in /usr/local/bin /usr/bin /bin; do
  [ -d "$dir" ] || continue
  links=()
  for tool in "$dir"/*; do
    name=${tool##*/}
    case "$name" in pnpm | pnpx) continue ;; esac
    [ -z "${seen[$name]:-}" ] || continue
    seen[$name]=1
    links+=("$tool")
  done
  [ ${#links[@]} -eq 0 ] || ln -s -t "$toolbin" "${links[@]}"
done

passed=0
failed=0
failures=()

# The machine's own global npm folder must come out as it went in (every setup installs into its own prefix).
global_bin="$(npm config get prefix 2>/dev/null)/bin"
global_state() { ls -l --time-style=full-iso "$global_bin" 2>/dev/null | md5sum; }
global_before=$(global_state)

# Runs a command line in the setup's environment (a fresh login-like shell: only these variables).
in_setup() {
  local base=$1
  shift
  env -i \
    HOME="$base/home" \
    PATH="$base/prefix/bin:$toolbin" \
    NPM_CONFIG_PREFIX="$base/prefix" \
    npm_config_store_dir="$work/pnpm-store" \
    COREPACK_INTEGRITY_KEYS=0 \
    NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-}" \
    SSL_CERT_FILE="${SSL_CERT_FILE:-}" \
    LANG=C.UTF-8 TERM=dumb FORCE_COLOR=0 NO_COLOR=1 \
    TURBO_TELEMETRY_DISABLED=1 \
    PORT=0 \
    "$@"
}

run_setup() {
  local setup=$1 base="$work/$setup"
  mkdir -p "$base/home" "$base/prefix/bin"
  echo
  echo "== $setup =="
  git clone --quiet "$repo" "$base/repo" || return 1

  case "$setup" in
    no-pnpm)
      if in_setup "$base" bash -c 'command -v pnpm'; then echo "setup: a pnpm is on PATH" >&2; return 1; fi
      ;;
    corepack)
      in_setup "$base" corepack enable pnpm --install-directory "$base/prefix/bin" || return 1
      # The shim works before the quick start runs (outside the clone: corepack's own default pnpm).
      echo "corepack's pnpm shim: $(readlink "$base/prefix/bin/pnpm"), pnpm --version: $(cd "$base/home" && in_setup "$base" pnpm --version)"
      ;;
    other-pnpm)
      in_setup "$base" npm install --global --no-fund --no-audit --loglevel=error "pnpm@$OTHER_PNPM" >/dev/null || return 1
      local got
      got=$(cd "$base/home" && in_setup "$base" pnpm --version)
      echo "pnpm installed globally: $got"
      [ "$got" = "$OTHER_PNPM" ] || { echo "setup: expected pnpm $OTHER_PNPM, got $got" >&2; return 1; }
      ;;
    *)
      echo "unknown setup $setup (no-pnpm, corepack, other-pnpm)" >&2
      return 2
      ;;
  esac

  # The README's command, as a user would paste it into bash, in its own process group (so Ctrl-C can be sent
  # to the group, as a terminal does).
  # It runs in the setup's environment (its own npm prefix: a global install lands in the temporary folder). The
  # inner bash writes its pid, which is the new process group's id, then becomes the command's shell.
  local log="$base/quickstart.log" pidfile="$base/quickstart.pid" started=$SECONDS
  : >"$log"
  in_setup "$base" setsid --wait bash -c 'echo $$ >"$1"; cd "$2" && exec bash -c "$3"' _ "$pidfile" "$base/repo" "$command" >"$log" 2>&1 </dev/null &
  local job=$!
  while [ ! -s "$pidfile" ] && kill -0 "$job" 2>/dev/null; do sleep 0.2; done
  local pid
  pid=$(cat "$pidfile" 2>/dev/null || true)
  [ -n "$pid" ] || { echo "the command did not start; its output:" >&2; cat "$log" >&2; return 1; }
  running_group=$pid
  while ! grep -q "Press Ctrl-C to stop." "$log" 2>/dev/null; do
    if ! kill -0 "$job" 2>/dev/null; then
      echo "the command exited before the quick start was ready; its output:" >&2
      cat "$log" >&2
      running_group=""
      return 1
    fi
    if [ $((SECONDS - started)) -ge "$READY_TIMEOUT" ]; then
      echo "the quick start was not ready after ${READY_TIMEOUT} s; its output:" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 1
  done
  echo "ready after $((SECONDS - started)) s (install, build, sandbox, one call); its output:"
  sed 's/^/  | /' "$log"

  # The README's second command runs from another shell: that shell must find pnpm $want_pnpm.
  local second
  second=$(cd "$base/repo" && in_setup "$base" bash -c 'pnpm --version' 2>&1 | tail -n 1)
  echo "another shell's pnpm --version in the clone: $second"
  local ok=1
  if [ "$second" != "$want_pnpm" ]; then
    echo "expected pnpm $want_pnpm there" >&2
    ok=0
  fi

  # Ctrl-C: the whole group gets SIGINT; the command must end with exit code 0 and nothing left running.
  kill -INT -- "-$pid"
  local status=0
  wait "$job" || status=$?
  local waited=0
  while kill -0 -- "-$pid" 2>/dev/null && [ $waited -lt 30 ]; do
    sleep 1
    waited=$((waited + 1))
  done
  if kill -0 -- "-$pid" 2>/dev/null; then
    echo "processes of the quick start are still running after Ctrl-C:" >&2
    ps -o pid,cmd -g "$pid" >&2 || true
    ok=0
  fi
  running_group=""
  echo "after Ctrl-C: exit code $status; last lines:"
  tail -n 2 "$log" | sed 's/^/  | /'
  if [ "$status" -ne 0 ] || grep -q -E "ERR_PNPM|ELIFECYCLE" "$log"; then
    echo "expected exit code 0 and no pnpm failure message after Ctrl-C" >&2
    ok=0
  fi
  # turbo may have started its daemon in the clone: stop it, so nothing is left running.
  (cd "$base/repo" && in_setup "$base" ./node_modules/.bin/turbo daemon stop >/dev/null 2>&1) || true
  [ $ok -eq 1 ]
}

for setup in "${setups[@]}"; do
  if run_setup "$setup"; then
    passed=$((passed + 1))
    echo "PASS $setup"
  else
    failed=$((failed + 1))
    failures+=("$setup")
    echo "FAIL $setup"
  fi
done

if [ "$(global_state)" != "$global_before" ]; then
  echo "the machine's global npm folder $global_bin changed during the run: a setup escaped its temporary prefix" >&2
  failed=$((failed + 1))
  failures+=("global-npm-untouched")
fi

echo
[ $failed -eq 0 ] || echo "failed setups: ${failures[*]}"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
