/// Which Boomi account a run is for, and whether the manifest, the environment and the lockfile
/// agree on it.
public enum AccountCheck {
  /// The account (the manifest's, else `environmentAccount`), or diagnostics when the sources
  /// disagree: a lockfile belongs to one account, and a manifest that names one must not be
  /// applied to another.
  public static func resolve(
    manifest: Manifest, environmentAccount: String?, lockfile: Lockfile, lockfilePath: String
  ) -> (account: String?, diagnostics: [Diagnostic]) {
    let fromEnvironment = environmentAccount.flatMap { $0.isEmpty ? nil : $0 }
    if let declared = manifest.account, let fromEnvironment, declared.value != fromEnvironment {
      return (
        nil,
        [
          .error(
            .accountMismatch,
            "the manifest is for account '\(declared.value)', but BOOMI_ACCOUNT_ID is '\(fromEnvironment)'",
            file: manifest.path, at: declared.mark,
            help: "unset BOOMI_ACCOUNT_ID or point it at the manifest's account")
        ]
      )
    }
    let account = manifest.account?.value ?? fromEnvironment
    if let recorded = lockfile.account, let account, recorded != account {
      let source = manifest.account == nil ? " (from BOOMI_ACCOUNT_ID)" : ""
      return (
        nil,
        [
          .error(
            .accountMismatch,
            "the lockfile \(lockfilePath) records releases for account '\(recorded)', but this run is for '\(account)'\(source)",
            file: manifest.path, at: manifest.account?.mark ?? .start,
            help: "a lockfile belongs to one account; use --lockfile to pick the right one")
        ]
      )
    }
    return (account, [])
  }
}
