/// `--target` and `--exclude`: which packs a plan covers.
public struct PackSelection: Sendable, Equatable {
  /// Pack ids or names; empty means every pack.
  public var targets: [String]
  public var excludes: [String]

  public init(targets: [String] = [], excludes: [String] = []) {
    self.targets = targets
    self.excludes = excludes
  }

  public static let all = PackSelection()

  public struct UnknownPack: Error, Equatable, CustomStringConvertible {
    public var option: String
    public var value: String
    /// Where the packs were looked for.
    public var among = "in the manifest or the lockfile"

    public init(option: String, value: String, among: String = "in the manifest or the lockfile") {
      self.option = option
      self.value = value
      self.among = among
    }

    public var description: String {
      "\(option) '\(value)' matches no pack id or name \(among)"
    }
  }

  /// The ids of the selected packs among `candidates` (id and name of every known pack).
  /// Throws when a target or exclusion names no known pack: a typo must not widen or empty a plan.
  /// `targetOption` and `among` word that error for a command that names its targets otherwise.
  public func resolve(
    _ candidates: [(id: String, name: String?)], targetOption: String = "--target",
    among: String = "in the manifest or the lockfile"
  ) throws(UnknownPack) -> Set<String> {
    func ids(matching value: String, option: String) throws(UnknownPack) -> [String] {
      let lowered = value.lowercased()
      let matches = candidates.filter { $0.id == lowered || $0.name == value }.map(\.id)
      guard !matches.isEmpty else { throw UnknownPack(option: option, value: value, among: among) }
      return matches
    }
    var selected = Set(candidates.map(\.id))
    if !targets.isEmpty {
      selected = []
      for target in targets { selected.formUnion(try ids(matching: target, option: targetOption)) }
    }
    for exclude in excludes { selected.subtract(try ids(matching: exclude, option: "--exclude")) }
    return selected
  }
}
