#!/usr/bin/env bash
# The combat loop's AVX2 and AVX-512 builds (Sources/CombatLoopsAVX2,
# Sources/CombatLoopsAVX512) must define only their own symbols. A shared
# symbol (a specialisation of a standard-library generic, with weak linkage)
# is kept once for the whole program by the linker, which may keep the
# AVX-512 copy and so run AVX-512 instructions from baseline code on a CPU
# without them. Usage: scripts/check-combat-loop-symbols.sh [BUILD_DIR]
# (default .build/debug). Exit status 1 names the offending symbols.
set -euo pipefail
dir="${1:-.build/debug}"
status=0
for module in CombatLoopsAVX2 CombatLoopsAVX512; do
  objects=$(find "$dir/$module.build" -name '*.o' 2>/dev/null || true)
  if [ -z "$objects" ]; then
    echo "check-combat-loop-symbols: no object files for $module under $dir (build first)" >&2
    exit 2
  fi
  # Defined symbols, less local constants, the reflection version, and the module's own.
  bad=$(nm --defined-only $objects | awk 'NF == 3 && $2 !~ /^[rtbdn]$/ {print $3}' \
        | grep -v -e "$module" -e '^__swift_reflection_version$' -e '^\.L' || true)
  if [ -n "$bad" ]; then
    echo "check-combat-loop-symbols: $module defines shared symbols:" >&2
    echo "$bad" | sed 's/^/  /' >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "check-combat-loop-symbols: CombatLoopsAVX2 and CombatLoopsAVX512 define only their own symbols"
exit $status
