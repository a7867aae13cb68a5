/// Whether a run may use a lockfile (SPEC §10.1): the lockfile's releases were made against the
/// run's endpoint, or it records none yet.
///
/// A lockfile written before endpoints were recorded names none; its endpoint is then read from the
/// `releaseStatusUrl` of the releases it holds (Boomi's, and the emulator's, both name the host
/// they were made on). One whose releases name no URL is bound by the first run that writes it.
public enum EndpointCheck {
  /// The lockfile's endpoint: recorded, or read from its releases' status URLs; `nil` when it
  /// names none.
  public static func endpoint(of lockfile: Lockfile) -> (endpoint: Endpoint, inferred: Bool)? {
    if let recorded = lockfile.endpoint, let endpoint = Endpoint(recorded: recorded) { return (endpoint, false) }
    let records = Array(lockfile.packs.values) + Array(lockfile.retired.values)
    let releases = records.flatMap { ($0.release.map { [$0] } ?? []) + $0.history }
    let named = releases.compactMap { $0.releaseStatusUrl.flatMap(Endpoint.init(baseURL:)) }
    return named.sorted { $0.description < $1.description }.first.map { ($0, true) }
  }

  /// An error when `lockfile` belongs to another endpoint than `run`'s, naming both.
  public static func problems(lockfile: Lockfile, lockfilePath: String, run: Endpoint) -> [Diagnostic] {
    guard let (recorded, inferred) = endpoint(of: lockfile) else { return [] }
    // The built-in emulator's status URLs name a loopback host; an old emulator run's lockfile is
    // still the emulator's.
    if run == .emulator, inferred, case .api(_, let host) = recorded, isLoopback(host) { return [] }
    guard recorded != run else { return [] }
    let how = inferred ? " (from the releaseStatusUrl of the releases in it)" : ""
    var help =
      "a lockfile belongs to one endpoint; point BOOMI_API_URL at \(recorded.spoken), or use --lockfile to pick another file"
    if run == .emulator {
      help = "--emulator runs keep their own lockfile; name another with --lockfile"
    } else if recorded == .emulator || inferred && isLoopbackEndpoint(recorded) {
      help =
        "it was written by an emulator run, not by Boomi: its releases are not Boomi's; remove it, or use --lockfile"
    }
    return [
      .error(
        .endpointMismatch,
        "the lockfile \(lockfilePath) records releases made against \(recorded.spoken)\(how), but this run is against \(run.spoken)",
        file: lockfilePath, at: .start, help: help)
    ]
  }

  private static func isLoopbackEndpoint(_ endpoint: Endpoint) -> Bool {
    if case .api(_, let host) = endpoint { isLoopback(host) } else { false }
  }

  private static func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host == "::1" || host.hasPrefix("127.")
  }
}
