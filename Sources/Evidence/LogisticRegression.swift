import GuarantorModel

/// Data for a logistic regression: one row of covariates per observation
/// (without the intercept, which the fit adds) and a 0/1 outcome.
public struct LogisticData: Sendable, Hashable, Codable {
    public var covariates: [String]
    public var x: [[Double]]
    public var y: [Double]

    public init(covariates: [String], x: [[Double]], y: [Double]) {
        self.covariates = covariates; self.x = x; self.y = y
    }

    public var count: Int { y.count }

    func subset(_ indices: [Int]) -> LogisticData {
        LogisticData(covariates: covariates, x: indices.map { x[$0] }, y: indices.map { y[$0] })
    }
}

/// A fitted logistic regression of honour on covariates.
public struct LogisticFit: Sendable, Hashable, Codable {
    public struct Coefficient: Sendable, Hashable, Codable {
        public var name: String
        public var estimate: Double
        /// From the inverse of the Fisher information at the estimate.
        public var standardError: Double
        public var z: Double { estimate / standardError }
        /// Two-sided Wald p-value.
        public var pValue: Double { Math.erfc(abs(z) / 2.0.squareRoot()) }
        public var oddsRatio: Double { Math.exp(estimate) }
    }

    /// The intercept first (named `_cons`, as Stata prints it), then the covariates in order.
    public var coefficients: [Coefficient]
    public var observations: Int
    public var logLikelihood: Double
    /// Log-likelihood of the constant-only model.
    public var nullLogLikelihood: Double
    public var iterations: Int

    public var estimates: [Double] { coefficients.map(\.estimate) }
    public var pseudoR2: Double { 1 - logLikelihood / nullLogLikelihood }
    public var likelihoodRatioChi2: Double { 2 * (logLikelihood - nullLogLikelihood) }

    public func coefficient(_ name: String) -> Coefficient? { coefficients.first { $0.name == name } }

    /// Predicted honour probability for one covariate row.
    public func probability(_ row: [Double]) -> Double {
        LogisticRegression.probability(estimates, row)
    }
}

/// Maximum-likelihood logistic regression by iteratively reweighted least
/// squares (Newton-Raphson on the log-likelihood; for the logit link both are
/// the same iteration). Written out because analysts must be able to read how
/// a multiplier in the ledger was obtained, and because the product may not
/// call Python.
public enum LogisticRegression {
    public static let maxIterations = 100
    /// Convergence: largest change of a coefficient in one step.
    public static let tolerance = 1e-10
    /// A coefficient this large means the likelihood has no finite maximum.
    static let separationBound = 30.0

    static func probability(_ beta: [Double], _ row: [Double]) -> Double {
        var eta = beta[0]
        for j in 0..<row.count { eta += beta[j + 1] * row[j] }
        if eta >= 0 { return 1 / (1 + Math.exp(-eta)) }
        let e = Math.exp(eta)
        return e / (1 + e)
    }

    static func logLikelihood(_ beta: [Double], _ data: LogisticData) -> Double {
        var ll = 0.0
        for i in 0..<data.count {
            let p = probability(beta, data.x[i])
            ll += data.y[i] == 1 ? Math.log(p) : Math.log(1 - p)
        }
        return ll
    }

    public static func fit(_ data: LogisticData) throws(EvidenceError) -> LogisticFit {
        let n = data.count, p = data.covariates.count + 1
        guard n > p else {
            throw EvidenceError("a logistic regression with \(p) coefficients needs more than \(p) observations (got \(n))")
        }
        for (i, row) in data.x.enumerated() where row.count != p - 1 || !row.allSatisfy(\.isFinite) {
            throw EvidenceError("observation \(i + 1) has \(row.count) finite covariates, expected \(p - 1)")
        }
        guard data.y.allSatisfy({ $0 == 0 || $0 == 1 }) else {
            throw EvidenceError("the outcome must be 0 or 1 for every observation")
        }
        let honoured = data.y.reduce(0, +)
        guard honoured > 0 && honoured < Double(n) else {
            throw EvidenceError("the outcome does not vary (every observation is \(honoured > 0 ? "honoured" : "not honoured")): nothing to fit")
        }
        var beta = [Double](repeating: 0, count: p)
        var information = [[Double]]()
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            information = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
            var score = [Double](repeating: 0, count: p)
            for i in 0..<n {
                let row = [1.0] + data.x[i]
                let pi = probability(beta, data.x[i])
                let w = pi * (1 - pi)
                for a in 0..<p {
                    score[a] += row[a] * (data.y[i] - pi)
                    for b in 0...a { information[a][b] += w * row[a] * row[b] }
                }
            }
            for a in 0..<p { for b in 0..<a { information[b][a] = information[a][b] } }
            guard let step = LinearAlgebra.solveSymmetric(information, score) else {
                throw EvidenceError("the covariates are collinear (the information matrix is singular): drop one of \(data.covariates.joined(separator: ", "))")
            }
            var largest = 0.0
            for a in 0..<p { beta[a] += step[a]; largest = max(largest, abs(step[a])) }
            if beta.contains(where: { !$0.isFinite || abs($0) > separationBound }) {
                throw EvidenceError("the fit diverges: some covariate separates honoured from not honoured perfectly, so its coefficient has no finite estimate")
            }
            if largest < tolerance { converged = true; break }
        }
        guard converged else {
            throw EvidenceError("the fit did not converge in \(maxIterations) iterations")
        }
        // The information at the final estimate, for the standard errors.
        information = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for i in 0..<n {
            let row = [1.0] + data.x[i]
            let pi = probability(beta, data.x[i])
            let w = pi * (1 - pi)
            for a in 0..<p { for b in 0..<p { information[a][b] += w * row[a] * row[b] } }
        }
        guard let covariance = LinearAlgebra.inverseSymmetric(information) else {
            throw EvidenceError("the information matrix is singular at the estimate: no standard errors")
        }
        let names = ["_cons"] + data.covariates
        let coefficients = (0..<p).map {
            LogisticFit.Coefficient(name: names[$0], estimate: beta[$0], standardError: covariance[$0][$0].squareRoot())
        }
        let rate = honoured / Double(n)
        let nullLL = honoured * Math.log(rate) + (Double(n) - honoured) * Math.log(1 - rate)
        return LogisticFit(coefficients: coefficients, observations: n,
                           logLikelihood: logLikelihood(beta, data), nullLogLikelihood: nullLL, iterations: iterations)
    }
}

/// The small dense linear algebra the fit needs (p is below ten).
enum LinearAlgebra {
    /// Cholesky factor L with A = L L^T; nil when A is not positive definite.
    static func cholesky(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        // Relative to the matrix's scale, so that a nearly singular matrix is refused.
        let scale = (0..<n).map { abs(a[$0][$0]) }.max() ?? 0
        guard scale > 0 else { return nil }
        for j in 0..<n {
            var d = a[j][j]
            for k in 0..<j { d -= l[j][k] * l[j][k] }
            guard d > scale * 1e-13 else { return nil }
            l[j][j] = d.squareRoot()
            for i in (j + 1)..<max(j + 1, n) {
                var s = a[i][j]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                l[i][j] = s / l[j][j]
            }
        }
        return l
    }

    static func solve(cholesky l: [[Double]], _ b: [Double]) -> [Double] {
        let n = b.count
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= l[i][k] * y[k] }
            y[i] /= l[i][i]
        }
        var x = y
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(i + 1, n) { x[i] -= l[k][i] * x[k] }
            x[i] /= l[i][i]
        }
        return x
    }

    static func solveSymmetric(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        guard let l = cholesky(a) else { return nil }
        return solve(cholesky: l, b)
    }

    static func inverseSymmetric(_ a: [[Double]]) -> [[Double]]? {
        guard let l = cholesky(a) else { return nil }
        let n = a.count
        var inv = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            let col = solve(cholesky: l, e)
            for i in 0..<n { inv[i][j] = col[i] }
        }
        return inv
    }
}
