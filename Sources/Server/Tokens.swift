import Foundation
import GuarantorModel
import Store

/// API tokens: random secrets shown once; the store keeps only their SHA-256.
public enum Tokens {
    static let cookieName = "guarantor_token"
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

    /// Creates a token for `name` and returns its secret (the only time it exists in clear).
    public static func create(name: String, in store: any GuarantorStore) async throws -> String {
        let secret = newSecret()
        _ = try await store.createToken(name: name, hash: hash(secret))
        return secret
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

    /// `token list`'s table: id, holder and creation time (UTC), oldest first.
    public static func listing(_ tokens: [TokenRecord]) -> String {
        let rows = [("ID", "NAME", "CREATED (UTC)")] + tokens.map { t in
            (String(t.id), t.name, ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(t.createdAt) / 1000)))
        }
        let idWidth = rows.map(\.0.count).max() ?? 2
        let nameWidth = rows.map(\.1.count).max() ?? 4
        return rows.map { id, name, created in
            id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  " + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  " + created
        }.joined(separator: "\n")
    }
}
