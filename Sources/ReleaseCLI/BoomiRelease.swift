import ArgumentParser
import Foundation
import ReleaseCore

/// `boomi-release`: declarative releases of Boomi publisher integration packs.
public struct BoomiRelease: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "boomi-release",
    abstract: "Declarative, GitOps-style releases of Boomi publisher integration packs.",
    discussion: """
      A YAML manifest declares which packaged component versions each integration pack releases, and when. `plan` \
      compares it with the lockfile and decides per pack between Boomi's ReleaseIntegrationPack CREATE, UPDATE, or \
      nothing.

      Exit codes: 0 success (and no changes, with --detailed-exitcode), 1 error, 2 the plan has changes \
      (--detailed-exitcode), 3 an outcome is unknown (a pack is blocked until `recover`), 4 another run holds the \
      lockfile's lock, 5 a saved plan is refused (stale, or not the manifest's), 64 usage error.
      """,
    version: ProductVersion.current,
    subcommands: [
      ValidateCommand.self, PlanCommand.self, ApplyCommand.self, StatusCommand.self, RecoverCommand.self,
      ImportCommand.self, SchemaCommand.self, LockfileCommand.self,
    ]
  )

  public init() {}

  /// Parses the command line and runs the chosen command, exiting as ArgumentParser does.
  /// (Spelled out because `main()` on a library's async root can resolve to the synchronous
  /// overload from an executable's top-level code.)
  public static func runFromCommandLine() async {
    // A reader that goes away (`| head`) must not kill a run that is recording releases: writes
    // to it fail instead, and the run finishes.
    signal(SIGPIPE, SIG_IGN)
    do {
      var command = try await asyncParseAsRoot()
      if var asynchronous = command as? any AsyncParsableCommand {
        try await asynchronous.run()
      } else {
        try command.run()
      }
    } catch {
      exit(withError: error)
    }
  }
}

extension ParsableCommand {
  static var environment: [String: String] { ProcessInfo.processInfo.environment }
}
