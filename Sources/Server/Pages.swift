import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import ScenarioSpec
import Store

/// The web pages: Mustache templates, compiled once. Every value goes in
/// through `{{ }}`, which escapes it; no template uses the unescaped forms.
struct Pages: Sendable {
    let library: MustacheLibrary

    init() throws {
        var templates: [String: MustacheTemplate] = [:]
        for (name, text) in PageTemplates.all {
            do { templates[name] = try MustacheTemplate(string: text) } catch {
                throw APIError(.internalServerError, "template_error", "page template `\(name)` does not compile: \(error)")
            }
        }
        library = MustacheLibrary(templates: templates)
    }

    func render(_ template: String, _ context: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(context, withTemplate: template) ?? "template \(template) missing"
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        // The pages load only their own script and style; the report frame comes from the same origin.
        headers[.contentSecurityPolicy] =
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'"
        headers[.contentTypeOptions] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The error as a page; `signedIn` is the holder of the token the request
    /// was signed in with, which the header shows as on every other page;
    /// `signInExpired` the expired token of the sign-in cookie, which the
    /// header's notice names (unless the page itself is about it).
    /// `returnTo`: where signing in from this page leads back to, when not to the page's own
    /// address (the answer to a form's post, whose address a browser cannot open again).
    func errorPage(_ error: APIError, signedIn: String? = nil, signInExpired: TokenRecord? = nil, returnTo: String? = nil) -> Response {
        let notice: Any = error.code == "token_expired" ? false : signInExpired.map { Self.expiredNotice($0) as Any } ?? false
        return render("error", ["title": "Error \(error.status.code)", "signedIn": signedIn ?? false, "returnTo": returnTo ?? false,
                         "signInExpired": notice,
                         "status": error.status.code, "reason": error.status.reasonPhrase,
                         "code": error.code, "message": error.message,
                         "diagnostics": (error.diagnostics ?? []).map(Self.diagnostic),
                         "hasProblems": !(error.diagnostics ?? []).isEmpty,
                         "omitted": Self.omitted(error.diagnosticsOmitted ?? 0),
                         // On a page, "needs a token" means: sign in (with a new one if it expired).
                         "signIn": error.status == .unauthorized && error.code != "token_expired",
                         "expired": error.code == "token_expired"], status: error.status)
    }

    /// "1 problem", "3 problems".
    static func problems(_ n: Int) -> String { n == 1 ? "1 problem" : "\(DiagnosticList.grouped(n)) problems" }

    /// The header's notice that the sign-in cookie's token expired (and so the browser is signed out).
    static func expiredNotice(_ token: TokenRecord) -> [String: Any] {
        ["expiredOn": token.expiresAt.map(Tokens.date) ?? "?", "expiredHolder": token.name, "expiredId": token.id]
    }

    static func diagnostic(_ d: DiagnosticBody) -> [String: Any] {
        ["file": d.file, "line": d.line, "column": d.column, "message": d.message, "placed": !d.file.isEmpty]
    }

    /// The line after a list cut at `DiagnosticList.shownByDefault` problems, or false.
    static func omitted(_ n: Int) -> Any {
        n > 0 ? "... and \(DiagnosticList.grouped(n)) more not shown" as Any : false
    }
}

enum PageTemplates {
    static let all: [String: String] = [
        "header": header, "footer": footer, "library": library, "editor": editor, "study": study,
        "compare": compare, "login": login, "error": error,
    ]

    static let header = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Guarantor</title>
    <link rel="stylesheet" href="/static/app.css">
    {{#refresh}}<noscript><meta http-equiv="refresh" content="2"></noscript>{{/refresh}}
    {{#returnTo}}<meta name="guarantor-sign-in-returns-to" content="{{returnTo}}">{{/returnTo}}
    <script src="/static/app.js" defer></script>
    </head>
    <body>
    <header class="top"><a class="brand" href="/">Guarantor</a>
    <nav><a href="/">Library</a> <a href="/scenarios/new">New scenario</a> <a href="/compare">Compare</a>
    {{#signedIn}}<form class="inline" method="post" action="/logout"><span class="who">{{signedIn}}</span> <button>Sign out</button></form>{{/signedIn}}
    {{^signedIn}}<a href="/login">Sign in</a>{{/signedIn}}</nav></header>
    <main>
    {{#signInExpired}}<p class="note" role="status" id="sign-in-expired">Your sign-in expired on {{expiredOn}} (token {{expiredId}}, held by {{expiredHolder}}), so you are signed out. <a href="/login">Sign in</a> again with a new token; the server's operator makes one with <code>guarantor-server token create</code>.</p>{{/signInExpired}}
    """

    static let footer = """
    </main>
    <footer><a href="/openapi.yaml">API (OpenAPI)</a></footer>
    </body>
    </html>
    """

    static let library = """
    {{> header}}
    <h1>Scenario library</h1>
    {{#hasScenarios}}
    <table class="list">
    <thead><tr><th>Scenario</th><th>Title</th><th>Versions</th><th>Latest version</th></tr></thead>
    <tbody>
    {{#scenarios}}<tr><td><a href="/scenarios/{{name}}">{{name}}</a></td><td>{{title}}</td><td>{{versions}}</td><td><code>{{shortHash}}</code></td></tr>
    {{/scenarios}}
    </tbody></table>
    {{/hasScenarios}}
    {{^scenarios}}<p>The library is empty. <a href="/scenarios/new">Write a scenario</a>.</p>{{/scenarios}}
    <h2 id="recent-studies">Recent studies</h2>
    {{#hasStudies}}
    <table class="list">
    <thead><tr><th>Study</th><th>Scenario</th><th>Version</th><th>Runs</th><th>Seed</th><th>Status</th><th>By</th><th>Started</th></tr></thead>
    <tbody>
    {{#studies}}<tr><td><a href="/studies/{{id}}">{{id}}</a></td><td>{{scenario}}</td><td><a href="/scenarios/{{scenario}}?version={{version}}"><code>{{shortVersion}}</code></a></td><td>{{runs}}</td><td>{{seed}}</td><td class="status-{{status}}">{{status}}</td><td>{{createdBy}}</td><td>{{created}}</td></tr>
    {{/studies}}
    </tbody></table>
    {{/hasStudies}}
    {{^studies}}<p>No studies yet: open a scenario and run one.</p>{{/studies}}
    {{> footer}}
    """

    static let editor = """
    {{> header}}
    <h1>{{#isNew}}New scenario{{/isNew}}{{^isNew}}{{name}}{{/isNew}}</h1>
    {{#scenarioTitle}}<p class="subtitle">{{scenarioTitle}}</p>{{/scenarioTitle}}
    {{#versionHash}}<p class="meta">Version <code>{{versionHash}}</code>{{#latest}} (latest){{/latest}}, saved by {{createdBy}}</p>{{/versionHash}}
    {{^signedIn}}<p class="note"><a href="/login">Sign in with a token</a> to save versions and run studies; anyone can check a scenario here.</p>{{/signedIn}}
    {{#saved}}<p class="ok" role="status">Saved version <code>{{saved}}</code>.</p>{{/saved}}
    <form method="post" action="{{action}}" id="editor-form">
    {{#isNew}}<p><label>Name in the library <input name="name" value="{{name}}" required pattern="[a-z0-9][a-z0-9_-]*" maxlength="100" placeholder="my-guarantee"></label></p>{{/isNew}}
    {{^isNew}}<input type="hidden" name="name" value="{{name}}"><input type="hidden" name="editing" value="{{name}}"><input type="hidden" name="shown" value="{{versionHash}}">{{/isNew}}
    <div class="editor">
    <pre class="gutter" id="gutter" aria-hidden="true">{{#lineNumbers}}<span class="{{class}}">{{n}}</span>
    {{/lineNumbers}}</pre>
    <textarea name="text" id="scenario-text" spellcheck="false" wrap="off" rows="32" aria-describedby="diagnostics">{{text}}</textarea>
    </div>
    <div id="validation" class="{{#hasProblems}}invalid{{/hasProblems}}" role="status" aria-live="polite">
    <p id="validity">{{#checked}}{{#hasProblems}}{{problemCount}}:{{/hasProblems}}{{^diagnostics}}Valid scenario.{{/diagnostics}}{{/checked}}</p>
    <ul id="diagnostics">{{#diagnostics}}<li data-line="{{line}}">{{#placed}}<a href="#" data-line="{{line}}">{{file}}:{{line}}:{{column}}</a> {{/placed}}{{message}}</li>
    {{/diagnostics}}{{#omitted}}<li class="omitted">{{omitted}}</li>{{/omitted}}</ul>
    </div>
    <p><button type="submit" name="action" value="save">Save version</button>
    <button type="submit" formaction="/validate" name="action" value="check">Check</button></p>
    {{^isNew}}<p class="save-as"><label>Or save the text as a new scenario, leaving this one as it is: name
    <input name="newName" value="{{newName}}" pattern="[a-z0-9][a-z0-9_-]*" maxlength="100" placeholder="my-variant"></label>
    <button type="submit" formaction="/scenarios" name="action" value="save-as">Save as new scenario</button></p>{{/isNew}}
    </form>
    {{^isNew}}
    <h2>Run a study</h2>
    <p class="meta" id="run-version">A study runs the saved version <code>{{shortVersion}}</code>{{^latest}} (not the latest){{/latest}}, not edits made above since it was saved.</p>
    <p class="note" id="unsaved"{{^unsaved}} hidden{{/unsaved}}>The editor has changes that are not saved: save them, as a version or as a new scenario, to run a study on them.</p>
    <form method="post" action="/studies" class="run">
    <input type="hidden" name="scenario" value="{{name}}">
    <input type="hidden" name="version" value="{{versionHash}}">
    <label>Runs <input name="runs" type="number" min="2" max="{{maxRuns}}" value="{{runs}}"></label>
    <label>Seed <input name="seed" type="number" min="0" max="9223372036854775807" value="{{seed}}"></label>
    <label>Sensitivity runs per variant (0: none) <input name="sensitivityRuns" type="number" min="0" max="{{maxSensitivityRuns}}" value="0"></label>
    <button type="submit">Run study</button>
    </form>
    <h2>Versions</h2>
    <ul class="versions">{{#versions}}<li><a href="/scenarios/{{name}}?version={{hash}}"><code>{{shortHash}}</code></a> {{title}}, by {{createdBy}}, {{created}}</li>
    {{/versions}}</ul>
    {{/isNew}}
    {{> footer}}
    """

    static let study = """
    {{> header}}
    <h1>Study {{id}}</h1>
    <p class="meta">Scenario <a href="/scenarios/{{scenario}}?version={{version}}">{{scenario}}</a> (version <code>{{shortVersion}}</code>),
    {{runs}} runs, seed {{seed}}{{#sensitivityRuns}}, sensitivity {{sensitivityRuns}} runs per variant{{/sensitivityRuns}}; started by {{createdBy}}.</p>
    <p>Status: <strong id="study-status" class="status-{{status}}">{{status}}</strong>{{#seconds}} in {{seconds}} s{{/seconds}}</p>
    {{#active}}
    <p><progress id="study-progress" max="100" value="{{percent}}" data-study="{{id}}">{{percent}}%</progress> <span id="study-percent">{{percent}}</span>%</p>
    <form method="post" action="/studies/{{id}}/cancel"><button>Cancel</button></form>
    {{/active}}
    {{#message}}<p class="error">{{message}}</p>{{/message}}
    {{#succeeded}}
    <p><a href="/api/studies/{{id}}/result">Result as JSON</a> · <a href="/api/studies/{{id}}/result?format=html">Report on its own page</a></p>
    <iframe class="report" id="report" src="/api/studies/{{id}}/result?format=html" title="Study report"></iframe>
    {{/succeeded}}
    {{> footer}}
    """

    static let compare = """
    {{> header}}
    <h1>Compare scenarios</h1>
    <p>Each scenario runs with the same runs and seed. The comparison runs while you wait (at most {{maxRuns}} runs per scenario); for more, run studies.
    The baseline is the scenario the others are given as changes from: choose it below, or leave it to the first ticked one in this list.</p>
    {{#problem}}<p class="error" role="alert">{{problem}}</p>{{/problem}}
    <form method="post" action="/compare">
    <fieldset><legend>Scenarios (2 to {{maxScenarios}})</legend>
    {{#scenarios}}<label class="choice"><input type="checkbox" name="scenario" value="{{name}}"{{#checked}} checked{{/checked}}> {{name}} <span class="subtitle">{{title}}</span></label>
    {{/scenarios}}
    </fieldset>
    <label>Baseline <select name="baseline"><option value="">the first ticked scenario</option>
    {{#scenarios}}<option value="{{name}}"{{#baseline}} selected{{/baseline}}>{{name}}</option>{{/scenarios}}</select></label>
    <label>Runs per scenario <input name="runs" type="number" min="2" max="{{maxRuns}}" value="{{defaultRuns}}"></label>
    <label>Seed (empty: the baseline's) <input name="seed" type="number" min="0" max="9223372036854775807" value="{{seed}}"></label>
    <button type="submit">Compare</button>
    </form>
    {{> footer}}
    """

    static let login = """
    {{> header}}
    <h1>Sign in</h1>
    {{#signedOut}}<p class="ok" role="status">You are signed out: this browser no longer holds your token.</p>{{/signedOut}}
    {{#signedIn}}<p class="note">You are signed in as {{signedIn}}; a token pasted here replaces that sign-in in this browser.</p>{{/signedIn}}
    <p>Paste an API token (create one on the server with <code>guarantor-server token create --name YOUR-NAME</code>).
    The browser keeps it in a cookie for this site only.</p>
    {{#problem}}<p class="error">{{problem}}</p>{{/problem}}
    <form method="post" action="/login">{{#next}}<input type="hidden" name="next" value="{{next}}">{{/next}}<label>Token <input name="token" type="password" autocomplete="off" required></label>
    <button type="submit">Sign in</button></form>
    {{> footer}}
    """

    static let error = """
    {{> header}}
    <h1>{{status}} {{reason}}</h1>
    {{#signIn}}<p class="error">This needs you to be signed in. <a href="/login">Sign in</a> with your token, then try again.</p>{{/signIn}}
    {{#expired}}<p class="error">{{message}}.</p>
    <p>You are signed out; <a href="/login">sign in</a> with a new token.</p>{{/expired}}
    {{^signIn}}{{^expired}}<p class="error">{{message}}</p>{{/expired}}{{/signIn}}
    {{#hasProblems}}<ul>{{#diagnostics}}<li>{{file}}:{{line}}:{{column}}: {{message}}</li>{{/diagnostics}}{{#omitted}}<li>{{omitted}}</li>{{/omitted}}</ul>{{/hasProblems}}
    <p><a href="/">Back to the library</a></p>
    {{> footer}}
    """
}

extension HTTPField.Name {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy") ?? .contentType
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options") ?? .contentType
}
