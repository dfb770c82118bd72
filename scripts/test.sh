#!/usr/bin/env bash
# Runs every GridPatrol test: unit and property tests, the store against a real (embedded, durable)
# PostgreSQL, and integration tests of real nodes (Hazelcast cluster on loopback, HTTP, OsmAnd).
# Extra arguments go to Maven, e.g. scripts/test.sh -pl modules/domain
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B verify "$@"
