import Hummingbird
import Store

/// Per-request state: who is asking (the token's holder), once `AuthMiddleware` has looked.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var token: TokenRecord?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        token = nil
    }
}
