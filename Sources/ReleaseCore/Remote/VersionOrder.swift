/// Orders packaged-component versions as people read them: segment by segment, numerically
/// where both segments are numbers ("2.10" after "2.9", "12.3" after "9.0"), as text otherwise;
/// a version that is a prefix of another comes first ("2.0" before "2.0.1").
public enum VersionOrder {
  public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
    let left = segments(lhs)
    let right = segments(rhs)
    for (a, b) in zip(left, right) where a != b {
      switch (Int(a), Int(b)) {
      case (let x?, let y?): if x != y { return x < y }
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return a < b
      }
    }
    if left.count != right.count { return left.count < right.count }
    return lhs < rhs
  }

  public static func sorted(_ versions: [String]) -> [String] {
    versions.sorted(by: precedes)
  }

  /// The greatest of `versions`, or `nil` when there are none.
  public static func latest(_ versions: some Sequence<String>) -> String? {
    versions.max(by: precedes)
  }

  private static func segments(_ version: String) -> [Substring] {
    version.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" })
  }
}
