/// A dense exact tableau for complementary pivoting, laid out as Gambit's
/// `LemkeTableau` is: rows are labelled `minRow...maxRow`, structural variables
/// `minColumn...maxColumn`, and the slack of row `r` has label `-r`. The system is
/// `M z = b` with `M = [A | I]`; the tableau holds `B⁻¹[M | b]` for the current basis `B`.
///
/// Using the same labels, the same ratio tests and the same lexicographic
/// tie-breaking (ratios of the basic solution, then of the columns of `B⁻¹` in
/// row order) makes every pivot the one Gambit makes, so degenerate games give
/// Gambit's equilibria too.
struct LemkeTableau {
    let minRow: Int
    let maxRow: Int
    let minColumn: Int
    let maxColumn: Int
    private var rows: [[Rational]]
    /// Label of the basic variable at each row position.
    private(set) var basis: [Int]
    private var positionOfStructural: [Int]
    private var positionOfSlack: [Int]

    var rowCount: Int { maxRow - minRow + 1 }
    private var structuralCount: Int { maxColumn - minColumn + 1 }
    private var rhs: Int { structuralCount + rowCount }

    /// `a[r][c]` for rows `minRow...` and structural columns `minColumn...`; `b[r]`.
    init(minRow: Int, minColumn: Int, a: [[Rational]], b: [Rational]) {
        self.minRow = minRow
        self.maxRow = minRow + a.count - 1
        self.minColumn = minColumn
        self.maxColumn = minColumn + (a.first?.count ?? 0) - 1
        let m = a.count, n = a.first?.count ?? 0
        rows = (0..<m).map { r in
            var row = a[r]
            row.reserveCapacity(n + m + 1)
            for k in 0..<m { row.append(k == r ? .one : .zero) }
            row.append(b[r])
            return row
        }
        basis = (0..<m).map { -(minRow + $0) }
        positionOfStructural = [Int](repeating: -1, count: n)
        positionOfSlack = Array(0..<m)
    }

    func isStructural(_ label: Int) -> Bool { label >= minColumn && label <= maxColumn }
    func isSlack(_ label: Int) -> Bool { -label >= minRow && -label <= maxRow }
    func isValid(_ label: Int) -> Bool { isStructural(label) || isSlack(label) }
    func isRow(_ index: Int) -> Bool { index >= minRow && index <= maxRow }

    private func column(of label: Int) -> Int {
        isSlack(label) ? structuralCount + (-label - minRow) : label - minColumn
    }

    func isBasic(_ label: Int) -> Bool { position(of: label) != nil }

    /// Row position (0-based) of a basic variable.
    func position(of label: Int) -> Int? {
        if isSlack(label) {
            let p = positionOfSlack[-label - minRow]
            return p >= 0 ? p : nil
        }
        if isStructural(label) {
            let p = positionOfStructural[label - minColumn]
            return p >= 0 ? p : nil
        }
        return nil
    }

    /// `B⁻¹` times the column of `label`.
    func solveColumn(_ label: Int) -> [Rational] {
        let c = column(of: label)
        return rows.map { $0[c] }
    }

    /// The basic solution `B⁻¹ b`, by row position.
    func basicSolution() -> [Rational] { rows.map { $0[rhs] } }

    /// Returns the work done: the entries updated, each weighted by the square of its size in
    /// machine words (exact entries grow along a path, and the gcd that normalises each one
    /// takes time quadratic in its size, so a pivot's cost is not fixed).
    @discardableResult
    mutating func pivot(position r: Int, entering label: Int) -> Int {
        let c = column(of: label)
        let pivotValue = rows[r][c]
        guard !pivotValue.isZero else { return 0 }
        var work = 0
        let width = rows[r].count
        if pivotValue != .one {
            for j in 0..<width where !rows[r][j].isZero {
                rows[r][j] = rows[r][j] / pivotValue
                work += rows[r][j].cost
            }
        }
        let pivotRow = rows[r]
        let nonzero = (0..<width).filter { !pivotRow[$0].isZero }
        for i in rows.indices where i != r {
            let factor = rows[i][c]
            if factor.isZero { continue }
            for j in nonzero {
                rows[i][j] = rows[i][j] - factor * pivotRow[j]
                work += rows[i][j].cost
            }
        }
        let leaving = basis[r]
        if isSlack(leaving) { positionOfSlack[-leaving - minRow] = -1 } else { positionOfStructural[leaving - minColumn] = -1 }
        if isSlack(label) { positionOfSlack[-label - minRow] = r } else { positionOfStructural[label - minColumn] = r }
        basis[r] = label
        return work
    }

    enum RatioRule { case largest, smallest }

    /// Gambit's exit-row choice: rows with a positive entry in the entering column,
    /// narrowed by the ratio rule on the basic solution, then on each column of `B⁻¹`.
    /// `work` grows by the rows read and the ratios computed, each weighted by `Rational.cost`
    /// (in a degenerate game the lexicographic ties cost more than the pivot).
    func exitPosition(entering label: Int, rule: RatioRule, work: inout Int) throws -> Int? {
        let incol = solveColumn(label)
        var candidates = incol.indices.filter { incol[$0].signum > 0 }
        work += incol.count
        if candidates.isEmpty { return nil }
        var c = minRow - 1
        var col = basicSolution()
        while candidates.count > 1 {
            guard c <= maxRow else { throw GameError("the lexicographic ratio test did not break a tie (degenerate tableau)") }
            if c >= minRow { col = solveColumn(-c) }
            let ratios = candidates.map { col[$0] / incol[$0] }
            work += col.count + ratios.reduce(0) { $0 + $1.cost }
            var extreme = ratios[0]
            for v in ratios.dropFirst() {
                switch rule {
                case .largest: if v > extreme { extreme = v }
                case .smallest: if v < extreme { extreme = v }
                }
            }
            candidates = zip(candidates, ratios).filter { $0.1 == extreme }.map(\.0)
            c += 1
        }
        return candidates.first
    }
}
