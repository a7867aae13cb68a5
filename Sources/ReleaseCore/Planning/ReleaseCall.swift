/// One `ReleaseIntegrationPack` call apply makes: a CREATE of a new release of a pack, or an
/// UPDATE of its pending one, with exactly this content. Two calls are equal when they would send
/// the same request for the same reasons of record (the pack's name, the release they follow).
public struct ReleaseCall: Sendable, Equatable {
  public var packId: String
  public var name: String?
  public var operation: ReleaseOperation
  public var content: ReleaseContent
  /// The recorded release this replaces or modifies, if any.
  public var previousRequestId: String?

  public init(
    packId: String, name: String?, operation: ReleaseOperation, content: ReleaseContent, previousRequestId: String?
  ) {
    self.packId = packId
    self.name = name
    self.operation = operation
    self.content = content
    self.previousRequestId = previousRequestId
  }

  /// The name if there is one, else the id: how people refer to the pack.
  public var label: String { name ?? packId }
}

extension Plan {
  /// The calls apply makes for this plan: one per change that is not a no-op, by pack id.
  public var calls: [ReleaseCall] {
    changes.compactMap { change in
      change.operation.map {
        ReleaseCall(
          packId: change.packId, name: change.name, operation: $0, content: change.after,
          previousRequestId: change.before?.requestId)
      }
    }
  }
}
