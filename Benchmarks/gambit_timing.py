"""Time pygambit's solvers on the reference games, for comparison with the GameSolvers benchmark.

Usage: python Benchmarks/gambit_timing.py [REFERENCE_GAMES_DIR] [--repeat N]
Prints one row per game and method: the median wall time of N runs (default 20) in
microseconds. Same machine, same files as `swift package benchmark --target GameSolvers`.
"""
import glob
import os
import statistics
import sys
import time

import pygambit as gbt

METHODS = {
    "enumpure": lambda g: gbt.nash.enumpure_solve(g),
    "enummixed": lambda g: gbt.nash.enummixed_solve(g, rational=True),
    "lcp": lambda g: gbt.nash.lcp_solve(g, rational=True),
}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeat = 20
    if "--repeat" in sys.argv:
        repeat = int(sys.argv[sys.argv.index("--repeat") + 1])
        args = [a for a in args if a != str(repeat)]
    here = os.path.dirname(os.path.abspath(__file__))
    folder = args[0] if args else os.path.join(here, "..", "..", "shared", "reference", "games")
    print(f"pygambit {gbt.__version__}, median of {repeat} runs, microseconds (file read included)")
    print(f"{'game':48} {'method':10} {'us':>10}")
    for path in sorted(glob.glob(os.path.join(folder, "*.[en]fg"))):
        for name, solve in METHODS.items():
            probe = gbt.read_efg(path) if path.endswith(".efg") else gbt.read_nfg(path)
            if name != "enumpure" and len(probe.players) != 2:
                continue
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                game = gbt.read_efg(path) if path.endswith(".efg") else gbt.read_nfg(path)
                solve(game)
                times.append((time.perf_counter() - start) * 1e6)
            print(f"{os.path.basename(path):48} {name:10} {statistics.median(times):10.1f}")


if __name__ == "__main__":
    main()
