import FileSystem
import Foundation
import ReleaseCore

/// Holds the lockfile's lock for the length of a command that writes the lockfile (SPEC §6.5).
enum LockedRun {
  /// Runs `body` holding the lock on the lockfile (beside the file that is written, whatever path
  /// names it); fails at once, naming the holder, when another run holds it, and says so when it
  /// takes over a lock left by a run that died.
  static func run<Result>(
    lockfilePath: String, console: Console, environment: [String: String], _ body: () async throws -> Result
  ) async throws -> Result {
    let owner = environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["GITHUB_ACTOR"] ?? "unknown"
    let now = try Workspace.clock(environment)()
    let lock: FileLock
    do {
      let (acquired, previous) = try FileLock.acquire(
        guarding: lockfilePath, owner: owner, startedAt: Timestamp.rfc3339(now))
      lock = acquired
      if let previous {
        console.error(
          console.errorStyle.apply("note:", .bold, .cyan)
            + " took over the lock left by \(previous), which is no longer running\n")
      }
    } catch .held(let path, let holder) {
      throw CommandFailure(
        "\(path) is held by \(holder?.description ?? "another run"); wait for it to finish",
        exitCode: ExitStatus.locked)
    } catch {
      throw CommandFailure(error.description)
    }
    defer { lock.release() }
    return try await body()
  }
}
