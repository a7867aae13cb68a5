import Foundation

extension LockfileMerge {
  /// One side's record of a pack, and whether the pack is managed or retired on that side.
  struct PackSide {
    var record: PackRecord?
    var managed: Bool

    init(_ lockfile: Lockfile, _ id: String) {
      switch (lockfile.packs[id], lockfile.retired[id]) {
      case (let managed?, let retired?):
        // Never written by this tool; both records are kept, and the pack counts as managed.
        record = LockfileMerge.mergeRecords(managed, retired).record
        self.managed = true
      case (let managed?, nil):
        record = managed
        self.managed = true
      case (nil, let retired?):
        record = retired
        managed = false
      case (nil, nil):
        record = nil
        managed = false
      }
    }
  }

  /// The merged record of one pack, whether it is managed (else retired), and whether this merge
  /// found two current releases that neither side explains.
  static func mergePack(ours: PackSide, theirs: PackSide) -> (record: PackRecord, managed: Bool, conflicting: Bool)? {
    switch (ours.record, theirs.record) {
    case (let mine?, let other?):
      let (record, conflicting) = mergeRecords(mine, other)
      guard ours.managed != theirs.managed else { return (record, ours.managed, conflicting) }
      let (managing, retiring) = ours.managed ? (mine, other) : (other, mine)
      let known = Set(retiring.releases.map(\.requestId))
      let releasedSince = managing.releases.contains { !known.contains($0.requestId) }
      return (record, releasedSince, conflicting)
    case (let only?, nil):
      return (only, ours.managed, false)
    case (nil, let only?):
      return (only, theirs.managed, false)
    case (nil, nil):
      return nil
    }
  }

  /// Two records of one pack as one, and whether their current releases conflict: they differ and
  /// neither side's history holds the other side's.
  static func mergeRecords(_ mine: PackRecord, _ other: PackRecord) -> (record: PackRecord, conflicting: Bool) {
    let releases = Dictionary(grouping: mine.releases + other.releases, by: \.requestId).compactMapValues(settled)
    var conflicting = false
    let currentId: String?
    switch (mine.release, other.release) {
    case (nil, nil):
      currentId = nil
    case (let only?, nil), (nil, let only?):
      currentId = only.requestId
    case (let first?, let second?):
      let firstSuperseded = other.history.contains { $0.requestId == first.requestId }
      let secondSuperseded = mine.history.contains { $0.requestId == second.requestId }
      if first.requestId == second.requestId {
        currentId = first.requestId
      } else if firstSuperseded, !secondSuperseded {
        currentId = second.requestId
      } else if secondSuperseded, !firstSuperseded {
        currentId = first.requestId
      } else {
        conflicting = true
        let later = order(releases[first.requestId] ?? first) < order(releases[second.requestId] ?? second)
        currentId = later ? second.requestId : first.requestId
      }
    }
    let history = orderedUnion(mine.chain, other.chain) { id in
      releases[id].map(order) ?? SortKey(id: id)
    }
    .filter { $0 != currentId }
    .compactMap { releases[$0] }

    let name: String?
    if let mineName = mine.name, let otherName = other.name, mineName != otherName {
      // The name recorded with the current release: a pack's name is recorded when it is released.
      let fromMine = currentId != nil && mine.release?.requestId == currentId
      let fromOther = currentId != nil && other.release?.requestId == currentId
      name = fromMine == fromOther ? min(mineName, otherName) : (fromMine ? mineName : otherName)
    } else {
      name = mine.name ?? other.name
    }
    let record = PackRecord(
      name: name, release: currentId.flatMap { releases[$0] }, history: history,
      needsRefresh: mine.needsRefresh || other.needsRefresh || conflicting)
    return (record, conflicting)
  }

  /// The copies of one release (same requestId) as one: the most settled copy, with a status URL
  /// if any copy has one.
  static func settled(_ copies: [RecordedRelease]) -> RecordedRelease? {
    guard let first = copies.first else { return nil }
    var winner = copies.dropFirst().reduce(first) { isLessSettled($0, than: $1) ? $1 : $0 }
    if winner.releaseStatusUrl == nil { winner.releaseStatusUrl = copies.compactMap(\.releaseStatusUrl).min() }
    return winner
  }

  /// Whether `release` is less settled than `other`: by status (`SUCCESS`/`ERROR` over
  /// `IN_PROGRESS` over `SCHEDULED` over none), then by what it holds (a message, a status URL),
  /// then by its encoding, so that the order is total and neither side's copy is preferred.
  static func isLessSettled(_ release: RecordedRelease, than other: RecordedRelease) -> Bool {
    func weight(_ release: RecordedRelease) -> (Int, Int, Int) {
      let status =
        switch release.status {
        case nil: 0
        case .scheduled: 1
        case .inProgress: 2
        case .success, .error: 3
        }
      return (status, release.statusMessage == nil ? 0 : 1, release.releaseStatusUrl == nil ? 0 : 1)
    }
    let (mine, theirs) = (weight(release), weight(other))
    guard mine == theirs else { return mine < theirs }
    return LockfileFormat.encode(release).prettyPrintedBytes()
      .lexicographicallyPrecedes(LockfileFormat.encode(other).prettyPrintedBytes())
  }

  /// Where a release sorts among others: by `appliedAt` (as a time where it reads as one), then
  /// by requestId.
  static func order(_ release: RecordedRelease) -> SortKey {
    SortKey(time: seconds(release.appliedAt), text: release.appliedAt, id: release.requestId)
  }

  /// The instant of an RFC 3339 timestamp, in seconds; unreadable ones sort after every other.
  static func seconds(_ timestamp: String) -> Double {
    Timestamp.parse(timestamp)?.timeIntervalSince1970 ?? .infinity
  }
}

extension PackRecord {
  /// Every release recorded: the history, then the current one.
  var releases: [RecordedRelease] { history + (release.map { [$0] } ?? []) }

  /// The requestIds of ``releases``, in the order they were recorded.
  var chain: [String] { releases.map(\.requestId) }
}
