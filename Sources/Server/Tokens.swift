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
}
