import BoomiAPI
import ReleaseCore

/// The manifest and the lockfile against what Boomi says: the facts are read here, and judged by
/// ReleaseCore's ``RemoteChecks`` (SPEC §3.4). Used by `validate --remote` and `plan --refresh`;
/// it writes nothing.
public struct RemoteValidation: Sendable {
  public var client: PlatformClient

  public init(client: PlatformClient) {
    self.client = client
  }

  /// The manifest's problems as Boomi sees them (SPEC §3.4).
  public func diagnose(_ manifest: Manifest) async throws(EngineError) -> [Diagnostic] {
    RemoteChecks.diagnose(manifest, against: try await facts(for: manifest), account: client.configuration.accountID)
  }

  private func facts(for manifest: Manifest) async throws(EngineError) -> RemoteFacts {
    do {
      return try await RemoteInspector(client: client).facts(for: manifest)
    } catch {
      throw .boomi(doing: "check the manifest against Boomi", error)
    }
  }

  /// What `plan --refresh` plans from (SPEC §5.4): `lockfile` with every recorded release's status
  /// read again (not written), the statuses that could not be read, and the manifest's problems as
  /// Boomi sees them.
  public struct Refreshed: Sendable {
    public var lockfile: Lockfile
    public var unread: [String: String]
    public var diagnostics: [Diagnostic]
    /// The manifest's packs as Boomi shows them, by id: what apply's pre-flight judges.
    public var packs: [String: PackState]
  }

  public func refresh(_ lockfile: Lockfile, for manifest: Manifest) async throws(EngineError) -> Refreshed {
    let reading: StatusReader.Reading
    do {
      reading = try await StatusReader(client: client).read(lockfile.requestsToRefresh)
    } catch {
      throw .boomi(doing: "refresh from Boomi", error)
    }
    var updated = lockfile
    updated.setStatuses(reading.statuses)
    let facts = try await facts(for: manifest)
    // Packs a lockfile merge marked, settled as apply and `status` would settle them.
    for (id, record) in updated.packs where record.needsRefresh {
      if let pack = facts.states[id.lowercased()], let settled = Drift.settle(record, pack: pack) {
        updated.packs[id] = settled
      }
    }
    return Refreshed(
      lockfile: updated, unread: reading.unread,
      diagnostics: RemoteChecks.diagnose(manifest, against: facts, account: client.configuration.accountID),
      packs: facts.states)
  }
}
