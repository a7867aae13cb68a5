import BoomiAPI
import ReleaseCore

/// Reads the status of recorded releases from Boomi (bulk, at most 100 ids a call) and folds
/// it into the lockfile's records (SPEC §5.4).
public struct StatusRefresher: Sendable {
  public var client: PlatformClient

  public init(client: PlatformClient) {
    self.client = client
  }

  /// A request whose status could not be read, and why.
  public struct Unread: Sendable, Equatable {
    public var packId: String
    public var requestId: String
    public var reason: String
  }

  /// The lockfile with fresh statuses for the current release of each pack in `packIds` (all
  /// when `nil`) whose status can still change. Releases already `SUCCESS` or `ERROR` are final
  /// and not read again.
  public func refresh(
    _ lockfile: Lockfile, packIds: Set<String>? = nil
  ) async throws(PlatformError) -> (Lockfile, [Unread]) {
    var owners: [String: (packId: String, retired: Bool)] = [:]
    for (retired, records) in [(false, lockfile.packs), (true, lockfile.retired)] {
      for (packId, record) in records where packIds?.contains(packId) ?? true {
        guard let release = record.release, release.status != .success, release.status != .error,
          !RecordedRelease.isUnrecorded(release.requestId)
        else { continue }
        owners[release.requestId] = (packId, retired)
      }
    }
    guard !owners.isEmpty else { return (lockfile, []) }
    let results = try await client.releaseStatuses(requestIds: owners.keys.sorted())
    var updated = lockfile
    var unread: [Unread] = []
    for (requestId, owner) in owners.sorted(by: { $0.key < $1.key }) {
      switch results[requestId] {
      case .found(let status)?:
        guard let value = status.releaseStatus.flatMap(ReleaseStatus.init(rawValue:)) else {
          unread.append(Unread(packId: owner.packId, requestId: requestId, reason: "Boomi gave no release status"))
          continue
        }
        Self.update(&updated, packId: owner.packId, retired: owner.retired, status: value)
      case .failed(_, let message)?:
        unread.append(Unread(packId: owner.packId, requestId: requestId, reason: message))
      case nil:
        unread.append(Unread(packId: owner.packId, requestId: requestId, reason: "no answer"))
      }
    }
    return (updated, unread)
  }

  static func update(_ lockfile: inout Lockfile, packId: String, retired: Bool, status: ReleaseStatus) {
    if retired {
      lockfile.retired[packId]?.release?.status = status
    } else {
      lockfile.packs[packId]?.release?.status = status
    }
  }
}
