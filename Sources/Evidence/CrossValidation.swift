import GuarantorModel

/// Out-of-fold scores of a logistic model against the constant-rate baseline
/// (the honour rate of the training folds): the question is whether the
/// covariates predict honour better than a base rate alone.
public struct CrossValidation: Sendable, Hashable, Codable {
    public var folds: Int
    /// Seed of the fixed fold assignment (the same every run).
    public var seed: UInt64
    public var observations: Int
    public var modelBrier: Double
    public var baselineBrier: Double
    public var modelLogLoss: Double
    public var baselineLogLoss: Double

    /// Brier skill score: 1 - model / baseline (positive = the model beats the base rate).
    public var brierSkill: Double { 1 - modelBrier / baselineBrier }

    /// Fold of each observation: a Fisher-Yates shuffle by SplitMix64 from
    /// `seed`, then positions dealt round-robin, so folds differ in size by at
    /// most one and do not follow the file's (sorted) order.
    public static func foldAssignment(count n: Int, folds k: Int, seed: UInt64) -> [Int] {
        var order = Array(0..<n)
        var rng = SplitMix64(seed: seed)
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        var fold = [Int](repeating: 0, count: n)
        for (position, index) in order.enumerated() { fold[index] = position % k }
        return fold
    }

    /// Log loss clips probabilities to [eps, 1 - eps] so that one confident miss is large but finite.
    public static let logLossEpsilon = 1e-15

    static func logLoss(_ p: Double, _ y: Double) -> Double {
        let q = min(max(p, logLossEpsilon), 1 - logLossEpsilon)
        return y == 1 ? -Math.log(q) : -Math.log(1 - q)
    }

    public static func run(_ data: LogisticData, folds k: Int, seed: UInt64 = 20_050_601) throws(EvidenceError) -> CrossValidation {
        guard k >= 2 else { throw EvidenceError("cross-validation needs at least 2 folds (got \(k))") }
        guard k <= data.count else {
            throw EvidenceError("cross-validation with \(k) folds needs at least \(k) observations (got \(data.count))")
        }
        let fold = foldAssignment(count: data.count, folds: k, seed: seed)
        var mb = 0.0, bb = 0.0, ml = 0.0, bl = 0.0
        for f in 0..<k {
            let train = (0..<data.count).filter { fold[$0] != f }
            let test = (0..<data.count).filter { fold[$0] == f }
            let trainData = data.subset(train)
            let fit: LogisticFit
            do { fit = try LogisticRegression.fit(trainData) } catch {
                throw EvidenceError("fold \(f + 1) of \(k): \(error.message)")
            }
            let base = trainData.y.reduce(0, +) / Double(trainData.count)
            for i in test {
                let p = fit.probability(data.x[i]), y = data.y[i]
                mb += (p - y) * (p - y); bb += (base - y) * (base - y)
                ml += logLoss(p, y); bl += logLoss(base, y)
            }
        }
        let n = Double(data.count)
        return CrossValidation(folds: k, seed: seed, observations: data.count,
                               modelBrier: mb / n, baselineBrier: bb / n, modelLogLoss: ml / n, baselineLogLoss: bl / n)
    }
}
