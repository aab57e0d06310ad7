"""Solve Gambit files with pygambit and print exact results as JSON, for GamesTests.

Usage: gambit_solve.py METHOD FILE [FILE ...]
METHOD: enumpure | enummixed | lcp | logit | strategies
Prints one JSON object per file on its own line:
  {"file": ..., "equilibria": [profile, ...]} with every number an exact rational string
(logit: decimal strings), or {"file": ..., "error": "..."}.
Exit code 3 when pygambit is missing, so the caller can skip.
"""
import json
import sys

try:
    import pygambit as gbt
except ImportError:
    print("pygambit is not installed", file=sys.stderr)
    sys.exit(3)


def q(x):
    return str(gbt.Rational(x)) if not isinstance(x, float) else repr(x)


def strategic(eq, game):
    return [[q(eq[s]) for s in p.strategies] for p in game.players]


def behaviour(eq, game):
    return [[[q(eq[a]) for a in i.actions] for i in p.infosets] for p in game.players]


def solve(method, path):
    game = gbt.read_efg(path) if path.endswith(".efg") else gbt.read_nfg(path)
    if method == "strategies":
        return [[s.label for s in p.strategies] for p in game.players]
    if method == "enumpure":
        res = gbt.nash.enumpure_solve(game)
    elif method == "enummixed":
        res = gbt.nash.enummixed_solve(game, rational=True)
    elif method == "lcp":
        res = gbt.nash.lcp_solve(game, rational=True)
    elif method == "logit":
        res = gbt.nash.logit_solve(game)
    else:
        raise ValueError(method)
    out = []
    for eq in res.equilibria:
        if isinstance(eq, (gbt.MixedBehaviorProfileRational, gbt.MixedBehaviorProfileDouble)):
            out.append(behaviour(eq, game))
        else:
            out.append(strategic(eq, game))
    return out


def main():
    method = sys.argv[1]
    for path in sys.argv[2:]:
        try:
            print(json.dumps({"file": path, "equilibria": solve(method, path)}))
        except Exception as e:  # reported to the Swift test, which fails with it
            print(json.dumps({"file": path, "error": str(e)}))


if __name__ == "__main__":
    main()
