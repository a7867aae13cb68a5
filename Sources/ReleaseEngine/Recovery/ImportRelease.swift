import BoomiAPI
import FileSystem
import Foundation
import ReleaseCore

/// The import use case: a release made elsewhere (or whose answer was lost) adopted into the
/// lockfile by its requestId, after its status is read from Boomi. It becomes the pack's current
/// release (the one before it moves to the history) and settles the pack's unknown attempts.
public struct ImportRelease: Sendable {
  public var client: PlatformClient
  public var store: LockfileStore
  /// When the release is recorded.
  public var now: @Sendable () -> Date

  public init(client: PlatformClient, store: LockfileStore, now: @escaping @Sendable () -> Date) {
    self.client = client
    self.store = store
    self.now = now
  }

  public func run(packId: String, requestId: String) async throws(EngineError) -> RecordedRelease {
    let status: ReleaseIntegrationPackStatus
    do {
      status = try await client.releaseStatus(requestId: requestId)
    } catch {
      throw .boomi(doing: "read release \(requestId)", error)
    }
    let release: RecordedRelease
    do {
      release = try BoomiTranslation.importedRelease(status, requestId: requestId, packId: packId, at: now())
    } catch {
      throw .importRefused(error)
    }
    do throws(FileError) {
      try await store.adopt(release, packId: packId, settling: await store.lockfile.pendingIntents(for: packId))
    } catch {
      throw .lockfile(error)
    }
    return release
  }
}
