import ArgumentParser
import ReleaseCore
import ReleaseEngine

struct StatusCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Read the status of the recorded releases from Boomi and record it in the lockfile.",
    usage: "boomi-release status [<options>]",
    discussion: """
      Reads every recorded release whose status can still change (bulk, 100 per call). With --wait, polls until \
      each is SUCCESS, ERROR or SCHEDULED, or --wait-timeout passes.
      """)

  @OptionGroup var options: GlobalOptions
  @OptionGroup var connection: ConnectionOptions

  @Flag(help: "Poll until every release has settled.")
  var wait = false

  @Option(help: "How long --wait waits at most, in seconds (at most a day).")
  var waitTimeout = 600

  func validate() throws {
    try NumericOption.check("--wait-timeout", waitTimeout, in: 0...86_400)
  }

  func run() async throws {
    let console = Console(color: options.color)
    let environment = Self.environment
    try await console.reportingFailures {
      try await LockedRun.run(
        lockfilePath: options.lockfilePath(emulator: connection.emulator), console: console, environment: environment
      ) {
        let (workspace, _, lockfile) = try Workspace.loadBoth(
          options, connection: connection, environment: environment, console: console)
        var current = lockfile
        if !lockfile.requestsToRefresh.isEmpty {
          let settings = try Connection.settings(connection, workspace: workspace, environment: environment)
          let report = try await Connection.withClient(
            settings, workspace: workspace, verbose: options.verbose, console: console
          ) { client in
            try await RefreshStatuses(
              client: client, store: workspace.store(lockfile)
            )
            .run(wait: wait ? .seconds(waitTimeout) : .zero)
          }
          console.error(StatusView.unread(report.unread, style: console.errorStyle))
          current = report.lockfile
        }
        console.out(StatusView.text(current, style: console.outStyle))
        if !current.pending.isEmpty { throw ExitStatus.unresolved }
      }
    }
  }
}
