import Foundation
import TestSupport
import Testing

/// The environment git runs in: the tool's test environment, no system or global git
/// configuration, a fixed author, and no editor.
private func gitEnvironment() -> [String: String] {
  CLI.environment([
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_NAME": "Runner",
    "GIT_AUTHOR_EMAIL": "runner@example.com", "GIT_COMMITTER_NAME": "Runner",
    "GIT_COMMITTER_EMAIL": "runner@example.com", "GIT_MERGE_AUTOEDIT": "no", "GIT_TERMINAL_PROMPT": "0",
  ])
}

/// Runs the system's `git` in `directory`.
private func git(_ arguments: [String], in directory: TemporaryDirectory) throws -> CLIResult {
  try CLI.runProgram(
    URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments, in: directory.url, environment: gitEnvironment())
}

/// Runs `git`, failing the test unless it succeeds.
private func gitSucceeds(_ arguments: [String], in directory: TemporaryDirectory) throws {
  let result = try git(arguments, in: directory)
  guard result.status == 0 else {
    throw HarnessError("git \(arguments.joined(separator: " ")) failed: \(result)")
  }
}

/// A release of `orders-sync` (or `billing`) in the lockfile's JSON shape, applied at `appliedAt`.
private func release(
  _ requestId: String, version: String, appliedAt: String, billing: Bool = false, status: String? = nil
) -> [String: Any] {
  var release = Fixtures.release(
    releaseOnDate: billing ? "2026-12-20" : nil,
    components: [(billing ? Fixtures.billingComponent : Fixtures.ordersComponent, version)], requestId: requestId,
    status: status)
  release["appliedAt"] = appliedAt
  return release
}

/// A pack entry with a current release and a history.
private func pack(_ name: String, _ current: [String: Any], history: [[String: Any]]) -> [String: Any] {
  var pack = Fixtures.pack(name: name, release: current)
  pack["history"] = history
  return pack
}

/// The releases on main before the two branches.
private var ordersFirst: [String: Any] {
  release("release-orders-1", version: "2.0", appliedAt: "2026-11-20T10:00:00Z", status: "SUCCESS")
}
private var billingFirst: [String: Any] {
  release("release-billing-1", version: "1.5", appliedAt: "2026-11-20T10:00:00Z", billing: true, status: "SCHEDULED")
}

/// The lockfile on main before the two branches: one release of each pack.
private func baseLockfile() throws -> String {
  try Fixtures.lockfile(
    serial: 7,
    packs: [
      Fixtures.ordersID: pack("orders-sync", ordersFirst, history: []),
      Fixtures.billingID: pack("billing", billingFirst, history: []),
    ])
}

/// main recorded a new release of orders-sync (serial 8).
private func oursLockfile(ordersRequestId: String = "release-orders-2") throws -> String {
  try Fixtures.lockfile(
    serial: 8,
    packs: [
      Fixtures.ordersID: pack(
        "orders-sync", release(ordersRequestId, version: "2.1", appliedAt: "2026-11-21T10:00:00Z"),
        history: [ordersFirst]),
      Fixtures.billingID: pack("billing", billingFirst, history: []),
    ])
}

/// runner-b recorded a new release of billing (serial 9, two writes).
private func theirsLockfile() throws -> String {
  try Fixtures.lockfile(
    serial: 9,
    packs: [
      Fixtures.ordersID: pack("orders-sync", ordersFirst, history: []),
      Fixtures.billingID: pack(
        "billing", release("release-billing-2", version: "1.6", appliedAt: "2026-11-22T10:00:00Z", billing: true),
        history: [billingFirst]),
    ])
}

/// A repository whose main branch and branch `runner-b` each recorded releases in
/// `release.lock.json` since their common commit; main is checked out. With `driver`, the lockfile
/// is merged by boomi-release, set up as the README says.
private func repository(
  in directory: TemporaryDirectory, driver: Bool, ours: String, theirs: String
) throws {
  try gitSucceeds(["init", "-q", "-b", "main"], in: directory)
  try directory.write("release.yaml", Fixtures.manifest())
  try directory.write("release.lock.json", try baseLockfile())
  if driver {
    try directory.write(".gitattributes", "*.lock.json merge=boomi-release\n")
    let binary = try Binaries.release().path
    try gitSucceeds(["config", "merge.boomi-release.name", "boomi-release lockfile merge"], in: directory)
    try gitSucceeds(
      ["config", "merge.boomi-release.driver", "'\(binary)' lockfile merge %O %A %B"], in: directory)
  }
  try gitSucceeds(["add", "-A"], in: directory)
  try gitSucceeds(["commit", "-q", "-m", "Release everything"], in: directory)
  try gitSucceeds(["checkout", "-q", "-b", "runner-b"], in: directory)
  try directory.write("release.lock.json", theirs)
  try gitSucceeds(["commit", "-q", "-am", "Release billing 1.6"], in: directory)
  try gitSucceeds(["checkout", "-q", "main"], in: directory)
  try directory.write("release.lock.json", ours)
  try gitSucceeds(["commit", "-q", "-am", "Release orders-sync 2.1"], in: directory)
}

/// Every requestId in a lockfile's packs (current and history), read by Foundation.
private func requestIds(_ lockfile: [String: Any], pack: String) -> [String] {
  guard let record = (lockfile["packs"] as? [String: Any])?[pack] as? [String: Any] else { return [] }
  let history = (record["history"] as? [[String: Any]] ?? []).compactMap { $0["requestId"] as? String }
  let current = (record["release"] as? [String: Any])?["requestId"] as? String
  return history + (current.map { [$0] } ?? [])
}

@Suite("MergeDriver: git merges lockfiles with boomi-release")
struct MergeDriverTests {
  @Test("without the merge driver, git leaves conflict markers, and validate and plan name them")
  func withoutDriver() throws {
    try withTemporaryDirectory { directory in
      try repository(in: directory, driver: false, ours: try oursLockfile(), theirs: try theirsLockfile())
      let merge = try git(["merge", "--no-edit", "runner-b"], in: directory)
      #expect(merge.status != 0, "\(merge)")
      let text = String(decoding: try directory.read("release.lock.json"), as: UTF8.self)
      let markerLine = try #require(text.lines.firstIndex { $0.hasPrefix("<<<<<<<") }, "no conflict markers") + 1
      for command in [["validate"], ["plan"]] {
        let result = try CLI.run(command, in: directory.url)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("release.lock.json:\(markerLine):1: error:"), "\(result)")
        #expect(result.stderr.contains("[merge-conflict]"), "\(result)")
        #expect(result.stderr.contains("boomi-release lockfile merge"), "\(result)")
      }
    }
  }

  @Test("with the merge driver, git merges with no conflict and the lockfile keeps both sides' requestIds")
  func withDriver() throws {
    try withTemporaryDirectory { directory in
      try repository(in: directory, driver: true, ours: try oursLockfile(), theirs: try theirsLockfile())
      let merge = try git(["merge", "--no-edit", "runner-b"], in: directory)
      #expect(merge.status == 0, "\(merge)")
      let text = String(decoding: try directory.read("release.lock.json"), as: UTF8.self)
      #expect(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"), "\(text)")
      let merged = try jsonObject(text)
      #expect(merged["serial"] as? Int == 10)
      #expect(requestIds(merged, pack: Fixtures.ordersID) == ["release-orders-1", "release-orders-2"])
      #expect(requestIds(merged, pack: Fixtures.billingID) == ["release-billing-1", "release-billing-2"])
      let unmerged = try git(["diff", "--name-only", "--diff-filter=U"], in: directory)
      #expect(unmerged.status == 0 && unmerged.stdout.isEmpty, "\(unmerged)")
      let validate = try CLI.run(["validate"], in: directory.url)
      #expect(validate.status == 0, "\(validate)")
    }
  }

  @Test("two branches that released the same pack: both releases kept, the pack marked for refresh, and said so")
  func bothReleasedOnePack() throws {
    try withTemporaryDirectory { directory in
      let theirs = try Fixtures.lockfile(
        serial: 9,
        packs: [
          Fixtures.ordersID: pack(
            "orders-sync", release("release-orders-3", version: "2.2", appliedAt: "2026-11-22T10:00:00Z"),
            history: [ordersFirst]),
          Fixtures.billingID: pack("billing", billingFirst, history: []),
        ])
      try repository(in: directory, driver: true, ours: try oursLockfile(), theirs: theirs)
      let merge = try git(["merge", "--no-edit", "runner-b"], in: directory)
      #expect(merge.status == 0, "\(merge)")
      #expect(merge.stderr.contains("orders-sync") && merge.stderr.contains("needsRefresh"), "\(merge)")
      let merged = try jsonObject(try directory.read("release.lock.json"))
      #expect(
        requestIds(merged, pack: Fixtures.ordersID) == ["release-orders-1", "release-orders-2", "release-orders-3"])
      let orders = (merged["packs"] as? [String: Any])?[Fixtures.ordersID] as? [String: Any]
      #expect(orders?["needsRefresh"] as? Bool == true)
    }
  }

  @Test("lockfiles of different lineages are refused: exit 1, both named, OURS byte for byte as it was")
  func differentLineage() throws {
    try withTemporaryDirectory { directory in
      let ours = try oursLockfile()
      try directory.write("base.json", try baseLockfile())
      try directory.write("ours.json", ours)
      try directory.write(
        "theirs.json", try theirsLockfile().replacingOccurrences(of: Fixtures.lineage, with: "other-lineage"))
      let result = try CLI.run(["lockfile", "merge", "base.json", "ours.json", "theirs.json"], in: directory.url)
      #expect(result.status == 1, "\(result)")
      #expect(result.stderr.contains(Fixtures.lineage) && result.stderr.contains("other-lineage"), "\(result)")
      #expect(try directory.read("ours.json") == Data(ours.utf8))
      #expect(try directory.names() == ["base.json", "ours.json", "theirs.json"])
    }
  }

  @Test("a side that is not a valid lockfile is reported at its line and column; OURS is left as it was")
  func malformedSide() throws {
    try withTemporaryDirectory { directory in
      let ours = try oursLockfile()
      try directory.write("base.json", try baseLockfile())
      try directory.write("ours.json", ours)
      try directory.write("theirs.json", "{\n  \"version\": 1,\n  oops\n}\n")
      let result = try CLI.run(["lockfile", "merge", "base.json", "ours.json", "theirs.json"], in: directory.url)
      #expect(result.status == 1, "\(result)")
      #expect(result.stderr.contains("theirs.json:3:3: error:"), "\(result)")
      #expect(try directory.read("ours.json") == Data(ours.utf8))
    }
  }

  @Test("an empty BASE (no common ancestor) merges both sides")
  func emptyBase() throws {
    try withTemporaryDirectory { directory in
      try directory.write("base.json", "")
      try directory.write("ours.json", try oursLockfile())
      try directory.write("theirs.json", try theirsLockfile())
      let result = try CLI.run(["lockfile", "merge", "base.json", "ours.json", "theirs.json"], in: directory.url)
      #expect(result.status == 0, "\(result)")
      let merged = try jsonObject(try directory.read("ours.json"))
      #expect(requestIds(merged, pack: Fixtures.billingID) == ["release-billing-1", "release-billing-2"])
      #expect(requestIds(merged, pack: Fixtures.ordersID) == ["release-orders-1", "release-orders-2"])
    }
  }

  @Test("the help shows the .gitattributes line and the git config lines")
  func help() throws {
    try withTemporaryDirectory { directory in
      let result = try CLI.run(["lockfile", "merge", "--help"], in: directory.url)
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.contains("*.lock.json merge=boomi-release"), "\(result)")
      #expect(result.stdout.contains("git config merge.boomi-release.name 'boomi-release lockfile merge'"), "\(result)")
      #expect(
        result.stdout.contains("git config merge.boomi-release.driver 'boomi-release lockfile merge %O %A %B'"),
        "\(result)")
    }
  }
}
