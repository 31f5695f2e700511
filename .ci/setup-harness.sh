#!/usr/bin/env bash
# .ci/setup-harness.sh — prepare this machine for slimify's end-to-end `verify` tests.
#
# Idempotent and safe to call on every CI run (from .ci/run, before `npm run test:e2e`):
#   1. installs the Debian packages the harness and `slimify verify` need, if any is missing
#      (buildah, debootstrap, podman, runc, skopeo);
#   2. creates the local stand-in base images with ../shared/harness/make-bases.sh. The images live in
#      containers-storage and the debootstrap downloads in $SLIMIFY_HARNESS_CACHE
#      (/var/cache/slimify-harness), so on the same machine later runs only re-check them (~2 s);
#      the first run takes ~5 min.
# All harness work runs under `flock /tmp/slimify-harness.lock`, so it never overlaps another harness
# user (or the e2e suite itself). Exit 0 when the e2e suite can run, non-zero otherwise (the suite then
# skips itself with a message; `.ci/run` decides whether that fails CI).
#
# Env: SLIMIFY_HARNESS_DIR   harness location (default: ../shared/harness relative to the repo)
#      SLIMIFY_HARNESS_LOCK  lock file (default /tmp/slimify-harness.lock)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
harness=${SLIMIFY_HARNESS_DIR:-$repo/../shared/harness}
lock=${SLIMIFY_HARNESS_LOCK:-/tmp/slimify-harness.lock}
log() { printf '[setup-harness %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [ ! -x "$harness/make-bases.sh" ]; then
  log "no harness at $harness (set SLIMIFY_HARNESS_DIR); e2e tests will be skipped"
  exit 1
fi
harness=$(cd "$harness" && pwd)

need=()
for pkg in buildah debootstrap podman runc skopeo; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing packages ${need[*]} and not root: install them first"; exit 1
  fi
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
else
  log "packages present: buildah debootstrap podman runc skopeo"
fi

log "base images: $harness/make-bases.sh (under flock $lock)"
t0=$(date +%s)
flock "$lock" "$harness/make-bases.sh"
log "bases ready in $(( $(date +%s) - t0 )) s"
