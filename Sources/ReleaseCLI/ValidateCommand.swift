import ArgumentParser
import BoomiAPI
import ReleaseCore
import ReleaseEngine

struct ValidateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check the manifest and the lockfile, and report every problem.",
    discussion: """
      Reads nothing from the network unless --remote is given: then each pack must exist in
      Boomi, each component must belong to its pack, and each version must be a shareable,
      non-deleted packaged version. Exits 0 when there are no errors, 1 otherwise.
      """)

  @OptionGroup var options: GlobalOptions

  @Flag(help: "Also check the packs, components and versions against Boomi.")
  var remote = false

  @OptionGroup var connection: ConnectionOptions

  func run() async throws {
    let console = Console(color: options.color)
    try await console.reportingFailures {
      let workspace = try Workspace.load(options, environment: Self.environment)
      var diagnostics = workspace.diagnostics
      if let manifest = workspace.manifest, let lockfile = workspace.lockfile {
        // Dates are judged as the plan would judge them: only for releases it would send.
        let (_, dateProblems) = try Planner.plan(
          manifest: manifest, lockfile: lockfile, today: workspace.today(in: manifest))
        diagnostics += dateProblems
        if remote, !diagnostics.containsErrors {
          diagnostics += try await RemoteValidation.diagnose(
            manifest, workspace: workspace, connection: connection, verbose: options.verbose, console: console)
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

/// SPEC §3.4: the manifest against what Boomi says.
enum RemoteValidation {
  static func diagnose(
    _ manifest: Manifest, workspace: Workspace, connection: ConnectionOptions, verbose: Bool, console: Console
  ) async throws -> [Diagnostic] {
    try await Connection.withClient(
      workspace: workspace, options: connection, verbose: verbose, console: console
    ) { client in
      do {
        let facts = try await RemoteInspector(client: client).facts(for: manifest)
        return RemoteChecks.diagnose(manifest, against: facts, account: client.configuration.accountID)
      } catch let error as PlatformError {
        throw Connection.failure(error, doing: "check the manifest against Boomi")
      }
    }
  }
}
