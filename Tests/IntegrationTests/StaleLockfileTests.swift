import EmulatorFixtures
import Foundation
import TestSupport
import Testing

/// A run from a lockfile that is not the newest (SPEC §10.2): Boomi is read before any call, and a
/// pack released elsewhere is not released again.
@Suite("A stale lockfile")
struct StaleLockfileTests {
  @Test("a runner with a checkout older than another's apply sends nothing that runner released (exit 6)")
  func staleCheckoutReleasesNothingTwice() async throws {
    try await withEmulator { emulator in
      try await withTemporaryDirectory { runnerA in
        try await withTemporaryDirectory { runnerB in
          let manifest = try Fixtures.exampleManifest()
          try runnerA.write("release.yaml", manifest)
          try runnerB.write("release.yaml", manifest)  // checked out before A's lockfile commit

          let first = try await CLI.run(["apply", "--yes", "--wait"], in: runnerA, emulator: emulator)
          #expect(first.status == 0, "\(first)")

          let stale = try await CLI.run(["apply", "--yes"], in: runnerB, emulator: emulator)
          #expect(stale.status == 6, "\(stale)")
          for pack in ["orders-sync", "inventory-feed", "billing-export"] {
            #expect(stale.stdout.contains("\(pack): CREATE not sent"), "\(pack): \(stale)")
          }
          #expect(stale.stdout.contains("git pull"), "\(stale)")

          let creates = try await emulator.requests().filter { $0.isCreate && $0.outcome == "processed" }
          #expect(creates.count == 3, "the emulator accepted a second CREATE: \(creates)")
          for pack in [Demo.ordersSync, Demo.inventoryFeed, Demo.billingExport] {
            #expect(try await emulator.state().releases(of: pack).count == 1, "\(pack) was released twice")
          }
          let lockfile = try LockfileView.load(runnerB.path("release.lock.json")).lockfile
          #expect(lockfile.packs.isEmpty && lockfile.pending.isEmpty, "B recorded what it did not release")
        }
      }
    }
  }

  @Test("plan --refresh shows the same drift, per pack, as warnings")
  func planRefreshShowsDrift() async throws {
    try await withEmulator { emulator in
      try await withTemporaryDirectory { runnerA in
        try await withTemporaryDirectory { runnerB in
          let manifest = try Fixtures.exampleManifest()
          try runnerA.write("release.yaml", manifest)
          try runnerB.write("release.yaml", manifest)
          let first = try await CLI.run(["apply", "--yes", "--wait"], in: runnerA, emulator: emulator)
          #expect(first.status == 0, "\(first)")

          let plan = try await CLI.run(["plan", "--refresh"], in: runnerB, emulator: emulator)
          #expect(plan.status == 0, "\(plan)")
          for pack in ["orders-sync", "inventory-feed"] {
            #expect(
              plan.stderr.contains("warning: pack \(pack)") && plan.stderr.contains("[drift]"), "\(pack): \(plan)")
          }
          #expect(try await emulator.requests().filter { $0.isCreate }.count == 3)
        }
      }
    }
  }
}
