import BoomiAPI
import FileSystem
import Foundation
import ReleaseCore

/// Makes a plan's CREATE and UPDATE calls so that no release is lost or sent twice (SPEC §6):
/// the part of the apply use case (``ApplyReleases``) that talks to Boomi.
///
/// For each call: record an intent and persist it; send; on success replace the intent with the
/// release and persist. A refusal (4xx) or a call that never got through removes the intent; an
/// unknown outcome leaves it in place, for `recover`. Packs run concurrently, bounded, under the
/// client's shared rate limiter; the lockfile has a single writer.
///
/// When the lockfile cannot be written (a full disk), the run stops sending at once: no call
/// starts, and none waiting for its turn at the rate limiter is sent. Calls already on the wire
/// finish, and every outcome is kept, a release Boomi accepted but the lockfile could not record
/// included, with its requestId: the caller shows it, since it is then the only copy.
public struct CallExecutor: Sendable {
  public var client: PlatformClient
  public var store: LockfileStore
  public var concurrency: Int
  /// The current time, for `appliedAt` and intents.
  public var now: @Sendable () -> Date
  public var makeIntentID: @Sendable () -> String
  public var progress: @Sendable (Progress) -> Void

  public init(
    client: PlatformClient, store: LockfileStore, concurrency: Int = 4, now: @escaping @Sendable () -> Date = Date.init,
    makeIntentID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
    progress: @escaping @Sendable (Progress) -> Void = { _ in }
  ) {
    self.client = client
    self.store = store
    self.concurrency = max(1, concurrency)
    self.now = now
    self.makeIntentID = makeIntentID
    self.progress = progress
  }

  public enum Progress: Sendable {
    case started(ReleaseCall)
    case finished(ReleaseCall, CallOutcome)
  }

  public struct Result: Sendable, Equatable {
    /// Every call and its outcome, in the order of the calls.
    public var packs: [ApplyResult.Pack]
    /// The first failure to write the lockfile, which stopped the run; `nil` when none did.
    public var stopped: FileError?
  }

  /// Makes every call and says what became of each, in the order of `calls`.
  public func run(_ calls: [ReleaseCall], planId: String?) async -> Result {
    // The client's own signal (a SIGTERM, say) stops the run too.
    let stop = client.stopSignal ?? StopSignal()
    let run = Run(executor: self, client: client.stopping(on: stop), stop: stop, planId: planId)
    var outcomes: [Int: CallOutcome] = [:]
    var stopped: FileError?
    await withTaskGroup(of: (Int, CallOutcome, FileError?).self) { group in
      var pending = calls.enumerated().makeIterator()
      var running = 0
      while true {
        while running < concurrency, !stop.isStopped, let (index, call) = pending.next() {
          group.addTask { await run.outcome(of: call, at: index) }
          running += 1
        }
        guard let (index, outcome, failure) = await group.next() else { break }
        running -= 1
        outcomes[index] = outcome
        if let failure {
          stop.stop()
          stopped = stopped ?? failure
        }
      }
    }
    let stoppedWith = stopped
    return Result(
      packs: calls.indices.map { index in
        ApplyResult.Pack(call: calls[index], outcome: outcomes[index] ?? .notSent(Self.notSentReason(stoppedWith)))
      },
      stopped: stoppedWith)
  }

  static func notSentReason(_ failure: FileError?) -> String {
    "not sent: the run stopped because the lockfile could not be written"
      + (failure.map { " (\($0.description))" } ?? "")
  }

  /// One run's shared state: the stopping client and signal.
  struct Run: Sendable {
    var executor: CallExecutor
    var client: PlatformClient
    var stop: StopSignal
    var planId: String?

    /// `execute` as a value. (Kept out of the task group's closure: Swift 6.3.1's optimizer
    /// returned the wrong captured index from a typed `do`/`catch` returning inside such a
    /// closure, which put every outcome under one pack in release builds.)
    func outcome(of call: ReleaseCall, at index: Int) async -> (Int, CallOutcome, FileError?) {
      let (outcome, failure) = await execute(call)
      return (index, outcome, failure)
    }

    /// One call, from intent to recorded outcome, and the lockfile write that failed, if one did.
    func execute(_ call: ReleaseCall) async -> (CallOutcome, FileError?) {
      let store = executor.store
      executor.progress(.started(call))
      // Encoded once: the bytes sent are the bytes the intent's digest is of.
      let body = ReleaseRequestBody(BoomiTranslation.request(for: call))
      let intent = Intent(
        id: executor.makeIntentID(), packId: call.packId, operation: call.operation, content: call.content,
        bodyDigest: Digest.sha256(body.bytes), planId: planId, createdAt: Timestamp.rfc3339(executor.now()))
      func finish(_ outcome: CallOutcome, _ failure: FileError? = nil) -> (CallOutcome, FileError?) {
        executor.progress(.finished(call, outcome))
        return (outcome, failure)
      }

      // Persisted before sending: if this fails, nothing is sent.
      do throws(FileError) {
        try await store.recordIntent(intent, account: client.configuration.accountID)
      } catch {
        return finish(.notSent("not sent: its intent could not be written to the lockfile (\(error))"), error)
      }
      let sent: Swift.Result<AcceptedRelease, PlatformError>
      do throws(PlatformError) {
        sent = .success(
          call.operation == .create
            ? try await client.createRelease(body) : try await client.updateRelease(packId: call.packId, body))
      } catch {
        sent = .failure(error)
      }
      switch sent {
      case .success(let accepted):
        let requestId = accepted.requestId
        let release = RecordedRelease(
          operation: call.operation, content: call.content, requestId: requestId,
          releaseStatusUrl: accepted.releaseStatusUrl, appliedAt: Timestamp.rfc3339(executor.now()), planId: planId)
        do throws(FileError) {
          try await store.recordRelease(release, for: intent, name: call.name)
        } catch {
          return finish(.unrecorded(requestId: requestId, error), error)
        }
        return finish(.released(requestId: requestId))
      case .failure(.cancelled) where stop.isStopped:
        // Stopped before its turn came: never sent. Its intent goes if the lockfile allows.
        let note = (try? await store.discardIntent(intent)) == nil ? "; its intent may remain in the lockfile" : ""
        return finish(.notSent(CallExecutor.notSentReason(nil) + note))
      case .failure(let refusal) where refusal.certainlyNotProcessed:
        do throws(FileError) {
          try await store.discardIntent(intent)
        } catch {
          return finish(.failed(refusal.description), error)
        }
        return finish(.failed(refusal.description))
      case .failure(let ambiguity):
        do throws(FileError) {
          try await store.markUnresolved(intent, reason: ambiguity.description)
        } catch {
          return finish(.unknown(ambiguity.description), error)
        }
        return finish(.unknown(ambiguity.description))
      }
    }
  }
}
