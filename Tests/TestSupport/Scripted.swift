import BoomiAPI
import Synchronization

/// A clock on which sleeping takes no real time: a sleep moves the clock forward and is recorded.
public final class TestClock: Clock, Sendable {
  public struct Instant: InstantProtocol {
    public var offset: Duration
    public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
    public func duration(to other: Instant) -> Duration { other.offset - offset }
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
  }

  private struct State {
    var now = Instant(offset: .zero)
    var sleeps: [Duration] = []
  }

  private let state = Mutex(State())

  public init() {}

  public var now: Instant { state.withLock { $0.now } }
  public var minimumResolution: Duration { .zero }
  public var sleeps: [Duration] { state.withLock { $0.sleeps } }

  public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
    state.withLock { state in
      if deadline > state.now {
        state.sleeps.append(state.now.duration(to: deadline))
        state.now = deadline
      }
    }
  }
}

/// A server that answers from a script and records every request it was sent.
public final class ScriptedServer: Sendable {
  public enum Reply: Sendable {
    case respond(HTTPResponse)
    case fail(TransportFailure)
  }

  private let state: Mutex<(replies: [Reply], requests: [HTTPRequest])>
  private let fallback: Reply

  public init(_ replies: [Reply], otherwise fallback: Reply = .respond(HTTPResponse(status: 500))) {
    state = Mutex((replies, []))
    self.fallback = fallback
  }

  public var requests: [HTTPRequest] { state.withLock { $0.requests } }

  public var transport: Transport {
    Transport { [self] request throws(TransportFailure) in
      let reply = state.withLock { state -> Reply in
        state.requests.append(request)
        return state.replies.isEmpty ? fallback : state.replies.removeFirst()
      }
      switch reply {
      case .respond(let response): return response
      case .fail(let failure): throw failure
      }
    }
  }
}

/// A scripted reply with a JSON body.
public func json(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> ScriptedServer.Reply {
  .respond(HTTPResponse(status: status, headers: headers, body: Array(text.utf8)))
}
