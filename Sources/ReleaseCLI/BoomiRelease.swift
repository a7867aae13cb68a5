import ArgumentParser
import Foundation
import ReleaseCore

/// `boomi-release`: declarative releases of Boomi publisher integration packs.
public struct BoomiRelease: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "boomi-release",
    abstract: "Declarative, GitOps-style releases of Boomi publisher integration packs.",
    discussion: """
      A YAML manifest declares which packaged component versions each integration pack releases,
      and when. `plan` compares it with the lockfile and decides per pack between Boomi's
      ReleaseIntegrationPack CREATE, UPDATE, or nothing.

      Exit codes: 0 success (and no changes, with --detailed-exitcode), 1 error, 2 the plan has
      changes (--detailed-exitcode), 3 a pack is blocked by an attempt whose outcome is unknown,
      64 usage error.
      """,
    version: ProductVersion.current,
    subcommands: [ValidateCommand.self, PlanCommand.self, SchemaCommand.self]
  )

  public init() {}
}

extension ParsableCommand {
  static var environment: [String: String] { ProcessInfo.processInfo.environment }
}
