/// The local state: what this tool has released, per integration pack.
///
/// Boomi cannot list, read back or cancel a release, so the `requestId` recorded here is the
/// only handle on a release afterwards. Nothing in it is ever dropped: superseded releases move
/// to a pack's history, packs removed from the manifest move to `retired`.
public struct Lockfile: Sendable, Equatable {
  public static let formatVersion = 1
  /// The largest serial a lockfile may hold: the largest integer JSON readers agree on (2^53 − 1).
  /// Checked when read, so that increasing it can never overflow.
  public static let maximumSerial = 9_007_199_254_740_991

  /// Fixed when the file is first written; `nil` for a lockfile that does not exist yet.
  public var lineage: String?
  /// Increases on every write.
  public var serial: Int
  public var account: String?
  /// Where its releases were made (SPEC §10.1): ``Endpoint/description`` of the first run that
  /// wrote it; `nil` in a lockfile written before endpoints were recorded.
  public var endpoint: String?
  /// Managed packs by id.
  public var packs: [String: PackRecord]
  /// Packs no longer in the manifest, kept because their releases happened.
  public var retired: [String: PackRecord]
  /// Releases attempted whose outcome is not known yet (see `recover`).
  public var pending: [Intent]
  /// Ids of the saved plans already applied, most recent last, so none is applied twice.
  public var appliedPlans: [String]

  public init(
    lineage: String? = nil, serial: Int = 0, account: String? = nil, endpoint: String? = nil,
    packs: [String: PackRecord] = [:], retired: [String: PackRecord] = [:], pending: [Intent] = [],
    appliedPlans: [String] = []
  ) {
    self.lineage = lineage
    self.serial = serial
    self.account = account
    self.endpoint = endpoint
    self.packs = packs
    self.retired = retired
    self.pending = pending
    self.appliedPlans = appliedPlans
  }

  /// The state of a lockfile that does not exist yet.
  public static let empty = Lockfile()

  /// A pack's record, managed or retired.
  public func record(for packId: String) -> PackRecord? {
    packs[packId] ?? retired[packId]
  }

  /// The unresolved intents for a pack.
  public func pendingIntents(for packId: String) -> [Intent] {
    pending.filter { $0.packId == packId }
  }

  /// The requestIds of current releases (managed or retired) whose status may still change:
  /// not read yet, or neither `SUCCESS` nor `ERROR`. Releases recorded without a requestId are
  /// left out: there is nothing to ask Boomi.
  /// (A pack a lockfile merge marked `needsRefresh` also has its history's unsettled releases read:
  /// Boomi settles which of them is current.)
  public var requestsToRefresh: [String] {
    (Array(packs.values) + Array(retired.values)).flatMap { record in
      ((record.release.map { [$0] } ?? []) + (record.needsRefresh ? record.history : [])).compactMap { release in
        guard !RecordedRelease.isUnrecorded(release.requestId), release.status != .success, release.status != .error
        else { return nil }
        return release.requestId
      }
    }.sorted()
  }

  /// Records a status read from Boomi on the release with this requestId, current or in a history.
  public mutating func setStatus(_ status: ReleaseStatus, requestId: String) {
    setStatuses([requestId: status])
  }

  /// Records statuses read from Boomi, by requestId, on the releases that carry them (current or
  /// in a history), in one pass over the lockfile.
  public mutating func setStatuses(_ statuses: [String: ReleaseStatus]) {
    guard !statuses.isEmpty else { return }
    func set(_ records: inout [String: PackRecord]) {
      for (id, record) in records {
        var updated = record
        if let requestId = record.release?.requestId, let status = statuses[requestId] {
          updated.release?.status = status
        }
        for index in record.history.indices {
          if let status = statuses[record.history[index].requestId] { updated.history[index].status = status }
        }
        if updated != record { records[id] = updated }
      }
    }
    set(&packs)
    set(&retired)
  }
}

/// What the lockfile knows of one pack.
public struct PackRecord: Sendable, Equatable {
  public var name: String?
  /// The most recent release: the one the planner compares the manifest with.
  public var release: RecordedRelease?
  /// Earlier releases, oldest first.
  public var history: [RecordedRelease]
  /// Set by a lockfile merge (SPEC §10.4) whose two sides recorded different current releases that
  /// neither's history explains: which one is current is for Boomi to say (`plan --refresh`,
  /// apply's pre-flight).
  public var needsRefresh: Bool

  public init(
    name: String? = nil, release: RecordedRelease? = nil, history: [RecordedRelease] = [], needsRefresh: Bool = false
  ) {
    self.name = name
    self.release = release
    self.history = history
    self.needsRefresh = needsRefresh
  }
}

/// A release Boomi accepted, with the handle it returned.
public struct RecordedRelease: Sendable, Equatable {
  /// The prefix of the `requestId` recorded for a release `recover` found had gone through
  /// although Boomi's answer, and so its requestId, never arrived.
  public static let unrecordedPrefix = "unrecorded:"

  public static func isUnrecorded(_ requestId: String) -> Bool { requestId.hasPrefix(unrecordedPrefix) }

  public var operation: ReleaseOperation
  public var content: ReleaseContent
  public var requestId: String
  public var releaseStatusUrl: String?
  /// The last status read from Boomi; `nil` before any was read.
  public var status: ReleaseStatus?
  /// Boomi's message when the release failed.
  public var statusMessage: String?
  /// RFC 3339 UTC time the request was accepted.
  public var appliedAt: String
  public var planId: String?

  public init(
    operation: ReleaseOperation, content: ReleaseContent, requestId: String, releaseStatusUrl: String? = nil,
    status: ReleaseStatus? = nil, statusMessage: String? = nil, appliedAt: String, planId: String? = nil
  ) {
    self.operation = operation
    self.content = content
    self.requestId = requestId
    self.releaseStatusUrl = releaseStatusUrl
    self.status = status
    self.statusMessage = statusMessage
    self.appliedAt = appliedAt
    self.planId = planId
  }
}

/// A CREATE or UPDATE about to be sent, persisted before sending. Its presence afterwards means
/// the outcome is unknown: the request may or may not have been processed.
public struct Intent: Sendable, Equatable {
  public var id: String
  public var packId: String
  public var operation: ReleaseOperation
  public var content: ReleaseContent
  /// SHA-256 of the exact request body, hex.
  public var bodyDigest: String
  public var planId: String?
  public var createdAt: String
  /// Why the outcome is unknown, once the attempt has ended (a timeout, a dropped connection).
  public var failure: String?

  public init(
    id: String, packId: String, operation: ReleaseOperation, content: ReleaseContent, bodyDigest: String,
    planId: String? = nil, createdAt: String, failure: String? = nil
  ) {
    self.id = id
    self.packId = packId
    self.operation = operation
    self.content = content
    self.bodyDigest = bodyDigest
    self.planId = planId
    self.createdAt = createdAt
    self.failure = failure
  }
}
