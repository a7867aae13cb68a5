/// A publisher integration pack as Boomi shows it now: per component, the version released and
/// the version the next release carries. Gathered by the engine (`GET PublisherIntegrationPack`),
/// judged here (recovery).
public struct PackState: Sendable, Equatable {
  public var packId: String
  /// By lowercase component id.
  public var components: [String: Component]

  public struct Component: Sendable, Equatable {
    /// The version released now; `nil` when none.
    public var current: String?
    /// The version "included in the next release" (Boomi's words): a pending release's, or a newly
    /// packaged one's.
    public var pending: String?
    public var deleted: Bool

    public init(current: String?, pending: String?, deleted: Bool = false) {
      self.current = current
      self.pending = pending
      self.deleted = deleted
    }
  }

  public init(packId: String, components: [String: Component]) {
    self.packId = packId
    self.components = components
  }
}
