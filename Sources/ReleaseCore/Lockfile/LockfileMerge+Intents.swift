extension LockfileMerge {
  /// The intents kept, in order, and those of them one side had removed without a trace.
  static func mergeIntents(base: Lockfile, ours: Lockfile, theirs: Lockfile) -> (kept: [Intent], reinstated: [Intent]) {
    let inBase = Set(base.pending.map(\.id))
    let mine = byId(ours.pending)
    let others = byId(theirs.pending)
    var kept: [String: Intent] = [:]
    var reinstated: [Intent] = []
    func keep(_ intent: Intent, removedBy remover: Lockfile) {
      guard inBase.contains(intent.id) else {
        kept[intent.id] = intent  // new on this side
        return
      }
      guard !settles(remover, intent, base: base) else { return }
      kept[intent.id] = intent
      reinstated.append(intent)
    }
    for id in Set(mine.keys).union(others.keys) {
      switch (mine[id], others[id]) {
      case (let first?, let second?): kept[id] = combined(first, second)
      case (let only?, nil): keep(only, removedBy: theirs)
      case (nil, let only?): keep(only, removedBy: ours)
      case (nil, nil): break
      }
    }
    let baseIndex = Dictionary(base.pending.enumerated().map { ($1.id, $0) }) { first, _ in first }
    let order = orderedUnion(ours.pending.map(\.id), theirs.pending.map(\.id)) { id in
      let createdAt = kept[id]?.createdAt ?? ""
      return SortKey(rank: baseIndex[id] ?? .max, time: seconds(createdAt), text: createdAt, id: id)
    }
    return (order.compactMap { kept[$0] }, reinstated.sorted { $0.id < $1.id })
  }

  /// Whether `lockfile`, which no longer holds `intent`, shows how it was settled: it records a
  /// release of the intent's pack that BASE does not, either the one `recover` adopts for an
  /// attempt that went through (`unrecorded:<intent id>`) or one with the content the attempt
  /// sent (apply's answer to it, or `import` of that release). A not-sent decision leaves nothing.
  static func settles(_ lockfile: Lockfile, _ intent: Intent, base: Lockfile) -> Bool {
    func releases(_ lockfile: Lockfile) -> [RecordedRelease] {
      (lockfile.packs[intent.packId]?.releases ?? []) + (lockfile.retired[intent.packId]?.releases ?? [])
    }
    let known = Set(releases(base).map(\.requestId))
    let adopted = RecordedRelease.unrecordedPrefix + intent.id
    return releases(lockfile).contains { release in
      !known.contains(release.requestId) && (release.requestId == adopted || release.content == intent.content)
    }
  }

  /// Two copies of one intent as one, keeping a failure either noted.
  static func combined(_ first: Intent, _ second: Intent) -> Intent {
    guard first != second else { return first }
    func precedes(_ intent: Intent, _ other: Intent) -> Bool {
      if (intent.failure == nil) != (other.failure == nil) { return intent.failure == nil }
      return LockfileFormat.encode(intent).prettyPrintedBytes()
        .lexicographicallyPrecedes(LockfileFormat.encode(other).prettyPrintedBytes())
    }
    var (winner, loser) = precedes(first, second) ? (second, first) : (first, second)
    if winner.failure == nil { winner.failure = loser.failure }
    return winner
  }

  /// The applied plan ids of both sides, BASE's first, then the others by when they were applied.
  static func mergeAppliedPlans(base: Lockfile, ours: Lockfile, theirs: Lockfile, merged: Lockfile) -> [String] {
    let baseIndex = Dictionary(base.appliedPlans.enumerated().map { ($1, $0) }) { first, _ in first }
    // When each plan was applied, as far as the lockfile tells: its first release or intent.
    var applied: [String: (time: Double, text: String)] = [:]
    func note(_ planId: String?, _ timestamp: String) {
      guard let planId else { return }
      let time = (seconds(timestamp), timestamp)
      if let known = applied[planId], known <= time { return }
      applied[planId] = time
    }
    for record in Array(merged.packs.values) + Array(merged.retired.values) {
      for release in record.releases { note(release.planId, release.appliedAt) }
    }
    for intent in merged.pending { note(intent.planId, intent.createdAt) }
    return orderedUnion(ours.appliedPlans, theirs.appliedPlans) { id in
      SortKey(
        rank: baseIndex[id] ?? .max, time: applied[id]?.time ?? .infinity, text: applied[id]?.text ?? "", id: id)
    }
  }

  /// Each intent by id; the first of any two with one id.
  private static func byId(_ intents: [Intent]) -> [String: Intent] {
    Dictionary(intents.map { ($0.id, $0) }) { first, _ in first }
  }
}
