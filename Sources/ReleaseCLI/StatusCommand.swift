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
  @OptionGroup var gitSync: GitSyncOptions

  @Flag(help: "Poll until every release has settled.")
  var wait = false

  @Option(help: "How long --wait waits at most, in seconds (at most a day).")
  var waitTimeout = 600

  func validate() throws {
    try NumericOption.check("--wait-timeout", waitTimeout, in: 0...86_400)
    try gitSync.check(emulator: connection.emulator)
  }

  func run() async throws {
    let console = Console(color: options.color)
    let environment = Self.environment
    let stop = StopSignal()
    let termination = Termination(stop: stop, console: console)
    defer { termination.cancel() }
    try await console.reportingFailures {
      let lockfilePath = options.lockfilePath(emulator: connection.emulator)
      try await GitSync.around(
        gitSync, lockfilePath: lockfilePath, manifestPath: options.manifestPath, console: console,
        environment: environment, stop: stop
      ) {
        let lockfile = try await LockedRun.run(lockfilePath: lockfilePath, console: console, environment: environment) {
          try await refresh(console: console, environment: environment, stop: stop)
        }
        return (lockfile, "boomi-release status: the releases' statuses as Boomi reports them\n")
      } finish: { lockfile in
        if stop.isStopped { throw CommandFailure("stopped by a signal", exitCode: Termination.exitCode) }
        if !lockfile.pending.isEmpty { throw ExitStatus.unresolved }
      }
    }
  }

  /// Reads and records the statuses, prints them, and returns the lockfile as it now stands.
  private func refresh(console: Console, environment: [String: String], stop: StopSignal) async throws -> Lockfile {
    let (workspace, _, lockfile) = try Workspace.loadBoth(
      options, connection: connection, environment: environment, console: console)
    var current = lockfile
    if !lockfile.requestsToRefresh.isEmpty || lockfile.packs.values.contains(where: \.needsRefresh) {
      let settings = try Connection.settings(connection, workspace: workspace, environment: environment)
      let report = try await Connection.withClient(
        settings, workspace: workspace, verbose: options.verbose, console: console, stop: stop
      ) { client in
        try await RefreshStatuses(client: client, store: workspace.store(lockfile))
          .run(wait: wait ? .seconds(waitTimeout) : .zero)
      }
      console.error(StatusView.unread(report.unread, style: console.errorStyle))
      current = report.lockfile
    }
    switch options.format {
    case .json: console.out(StatusView.json(current))
    case .text, .markdown: console.out(StatusView.text(current, style: console.outStyle))
    }
    return current
  }
}
