#!/usr/bin/env bash
# pat: runs the pat4j command-line tool, building it first when its jar is missing or older
# than any source or pom of the repository. Needs JDK 17+ and Maven on the PATH.
# 'pat demo' and 'pat serve-auth' (the forward-auth endpoint) run the demo module's jar (a web
# server with every adapter); every other command
# runs the operator's CLI jar, which holds no web server.
set -euo pipefail

source_path="${BASH_SOURCE[0]}"
while [ -L "$source_path" ]; do
  dir="$(cd -P "$(dirname "$source_path")" && pwd)"
  source_path="$(readlink "$source_path")"
  case "$source_path" in /*) ;; *) source_path="$dir/$source_path" ;; esac
done
root="$(cd -P "$(dirname "$source_path")" && pwd)"
if [ "${1:-}" = "demo" ] || [ "${1:-}" = "serve-auth" ]; then
  # both serve HTTP: they run from the demo/server jar so the CLI's jar holds no web server
  module="demo"; jar="$root/demo/target/pat-demo.jar"; what="the demo"
else
  module="cli"; jar="$root/cli/target/pat.jar"; what="the command-line tool"
fi

stale() {
  [ ! -f "$jar" ] && return 0
  # any pom, or any main source or resource of any module, newer than the jar
  [ -n "$(find "$root" \( -name target -o -name .git -o -name pat-data -o -name node_modules \) -prune -o \
      \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$jar" -print -quit)" ]
}

build() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "pat: Maven (mvn) is needed to build $what once; install it or build ${jar#"$root/"} yourself" >&2
    exit 1
  fi
  echo "pat: building $what (mvn -pl $module -am clean package -DskipTests)..." >&2
  # clean: classes left in target/ by an older checkout (a package since moved to another
  # module) would otherwise be shaded into the jar beside their new copies.
  # -q keeps the build quiet; Maven still prints errors (to stderr here, minus the bare colour
  # resets some Maven builds print even in batch mode), and with pipefail its exit code is ours
  mvn -B -q -Dstyle.color=never -f "$root/pom.xml" -pl "$module" -am clean package -DskipTests 2>&1 \
    | sed -e 's/\x1b\[0m//g' -e '/^$/d' >&2
  touch "$jar"
}

if stale; then
  if command -v flock >/dev/null 2>&1; then
    # two first runs at once must not build over each other; the lock lives outside target/,
    # which the build cleans, and inside the checkout, which is the user's own
    exec 9>"$root/.pat-build.lock"
    flock 9
    if stale; then build; fi
    flock -u 9
    exec 9>&-
  else
    build
  fi
fi

java_cmd="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_cmd="$JAVA_HOME/bin/java"
fi
exec "$java_cmd" -jar "$jar" "$@"
