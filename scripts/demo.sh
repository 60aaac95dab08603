#!/usr/bin/env bash
# The main demo that `make run` shows.
set -euo pipefail
build=${1:-build}
echo "goemu: the demo lands with the goemu command-line tool."
