import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Crash safety of plan --out")
struct CrashSafetyTests {
  /// Large enough that writing the saved plan (about 1 MB) takes a moment; the trials that kill
  /// as soon as the temporary file appears land in the middle of the write. (3,000 packs would
  /// do as well, but JSON encoding is currently quadratic, which makes one run take minutes.)
  static let packs = 400
  static let componentsPerPack = 20
  static let trials = 15

  /// Whether `data` is a whole saved plan of this manifest: parseable JSON ending in a newline,
  /// with an id and every pack's change.
  private func isCompletePlan(_ data: Data, manifestSHA256: String) -> Bool {
    guard data.last == UInt8(ascii: "\n"), let plan = try? jsonObject(data), plan["planId"] is String,
      let changes = plan["changes"] as? [Any], changes.count == Self.packs,
      let manifest = plan["manifest"] as? [String: Any], manifest["sha256"] as? String == manifestSHA256
    else { return false }
    return true
  }

  @Test("kill -9 at any moment during plan --out leaves the previous plan file or a complete new one")
  func killDuringPlanOut() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.largeManifest(packs: Self.packs, components: Self.componentsPerPack))
      let sha = try sha256sum(dir.path("release.yaml"))
      let arguments = ["plan", "--out", "plan.json", "--format", "json"]

      // A first, complete run: the plan file every later trial starts from, and a rough length
      // of a run to spread the kills over (only where they land depends on it, never a verdict).
      let clock = ContinuousClock()
      let started = clock.now
      let first = try CLI.run(arguments, in: dir.url)
      let runLength = clock.now - started
      #expect(first.status == 0, "\(first)")
      var previous = try dir.read("plan.json")
      #expect(isCompletePlan(previous, manifestSHA256: sha))

      var generator = SystemRandomNumberGenerator()
      let runSeconds = Double(runLength.components.seconds) + Double(runLength.components.attoseconds) / 1e18
      for trial in 0..<Self.trials {
        let temporaryPrefix = ".plan.json.tmp-"
        let running = try CLI.start(
          arguments, in: dir.url, stdout: FileHandle.nullDevice, stderr: FileHandle.nullDevice)
        if trial % 2 == 0 {
          // Anywhere in the run, including before it writes and after it is done.
          let delay = Double.random(in: 0...(runSeconds * 1.1), using: &generator)
          _ = running.hasExited(within: delay)
        } else {
          // As soon as the temporary file appears, that is, in the middle of the write.
          let deadline = clock.now + .seconds(CLI.timeoutSeconds)
          while clock.now < deadline, !running.hasExited(within: 0.0002) {
            if (try? dir.names().contains { $0.hasPrefix(temporaryPrefix) }) == true { break }
          }
        }
        running.send(SIGKILL)
        let (_, timedOut) = running.finishBlocking(within: CLI.timeoutSeconds)
        #expect(!timedOut)

        let current = try dir.read("plan.json")
        if current != previous {
          #expect(
            isCompletePlan(current, manifestSHA256: sha),
            "trial \(trial): plan.json is partial (\(current.count) bytes, previous \(previous.count))")
          previous = current
        }
        // A kill between creating the temporary file and renaming it may leave the temporary
        // file; that is allowed. Clear it so the next trial can see its own.
        for name in try dir.names() where name.hasPrefix(temporaryPrefix) {
          try FileManager.default.removeItem(atPath: dir.path(name))
        }
      }
      #expect(try dir.names() == ["release.yaml", "plan.json"])
    }
  }
}
