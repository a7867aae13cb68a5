import Foundation
import ReleaseCore
import ReleaseEngine
import Synchronization

/// A lock held in the git remote itself, so that runs on different machines exclude each other
/// (SPEC §10.3): a ref, `refs/boomi-release/locks/<digest of branch and lockfile>`, pointing at a
/// parentless commit whose `holder.json` names the holder, host, CI run, time and expiry.
///
/// It is taken with compare-and-swap: a push with `--force-with-lease` against "absent" (or, to
/// take over an expired lock, against the expired holder's commit), so of two runs that push at
/// once exactly one succeeds. It is released by deleting the ref under the same lease, so a run
/// never deletes a lock another run took over.
final class RemoteLock: Sendable {
  let git: Git
  let remote: String
  let ref: String
  /// Who holds it, with the times of the latest renewal.
  private let holder: Mutex<Holder>
  /// The lock commit this run pushed last: the lease of its renewals and of its release.
  private let commit: Mutex<String>
  private let renewal = Mutex<Task<Void, Never>?>(nil)
  private let expiry: Int

  private init(git: Git, remote: String, ref: String, holder: Holder, commit: String, expiry: Int) {
    self.git = git
    self.remote = remote
    self.ref = ref
    self.holder = Mutex(holder)
    self.commit = Mutex(commit)
    self.expiry = expiry
  }

  /// Who holds a lock, as its `holder.json` says.
  struct Holder: Codable, Sendable, CustomStringConvertible {
    var owner: String
    var host: String
    var pid: Int32
    var ciRun: String?
    var branch: String
    var lockfile: String
    var acquiredAt: String
    var expiresAt: String

    var description: String {
      "\(owner) on \(host) (pid \(pid)\(ciRun.map { ", \($0)" } ?? ""), since \(acquiredAt), until \(expiresAt))"
    }

    var expiry: Date? { Timestamp.parse(expiresAt) }
  }

  /// Takes the lock, waiting up to `--lock-timeout` for another holder; takes over an expired one
  /// with a notice. Fails (exit 4) naming the holder when it cannot.
  static func acquire(
    git: Git, remote: String, branch: String, path: String, options: GitSyncOptions, environment: [String: String],
    console: Console, stop: StopSignal
  ) async throws -> RemoteLock {
    let digest = Digest.sha256(Array("\(branch)\u{0}\(path)".utf8))
    let ref = "refs/boomi-release/locks/\(digest.prefix(24))"
    let deadline = Date().addingTimeInterval(Double(options.lockTimeout))
    var waited = false
    var vanished = 0
    /// Waits a little before trying again, or fails once the wait is over.
    func pause(_ reason: @autoclosure () -> String) async throws {
      guard Date() < deadline, !stop.isStopped else { throw GitSync.failure(reason(), ExitStatus.locked) }
      try? await Task.sleep(for: .milliseconds(500))
    }
    while true {
      // Real time, not BOOMI_RELEASE_NOW: expiry is between processes.
      let now = Date()
      let holder = Holder(
        owner: environment["GITHUB_ACTOR"] ?? environment["GITLAB_USER_LOGIN"] ?? environment["USER"] ?? "unknown",
        host: ProcessInfo.processInfo.hostName, pid: getpid(), ciRun: ciRunURL(environment), branch: branch,
        lockfile: path, acquiredAt: Timestamp.rfc3339(now),
        expiresAt: Timestamp.rfc3339(now.addingTimeInterval(Double(options.lockExpiry))))
      let commit = try lockCommit(holder, git: git)
      let taken = {
        RemoteLock(git: git, remote: remote, ref: ref, holder: holder, commit: commit, expiry: options.lockExpiry)
      }
      switch git.push(commit, to: remote, ref: ref, lease: "\(ref):") {
      case .pushed:
        return taken()
      case .failed(let said):
        throw GitSync.failure("--git-sync: could not take the lock in \(remote): \(said)")
      case .rejected:
        break
      }
      // Held: by whom, and until when?
      switch currentHolder(git: git, remote: remote, ref: ref) {
      case .absent:
        // Released between the push and the look: try again at once, a few times.
        vanished += 1
        if vanished > 3 { try await pause("--git-sync: the lock in \(remote) (\(ref)) could not be taken") }
      case .unknown(let why):
        try await pause("--git-sync: could not read the lock in \(remote) (\(ref)): \(why)")
      case .unreadable(let current):
        try await pause(
          "--git-sync: the lock in \(remote) (\(ref)) is held, and its holder cannot be read; if no run holds it, "
            + "delete it with `git push --force-with-lease=\(ref):\(current) \(remote) :\(ref)`")
      case .held(let held, let current):
        if let expiry = held.expiry, expiry < now {
          if case .pushed = git.push(commit, to: remote, ref: ref, lease: "\(ref):\(current)") {
            console.error(
              console.errorStyle.apply("note:", .bold, .cyan)
                + " took over the lock held by \(held), which expired: that run may have died, and what it "
                + "recorded after its last push is only where it ran\n")
            return taken()
          }
          try await pause("--git-sync: could not take over the expired lock in \(remote) (\(ref))")
          continue
        }
        if !waited, options.lockTimeout > 0 {
          console.error("Waiting for the lock held by \(held)…\n")
          waited = true
        }
        try await pause(
          "--git-sync: the lock in \(remote) (\(ref)) is held by \(held); "
            + (options.lockTimeout > 0 ? "waited \(options.lockTimeout) s" : "wait for it, or use --lock-timeout"))
      }
    }
  }

  /// Keeps the lock from expiring while the run goes on: renewed every third of `--lock-expiry`,
  /// under a lease on this run's own lock commit. If another run took it over meanwhile (this
  /// process stalled past the expiry), the run stops sending at once.
  func startRenewing(stop: StopSignal, console: Console) {
    let interval = Duration.milliseconds(expiry * 1000 / 3)
    let task = Task.detached { [self] in
      while !Task.isCancelled {
        try? await Task.sleep(for: interval)
        guard !Task.isCancelled else { return }
        let now = Date()
        var renewed = holder.withLock { $0 }
        renewed.expiresAt = Timestamp.rfc3339(now.addingTimeInterval(Double(expiry)))
        guard let next = try? Self.lockCommit(renewed, git: git) else { continue }
        let lease = commit.withLock { $0 }
        switch git.push(next, to: remote, ref: ref, lease: "\(ref):\(lease)") {
        case .pushed:
          commit.withLock { $0 = next }
          holder.withLock { $0 = renewed }
        case .rejected:
          stop.stop()
          console.error(
            console.errorStyle.apply("error:", .bold, .red)
              + " the lock in \(remote) was taken over by another run; sending nothing more\n")
          return
        case .failed:
          continue  // the next renewal tries again, well before the expiry
        }
      }
    }
    renewal.withLock { $0 = task }
  }

  /// Stops renewing and deletes the lock, if it is still this run's.
  func release(console: Console) async {
    if let task = renewal.withLock({ $0 }) {
      task.cancel()
      await task.value
    }
    let lease = commit.withLock { $0 }
    switch git.push(nil, to: remote, ref: ref, lease: "\(ref):\(lease)") {
    case .pushed:
      return
    case .rejected:
      console.error(
        console.errorStyle.apply("note:", .bold, .cyan)
          + " the lock in \(remote) is another run's now (it took this one over); it is left to that run\n")
    case .failed(let said):
      console.error(
        console.errorStyle.apply("warning:", .bold, .yellow)
          + " could not release the lock \(ref) in \(remote) (\(said)); it expires by itself, or delete it with "
          + "`git push --force-with-lease=\(ref):\(lease) \(remote) :\(ref)`\n")
    }
  }

  /// A parentless commit whose tree holds `holder.json`.
  private static func lockCommit(_ holder: Holder, git: Git) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    do {
      let blob = try git.run(["hash-object", "-w", "--stdin"], input: Array(try encoder.encode(holder)))
        .trimmingCharacters(in: .whitespacesAndNewlines)
      let tree = try git.run(["mktree"], input: Array("100644 blob \(blob)\tholder.json\n".utf8))
        .trimmingCharacters(in: .whitespacesAndNewlines)
      return try git.run(
        ["commit-tree", tree, "-m", "boomi-release lock: \(holder.description)"], environment: git.identity()
      ).trimmingCharacters(in: .whitespacesAndNewlines)
    } catch let failure as Git.Failure {
      throw GitSync.failure("--git-sync: could not make the lock: \(failure)")
    } catch {
      throw GitSync.failure("--git-sync: could not make the lock: \(error)")
    }
  }

  enum Seen {
    case absent
    /// The remote could not be asked.
    case unknown(String)
    case unreadable(commit: String)
    case held(Holder, commit: String)
  }

  /// The lock as the remote has it now.
  private static func currentHolder(git: Git, remote: String, ref: String) -> Seen {
    let local = "refs/boomi-release/seen-lock"
    let listed: String
    do {
      listed = try git.run(["ls-remote", remote, ref])
    } catch {
      return .unknown(error.description)
    }
    guard let sha = listed.split(separator: "\t").first, !sha.isEmpty else { return .absent }
    let commit = String(sha)
    guard (try? git.run(["fetch", "--no-tags", "--quiet", remote, "+\(ref):\(local)"])) != nil,
      let text = try? git.run(["cat-file", "blob", "\(commit):holder.json"]),
      let holder = try? JSONDecoder().decode(Holder.self, from: Data(text.utf8))
    else { return .unreadable(commit: commit) }
    return .held(holder, commit: commit)
  }

  /// The CI run this process belongs to, when the CI says.
  private static func ciRunURL(_ environment: [String: String]) -> String? {
    if let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"],
      let run = environment["GITHUB_RUN_ID"]
    {
      return "\(server)/\(repository)/actions/runs/\(run)"
    }
    return environment["CI_JOB_URL"] ?? environment["BUILD_URL"]
  }
}
