import Foundation
import Testing
@testable import Negotiation

/// Cross-checks the Swift model against an independent implementation in
/// Python (standard library only) over every option combination. Skipped
/// when no interpreter is found (GUARANTOR_PYTHON, else python3 on PATH).
@Suite struct CrossCheckTests {
    static let python: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["GUARANTOR_PYTHON"], FileManager.default.isExecutableFile(atPath: path) { return path }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    @Test(.enabled(if: python != nil && ReferenceData.hasEmissionStandards,
                   "needs python3 (or GUARANTOR_PYTHON) and shared/reference/negotiation/emission-standards.csv"))
    func everyOptionCombinationAgreesWithThePythonReference() throws {
        let python = try #require(Self.python)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-bdm-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("bdm_reference.py")
        try Self.reference.write(to: script, atomically: true, encoding: .utf8)

        let rounds = 5
        let actors = ReferenceData.emissionStandards
        let combinations = BargainingOptions.allCombinations
        func pythonOptions(_ options: BargainingOptions) -> String {
            let risk = ["every_round_from_neutral": "neutral", "every_round_from_previous": "previous", "never": "never"]
            return """
            {"den": "\(options.probabilityDenominator == .contest ? "contest" : "all")", \
            "comp": "\(options.compromise == .expectedUtilityRatio ? "ratio" : "weighted")", \
            "risk": "\(risk[options.riskRecalculation.rawValue] ?? "")", \
            "persp": "\(options.perspective.rawValue)", \
            "conflict": "\(options.conflict == .weakerConcedes ? "weaker" : "none")", \
            "sel": "\(options.offerSelection == .leastMovement ? "least" : "enforceable")"}
            """
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, ReferenceData.emissionStandardsURL.path,
                             "[" + combinations.map(pythonOptions).joined(separator: ",") + "]", String(rounds)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let references = try JSONDecoder().decode([[ReferenceRound]].self, from: data)
        try #require(references.count == combinations.count)

        for (options, reference) in zip(combinations, references) {
            var swiftOptions = options
            swiftOptions.maximumRounds = rounds
            swiftOptions.stableRounds = rounds + 1
            let trajectory = try BargainingModel.play(actors, options: swiftOptions)
            let label = pythonOptions(options)
            #expect(trajectory.rounds.count >= 1)
            #expect(reference.count >= trajectory.rounds.count, "\(label)")
            for (ours, theirs) in zip(trajectory.rounds, reference) {
                for (x, y) in zip(ours.positions, theirs.positions) { #expect(abs(x - y) < 1e-9, "\(label) round \(ours.number)") }
                for (x, y) in zip(ours.riskExponents, theirs.risks) { #expect(abs(x - y) < 1e-9) }
                #expect(abs(ours.median - theirs.median) < 1e-9)
                #expect(abs(ours.mean - theirs.mean) < 1e-9)
                #expect(ours.moves.map(\.proposer) == theirs.moves.map(\.proposer), "\(label) round \(ours.number)")
                #expect(ours.moves.map(\.kind.rawValue) == theirs.moves.map(\.kind))
            }
        }
    }

    struct ReferenceRound: Decodable {
        struct Move: Decodable { var mover: Int; var proposer: Int; var kind: String }
        var positions: [Double]
        var median: Double
        var mean: Double
        var risks: [Double]
        var moves: [Move]
    }

    /// Written from the equations of Scholz, Calbert & Smith (2011) without
    /// looking at the Swift code's structure; shares only the option names.
    static let reference = #"""
# Independent re-implementation of Scholz, Calbert & Smith (2011) for cross-checking.
import csv, json, sys
def play(actors, opts, rounds):
    n=len(actors); c=[a[1] for a in actors]; x=[a[2] for a in actors]; s=[a[3] for a in actors]
    w=[c[k]*s[k] for k in range(n)]
    def med(x):
        best=None;bd=None
        for cand in x:
            d=sum(w[k]*abs(x[k]-cand) for k in range(n))
            if bd is None or d<bd or (d==bd and cand<best): best,bd=cand,d
        return best
    def mean(x): return sum(w[k]*x[k] for k in range(n))/sum(w)
    out=[]; rprev=[1.0]*n
    for t in range(rounds):
        R=max(x)-min(x)
        if R<=0: break
        mu=med(x)
        def vote(k,a,b): return w[k]*(abs(x[k]-b)-abs(x[k]-a))/R
        allp=sum(abs(vote(k,x[a],x[b])) for k in range(n) for a in range(n) for b in range(n))
        def P(i,j):
            if x[i]==x[j]: return 0.0
            sup=sum(max(0.0,vote(k,x[i],x[j])) for k in range(n))
            cast=sum(abs(vote(k,x[i],x[j])) for k in range(n))
            tot=cast if opts['den']=='contest' else allp
            return sup/tot if tot>0 else 0.5
        def EU(i,j,r):
            if x[i]==x[j]: return 0.0
            d=abs(x[i]-x[j])/R; dm=abs(x[i]-mu)/R
            u=lambda b: 2-4*max(0.0,b)**r
            Us,Uf,Ub,Uw,Usq=u(0.5-0.5*d),u(0.5+0.5*d),u(0.5-0.25*(dm+d)),u(0.5+0.25*(dm+d)),u(0.5)
            p=P(i,j); Q=opts.get('Q',1.0); T=1.0 if abs(x[i]-mu)<abs(x[i]-x[j]) else 0.0
            return s[j]*(p*Us+(1-p)*Uf)+(1-s[j])*Us-(Q*Usq+(1-Q)*(T*Ub+(1-T)*Uw))
        base=[1.0]*n if opts['risk']=='neutral' else rprev
        if opts['risk']=='never': r=[1.0]*n
        else:
            sec=[sum(EU(j,i,base[j]) for j in range(n) if j!=i) for i in range(n)]
            mx,mn=max(sec),min(sec)
            r=[1.0]*n if not mx>mn else [(1-((2*q-mx-mn)/(mx-mn))/3)/(1+((2*q-mx-mn)/(mx-mn))/3) for q in sec]
        nx=list(x); moves=[]
        for i in range(n):
            offers=[]
            for j in range(n):
                if j==i or x[i]==x[j]: continue
                a=EU(i,j,r[i]); b=EU(j,i,r[i] if opts['persp']=='observer' else r[j])
                if not b>0: continue
                if a>0:
                    if b>a and opts['conflict']=='weaker': offers.append(('confrontation',j,x[j],a,b))
                elif b>-a:
                    f=(-a/b) if opts['comp']=='ratio' else b/(b-a)
                    offers.append(('compromise',j,x[i]+(x[j]-x[i])*f,a,b))
                else: offers.append(('capitulation',j,x[j],a,b))
            if offers:
                if opts['sel']=='least': key=lambda o:(abs(o[2]-x[i]),-o[4],o[1])
                else: key=lambda o:(-o[4],abs(o[2]-x[i]),o[1])
                o=min(offers,key=key); nx[i]=o[2]
                moves.append(dict(mover=i,proposer=o[1],kind=o[0],to=o[2],a=o[3],b=o[4]))
        x=nx; rprev=r
        out.append(dict(positions=x,median=med(x),mean=mean(x),risks=r,moves=moves))
    return out
if __name__=='__main__':
    rows=list(csv.DictReader(open(sys.argv[1])))
    actors=[(r['Actor'],float(r['Capability']),float(r['Position']),float(r['Salience'])) for r in rows]
    runs=json.loads(sys.argv[2]); rounds=int(sys.argv[3])
    print(json.dumps([play(actors,opts,rounds) for opts in runs]))
"""#
}
