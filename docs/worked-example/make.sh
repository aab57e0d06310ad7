#!/usr/bin/env bash
# Regenerates the figures of docs/ukraine-guarantees.md with the tool itself.
# Run from the repository root: bash docs/worked-example/make.sh
set -euo pipefail
G=${GUARANTOR:-.build/release/guarantor}
[ -x "$G" ] || swift build -c release --product guarantor
out=docs/worked-example
"$G" compare scenarios/nato-article5.yaml scenarios/ukraine-proposed-guarantees.yaml \
    scenarios/ukraine-bilateral-2024.yaml scenarios/budapest-memorandum-1994.yaml \
    --runs 10000 --seed 1 --sensitivity-runs 1000 --quiet \
    --format markdown --output "$out/designs.md" --report "$out/designs.html"
"$G" compare scenarios/ukraine-proposed-guarantees.yaml scenarios/ukraine-proposed-donetsk-withdrawal.yaml \
    scenarios/ukraine-proposed-dmz.yaml scenarios/ukraine-proposed-buffer-zone.yaml \
    --runs 10000 --seed 1 --sensitivity-runs 1000 --quiet \
    --format markdown --output "$out/settlements.md" --report "$out/settlements.html"
"$G" compare scenarios/nato-article5.yaml scenarios/ukraine-proposed-guarantees.yaml \
    scenarios/ukraine-bilateral-2024.yaml scenarios/budapest-memorandum-1994.yaml \
    scenarios/ukraine-base.yaml --runs 10000 --seed 1 --sensitivity-runs 0 --quiet --format json --output "$out/designs.json"
