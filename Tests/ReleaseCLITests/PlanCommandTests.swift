import Foundation
import TestSupport
import Testing

@Suite("boomi-release plan")
struct PlanCommandTests {
  /// The `changes` of `plan --format json`, by pack id.
  private func changes(_ result: CLIResult) throws -> [String: [String: Any]] {
    let plan = try jsonObject(result.stdout)
    let list = try #require(plan["changes"] as? [[String: Any]])
    var byPack: [String: [String: Any]] = [:]
    for change in list {
      byPack[try #require(change["packId"] as? String)] = change
    }
    return byPack
  }

  // MARK: - Decisions and exit codes

  @Test("a manifest with no lockfile plans a create per pack, and --detailed-exitcode exits 2")
  func newManifest() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let result = try CLI.run(["plan", "--detailed-exitcode"], in: dir.url)
      #expect(result.status == 2, "\(result)")
      #expect(result.stdout.contains("  + orders-sync (\(Fixtures.ordersID))"))
      #expect(result.stdout.contains("  + billing (\(Fixtures.billingID))"))
      #expect(result.stdout.contains("release: on 2026-12-20"))
      #expect(result.stdout.contains("Order Sync Process (\(Fixtures.ordersComponent)): 2.0"))
      #expect(result.stdout.lines.contains("Plan: 2 to create, 0 to update, 0 unchanged."))
      #expect(result.stderr.isEmpty)

      let plain = try CLI.run(["plan"], in: dir.url)
      #expect(plain.status == 0, "without --detailed-exitcode a plan with changes exits 0: \(plain)")
    }
  }

  @Test("a lockfile that records exactly the manifest's releases gives no changes and exit 0")
  func matchingLockfile() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      try dir.write("release.lock.json", try Fixtures.matchingLockfile())
      let result = try CLI.run(["plan", "--detailed-exitcode"], in: dir.url)
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.contains("No changes"))
      #expect(result.stdout.lines.contains("Plan: 0 to create, 0 to update, 2 unchanged."))

      let json = try CLI.run(["plan", "--detailed-exitcode", "--format", "json"], in: dir.url)
      #expect(json.status == 0, "\(json)")
      #expect(try changes(json).values.map { $0["action"] as? String } == ["noop", "noop"])
      #expect(try jsonObject(json.stdout)["hasChanges"] as? Bool == false)
    }
  }

  @Test("the default lockfile is the manifest's path with .lock.json in place of its extension")
  func defaultLockfilePath() throws {
    try withTemporaryDirectory { dir in
      try dir.write("deploy/packs.yml", Fixtures.manifest())
      try dir.write("deploy/packs.lock.json", try Fixtures.matchingLockfile())
      let result = try CLI.run(["plan", "-f", "deploy/packs.yml", "--detailed-exitcode"], in: dir.url)
      #expect(result.status == 0, "\(result)")

      try dir.write("elsewhere/state.json", try Fixtures.matchingLockfile())
      try FileManager.default.removeItem(atPath: dir.path("deploy/packs.lock.json"))
      let moved = try CLI.run(
        ["plan", "-f", "deploy/packs.yml", "--lockfile", "elsewhere/state.json", "--detailed-exitcode"], in: dir.url)
      #expect(moved.status == 0, "\(moved)")
      let missing = try CLI.run(["plan", "-f", "deploy/packs.yml", "--detailed-exitcode"], in: dir.url)
      #expect(missing.status == 2, "\(missing)")
    }
  }

  @Test("a pending scheduled release with a changed version is planned as an update, not a create")
  func pendingScheduledReleaseIsUpdated() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest(billingVersion: "1.6"))
      try dir.write(
        "release.lock.json",
        try Fixtures.lockfile(packs: [
          Fixtures.ordersID: Fixtures.ordersRecorded(), Fixtures.billingID: Fixtures.billingRecorded(version: "1.5"),
        ]))
      let result = try CLI.run(["plan", "--detailed-exitcode", "--format", "json"], in: dir.url)
      #expect(result.status == 2, "\(result)")
      let byPack = try changes(result)
      let billing = try #require(byPack[Fixtures.billingID])
      #expect(billing["action"] as? String == "update")
      #expect((billing["reason"] as? String)?.contains("modifies the release scheduled for 2026-12-20") == true)
      #expect(billing["releaseSchedule"] as? String == "RELEASE_ON_SPECIFIED_DATE")
      #expect(billing["releaseOnDate"] as? String == "2026-12-20")
      let components = try #require(billing["components"] as? [[String: Any]])
      #expect(components.count == 1)
      #expect(components.first?["componentId"] as? String == Fixtures.billingComponent)
      #expect(components.first?["from"] as? String == "1.5")
      #expect(components.first?["to"] as? String == "1.6")
      #expect(byPack[Fixtures.ordersID]?["action"] as? String == "noop")
      let summary = try #require(try jsonObject(result.stdout)["summary"] as? [String: Any])
      #expect(summary["update"] as? Int == 1)
      #expect(summary["noop"] as? Int == 1)
      #expect(summary["create"] as? Int == 0)

      let text = try CLI.run(["plan"], in: dir.url)
      #expect(text.stdout.contains("  ~ billing (\(Fixtures.billingID))"))
      #expect(text.stdout.contains("\(Fixtures.billingComponent): 1.5 → 1.6"))
      #expect(text.stdout.lines.contains("Plan: 0 to create, 1 to update, 1 unchanged."))
    }
  }

  @Test("moving a pending scheduled release to immediately is an update too")
  func pendingScheduledReleaseSwitchedToImmediately() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest(billingRelease: "immediately"))
      try dir.write("release.lock.json", try Fixtures.matchingLockfile())
      let result = try CLI.run(["plan", "--format", "json"], in: dir.url)
      let billing = try #require(try changes(result)[Fixtures.billingID])
      #expect(billing["action"] as? String == "update", "\(result)")
      #expect(billing["releaseSchedule"] as? String == "IMMEDIATELY")
      #expect(billing["releaseOnDate"] == nil)
    }
  }

  @Test(
    "a recorded release that has gone out or failed is followed by a create",
    arguments: [
      // Scheduled for a date that has passed.
      ("2026-11-20", "SCHEDULED", "1.5"),
      // Reported released.
      ("2026-12-20", "SUCCESS", "1.5"),
      // Reported failed: retried even though the content is the same.
      ("2026-12-20", "ERROR", "1.6"),
    ])
  func releasedOrFailedIsCreated(recordedDate: String, status: String, recordedVersion: String) throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest(billingVersion: "1.6"))
      try dir.write(
        "release.lock.json",
        try Fixtures.lockfile(packs: [
          Fixtures.ordersID: Fixtures.ordersRecorded(),
          Fixtures.billingID: Fixtures.billingRecorded(
            releaseOnDate: recordedDate, version: recordedVersion, status: status,
            statusMessage: status == "ERROR" ? "component not shareable" : nil),
        ]))
      let result = try CLI.run(["plan", "--detailed-exitcode", "--format", "json"], in: dir.url)
      #expect(result.status == 2, "\(result)")
      let billing = try #require(try changes(result)[Fixtures.billingID])
      #expect(billing["action"] as? String == "create")
      if status == "ERROR" {
        #expect((billing["reason"] as? String)?.contains("component not shareable") == true)
      }
    }
  }

  // MARK: - Lockfile problems

  @Test("a lockfile of format version 2 is refused with a message naming version 2")
  func newerLockfileVersion() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      try dir.write(
        "release.lock.json",
        """
        {
          "version": 2,
          "lineage": "\(Fixtures.lineage)",
          "serial": 1,
          "packs": {},
          "pending": [],
          "someFutureField": {"shape": ["unknown"]}
        }

        """)
      for arguments in [["plan"], ["plan", "--out", "plan.json"], ["validate"]] {
        let result = try CLI.run(arguments, in: dir.url)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty, "\(arguments) printed a plan from a lockfile it cannot read")
        #expect(
          result.stderr.lines.contains {
            $0.hasPrefix("release.lock.json:2:14: error: ") && $0.contains("version 2")
              && $0.hasSuffix("[unsupported-version]")
          }, "\(result)")
        #expect(!result.stderr.contains("someFutureField"), "a newer file's other keys are not judged")
        #expect(!dir.exists("plan.json"))
      }
    }
  }

  @Test("a malformed lockfile gives a positioned json-syntax diagnostic naming the lockfile")
  func malformedLockfile() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      try dir.write(
        "state/lock.json",
        """
        {
          "version": 1,
          "lineage": "x",
          "serial": 1,
          "packs": {,}
        }

        """)
      let result = try CLI.run(["plan", "--lockfile", "state/lock.json", "--out", "plan.json"], in: dir.url)
      #expect(result.status == 1, "\(result)")
      #expect(
        result.stderr.lines.contains { $0.hasPrefix("state/lock.json:5:13: error: ") && $0.hasSuffix("[json-syntax]") },
        "\(result)")
      #expect(result.stderr.contains("\"packs\": {,}"), "the offending line is quoted")
      #expect(!dir.exists("plan.json"))
    }
  }

  @Test("a truncated lockfile is a json-syntax error, never a crash")
  func truncatedLockfile() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let full = try Fixtures.matchingLockfile()
      try dir.write("release.lock.json", String(full.prefix(full.count / 2)))
      let result = try CLI.run(["plan"], in: dir.url)
      #expect(result.status == 1, "\(result)")
      #expect(result.stderr.lines.contains { $0.hasPrefix("release.lock.json:") && $0.hasSuffix("[json-syntax]") })
    }
  }

  // MARK: - Dates

  @Test(
    "a release date that is not after today is date-not-in-future for a new pack",
    arguments: ["2026-11-23", "2026-01-31"])
  func dateNotInFuture(date: String) throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest(billingRelease: date))
      let position = Fixtures.billingReleasePosition
      for arguments in [["validate"], ["plan", "--out", "plan.json"]] {
        let result = try CLI.run(arguments, in: dir.url)
        #expect(result.status == 1, "\(result)")
        let diagnostic = result.stderr.lines.filter {
          $0.hasPrefix("release.yaml:\(position.line):\(position.column): error: ")
        }
        #expect(diagnostic.count == 1, "\(result)")
        #expect(diagnostic.first?.hasSuffix("[date-not-in-future]") == true)
        #expect(diagnostic.first?.contains(date) == true)
        #expect(!dir.exists("plan.json"))
      }
    }
  }

  @Test("the day after today is accepted")
  func tomorrowIsFine() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest(billingRelease: "2026-11-24"))
      let result = try CLI.run(["validate"], in: dir.url)
      #expect(result.status == 0, "\(result)")
    }
  }

  @Test("today is computed in the manifest's timezone")
  func todayInTimeZone() throws {
    try withTemporaryDirectory { dir in
      // 2026-11-23T12:00Z is already 2026-11-24 at 02:00 in Kiritimati (UTC+14).
      try dir.write("release.yaml", Fixtures.singlePackManifest(release: "2026-11-24", timezone: "Pacific/Kiritimati"))
      let kiritimati = try CLI.run(["validate"], in: dir.url)
      #expect(kiritimati.status == 1, "\(kiritimati)")
      #expect(kiritimati.stderr.contains("[date-not-in-future]"))
      #expect(kiritimati.stderr.contains("Pacific/Kiritimati"))

      try dir.write("release.yaml", Fixtures.singlePackManifest(release: "2026-11-24", timezone: "UTC"))
      let utc = try CLI.run(["validate"], in: dir.url)
      #expect(utc.status == 0, "\(utc)")
    }
  }

  @Test("a past date is not an error when the identical release is already in the lockfile")
  func pastDateAlreadyRecorded() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest(billingRelease: "2026-11-23"))
      try dir.write(
        "release.lock.json",
        try Fixtures.lockfile(packs: [
          Fixtures.ordersID: Fixtures.ordersRecorded(),
          Fixtures.billingID: Fixtures.billingRecorded(releaseOnDate: "2026-11-23", status: "SUCCESS"),
        ]))
      let validate = try CLI.run(["validate"], in: dir.url)
      #expect(validate.status == 0, "\(validate)")
      #expect(validate.stderr.isEmpty)
      let plan = try CLI.run(["plan", "--detailed-exitcode"], in: dir.url)
      #expect(plan.status == 0, "\(plan)")
      #expect(!plan.stderr.contains("date-not-in-future"))
    }
  }

  @Test("a past date is an error when the release differs from the recorded one, since it would be sent")
  func pastDateChangedRelease() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest(billingRelease: "2026-11-23", billingVersion: "1.6"))
      try dir.write(
        "release.lock.json",
        try Fixtures.lockfile(packs: [
          Fixtures.ordersID: Fixtures.ordersRecorded(),
          Fixtures.billingID: Fixtures.billingRecorded(releaseOnDate: "2026-11-23", version: "1.5", status: "SUCCESS"),
        ]))
      let result = try CLI.run(["plan", "--detailed-exitcode"], in: dir.url)
      #expect(result.status == 1, "\(result)")
      #expect(result.stderr.contains("[date-not-in-future]"))
    }
  }

  // MARK: - Saved plans

  @Test("plan --out writes a saved plan pinned to the manifest's SHA-256 and the lockfile's serial")
  func savedPlan() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest(billingVersion: "1.6"))
      try dir.write("release.lock.json", try Fixtures.matchingLockfile())
      let before = try dir.names()
      let result = try CLI.run(["plan", "--out", "plan.json"], in: dir.url)
      #expect(result.status == 0, "\(result)")
      #expect(result.stderr.contains("Saved the plan to plan.json"))
      #expect(try dir.names() == before.union(["plan.json"]), "plan --out wrote something besides plan.json")

      let saved = try jsonObject(try dir.read("plan.json"))
      let planId = try #require(saved["planId"] as? String)
      #expect(UUID(uuidString: planId) != nil, "planId \(planId) is not a UUID")
      #expect(saved["createdAt"] as? String == CLI.fixedNow)
      #expect(saved["today"] as? String == "2026-11-23")
      let manifest = try #require(saved["manifest"] as? [String: Any])
      #expect(manifest["sha256"] as? String == (try sha256sum(dir.path("release.yaml"))))
      let lockfile = try #require(saved["lockfile"] as? [String: Any])
      #expect(lockfile["serial"] as? Int == 7)
      #expect(lockfile["lineage"] as? String == Fixtures.lineage)
      let changes = try #require(saved["changes"] as? [[String: Any]])
      #expect(changes.count == 1)
      #expect(changes.first?["packId"] as? String == Fixtures.billingID)
      #expect(changes.first?["operation"] as? String == "UPDATE")
      #expect(changes.first?["previousRequestId"] as? String == "release-billing-1")

      let again = try CLI.run(["plan", "--out", "plan.json"], in: dir.url)
      #expect(again.status == 0, "\(again)")
      let second = try jsonObject(try dir.read("plan.json"))
      #expect(second["planId"] as? String != planId, "two plans share an id")
    }
  }

  @Test("plan --out without a lockfile pins serial 0 and no lineage")
  func savedPlanWithoutLockfile() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let result = try CLI.run(["plan", "--out", "out/plan.json"], in: dir.url)
      // The directory for the plan does not exist: a clear error naming the file, nothing written.
      #expect(result.status == 1, "\(result)")
      #expect(result.stderr.contains("out/plan.json"))
      #expect(!dir.exists("out"))

      let written = try CLI.run(["plan", "--out", "plan.json"], in: dir.url)
      #expect(written.status == 0, "\(written)")
      let saved = try jsonObject(try dir.read("plan.json"))
      let lockfile = try #require(saved["lockfile"] as? [String: Any])
      #expect(lockfile["serial"] as? Int == 0)
      #expect(lockfile["lineage"] == nil)
      #expect((saved["changes"] as? [Any])?.count == 2)
      #expect(!dir.exists("release.lock.json"), "plan created a lockfile")
    }
  }

  // MARK: - Selection

  @Test(
    "--target limits the plan to one pack, named by name or id",
    arguments: ["orders-sync", Fixtures.ordersID, Fixtures.ordersID.uppercased()])
  func target(value: String) throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let result = try CLI.run(["plan", "--target", value, "--format", "json", "--detailed-exitcode"], in: dir.url)
      #expect(result.status == 2, "\(result)")
      #expect(Set(try changes(result).keys) == [Fixtures.ordersID])
    }
  }

  @Test("--exclude leaves a pack out of the plan")
  func exclude() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest(billingVersion: "1.6"))
      try dir.write("release.lock.json", try Fixtures.matchingLockfile())
      let result = try CLI.run(
        ["plan", "--exclude", "billing", "--format", "json", "--detailed-exitcode"], in: dir.url)
      #expect(result.status == 0, "the only change was excluded: \(result)")
      #expect(Set(try changes(result).keys) == [Fixtures.ordersID])

      let text = try CLI.run(["plan", "--exclude", Fixtures.billingID], in: dir.url)
      #expect(!text.stdout.contains("billing"), "\(text)")
    }
  }

  @Test(
    "--target or --exclude naming no pack is a usage error (64)",
    arguments: [["--target", "nope"], ["--exclude", "nope"], ["--target", "orders-sync", "--target", "nope"]])
  func unknownTarget(selection: [String]) throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let result = try CLI.run(["plan", "--out", "plan.json"] + selection, in: dir.url)
      #expect(result.status == 64, "\(result)")
      #expect(result.stderr.contains("'nope'"))
      #expect(result.stdout.isEmpty)
      #expect(!dir.exists("plan.json"))
    }
  }

  // MARK: - Unmanaged and blocked packs

  @Test("a pack in the lockfile but not in the manifest is warned about as no longer managed")
  func unmanagedPack() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      var packs: [String: [String: Any]] = [
        Fixtures.ordersID: Fixtures.ordersRecorded(), Fixtures.billingID: Fixtures.billingRecorded(),
      ]
      packs[Fixtures.legacyID] = Fixtures.pack(
        name: "legacy",
        release: Fixtures.release(
          components: [("9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b", "3.1")], requestId: "release-legacy-1",
          status: "SUCCESS"))
      try dir.write("release.lock.json", try Fixtures.lockfile(packs: packs))

      let result = try CLI.run(["plan", "--detailed-exitcode"], in: dir.url)
      #expect(result.status == 2, "\(result)")
      let warning = (result.stdout + result.stderr).lines.filter { $0.contains("no longer managed") }
      #expect(warning.count == 1, "\(result)")
      #expect(warning.first?.contains("legacy") == true)
      #expect(warning.first?.contains(Fixtures.legacyID) == true)
      #expect(warning.first?.lowercased().contains("warning") == true)

      let json = try CLI.run(["plan", "--format", "json"], in: dir.url)
      let unmanaged = try #require(try jsonObject(json.stdout)["unmanaged"] as? [[String: Any]])
      #expect(unmanaged.count == 1)
      #expect(unmanaged.first?["packId"] as? String == Fixtures.legacyID)
      #expect((unmanaged.first?["warning"] as? String)?.contains("no longer managed") == true)
    }
  }

  @Test("a pending intent blocks its pack: plan exits 3 and says to run recover")
  func pendingIntentBlocks() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      try dir.write(
        "release.lock.json",
        try Fixtures.lockfile(
          packs: [Fixtures.ordersID: Fixtures.ordersRecorded()],
          pending: [Fixtures.intent(packId: Fixtures.billingID, component: Fixtures.billingComponent, version: "1.5")]))
      for arguments in [["plan"], ["plan", "--detailed-exitcode"]] {
        let result = try CLI.run(arguments, in: dir.url)
        #expect(result.status == 3, "\(result)")
        #expect(result.stdout.contains("boomi-release recover"))
        #expect(result.stdout.contains("! billing"))
        #expect(!result.stdout.contains("+ billing"), "a blocked pack must not be planned")
      }
      let json = try CLI.run(["plan", "--format", "json"], in: dir.url)
      #expect(json.status == 3, "\(json)")
      let blocked = try #require(try jsonObject(json.stdout)["blocked"] as? [[String: Any]])
      #expect(blocked.map { $0["packId"] as? String } == [Fixtures.billingID])
      #expect(try changes(json)[Fixtures.billingID] == nil)
    }
  }

  @Test("an unresolved intent for a pack no longer in the manifest is still reported, with exit 3")
  func pendingIntentForRemovedPack() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      try dir.write(
        "release.lock.json",
        try Fixtures.lockfile(
          packs: [Fixtures.ordersID: Fixtures.ordersRecorded(), Fixtures.billingID: Fixtures.billingRecorded()],
          pending: [Fixtures.intent(packId: Fixtures.legacyID, component: Fixtures.ordersComponent, version: "9.9")]))
      let result = try CLI.run(["plan", "--detailed-exitcode"], in: dir.url)
      let output = result.stdout + result.stderr
      #expect(
        output.contains(Fixtures.legacyID), "the unresolved attempt on \(Fixtures.legacyID) is not mentioned: \(result)"
      )
      #expect(output.contains("recover"))
      #expect(result.status == 3, "\(result)")
    }
  }

  // MARK: - Output formats

  @Test("--format markdown prints a PR-comment table and the plan summary")
  func markdown() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let result = try CLI.run(["plan", "--format", "markdown"], in: dir.url)
      #expect(result.status == 0, "\(result)")
      let lines = result.stdout.lines
      let header = try #require(lines.firstIndex { $0.hasPrefix("|") && $0.contains("Pack") && $0.contains("Action") })
      #expect(lines[header + 1].hasPrefix("|---"))
      #expect(lines.filter { $0.hasPrefix("| ") }.count == 3, "a header row and one row per pack")
      #expect(result.stdout.contains("Plan: 2 to create, 0 to update, 0 unchanged."))
      #expect(!result.stdout.containsANSIEscape)
    }
  }

  @Test("--color always colours the plan, even into a pipe")
  func colorAlways() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let result = try CLI.run(["plan", "--color", "always"], in: dir.url)
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.containsANSIEscape)
    }
  }

  @Test(
    "no colour into a pipe with --color never, with auto, or with NO_COLOR",
    arguments: [(["--color", "never"], [:]), ([], [:]), (["--color", "auto"], ["NO_COLOR": "1"])]
      as [([String], [String: String])])
  func noColorIntoPipe(options: [String], env: [String: String]) throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.fiveMistakes)
      try dir.write("good.yaml", Fixtures.manifest())
      let plan = try CLI.run(["plan", "-f", "good.yaml"] + options, in: dir.url, env: env)
      #expect(plan.status == 0, "\(plan)")
      #expect(!plan.stdout.containsANSIEscape)
      let diagnostics = try CLI.run(["validate"] + options, in: dir.url, env: env)
      #expect(diagnostics.status == 1)
      #expect(!diagnostics.stderr.containsANSIEscape)
    }
  }

  @Test("on a terminal, --color auto colours the plan unless NO_COLOR is set; --color never does not")
  func colorOnTerminal() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let auto = try CLI.runOnTerminal(["plan"], in: dir.url, env: ["TERM": "xterm"])
      #expect(auto.status == 0, "\(auto)")
      #expect(auto.stdout.contains("Plan: 2 to create"), "the terminal output was not captured: \(auto)")
      #expect(auto.stdout.containsANSIEscape, "auto on a terminal should colour")

      let noColor = try CLI.runOnTerminal(["plan"], in: dir.url, env: ["TERM": "xterm", "NO_COLOR": "1"])
      #expect(noColor.status == 0, "\(noColor)")
      #expect(noColor.stdout.contains("Plan: 2 to create"))
      #expect(!noColor.stdout.containsANSIEscape, "NO_COLOR must turn colour off")

      let never = try CLI.runOnTerminal(["plan", "--color", "never"], in: dir.url, env: ["TERM": "xterm"])
      #expect(never.status == 0, "\(never)")
      #expect(never.stdout.contains("Plan: 2 to create"))
      #expect(!never.stdout.containsANSIEscape)
    }
  }
}
