import Foundation

/// A checked manifest: the releases wanted, per integration pack.
public struct Manifest: Sendable {
  /// The file it was read from, for diagnostics about its values.
  public var path: String
  public var account: Located<String>?
  public var timeZone: TimeZone
  /// The IANA name as written (`UTC` when absent): the system may name the same zone otherwise.
  public var timeZoneName: String
  /// In file order.
  public var packs: [PackSpec]

  public init(
    path: String, account: Located<String>? = nil, timeZone: TimeZone, timeZoneName: String? = nil,
    packs: [PackSpec]
  ) {
    self.path = path
    self.account = account
    self.timeZone = timeZone
    self.timeZoneName = timeZoneName ?? timeZone.identifier
    self.packs = packs
  }
}

/// One integration pack in the manifest and the release wanted for it.
public struct PackSpec: Sendable {
  /// Lowercase UUID.
  public var id: String
  public var name: String?
  public var installationType: InstallationType?
  public var schedule: ReleaseSchedule {
    didSet { desired = ReleaseContent(schedule: schedule, components: components.map(\.pinned)) }
  }
  /// In file order, with their labels.
  public var components: [ComponentSpec] {
    didSet { desired = ReleaseContent(schedule: schedule, components: components.map(\.pinned)) }
  }
  /// The release this pack asks for (components sorted by id): kept, not recomputed, because the
  /// planner asks for it once per pack of a large manifest.
  public private(set) var desired: ReleaseContent
  /// Where the pack and its values are written, for diagnostics.
  public var marks: Marks

  public struct Marks: Sendable, Hashable {
    public var pack: SourceMark
    public var id: SourceMark
    public var release: SourceMark
    public var installationType: SourceMark?

    public init(
      pack: SourceMark = .start, id: SourceMark = .start, release: SourceMark = .start,
      installationType: SourceMark? = nil
    ) {
      self.pack = pack
      self.id = id
      self.release = release
      self.installationType = installationType
    }
  }

  public init(
    id: String, name: String? = nil, installationType: InstallationType? = nil, schedule: ReleaseSchedule,
    components: [ComponentSpec], marks: Marks = Marks()
  ) {
    self.id = id
    self.name = name
    self.installationType = installationType
    self.schedule = schedule
    self.components = components
    self.desired = ReleaseContent(schedule: schedule, components: components.map(\.pinned))
    self.marks = marks
  }

  /// The name if there is one, else the id: how people refer to the pack.
  public var label: String { name ?? id }
}

/// A component of a pack in the manifest.
public struct ComponentSpec: Sendable, Hashable {
  /// The component and the version the manifest pins it to.
  public var pinned: PinnedComponent
  public var name: String?
  /// Where its `id` and `version` are written, for diagnostics.
  public var idMark: SourceMark
  public var versionMark: SourceMark

  public init(
    id: String, version: String, name: String? = nil, idMark: SourceMark = .start, versionMark: SourceMark = .start
  ) {
    self.pinned = PinnedComponent(componentId: id, version: version)
    self.name = name
    self.idMark = idMark
    self.versionMark = versionMark
  }

  public var id: String { pinned.componentId }
  /// The packaged component version, as written.
  public var version: String { pinned.version }
}
