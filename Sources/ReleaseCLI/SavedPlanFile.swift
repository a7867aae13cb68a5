import FileSystem
import ReleaseCore

/// A plan saved by `plan --out`, as `apply PLANFILE` reads it.
enum SavedPlanFile {
  static func load(_ path: String, console: Console, format: OutputFormat) throws -> SavedPlan {
    guard let file = try InputFile.read(path) else { throw CommandFailure("the plan \(path) does not exist") }
    let (plan, diagnostics) = file.decoded { SavedPlanFormat.decode($0) }
    guard let plan else {
      DiagnosticsReport(console: console, format: format, sources: [file.source]).print(diagnostics)
      throw ExitStatus.failure
    }
    return plan
  }

  /// The manifest and lockfile a saved plan applies to: its own, which it names relative to
  /// itself. `-f` and `--lockfile` may name them too, but not other files: a plan pins what it was
  /// made from, and applying it to anything else is refused (exit 5), as is an absolute path in a
  /// plan file (an edited one could point anywhere).
  static func files(
    of plan: SavedPlan, at planFile: String, options: GlobalOptions
  ) throws(CommandFailure) -> (manifest: String, lockfile: String) {
    let directory = Paths.directory(of: planFile)
    var resolved: [String] = []
    for (what, recorded, given, option) in [
      ("manifest", plan.manifestPath, options.manifest, "-f"),
      ("lockfile", plan.lockfilePath, options.lockfile, "--lockfile"),
    ] {
      guard !recorded.hasPrefix("/") else {
        throw CommandFailure(
          "the plan \(planFile) names its \(what) by an absolute path (\(recorded)); a saved plan names its files "
            + "relative to itself, so make a new plan with `plan --out`",
          exitCode: ExitStatus.stalePlan)
      }
      let path = Paths.joined(directory, recorded)
      if let given, !Paths.sameFile(given, path) {
        throw CommandFailure(
          "the plan \(planFile) was made from the \(what) \(path), but \(option) names \(given); leave \(option) out "
            + "to apply the plan to its own files, or make a new plan from \(given)",
          exitCode: ExitStatus.stalePlan)
      }
      resolved.append(path)
    }
    return (resolved[0], resolved[1])
  }
}
