#!/usr/bin/env bash
# Prints, one per line, the build-time mounts the shared harness uses for apt/npm inside builds
# (lib.sh: harness_apt_volume_args) as `--volume=SRC:DST:ro` engine arguments for `slimify verify
# --engine-arg=...`. The host paths come from the harness at run time; none is written in the tests.
# Usage: harness-engine-args.sh HARNESS_DIR
set -euo pipefail
# shellcheck source=/dev/null
source "$1/lib.sh"
mapfile -t words < <(harness_apt_volume_args)
for ((i = 0; i < ${#words[@]}; i += 2)); do
  [ "${words[i]}" = --volume ] || { echo "unexpected harness argument: ${words[i]}" >&2; exit 1; }
  printf -- '--volume=%s\n' "${words[i + 1]}"
done
