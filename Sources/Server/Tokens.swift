import Foundation
import GuarantorModel
import Store

/// API tokens: random secrets shown once; the store keeps only their SHA-256.
public enum Tokens {
    static let cookieName = "guarantor_token"
    /// How long the sign-in cookie lasts: a year, longer than a token that expires sooner, so that
    /// the pages can say the sign-in expired (the browser would drop a cookie that expired with it).
    static let cookieMaxAgeSeconds: Int64 = 31_536_000
    /// The `Set-Cookie` value that makes the browser forget the sign-in cookie.
    static let clearCookie = "\(cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"

    public static func hash(_ secret: String) -> String { SHA256.hex(Array(secret.utf8)) }

    /// `gt_` and 48 hex digits (192 random bits).
    public static func newSecret() -> String {
        var g = SystemRandomNumberGenerator()
        var s = "gt_"
        for _ in 0..<3 {
            let v = g.next() as UInt64
            let h = String(v, radix: 16)
            s += String(repeating: "0", count: 16 - h.count) + h
        }
        return s
    }

    /// Days a new token lasts unless `token create --expires-days` says otherwise
    /// (the first start's `admin` token too). A row in docs/ledger/server.md.
    public static let defaultExpiryDays = 90
    /// The most `--expires-days` takes (100 years); 0 means never.
    public static let maxExpiryDays = 36_500

    /// The expiry of a token made `now` that lasts `days` (0: never), in milliseconds since 1970.
    public static func expiry(days: Int, from now: Int64 = StoreClock.now()) -> Int64? {
        guard days > 0 else { return nil }
        return now + Int64(min(days, maxExpiryDays)) * 86_400_000
    }

    /// Creates a token for `name` that lasts `days` (0: never expires) and
    /// returns its secret (the only time it exists in clear) and its record.
    public static func create(name: String, days: Int,
                              in store: any GuarantorStore) async throws -> (secret: String, record: TokenRecord) {
        let secret = newSecret()
        let record = try await store.createToken(name: name, hash: hash(secret), expiresAt: expiry(days: days))
        return (secret, record)
    }

    /// Creates a token for `name` that lasts the default time, and returns its secret.
    public static func create(name: String, in store: any GuarantorStore) async throws -> String {
        try await create(name: name, days: defaultExpiryDays, in: store).secret
    }

    /// A time as `token list` and the messages show it: `2027-02-26T09:30:00Z`.
    public static func date(_ ms: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    /// The message for a request made with an expired token.
    static func expiredMessage(_ token: TokenRecord) -> String {
        let when = token.expiresAt.map { " on \(date($0))" } ?? ""
        return "this token (id \(token.id), held by \(token.name)) expired\(when); create a new one with `guarantor-server token create --name NAME`"
    }

    /// What `serve` says at start when tokens are on record but every one has
    /// expired (nil otherwise: some token works, or there are none, and then
    /// the first start makes `admin`). The server makes no token then: the
    /// operator makes one, and its secret is not written into the server's log.
    public static func allExpiredWarning(_ tokens: [TokenRecord], now: Int64 = StoreClock.now()) -> String? {
        guard !tokens.isEmpty, tokens.allSatisfy({ $0.isExpired(at: now) }) else { return nil }
        let last = tokens.compactMap(\.expiresAt).max().map(date) ?? "?"
        let which = tokens.count == 1 ? "the only one on record, on \(last)" : "all \(tokens.count) on record, the last on \(last)"
        return """
            Every token has expired (\(which)): nobody can sign in, save scenarios or run studies until a new one is made. \
            The server makes a token by itself only on a first start, with no tokens at all. Make one with the same --db as this server:
              guarantor-server token create --name NAME
            (`guarantor-server token list` shows the tokens and their expiry.)

            """
    }

    /// What the server logs (once) when it finds, while it runs, that every
    /// token on record has expired: which one was the last to work, and how to
    /// make a new one. Nil while some token works, or with none on record.
    public static func lastTokenExpiredWarning(_ tokens: [TokenRecord], now: Int64 = StoreClock.now()) -> String? {
        guard !tokens.isEmpty, tokens.allSatisfy({ $0.isExpired(at: now) }),
              let last = tokens.max(by: { ($0.expiresAt ?? 0, $0.id) < ($1.expiresAt ?? 0, $1.id) }) else { return nil }
        let when = last.expiresAt.map(date) ?? "?"
        return "The last token that worked has expired (token \(last.id), held by \(last.name), on \(when)): "
            + "nobody can sign in, save scenarios or run studies until a new one is made. "
            + "Make one with `guarantor-server token create --name NAME` and this server's --db "
            + "(`guarantor-server token list` shows the tokens)."
    }

    /// Revokes the token whose id is `which`, or else every token whose holder
    /// is named `which`; returns the tokens revoked (none if nothing matched).
    /// The server looks tokens up on every request, so a revoked token stops
    /// working at once, and a browser signed in with it is signed out.
    public static func revoke(_ which: String, in store: any GuarantorStore) async throws -> [TokenRecord] {
        let all = try await store.tokens()
        if let id = Int64(which), let token = all.first(where: { $0.id == id }) {
            return try await store.deleteToken(id: id) ? [token] : []
        }
        let named = all.filter { $0.name == which }
        if named.isEmpty { return [] }
        _ = try await store.deleteTokens(named: which)
        return named
    }

    /// `token list`'s table: id, holder, creation time and expiry (UTC; `never`,
    /// or the time with `(expired)` once past), oldest first.
    public static func listing(_ tokens: [TokenRecord], now: Int64 = StoreClock.now()) -> String {
        let rows = [("ID", "NAME", "CREATED (UTC)", "EXPIRES (UTC)")] + tokens.map { t in
            (String(t.id), t.name, date(t.createdAt),
             t.expiresAt.map { date($0) + (t.isExpired(at: now) ? " (expired)" : "") } ?? "never")
        }
        let idWidth = rows.map(\.0.count).max() ?? 2
        let nameWidth = rows.map(\.1.count).max() ?? 4
        let createdWidth = rows.map(\.2.count).max() ?? 13
        return rows.map { id, name, created, expires in
            id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  " + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + "  " + created.padding(toLength: createdWidth, withPad: " ", startingAt: 0) + "  " + expires
        }.joined(separator: "\n")
    }
}
