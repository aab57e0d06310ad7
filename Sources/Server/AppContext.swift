import Hummingbird
import Store

/// Per-request state: who is asking (the token's holder), once `AuthMiddleware` has looked.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var token: TokenRecord?
    /// What `AuthMiddleware` found, for `ErrorMiddleware` (shared by the copies of this context).
    let signIn: SignInRecord

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        token = nil
        signIn = SignInRecord()
    }
}
