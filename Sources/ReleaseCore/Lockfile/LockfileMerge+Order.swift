extension LockfileMerge {
  /// Where an item sorts when neither side's order decides: its place in BASE (if it is there),
  /// then a time in seconds and its text, then its id, which makes the order total.
  struct SortKey: Comparable {
    var rank = Int.max
    var time = Double.infinity
    var text = ""
    var id: String

    static func < (left: SortKey, right: SortKey) -> Bool {
      (left.rank, left.time, left.text, left.id) < (right.rank, right.time, right.text, right.id)
    }
  }

  /// The ids of both lists, each once, in an order that keeps each list's own order and otherwise
  /// follows `key`: a topological sort of the two lists' orders, taking the smallest key among
  /// the ids free to come next. It depends only on the two orders and the keys, not on which list
  /// is first, so it is symmetric; a list merged with itself, or with any of its sublists, comes
  /// back unchanged. Where the lists disagree (never for two lists that grew from one by adding
  /// and removing items), the smallest key left breaks the cycle.
  static func orderedUnion(_ first: [String], _ second: [String], key: (String) -> SortKey) -> [String] {
    var successors: [String: Set<String>] = [:]
    var predecessors: [String: Int] = [:]
    for list in [first, second] {
      var seen: Set<String> = []
      let distinct = list.filter { seen.insert($0).inserted }
      for id in distinct where predecessors[id] == nil { predecessors[id] = 0 }
      for (earlier, later) in zip(distinct, distinct.dropFirst())
      where successors[earlier, default: []].insert(later).inserted {
        predecessors[later, default: 0] += 1
      }
    }
    let keys = Dictionary(uniqueKeysWithValues: predecessors.keys.map { ($0, key($0)) })
    func smallest(_ ids: Set<String>) -> String? {
      ids.min { (keys[$0] ?? SortKey(id: $0)) < (keys[$1] ?? SortKey(id: $1)) }
    }
    var remaining = Set(predecessors.keys)
    var ready = remaining.filter { predecessors[$0] == 0 }
    var result: [String] = []
    result.reserveCapacity(remaining.count)
    while let next = smallest(ready) ?? smallest(remaining) {
      result.append(next)
      remaining.remove(next)
      ready.remove(next)
      for later in successors[next] ?? [] where remaining.contains(later) {
        predecessors[later, default: 0] -= 1
        if predecessors[later] == 0 { ready.insert(later) }
      }
    }
    return result
  }
}
