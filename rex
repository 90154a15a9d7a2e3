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
  mkdir -p "$ROOT/.rex"
  local log="$ROOT/.rex/build.log" started=$SECONDS
  echo "rex: building the project (first run or sources changed: minutes; the first one also downloads about" \
       "800 MB into ~/.m2, see README 'First run'); full log: .rex/build.log" >&2
  set +e
  "${MVN[@]}" -DskipTests install "$@" 2>&1 | tee "$log" | progress "$started"
  local status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    echo "rex: build failed after $((SECONDS - started)) s; the end of .rex/build.log:" >&2
    if grep -qE '^\[ERROR\]' "$log"; then grep -E '^\[ERROR\]' "$log" | head -n 25 >&2; else tail -n 25 "$log" >&2; fi
    exit 1
  fi
  echo "rex: built in $((SECONDS - started)) s" >&2
}

# Maven's output reduced to one line per module ("[3/14] rex-gqa, 41 s so far") and a count of downloads.
progress() {
  local started=$1 line downloads=0
  while IFS= read -r line; do
    case "$line" in
      "[INFO] Building "*"["*/*"]")
        local step=${line##*[} name=${line#\[INFO\] Building }
        name=${name%%  *}
        echo "rex: build [${step%]}] ${name% *}, $((SECONDS - started)) s so far" >&2 ;;
      "Downloaded from "*|"[INFO] Downloaded from "*)
        downloads=$((downloads + 1))
        [ $((downloads % 100)) -eq 0 ] && echo "rex: downloaded $downloads files from Maven Central..." >&2 ;;
    esac
  done
  return 0
}

case "${1:-}" in
  test)
    shift
    # The whole suite, every module: unit tests, library tests, and one @QuarkusTest per service
    # against a real Kafka broker and a real PostgreSQL (embedded, or Testcontainers where Docker answers).
    # Tests' own output goes to target/surefire-reports/*-output.txt (root pom); the summary reads the reports.
    since=$(($(date +%s) * 1000))
    set +e
    "${MVN[@]}" install "$@"
    status=$?
    set -e
    # the compiled class when this run built it, else from source (JDK only: works even when the build failed)
    if [ "$ROOT/cli/target/classes/dev/rex/cli/TestReports.class" -nt "$ROOT/cli/src/main/java/dev/rex/cli/TestReports.java" ]; then
      java -cp "$ROOT/cli/target/classes" dev.rex.cli.TestReports "$ROOT" "$since" || true
    else
      java "$ROOT/cli/src/main/java/dev/rex/cli/TestReports.java" "$ROOT" "$since" || true
    fi
    exit "$status"
    ;;
  build)
    shift
    exec "${MVN[@]}" -DskipTests install "$@"
    ;;
esac

stale && build
JAVA=(java ${REX_JAVA_OPTS:--Xmx8g} -Dai.djl.offline=true -Drex.home="$ROOT" -jar "$jar" "$@")
# libtorch prints a C++ deprecation warning on its own stderr that Java cannot silence: filtered out unless --verbose
case " $* " in
  *" --verbose "*) exec "${JAVA[@]}" ;;
esac
if command -v perl >/dev/null 2>&1; then
  exec "${JAVA[@]}" 2> >(exec perl "$ROOT/cli/src/main/sh/quiet-native-warnings.pl")
fi
exec "${JAVA[@]}"
