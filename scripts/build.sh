#!/usr/bin/env bash
# Builds the runnable jars (without running tests) unless they are newer than every source file.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=modules/node/target/gridpatrol-node.jar
sim=modules/simulator/target/gridpatrol-simulator.jar
if [ -f "$jar" ] && [ -f "$sim" ] && [ -z "$(find modules pom.xml -newer "$jar" \( -name '*.java' -o -name '*.xml' -o -name '*.sql' -o -name '*.yaml' \) -not -path '*/target/*' -print -quit)" ]; then
  exit 0
fi
echo "Building GridPatrol (first time: Maven downloads its dependencies, a few minutes)..."
./mvnw -q -B -DskipTests package
