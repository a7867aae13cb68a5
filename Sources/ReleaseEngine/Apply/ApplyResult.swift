import FileSystem
import ReleaseCore

/// What an apply did, pack by pack: the value every view of its result renders (the summary, and
/// `apply --format json`, from which a CI log alone can rebuild a lost lockfile with `import`).
public struct ApplyResult: Sendable, Equatable {
  /// The plan applied: a saved plan's id, or the one given to the plan made for this run.
  public var planId: String
  /// One per call, in the plan's order (by pack id).
  public var packs: [Pack]
  /// Packs not touched: an earlier attempt's outcome is unknown.
  public var blocked: [BlockedPack]
  /// Packs not sent because Boomi shows a state the lockfile cannot explain (SPEC §10.2), by
  /// apply's pre-flight or by Boomi's refusal of a scheduled CREATE.
  public var drifted: [Drift.Finding]
  /// Why the pre-flight could not read Boomi, if it could not: then nothing was sent.
  public var preFlightFailure: EngineError?
  /// Packs moved to `retired`.
  public var retired: [String]
  /// The failure to write the lockfile that stopped the run, if one did. The releases Boomi
  /// accepted that it could not record are the packs whose outcome is `unrecorded`.
  public var stopped: FileError?
  /// A write after the calls (retiring packs, recording the plan's id) that failed: every call
  /// had been made and recorded.
  public var finishFailure: FileError?
  /// What `--wait` saw, when it was asked for.
  public var wait: Wait?

  /// One pack's call and what became of it.
  public struct Pack: Sendable, Equatable {
    public var call: ReleaseCall
    public var outcome: CallOutcome
    /// The last status read from Boomi, with `--wait`.
    public var status: ReleaseStatus?

    public init(call: ReleaseCall, outcome: CallOutcome, status: ReleaseStatus? = nil) {
      self.call = call
      self.outcome = outcome
      self.status = status
    }

    /// The requestId of a release Boomi accepted and the lockfile records.
    public var releasedRequestId: String? {
      if case .released(let requestId) = outcome { requestId } else { nil }
    }

    /// Boomi's message: its refusal, or why the outcome is unknown or the call was not sent.
    public var message: String? {
      switch outcome {
      case .released: nil
      case .unrecorded(_, let error): "the lockfile could not be written: \(error.description)"
      case .failed(let message), .unknown(let message), .notSent(let message): message
      }
    }
  }

  /// What `--wait` saw.
  public struct Wait: Sendable, Equatable {
    /// Releases still not settled when the bound passed.
    public var unsettled: [String]
    /// Releases whose status could not be read, and why.
    public var unread: [String: String]
    /// Why the statuses could not be read at all, if they could not.
    public var failure: EngineError?

    public init(unsettled: [String] = [], unread: [String: String] = [:], failure: EngineError? = nil) {
      self.unsettled = unsettled
      self.unread = unread
      self.failure = failure
    }
  }

  public init(
    planId: String, packs: [Pack] = [], blocked: [BlockedPack] = [], drifted: [Drift.Finding] = [],
    retired: [String] = [], stopped: FileError? = nil, wait: Wait? = nil
  ) {
    self.planId = planId
    self.packs = packs
    self.blocked = blocked
    self.drifted = drifted
    self.retired = retired
    self.stopped = stopped
    self.wait = wait
  }

  public var released: Int { packs.released }
  public var unrecorded: Int { packs.unrecorded }
  public var failed: Int { packs.failed }
  public var unknown: Int { packs.unknown }
  public var notSent: Int { packs.notSent }

  /// Every requestId Boomi returned in this run, recorded or not, by pack id.
  public var requestIds: [(packId: String, requestId: String)] {
    packs.compactMap { pack in pack.outcome.requestId.map { (pack.call.packId, $0) } }
  }
}

/// How many calls ended each way.
extension [ApplyResult.Pack] {
  public var released: Int { count { if case .released = $0.outcome { true } else { false } } }
  public var unrecorded: Int { count { if case .unrecorded = $0.outcome { true } else { false } } }
  public var failed: Int { count { if case .failed = $0.outcome { true } else { false } } }
  public var unknown: Int { count { if case .unknown = $0.outcome { true } else { false } } }
  public var notSent: Int { count { if case .notSent = $0.outcome { true } else { false } } }
}
