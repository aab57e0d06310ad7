import Logging
import Store
import Synchronization

/// Says once, in the server's log, that the last token that worked has
/// expired while the server runs, so that nobody can sign in until the
/// operator makes a new one. (`serve` says the same at start, when every
/// token on record has already expired.) It checks when a request brings an
/// expired token (in `Authorization`, the sign-in cookie or the sign-in
/// form): the first such request after the last token expired is when
/// someone is locked out. No timer, so nothing runs while nobody asks.
/// After a warning it stays quiet until a check finds a token that works
/// again (a new one made), so a later expiry is reported too.
final class TokenExpiryWatch: Sendable {
    let store: any GuarantorStore
    let logger: Logger
    private let warned = Mutex(false)

    init(store: any GuarantorStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// A request brought an expired token: if no token on record works any
    /// more, warn (once). A store error is not the request's concern: no check then.
    func expiredTokenSeen() async {
        guard let tokens = try? await store.tokens() else { return }
        let message = Tokens.lastTokenExpiredWarning(tokens)
        let warn = warned.withLock { warned -> Bool in
            guard message != nil else { warned = false; return false }
            defer { warned = true }
            return !warned
        }
        if warn, let message { logger.warning("\(message)") }
    }

    /// At start, when `serve` has already said that every token expired.
    func noteAllExpired(_ tokens: [TokenRecord]) {
        if Tokens.allExpiredWarning(tokens) != nil { warned.withLock { $0 = true } }
    }
}
