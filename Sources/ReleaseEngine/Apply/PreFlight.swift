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
    // The releases of these packs whose status may still change (a marked pack's history too).
    let theirs = Set(
      packIds.flatMap { id in
        lockfile.record(for: id).map { ($0.release.map { [$0] } ?? []) + $0.history } ?? []
      }.map(\.requestId))
    let unsettled = lockfile.requestsToRefresh.filter(theirs.contains)
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
      let findings = Drift.findings(for: calls, lockfile: await store.lockfile, packs: packs)
      try await store.settleMarkedPacks(from: packs)
      // An UPDATE modifies a pending release: one whose status could not be read may have gone out.
      let unreadUpdates = calls.compactMap { call -> Drift.Finding? in
        guard call.operation == .update, let previous = call.previousRequestId,
          let why = reading.unread[previous], !findings.contains(where: { $0.packId == call.packId })
        else { return nil }
        return Drift.Finding(
          packId: call.packId, name: call.name, operation: .update,
          reason: "the status of the release this UPDATE would modify (\(previous)) could not be read: \(why)")
      }
      return findings + unreadUpdates
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
}
