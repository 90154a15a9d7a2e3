#!/usr/bin/env bash
# The one launcher: `./rex test` runs every test; every other verb runs the rex CLI (building it when missing
# or older than its sources). See README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

# DJL: never call home, keep its cache inside the project (ARCHITECTURE §4).
export DJL_OFFLINE=true
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ROOT/.djl-cache}"
export ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$DJL_CACHE_DIR}"
unset PYTORCH_VERSION || true

MVN=(mvn -B -e)
[ -n "${REX_MVN_OPTS:-}" ] && MVN+=($REX_MVN_OPTS)

need() { command -v "$1" >/dev/null 2>&1 || { echo "rex: '$1' is required but not found on PATH" >&2; exit 127; }; }
need java
need mvn

jar="$ROOT/cli/target/rex-cli.jar"

stale() {
  [ -f "$jar" ] || return 0
  # any source or pom newer than the launcher jar means a rebuild
  [ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
      -newer "$jar" -print -quit 2>/dev/null)" ]
}

build() {
  echo "rex: building (first run or sources changed)..." >&2
  "${MVN[@]}" -q -DskipTests install >&2 || { echo "rex: build failed; run 'mvn -B -DskipTests install' to see why" >&2; exit 1; }
}

case "${1:-}" in
  test)
    shift
    # The whole suite, every module: unit tests, library tests, and one @QuarkusTest per service
    # against a real Kafka broker and a real PostgreSQL (embedded, or Testcontainers where Docker answers).
    exec "${MVN[@]}" install "$@"
    ;;
  build)
    shift
    exec "${MVN[@]}" -DskipTests install "$@"
    ;;
esac

stale && build
exec java ${REX_JAVA_OPTS:--Xmx8g} -Dai.djl.offline=true -Drex.home="$ROOT" -jar "$jar" "$@"
