/// The OpenAPI description served at `/openapi.yaml`. Written by hand; a test
/// checks that its paths and methods are exactly the router's routes.
enum OpenAPIDocument {
    static let yaml = #"""
    openapi: 3.1.0
    info:
      title: Guarantor server
      version: 0.2.2
      description: |
        Scenarios (every version kept, addressed by the SHA-256 of its text), studies run
        in the background, comparisons, and the web pages. Errors are JSON
        `{"error": CODE, "message": TEXT}` (plus `diagnostics` for an invalid scenario: its first
        100 problems in file order, and `diagnosticsOmitted` counting the rest when there are more).
        Writing (saving, running, cancelling, comparing) needs `Authorization: Bearer TOKEN`;
        reading needs it too when the server runs with `--private-read`. An unknown token gets
        401 `bad_token`, an expired one 401 `token_expired` (tokens last 90 days unless
        `guarantor-server token create --expires-days` says otherwise). The pages' sign-in
        cookie works here too; with an unknown or expired token in it a request counts as
        signed out (and the response clears it), and where a token is needed an expired
        one gets 401 `token_expired`. Besides the
        responses listed, any request can get 408 `request_timeout` (past --request-timeout),
        413 `body_too_large`, 405 `method_not_allowed` (a known path with another method),
        403 `cross_origin` (a change signed in by the pages' cookie from another origin),
        400 `malformed_request` (not valid HTTP/1.1: a bad request line or header line,
        broken chunked framing) and 431 `header_too_large` (header fields over 80 KiB, or more
        than 1,000 of them); after those two the server closes the connection.
        Response headers beyond Content-Type are under `components.headers`: `Location` on a
        saved version and a started study, `WWW-Authenticate` on a 401, `Allow` on a 405,
        `Set-Cookie` where the sign-in cookie is set or cleared, and `Guarantor-Sign-In-Expired`
        on any `/api/*` response to a request whose sign-in cookie holds an expired token.
    security:
      - bearer: []
    components:
      securitySchemes:
        bearer:
          type: http
          scheme: bearer
      headers:
        Location:
          description: Where the new or existing resource is (a scenario version, a study).
          schema: { type: string, examples: [/api/studies/4f1c2b9e0a7d3c51] }
        WWW-Authenticate:
          description: 'On a 401: `Bearer realm="guarantor"`.'
          schema: { type: string }
        Allow:
          description: 'On a 405: the methods the path takes, for instance `GET, POST`.'
          schema: { type: string }
        Set-Cookie:
          description: >-
            The pages' sign-in cookie (HttpOnly, SameSite=Strict): set by signing in, and
            cleared (Max-Age=0) by signing out and by a page asked with a stale or expired one.
          schema: { type: string }
        Guarantor-Sign-In-Expired:
          description: >-
            On an `/api/*` response to a request whose sign-in cookie holds an expired token:
            when it expired (ISO 8601, UTC: `2026-11-28T09:41:00Z`). The request counted as signed
            out; the cookie is kept, so that the next page shows the notice and clears it.
          schema: { type: string }
        Retry-After:
          description: 'On a 429 (every study slot busy): seconds to wait before trying again, `10`.'
          schema: { type: integer }
      responses:
        Error:
          description: An error with a code and a message a person can act on.
          headers:
            WWW-Authenticate: { $ref: '#/components/headers/WWW-Authenticate' }
            Allow: { $ref: '#/components/headers/Allow' }
            Set-Cookie: { $ref: '#/components/headers/Set-Cookie' }
            Guarantor-Sign-In-Expired: { $ref: '#/components/headers/Guarantor-Sign-In-Expired' }
            Retry-After: { $ref: '#/components/headers/Retry-After' }
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Error' }
        HTML:
          description: An HTML page.
          content:
            text/html: {}
        Redirect:
          description: See Other; the Location header names the next page.
      schemas:
        Error:
          type: object
          required: [error, message]
          properties:
            error:
              type: string
              description: "machine-readable code; http_NNN for other HTTP-level refusals"
              examples: [token_required]
              anyOf:
                - enum: [bad_request, malformed_request, header_too_large, bad_token, token_expired, token_required, cross_origin, not_found, method_not_allowed, request_timeout, body_too_large,
                         bad_name, ambiguous_version, invalid_scenario, bad_runs, bad_seed, bad_sensitivity_runs, bad_number, too_many_runs, too_few_scenarios,
                         too_many_scenarios, too_many_studies, too_many_versions, no_result, already_finished, store_error, corrupt_result, template_error,
                         internal_error]
                - pattern: '^http_[0-9]{3}$'
            message: { type: string }
            diagnostics: { type: array, maxItems: 100, items: { $ref: '#/components/schemas/Diagnostic' } }
            diagnosticsOmitted: { type: integer, minimum: 1, description: 'how many problems past the first 100 are not listed' }
        Diagnostic:
          type: object
          required: [file, line, column, message]
          properties:
            file: { type: string }
            line: { type: integer }
            column: { type: integer }
            message: { type: string }
        ScenarioEntry:
          type: object
          properties:
            name: { type: string }
            title: { type: string }
            latestHash: { type: string }
            versions: { type: integer }
            updatedAt: { type: integer, description: milliseconds since 1970 }
        ScenarioVersion:
          type: object
          properties:
            name: { type: string }
            hash: { type: string, description: SHA-256 of the text }
            title: { type: string }
            text: { type: string }
            createdAt: { type: integer }
            createdBy: { type: string }
        Study:
          type: object
          properties:
            id: { type: string }
            scenario: { type: string }
            version: { type: string }
            seed: { type: integer }
            runs: { type: integer }
            sensitivityRuns: { type: integer }
            status: { type: string, enum: [queued, running, succeeded, failed, cancelled] }
            progress: { type: number, minimum: 0, maximum: 1 }
            createdAt: { type: integer }
            startedAt: { type: integer }
            finishedAt: { type: integer }
            seconds: { type: number }
            createdBy: { type: string }
            message: { type: string }
            resultURL: { type: string }
    paths:
      /openapi.yaml:
        get:
          summary: This document.
          security: []
          responses:
            '200': { description: OpenAPI 3.1 YAML, content: { application/yaml: {} } }
      /api/health:
        get:
          summary: Liveness check.
          security: []
          responses:
            '200': { description: '{"status": "ok", "version": ...}' }
      /api/scenarios:
        get:
          summary: The library, one entry per scenario with its latest version.
          responses:
            '200': { description: '{"scenarios": [ScenarioEntry]}' }
            '401': { $ref: '#/components/responses/Error' }
        post:
          summary: Save a version of a scenario (validated first; atomic; the same text twice is one version). A new version past the token holder's quota (--max-versions, 1000 by default) gets 409 too_many_versions.
          requestBody:
            content:
              application/json:
                schema: { type: object, required: [name, text], properties: { name: { type: string }, text: { type: string } } }
          responses:
            '201': { description: A new version, headers: { Location: { $ref: '#/components/headers/Location' } }, content: { application/json: { schema: { $ref: '#/components/schemas/ScenarioVersion' } } } }
            '200': { description: That text was already a version, headers: { Location: { $ref: '#/components/headers/Location' } }, content: { application/json: { schema: { $ref: '#/components/schemas/ScenarioVersion' } } } }
            '400': { $ref: '#/components/responses/Error' }
            '401': { $ref: '#/components/responses/Error' }
            '409': { $ref: '#/components/responses/Error' }
            '413': { $ref: '#/components/responses/Error' }
            '422': { $ref: '#/components/responses/Error' }
      /api/scenarios/{name}:
        get:
          summary: The latest version of a scenario and the list of its versions.
          parameters: [{ name: name, in: path, required: true, schema: { type: string } }]
          responses:
            '200': { description: '{"name", "latest": ScenarioVersion, "versions": [...]}' }
            '401': { $ref: '#/components/responses/Error' }
            '404': { $ref: '#/components/responses/Error' }
      /api/scenarios/{name}/versions/{hash}:
        get:
          summary: One version of a scenario.
          parameters:
            - { name: name, in: path, required: true, schema: { type: string } }
            - { name: hash, in: path, required: true, schema: { type: string }, description: "the SHA-256, or its beginning (the pages show 12 hex digits)" }
          responses:
            '200': { description: The version, content: { application/json: { schema: { $ref: '#/components/schemas/ScenarioVersion' } } } }
            '401': { $ref: '#/components/responses/Error' }
            '404': { $ref: '#/components/responses/Error' }
            '422': { $ref: '#/components/responses/Error' }
      /api/validate:
        post:
          summary: Check scenario text without saving it (extends resolves against the library).
          requestBody:
            content:
              application/json:
                schema: { type: object, required: [text], properties: { text: { type: string }, name: { type: string } } }
          responses:
            '200': { description: '{"valid", "file", "title", "diagnostics": [Diagnostic], "diagnosticsOmitted"?}: the first 100 problems in file order, and how many more there are' }
            '400': { $ref: '#/components/responses/Error' }
            '401': { $ref: '#/components/responses/Error' }
            '413': { $ref: '#/components/responses/Error' }
      /api/studies:
        get:
          summary: The 100 most recent studies.
          responses:
            '200': { description: '{"studies": [Study]}' }
            '401': { $ref: '#/components/responses/Error' }
        post:
          summary: Start a study in the background.
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  required: [scenario]
                  properties:
                    scenario: { type: string }
                    version: { type: string, description: "default: the latest" }
                    runs: { type: integer, minimum: 2, description: "default: the scenario's runs; at most --max-runs, counting the sensitivity analysis" }
                    seed: { type: integer, minimum: 0, maximum: 9223372036854775807, description: "default: the scenario's seed; 0 to 2^63-1, as a scenario file's seed (422 bad_seed otherwise)" }
                    sensitivityRuns: { type: integer, minimum: 0, maximum: 100000, description: "runs per sensitivity variant: 0 (default) for none, else 100 to 100000" }
          responses:
            '202': { description: Started; Location names the study, headers: { Location: { $ref: '#/components/headers/Location' } }, content: { application/json: { schema: { $ref: '#/components/schemas/Study' } } } }
            '400': { $ref: '#/components/responses/Error' }
            '401': { $ref: '#/components/responses/Error' }
            '404': { $ref: '#/components/responses/Error' }
            '413': { $ref: '#/components/responses/Error' }
            '422': { $ref: '#/components/responses/Error' }
            '429': { $ref: '#/components/responses/Error' }
      /api/studies/{id}:
        get:
          summary: A study's status and progress.
          parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
          responses:
            '200': { description: The study, content: { application/json: { schema: { $ref: '#/components/schemas/Study' } } } }
            '401': { $ref: '#/components/responses/Error' }
            '404': { $ref: '#/components/responses/Error' }
      /api/studies/{id}/result:
        get:
          summary: A finished study's result, as the CLI's JSON or HTML report.
          parameters:
            - { name: id, in: path, required: true, schema: { type: string } }
            - { name: format, in: query, schema: { type: string, enum: [json, html], default: json } }
          responses:
            '200': { description: The result, content: { application/json: {}, text/html: {} } }
            '400': { $ref: '#/components/responses/Error' }
            '401': { $ref: '#/components/responses/Error' }
            '404': { $ref: '#/components/responses/Error' }
            '409': { $ref: '#/components/responses/Error' }
      /api/studies/{id}/cancel:
        post:
          summary: Cancel a queued or running study.
          parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
          responses:
            '200': { description: "The study, now cancelled", content: { application/json: { schema: { $ref: '#/components/schemas/Study' } } } }
            '401': { $ref: '#/components/responses/Error' }
            '404': { $ref: '#/components/responses/Error' }
            '409': { $ref: '#/components/responses/Error' }
      /api/compare:
        post:
          summary: Compare scenarios with the same runs and seed, inside the request.
          parameters: [{ name: format, in: query, schema: { type: string, enum: [json, html], default: json } }]
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  required: [scenarios]
                  properties:
                    scenarios: { type: array, items: { type: string, description: "name, or name@hash (the SHA-256 or its beginning, e.g. the 12 hex digits the pages show; 422 ambiguous_version if it begins several)" } }
                    runs: { type: integer, minimum: 2, description: "runs per scenario; at most --max-compare-runs, counting the sensitivity analysis" }
                    seed: { type: integer, minimum: 0, maximum: 9223372036854775807, description: "default: the first scenario's seed; 0 to 2^63-1, as a scenario file's seed (422 bad_seed otherwise)" }
                    sensitivityRuns: { type: integer, minimum: 0, maximum: 100000, description: "0 (default) for none, else 100 to 100000" }
          responses:
            '200': { description: The comparison, content: { application/json: {}, text/html: {} } }
            '400': { $ref: '#/components/responses/Error' }
            '401': { $ref: '#/components/responses/Error' }
            '404': { $ref: '#/components/responses/Error' }
            '408': { $ref: '#/components/responses/Error' }
            '413': { $ref: '#/components/responses/Error' }
            '422': { $ref: '#/components/responses/Error' }
            '429': { $ref: '#/components/responses/Error' }
      /:
        get: { summary: "Web: the scenario library and recent studies.", tags: [web], responses: { '200': { $ref: '#/components/responses/HTML' } } }
      /login:
        get: { summary: "Web: sign-in form.", tags: [web], security: [], responses: { '200': { $ref: '#/components/responses/HTML' } } }
        post: { summary: "Web: sign in with a token (sets an HttpOnly, SameSite=Strict cookie).", tags: [web], security: [], responses: { '303': { $ref: '#/components/responses/Redirect' }, '401': { $ref: '#/components/responses/HTML' } } }
      /logout:
        post: { summary: "Web: sign out.", tags: [web], security: [], responses: { '303': { $ref: '#/components/responses/Redirect' } } }
      /scenarios:
        post: { summary: "Web: save a new scenario from the editor form.", tags: [web], responses: { '303': { $ref: '#/components/responses/Redirect' }, '409': { $ref: '#/components/responses/HTML' }, '422': { $ref: '#/components/responses/HTML' } } }
      /scenarios/new:
        get: { summary: "Web: the editor for a new scenario.", tags: [web], responses: { '200': { $ref: '#/components/responses/HTML' } } }
      /scenarios/{name}:
        parameters: [{ name: name, in: path, required: true, schema: { type: string } }]
        get: { summary: "Web: the editor on a scenario (?version=HASH for an older one).", tags: [web], responses: { '200': { $ref: '#/components/responses/HTML' }, '404': { $ref: '#/components/responses/HTML' } } }
        post: { summary: "Web: save a new version from the editor form.", tags: [web], responses: { '303': { $ref: '#/components/responses/Redirect' }, '409': { $ref: '#/components/responses/HTML' }, '422': { $ref: '#/components/responses/HTML' } } }
      /validate:
        post: { summary: "Web: check the editor's text without JavaScript.", tags: [web], responses: { '200': { $ref: '#/components/responses/HTML' } } }
      /studies:
        get: { summary: "Web: the list of studies is on the library page; this redirects there.", tags: [web], security: [], responses: { '303': { $ref: '#/components/responses/Redirect' } } }
        post: { summary: "Web: start a study from the editor's form.", tags: [web], responses: { '303': { $ref: '#/components/responses/Redirect' } } }
      /studies/{id}:
        parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
        get: { summary: "Web: a study's progress, then its report.", tags: [web], responses: { '200': { $ref: '#/components/responses/HTML' }, '404': { $ref: '#/components/responses/HTML' } } }
      /studies/{id}/cancel:
        parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
        post: { summary: "Web: cancel a study.", tags: [web], responses: { '303': { $ref: '#/components/responses/Redirect' } } }
      /compare:
        get: { summary: "Web: choose scenarios to compare.", tags: [web], responses: { '200': { $ref: '#/components/responses/HTML' } } }
        post: { summary: "Web: the comparison report.", tags: [web], responses: { '200': { $ref: '#/components/responses/HTML' } } }
      /static/app.js:
        get: { summary: "Web: the pages' script.", tags: [web], security: [], responses: { '200': { description: JavaScript } } }
      /static/app.css:
        get: { summary: "Web: the pages' style sheet.", tags: [web], security: [], responses: { '200': { description: CSS } } }
      /favicon.ico:
        get: { summary: "Web: no icon (browsers ask for one).", tags: [web], security: [], responses: { '204': { description: No content } } }
    """#

    /// `METHOD /path` for every operation in the document.
    static var operations: [String] {
        var out: [String] = []
        var path: String?
        var inPaths = false
        for line in yaml.split(separator: "\n") {
            if line == "paths:" { inPaths = true; continue }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).prefix { $0 != ":" })
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let method = line.dropFirst(4).prefix { $0 != ":" }
                if ["get", "post", "put", "delete", "patch"].contains(String(method)) { out.append("\(method.uppercased()) \(path)") }
            }
        }
        return out.sorted()
    }
}
