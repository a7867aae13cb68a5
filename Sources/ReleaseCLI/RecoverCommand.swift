import ArgumentParser
import ReleaseCore
import ReleaseEngine

struct RecoverCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recover",
    abstract: "Settle the CREATE/UPDATE attempts whose outcome is unknown.",
    usage: """
      boomi-release recover [<options>]
      boomi-release recover --pack <pack> (--assume-sent | --assume-not-sent)
      """,
    discussion: """
      For each pending attempt, reads the pack from Boomi: if its pending (scheduled) or current (immediate) \
      versions are the ones the attempt sent, the release went through and is recorded (its requestId was never \
      received, so it is recorded as `unrecorded:…`); if none are, and the attempt is older than --settle \
      seconds, it did not, and the attempt is dropped. Otherwise it stays, and --assume-sent or --assume-not-sent \
      (with --pack) decides. If you know the requestId, `boomi-release import` records it exactly.
      """)

  @OptionGroup var options: GlobalOptions
  @OptionGroup var connection: ConnectionOptions

  @Option(help: "Only this pack's attempts (id or name). Repeatable; required with --assume-*.")
  var pack: [String] = []

  @Flag(help: "Record the attempts of --pack as having gone through.")
  var assumeSent = false

  @Flag(help: "Drop the attempts of --pack as never having gone through.")
  var assumeNotSent = false

  @Option(
    help: "Seconds after which an attempt whose versions do not show in Boomi is judged not sent (at most a week).")
  var settle = 600

  func validate() throws {
    try NumericOption.check("--settle", settle, in: 0...604_800)
    if assumeSent, assumeNotSent { throw ValidationError("--assume-sent and --assume-not-sent exclude each other") }
    if assumeSent || assumeNotSent, pack.isEmpty {
      throw ValidationError("--assume-sent and --assume-not-sent need --pack, naming the packs they are for")
    }
  }

  func run() async throws {
    let console = Console(color: options.color)
    let environment = Self.environment
    try await console.reportingFailures {
      try await LockedRun.run(
        lockfilePath: options.lockfilePath(emulator: connection.emulator), console: console, environment: environment
      ) {
        let (workspace, manifest, lockfile) = try Workspace.loadBoth(
          options, connection: connection, environment: environment, console: console)
        let selected = try SelectionOptions.resolving { () throws(PackSelection.UnknownPack) in
          try Recovery.attempts(in: lockfile, manifest: manifest, packs: pack)
        }
        guard !selected.isEmpty else {
          console.out("No attempts with an unknown outcome.\n")
          return
        }
        let recover = RecoverAttempts(
          store: workspace.store(lockfile), now: workspace.clock,
          progress: { console.out(RecoveryView.line($0)) })
        let settlements: [RecoverAttempts.Settlement]
        if assumeSent || assumeNotSent {
          settlements = try await recover.assume(selected, sent: assumeSent)
        } else {
          let settings = try Connection.settings(connection, workspace: workspace, environment: environment)
          settlements = try await Connection.withClient(
            settings, workspace: workspace, verbose: options.verbose, console: console
          ) { client in try await recover.judge(selected, client: client, settle: .seconds(settle)) }
        }
        if settlements.contains(where: { if case .undetermined = $0.verdict { true } else { false } }) {
          throw ExitStatus.unresolved
        }
      }
    }
  }
}
