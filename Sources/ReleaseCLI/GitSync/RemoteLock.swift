import BoomiAPI
import Foundation
import ReleaseCore

/// A lock held in the git remote itself, so that runs on different machines exclude each other
/// (SPEC §10.3): a ref, `refs/boomi-release/locks/<digest of branch and lockfile>`, pointing at a
/// parentless commit whose `holder.json` names the holder, host, CI run, time and expiry.
///
/// It is taken with compare-and-swap: a push with `--force-with-lease` against "absent" (or, to
/// take over an expired lock, against the expired holder's commit), so of two runs that push at
/// once exactly one succeeds. It is released by deleting the ref under the same lease, so a run
/// never deletes a lock another run took over.
struct RemoteLock: Sendable {
  let git: Git
  let remote: String
  let ref: String
  /// The lock commit this run pushed.
  let commit: String

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
    while true {
      // Real time, not BOOMI_RELEASE_NOW: expiry is between processes.
      let now = Date()
      let holder = Holder(
        owner: environment["GITHUB_ACTOR"] ?? environment["GITLAB_USER_LOGIN"] ?? environment["USER"] ?? "unknown",
        host: ProcessInfo.processInfo.hostName, pid: getpid(), ciRun: ciRunURL(environment), branch: branch,
        lockfile: path, acquiredAt: Timestamp.rfc3339(now),
        expiresAt: Timestamp.rfc3339(now.addingTimeInterval(Double(options.lockExpiry))))
      let commit = try lockCommit(holder, git: git)
      switch git.push(commit, to: remote, ref: ref, lease: "\(ref):") {
      case .pushed:
        return RemoteLock(git: git, remote: remote, ref: ref, commit: commit)
      case .failed(let said):
        throw GitSync.failure("--git-sync: could not take the lock in \(remote): \(said)")
      case .rejected:
        break
      }
      // Held: by whom, and until when?
      guard let (held, current) = currentHolder(git: git, remote: remote, ref: ref) else {
        // Released meanwhile (try again), or a lock that cannot be read: it never expires.
        guard Date() < deadline, !stop.isStopped else {
          throw GitSync.failure(
            "--git-sync: the lock in \(remote) (\(ref)) is held, and its holder cannot be read; "
              + "if no run holds it, delete it with `git push \(remote) :\(ref)`", ExitStatus.locked)
        }
        try? await Task.sleep(for: .milliseconds(500))
        continue
      }
      if let expiry = held.expiry, expiry < now {
        if case .pushed = git.push(commit, to: remote, ref: ref, lease: "\(ref):\(current)") {
          console.error(
            console.errorStyle.apply("note:", .bold, .cyan)
              + " took over the lock held by \(held), which expired; its run may have died: check its lockfile's intents\n"
          )
          return RemoteLock(git: git, remote: remote, ref: ref, commit: commit)
        }
        continue
      }
      guard Date() < deadline, !stop.isStopped else {
        throw GitSync.failure(
          "--git-sync: the lock in \(remote) (\(ref)) is held by \(held); "
            + (options.lockTimeout > 0 ? "waited \(options.lockTimeout) s" : "wait for it, or use --lock-timeout"),
          ExitStatus.locked)
      }
      if !waited {
        console.error("Waiting for the lock held by \(held)…\n")
        waited = true
      }
      try? await Task.sleep(for: .seconds(1))
    }
  }

  /// Deletes the lock, if it is still this run's.
  func release(console: Console) {
    if case .pushed = git.push(nil, to: remote, ref: ref, lease: "\(ref):\(commit)") { return }
    console.error(
      console.errorStyle.apply("warning:", .bold, .yellow)
        + " could not release the lock \(ref) in \(remote); it expires by itself, or delete it with "
        + "`git push \(remote) :\(ref)`\n")
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

  /// The lock's holder and commit as the remote has them now; `nil` when it is gone or unreadable.
  private static func currentHolder(git: Git, remote: String, ref: String) -> (Holder, String)? {
    let local = "refs/boomi-release/seen-lock"
    guard (try? git.run(["fetch", "--no-tags", "--quiet", remote, "+\(ref):\(local)"])) != nil,
      let commit = try? git.run(["rev-parse", local]).trimmingCharacters(in: .whitespacesAndNewlines),
      let text = try? git.run(["cat-file", "blob", "\(commit):holder.json"]),
      let holder = try? JSONDecoder().decode(Holder.self, from: Data(text.utf8))
    else { return nil }
    return (holder, commit)
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
