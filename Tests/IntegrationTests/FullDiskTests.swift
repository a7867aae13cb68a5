import Foundation
import TestSupport
import Testing

/// A lockfile that cannot be written in the middle of an apply (a full disk): every requestId
/// Boomi returned is still printed, and the run stops sending at once.
@Suite("a full disk during apply")
struct FullDiskTests {
  @Test(
    "with --concurrency 4 and writes failing mid-run, every release Boomi accepted is in the lockfile or on stdout",
    arguments: [9_000, 14_000])
  func everyRequestIdSurvives(fileLimit: Int) async throws {
    let packs = TestPack.many(40)
    try await Scenario.with(packs: packs) { scenario in
      try scenario.writeManifest(Fixtures.manifest(packs))
      let apply = try await scenario.run(
        ["apply", "--yes", "--concurrency", "4", "--rate", "10", "--color", "never"],
        limits: ProcessLimits(maximumFileBytes: fileLimit))
      #expect(apply.status == 1, "\(apply)")
      #expect(apply.stderr.contains("apply stopped sending"), "\(apply)")

      // The lockfile on disk is whole (the failed write left the previous one) and with stdout
      // it accounts for every release the emulator accepted.
      let lockfile = try scenario.lockfile()
      let accepted = Set(try await scenario.emulator.state().releases.flatMap(\.requestIds))
      #expect(!accepted.isEmpty)
      let unaccounted = accepted.filter { !lockfile.requestIds.contains($0) && !apply.stdout.contains($0) }
      #expect(unaccounted.isEmpty, "requestIds found nowhere: \(unaccounted)\n\(apply)")
      // Each one the lockfile lacks is shown with the command that records it.
      for requestId in accepted.subtracting(lockfile.requestIds) {
        #expect(apply.stdout.contains("--request-id \(requestId)"), "\(requestId) has no import command:\n\(apply)")
      }
      // Sending stopped at once: beyond what was recorded, at most the calls in flight went out.
      #expect(accepted.count <= lockfile.requestIds.count + lockfile.lockfile.pending.count + 4, "\(apply)")
      #expect(accepted.count < 40, "the run went on sending after the lockfile could not be written")
    }
  }
}
