import Foundation
import ReleaseCore

/// `bench plan MANIFEST LOCKFILE`: the work of `boomi-release plan` without the command-line
/// layer — read both files, decode them on two threads, check the account, plan, render — in a
/// program with a synchronous `main`.
///
/// It exists for profiling: valgrind 3.19 crashes in any Swift program with an `async` main
/// (libdispatch's `dispatch_main` ends the main thread), and `boomi-release` is one, so
/// callgrind runs this instead. `perf record` works on `boomi-release` itself.
enum PlanPipeline {
  static func run(manifestPath: String, lockfilePath: String) throws -> String {
    let manifestSource = SourceText(path: manifestPath, bytes: try read(manifestPath))
    let lockfileSource = SourceText(path: lockfilePath, bytes: try read(lockfilePath))
    let inputs = PlanInputs.decode(manifest: manifestSource, lockfile: lockfileSource)
    guard let manifest = inputs.manifest, let lockfile = inputs.lockfile, !inputs.diagnostics.containsErrors else {
      throw BenchFailure("the files do not load")
    }
    let (_, accountProblems) = AccountCheck.resolve(
      manifest: manifest, environmentAccount: nil, lockfile: lockfile, lockfilePath: lockfilePath)
    guard accountProblems.isEmpty else { throw BenchFailure("the accounts differ") }
    let today = CalendarDate.today(in: manifest.timeZone, at: Date())
    let (plan, _) = try Planner.plan(manifest: manifest, lockfile: lockfile, today: today)
    return PlanTextRenderer().render(plan)
  }

  private static func read(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw BenchFailure("cannot read \(path)") }
    return Array(data)
  }
}
