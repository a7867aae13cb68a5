import Hummingbird
import NIOConcurrencyHelpers

/// The request context: Hummingbird's core storage, the local port the request came in on (for
/// `releaseStatusUrl` when a request has no `Host`), and what the endpoint did.
public struct EmulatorRequestContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  let localPort: Int?
  /// Written by the endpoint, read by ``BoomiGate`` for the request log and the faults. A
  /// reference: the gate holds a copy of the context, and sees what the endpoint wrote into its own.
  let exchange = Exchange()

  public init(source: ApplicationRequestContextSource) {
    coreContext = CoreRequestContextStorage(source: source)
    localPort = source.channel.localAddress?.port
  }
}

/// What a Boomi endpoint did with a request, beyond its response.
final class Exchange: Sendable {
  struct Notes: Sendable {
    /// `CREATE` or `UPDATE`.
    var operation: String?
    /// The requestId the endpoint issued.
    var requestId: String?
    /// A CREATE or UPDATE: the requests the drop-after-commit fault applies to.
    var isWrite = false
  }

  private let box = NIOLockedValueBox(Notes())

  var notes: Notes { box.withLockedValue { $0 } }

  /// Marks the request a CREATE or UPDATE, and records the requestId it issued, if any.
  func recordWrite(_ operation: String, requestId: String?) {
    box.withLockedValue {
      $0.operation = operation
      $0.requestId = requestId
      $0.isWrite = true
    }
  }
}
