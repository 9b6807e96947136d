#!/usr/bin/env bash
# Formats the tree and applies Biome's safe lint fixes, plus three unsafe ones that only restate
# the same code (optional chains, literal keys, unused imports); then runs the same check as
# `npm test` (`npm run lint`) to list what is left to fix by hand. Run it after a merge; review
# the diff, and commit the formatting on its own, then the hand fixes.
set -euo pipefail
cd "$(dirname "$0")/.."
npx biome check --write . || true  # findings left are listed by the last step
npx biome lint --write --unsafe \
  --only=complexity/useOptionalChain --only=complexity/useLiteralKeys --only=correctness/noUnusedImports .
npx biome format --write .
npm run lint
