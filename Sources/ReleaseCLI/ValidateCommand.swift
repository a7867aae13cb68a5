import ArgumentParser
import ReleaseCore

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check the manifest and the lockfile, and report every problem.",
    discussion: "Reads nothing from the network. Exits 0 when there are no errors, 1 otherwise.")

  @OptionGroup var options: GlobalOptions

  func run() throws {
    let console = Console(color: options.color)
    try console.reportingFailures {
      let workspace = try Workspace.load(options, environment: Self.environment)
      var diagnostics = workspace.diagnostics
      if let manifest = workspace.manifest, let lockfile = workspace.lockfile {
        // Dates are judged as the plan would judge them: only for releases it would send.
        let (_, dateProblems) = try Planner.plan(
          manifest: manifest, lockfile: lockfile, today: workspace.today(in: manifest))
        diagnostics += dateProblems
      }
      DiagnosticsReport(console: console, format: options.format, sources: workspace.sources).print(diagnostics)
      guard !diagnostics.containsErrors, let manifest = workspace.manifest else { throw ExitStatus.failure }
      if options.format != .json {
        let components = manifest.packs.reduce(0) { $0 + $1.components.count }
        console.out(
          "\(options.manifest) is valid: \(manifest.packs.count) pack\(manifest.packs.count == 1 ? "" : "s"), "
            + "\(components) component\(components == 1 ? "" : "s").\n")
      }
    }
  }
}
