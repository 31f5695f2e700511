#!/usr/bin/env bash
# Builds the harness samples after slim-base has rewritten them (default options, and with
# dependencies "prebuilt" and "compile"), runs each sample's smoke command, prints one JSON line
# per build. Needs ../shared/harness set up (buildah + make-bases.sh) and `npm run build`.
# Builds are serialised with the shared harness lock.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
H=${HARNESS:-$ROOT/../shared/harness}
WORK=$(mktemp -d /tmp/slimify-bases-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp -r "$H/samples/." "$WORK/"
chmod -R u+w "$WORK"
cd "$WORK"
declare -A SMOKE=(
  [deb-curl]="curl -fsS file:///etc/os-release"
  [go-hello]="hello-server -selftest"
  [py-app]="python app.py --selftest"
  [node-app]="node server.js --selftest"
)
for mode in default prebuilt compile; do
  if [ "$mode" = default ]; then echo '{}' > "cfg-$mode.json"; else echo "{\"transforms\":{\"slim-base\":{\"dependencies\":\"$mode\"}}}" > "cfg-$mode.json"; fi
  for s in deb-curl go-hello py-app node-app; do
    f="$s/Dockerfile.$mode"
    cp "$s/Dockerfile.orig" "$f"
    node "$ROOT/dist/src/cli/main.js" --only slim-base --config "cfg-$mode.json" --write "$f" >/dev/null || true
    if cmp -s "$s/Dockerfile.orig" "$f"; then echo "{\"sample\":\"$s\",\"mode\":\"$mode\",\"changed\":false}"; continue; fi
    diff "$s/Dockerfile.orig" "$f" | sed 's/^/# /' || true
    # shellcheck disable=SC2086
    line=$(flock /tmp/slimify-harness.lock "$H/build-measure.sh" "$f" "$s" "slimify-bases/$s:$mode" ${SMOKE[$s]} | tail -1)
    echo "{\"sample\":\"$s\",\"mode\":\"$mode\",\"changed\":true,\"result\":$line}"
  done
done
