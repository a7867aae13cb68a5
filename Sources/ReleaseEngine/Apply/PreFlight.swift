import BoomiAPI
import FileSystem
import ReleaseCore

/// Apply's check against Boomi before its first call (SPEC §10.2): the statuses of the recorded
/// releases that had not settled are read and recorded, then the packs to be released are read
/// (batched queries, within the one rate budget) and judged by ReleaseCore's ``Drift``.
///
/// It costs at most one read per pack (fewer: 50 packs a query) and one status read per
/// unsettled recorded release (100 a call).
struct PreFlight: Sendable {
  var client: PlatformClient
  var store: LockfileStore

  /// The calls that must not be sent, and why. A failure to read Boomi is thrown: nothing has
  /// been sent, and nothing should be.
  func drifted(_ calls: [ReleaseCall]) async throws(EngineError) -> [Drift.Finding] {
    guard !calls.isEmpty else { return [] }
    let packIds = Set(calls.map(\.packId))
    let lockfile = await store.lockfile
    let unsettled = packIds.sorted().compactMap { id -> String? in
      guard let release = lockfile.record(for: id)?.release, !RecordedRelease.isUnrecorded(release.requestId),
        release.status != .success, release.status != .error
      else { return nil }
      return release.requestId
    }
    do {
      let reading = try await StatusReader(client: client).read(unsettled)
      if !reading.statuses.isEmpty {
        do throws(FileError) {
          try await store.recordStatuses(reading.statuses)
        } catch {
          throw EngineError.lockfile(error)
        }
      }
      let packs = try await RemoteInspector(client: client).packStates(packIds.sorted())
      let judged = await store.lockfile
      let findings = Drift.findings(for: calls, lockfile: judged, packs: packs)
      try await recordSettlements(of: packIds, in: judged, packs: packs)
      return findings
    } catch let error as FileError {
      throw .lockfile(error)
    } catch let error as PlatformError {
      throw .boomi(doing: "check the packs in Boomi before releasing (nothing was sent)", error)
    } catch let error as EngineError {
      throw error
    } catch {
      throw .boomi(doing: "check the packs in Boomi before releasing (nothing was sent)", .cancelled)
    }
  }

  /// Records what Boomi settled of the packs a lockfile merge marked (``Drift/settle(_:pack:)``).
  private func recordSettlements(
    of packIds: Set<String>, in lockfile: Lockfile, packs: [String: PackState]
  ) async throws(FileError) {
    var settled: [String: PackRecord] = [:]
    for id in packIds {
      guard let record = lockfile.packs[id], record.needsRefresh, let pack = packs[id.lowercased()],
        let settlement = Drift.settle(record, pack: pack)
      else { continue }
      settled[id] = settlement
    }
    guard !settled.isEmpty else { return }
    try await store.update { lockfile in
      for (id, record) in settled { lockfile.packs[id] = record }
    }
  }
}
