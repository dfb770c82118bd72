#!/usr/bin/env bash
# Runs every GridPatrol test: unit and property tests, the store against a real (embedded, durable)
# PostgreSQL, integration tests of real nodes (Hazelcast cluster on loopback, HTTP, OsmAnd, WebSocket), and
# the control-room map in a real browser (Debian's Chromium and chromedriver, installed here if missing).
# Extra arguments go to Maven, e.g. scripts/test.sh -pl modules/domain
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/lib/browser.sh
exec ./mvnw -B verify "$@"
