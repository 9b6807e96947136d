#!/usr/bin/env bash
# Formats the tree and applies Biome's safe lint fixes, then runs the same check as `npm test`
# (`npm run lint`) to list what is left to fix by hand. Run it after a merge; commit the formatting
# on its own, then the hand fixes.
set -euo pipefail
cd "$(dirname "$0")/.."
npx biome check --write .
npm run lint
