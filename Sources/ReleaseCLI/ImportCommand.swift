import ArgumentParser
import ReleaseCore
import ReleaseEngine

struct ImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Record a release made elsewhere in the lockfile, by its requestId.",
    usage: "boomi-release import --pack <pack> --request-id <request-id> [<options>]",
    discussion: """
      Reads ReleaseIntegrationPackStatus/{request-id}, checks that it is a release of --pack, and records it as \
      the pack's current release (the one before it moves to the history). Any attempt of the pack whose outcome \
      was unknown is settled by it.
      """)

  @OptionGroup var options: GlobalOptions
  @OptionGroup var connection: ConnectionOptions

  @Option(help: "The integration pack's id.")
  var pack: String

  @Option(help: "The release's requestId (release-…).")
  var requestId: String

  func run() async throws {
    let console = Console(color: options.color)
    let environment = Self.environment
    let packId = pack.lowercased()
    try await console.reportingFailures {
      try await LockedRun.run(
        lockfilePath: options.lockfilePath(emulator: connection.emulator), console: console, environment: environment
      ) {
        let (workspace, _, lockfile) = try Workspace.loadBoth(
          options, connection: connection, environment: environment, console: console)
        let settings = try Connection.settings(connection, workspace: workspace, environment: environment)
        let release = try await Connection.withClient(
          settings, workspace: workspace, verbose: options.verbose, console: console
        ) { client in
          try await ImportRelease(
            client: client, store: workspace.store(lockfile), now: workspace.clock
          ).run(packId: packId, requestId: requestId)
        }
        console.out(
          "Recorded \(requestId) (\(release.content.schedule), \(release.status?.rawValue ?? "status unknown")) "
            + "for \(packId).\n")
      }
    }
  }
}
