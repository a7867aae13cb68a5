import BoomiAPI
import ReleaseCore

/// Reads release statuses from Boomi in bulk (at most 100 ids a call) and says, per id, the
/// status or why it could not be read.
public struct StatusReader: Sendable {
  public var client: PlatformClient

  public init(client: PlatformClient) {
    self.client = client
  }

  public struct Reading: Sendable, Equatable {
    public var statuses: [String: ReleaseStatus] = [:]
    /// Ids whose status could not be read, and why.
    public var unread: [String: String] = [:]
  }

  public func read(_ requestIds: [String]) async throws(PlatformError) -> Reading {
    guard !requestIds.isEmpty else { return Reading() }
    let results = try await client.releaseStatuses(requestIds: requestIds)
    var reading = Reading()
    for id in requestIds {
      switch results[id] {
      case .found(let status)?:
        if let value = BoomiTranslation.status(of: status) {
          reading.statuses[id] = value
        } else {
          reading.unread[id] = "Boomi gave no release status"
        }
      case .failed(_, let message)?:
        reading.unread[id] = message
      case nil:
        reading.unread[id] = "no answer"
      }
    }
    return reading
  }
}
