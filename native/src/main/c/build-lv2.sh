#!/usr/bin/env bash
# Builds the LV2 bundle analogy.lv2/ (and, with --test, builds and runs the C unit test of the bridge and of
# run()). Called by Maven (native/pom.xml) in every build on Linux; without a C compiler or the LV2 headers
# it says so in one line and skips — unless CI is set (CI=true, or -Danalogy.plugin.required=true), where a
# missing tool fails the build. Usage: build-lv2.sh OUT_DIR [--test] [--required true|false]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$1"; shift
TEST=0; REQUIRED="${CI:+true}"
while [ $# -gt 0 ]; do
  case "$1" in
    --test) TEST=1 ;;
    --required) REQUIRED="$2"; shift ;;
  esac
  shift
done
CC="${CC:-cc}"
missing=""
command -v "$CC" >/dev/null 2>&1 || missing="a C compiler ($CC)"
[ -f /usr/include/lv2/core/lv2.h ] || [ -f /usr/local/include/lv2/core/lv2.h ] || missing="${missing:+$missing and }the LV2 headers (lv2-dev)"
case "$REQUIRED" in ''|false|0|no|'${'*) REQUIRED=false ;; *) REQUIRED=true ;; esac # Maven passes ${env.CI} as is when unset
if [ -n "$missing" ]; then
  if [ "$REQUIRED" = "true" ]; then
    echo "analogy LV2 plugin: $missing not found, and the plugin is required here (CI): apt-get install gcc lv2-dev" >&2
    exit 1
  fi
  echo "analogy LV2 plugin: skipped ($missing not found; apt-get install gcc lv2-dev to build it)"
  exit 0
fi
CFLAGS=(-std=c11 -O2 -Wall -Wextra -Werror -fPIC -fvisibility=hidden -I"$HERE/lv2")
BUNDLE="$OUT/analogy.lv2"
mkdir -p "$BUNDLE"
"$CC" "${CFLAGS[@]}" -shared -o "$BUNDLE/analogy.so" "$HERE/lv2/analogy.c" -lpthread -lrt
cp "$HERE/lv2/manifest.ttl" "$HERE/lv2/analogy.ttl" "$BUNDLE/"
echo "analogy LV2 plugin: built $BUNDLE"
if [ "$TEST" = 1 ]; then
  mkdir -p "$OUT-test"
  TEST_SRC="$HERE/../../test/c/bridge_test.c"
  "$CC" "${CFLAGS[@]}" -fvisibility=default -o "$OUT-test/bridge_test" "$TEST_SRC" "$HERE/lv2/analogy.c" -lpthread -lrt \
      -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,--wrap=pthread_mutex_lock,--wrap=pthread_cond_wait,--wrap=usleep,--wrap=nanosleep,--wrap=sem_wait
  "$OUT-test/bridge_test"
fi
