import Store

/// Request and response bodies of the JSON API (described in `OpenAPIDocument`).
struct SaveScenarioRequest: Decodable { var name: String; var text: String }
struct ValidateRequest: Decodable { var text: String; var name: String? }
struct StartStudyRequest: Decodable {
    var scenario: String
    var version: String?
    var runs: Int64?
    var seed: UInt64?
    var sensitivityRuns: Int64?
}
struct CompareRequest: Decodable {
    /// Library names, each optionally `name@hash` for a given version.
    var scenarios: [String]
    var runs: Int64?
    var seed: UInt64?
    var sensitivityRuns: Int64?
}

struct ScenarioListBody: Encodable { var scenarios: [ScenarioEntry] }
struct VersionInfo: Encodable { var hash: String; var title: String; var createdAt: Int64; var createdBy: String }
struct ScenarioDetailBody: Encodable { var name: String; var latest: ScenarioVersion; var versions: [VersionInfo] }
/// `file` is the name the validated text has in `diagnostics` (others are scenarios it extends);
/// `diagnostics` holds the first `DiagnosticList.shownByDefault` problems in file order, and
/// `diagnosticsOmitted` (present only then) counts the rest.
struct ValidateBody: Encodable {
    var valid: Bool; var file: String; var title: String?; var diagnostics: [DiagnosticBody]; var diagnosticsOmitted: Int? = nil
}
struct HealthBody: Encodable { var status: String; var version: String }

/// A study as the API shows it: everything but the result itself, which has its own endpoint.
struct StudyBody: Encodable {
    var id: String
    var scenario: String
    var version: String
    var seed: UInt64
    var runs: Int64
    var sensitivityRuns: Int64
    var status: StudyStatus
    var progress: Double
    var createdAt: Int64
    var startedAt: Int64?
    var finishedAt: Int64?
    var seconds: Double?
    var createdBy: String
    var message: String?
    var resultURL: String?

    init(_ r: StudyRecord) {
        id = r.id; scenario = r.scenarioName; version = r.scenarioHash; seed = r.seed; runs = r.runs
        sensitivityRuns = r.sensitivityRuns; status = r.status; progress = r.progress; createdAt = r.createdAt
        startedAt = r.startedAt; finishedAt = r.finishedAt; seconds = r.seconds; createdBy = r.createdBy; message = r.message
        resultURL = r.status == .succeeded ? "/api/studies/\(r.id)/result" : nil
    }
}
struct StudyListBody: Encodable { var studies: [StudyBody] }
