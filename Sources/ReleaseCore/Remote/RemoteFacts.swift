/// What Boomi says about the packs and components a manifest names: the facts the remote
/// checks (SPEC §3.4) judge the manifest against, gathered by the engine.
public struct RemoteFacts: Sendable, Equatable {
  /// The packs found, by id. A manifest pack missing here does not exist in the account.
  public var packs: [String: Pack]
  /// Every packaged version found, by component id.
  public var versions: [String: [PackagedVersion]]
  /// The packs found, as their versions stand (for the pre-flight's ``Drift``), by id.
  public var states: [String: PackState]

  public init(
    packs: [String: Pack] = [:], versions: [String: [PackagedVersion]] = [:], states: [String: PackState] = [:]
  ) {
    self.packs = packs
    self.versions = versions
    self.states = states
  }

  public struct Pack: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var installationType: String?
    /// The pack's packaged components by id; `true` when marked for removal in the next release.
    public var components: [String: Bool]

    public init(id: String, name: String? = nil, installationType: String? = nil, components: [String: Bool]) {
      self.id = id
      self.name = name
      self.installationType = installationType
      self.components = components
    }
  }

  public struct PackagedVersion: Sendable, Equatable {
    public var version: String
    public var shareable: Bool
    public var deleted: Bool

    public init(version: String, shareable: Bool, deleted: Bool) {
      self.version = version
      self.shareable = shareable
      self.deleted = deleted
    }
  }
}
