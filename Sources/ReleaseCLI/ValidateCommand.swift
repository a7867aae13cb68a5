import ArgumentParser
import ReleaseCore
import ReleaseEngine

struct ValidateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check the manifest and the lockfile, and report every problem.",
    usage: "boomi-release validate [<options>]",
    discussion: """
      Reads nothing from the network unless --remote is given: then each pack must exist in Boomi, each component \
      must belong to its pack, and each version must be a shareable, non-deleted packaged version. Exits 0 when \
      there are no errors, 1 otherwise.
      """)

  @OptionGroup var options: GlobalOptions

  @Flag(help: "Also check the packs, components and versions against Boomi.")
  var remote = false

  @OptionGroup var connection: ConnectionOptions

  func run() async throws {
    let console = Console(color: options.color)
    let environment = Self.environment
    try await console.reportingFailures {
      let workspace = try Workspace.load(options, connection: connection, environment: environment)
      var diagnostics = workspace.diagnostics
      if let manifest = workspace.manifest, let lockfile = workspace.lockfile {
        // Dates are judged as the plan would judge them: only for releases it would send.
        let (_, dateProblems) = try Planner.plan(
          manifest: manifest, lockfile: lockfile, today: workspace.today(in: manifest))
        diagnostics += dateProblems
        if remote, !diagnostics.containsErrors {
          let settings = try Connection.settings(connection, workspace: workspace, environment: environment)
          diagnostics += try await Connection.withClient(
            settings, workspace: workspace, verbose: options.verbose, console: console
          ) { client in try await RemoteValidation(client: client).diagnose(manifest) }
        }
      }
      DiagnosticsReport(console: console, format: options.format, sources: workspace.sources).print(diagnostics)
      keepUntilExit(workspace)
      guard !diagnostics.containsErrors, let manifest = workspace.manifest else { throw ExitStatus.failure }
      if options.format != .json {
        let components = manifest.packs.reduce(0) { $0 + $1.components.count }
        let checked = remote ? " (checked against Boomi)" : ""
        console.out(
          "\(options.manifestPath) is valid\(checked): \(manifest.packs.count) pack\(manifest.packs.count == 1 ? "" : "s"), "
            + "\(components) component\(components == 1 ? "" : "s").\n")
      }
    }
  }
}
