import Foundation
import Testing
@testable import Evidence

/// Every fitted model of `guarantor calibrate`, refitted by an independent
/// numpy IRLS on the same file, and the cross-validation rescored in numpy
/// with the same fold assignment: agreement to 1e-6.
@Suite(.enabled(if: Reference.available, Reference.skipMessage))
struct PythonCrossCheckTests {
    static let script = #"""
import csv, json, sys
import numpy as np

path, outcome, covs, folds = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
rows = list(csv.DictReader(open(path, newline="")))

def val(r, c):
    v = r.get(c, "")
    return None if v in ("", ".") else float(v)

X, y = [], []
if outcome == "honorLLM":
    for r in rows:
        if val(r, "dnaLLM") == 1:
            continue
        s = val(r, "sample")
        vals = {"post1945": None if s is None else (1.0 if s == 0 else 0.0)}
        row = [vals[c] if c in vals else val(r, c) for c in covs]
        if any(v is None for v in row):
            continue
        X.append([1.0] + row); y.append(1.0 if val(r, "honorLLM") == 1 else 0.0)
else:
    for r in rows:
        row = [val(r, c) for c in covs]
        if any(v is None for v in row) or val(r, outcome) is None:
            continue
        X.append([1.0] + row); y.append(1.0 if val(r, outcome) == 1 else 0.0)
X, y = np.array(X), np.array(y)

def fit(X, y):
    b = np.zeros(X.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-X @ b))
        H = X.T @ (X * (p * (1 - p))[:, None])
        step = np.linalg.solve(H, X.T @ (y - p))
        b = b + step
        if np.max(np.abs(step)) < 1e-12:
            break
    p = 1 / (1 + np.exp(-X @ b))
    H = X.T @ (X * (p * (1 - p))[:, None])
    return b, np.sqrt(np.diag(np.linalg.inv(H))), float(np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))

b, se, ll = fit(X, y)
folds = np.array(folds)
mb = bb = ml = bl = 0.0
eps = 1e-15
for f in sorted(set(folds.tolist())):
    tr, te = folds != f, folds == f
    bf, _, _ = fit(X[tr], y[tr])
    base = y[tr].mean()
    p = np.clip(1 / (1 + np.exp(-X[te] @ bf)), eps, 1 - eps)
    q = np.clip(np.full(te.sum(), base), eps, 1 - eps)
    mb += np.sum((p - y[te]) ** 2); bb += np.sum((q - y[te]) ** 2)
    ml += -np.sum(y[te] * np.log(p) + (1 - y[te]) * np.log(1 - p))
    bl += -np.sum(y[te] * np.log(q) + (1 - y[te]) * np.log(1 - q))
n = len(y)
print(json.dumps({"coef": b.tolist(), "se": se.tolist(), "ll": ll, "n": n,
                  "brier": mb / n, "baseBrier": bb / n, "logloss": ml / n, "baseLogloss": bl / n}))
"""#

    struct PythonFit: Decodable {
        var coef: [Double], se: [Double], ll: Double, n: Int
        var brier: Double, baseBrier: Double, logloss: Double, baseLogloss: Double
    }

    static func calibrations() throws -> [(URL, HonourModel)] {
        let bf = try Calibration.run(.berkemeierFuhrmann2018, csv: try Reference.text(Reference.berkemeierFuhrmannCSV))
        let la = try Calibration.run(.leedsAnac2005, csv: try Reference.text(Reference.leedsAnacCSV))
        return bf.models.map { (Reference.berkemeierFuhrmannCSV, $0) } + la.models.map { (Reference.leedsAnacCSV, $0) }
    }

    @Test(.enabled(if: Python.interpreter != nil, Python.skipMessage))
    func swiftFitsAgreeWithNumpy() throws {
        let python = try #require(Python.interpreter)
        let models = try Self.calibrations()
        #expect(models.count == 3)
        for (url, model) in models {
            let covariates = Array(model.fit.coefficients.dropFirst().map(\.name))
            let folds = CrossValidation.foldAssignment(count: model.fit.observations, folds: model.crossValidation.folds,
                                                       seed: model.crossValidation.seed)
            let covJSON = "[" + covariates.map { "\"\($0)\"" }.joined(separator: ",") + "]"
            let foldJSON = "[" + folds.map(String.init).joined(separator: ",") + "]"
            let result = try Python.run(python, ["-c", Self.script, url.path, model.outcome, covJSON, foldJSON])
            try #require(result.status == 0, "python failed for \(model.key)")
            let py = try JSONDecoder().decode(PythonFit.self, from: Data(result.output.utf8))
            #expect(py.n == model.fit.observations)
            for (i, c) in model.fit.coefficients.enumerated() {
                #expect(abs(c.estimate - py.coef[i]) < 1e-6, "\(model.key) \(c.name) coef")
                #expect(abs(c.standardError - py.se[i]) < 1e-6, "\(model.key) \(c.name) se")
            }
            #expect(abs(model.fit.logLikelihood - py.ll) < 1e-6)
            let cv = model.crossValidation
            #expect(abs(cv.modelBrier - py.brier) < 1e-6, "\(model.key) Brier")
            #expect(abs(cv.baselineBrier - py.baseBrier) < 1e-6)
            #expect(abs(cv.modelLogLoss - py.logloss) < 1e-6, "\(model.key) log loss")
            #expect(abs(cv.baselineLogLoss - py.baseLogloss) < 1e-6)
        }
    }
}
