#!/usr/bin/env bash
# Builds pat4j and starts the sample on http://localhost:8080 (sign in as alice / alice-password).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -q -pl samples/spring-boot -am package -DskipTests
cd samples/spring-boot
exec java -jar target/pat4j-spring-boot-sample-0.1.0-SNAPSHOT.jar "$@"
