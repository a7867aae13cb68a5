import ArgumentParser

/// The process's exit codes (SPEC §2), one name each.
enum ExitStatus {
  /// Success; with `--detailed-exitcode`, also "no changes".
  static let success = ExitCode(0)
  /// An error: bad input, a failed call, a refused operation.
  static let failure = ExitCode(1)
  /// `plan --detailed-exitcode`: the plan has changes.
  static let changes = ExitCode(2)
  /// A pack is blocked by an attempt whose outcome is unknown; run `recover`.
  static let unresolved = ExitCode(3)
  /// Another run holds the lockfile's lock.
  static let locked = ExitCode(4)
  /// A saved plan no longer matches the manifest or lockfile, or was applied already.
  static let stalePlan = ExitCode(5)
  /// apply: Boomi shows a pack in a state the lockfile cannot explain (SPEC §10.2); that pack was
  /// not sent, the others were.
  static let drift = ExitCode(6)
  /// The command line itself is wrong.
  static let usage = ExitCode(64)
}
