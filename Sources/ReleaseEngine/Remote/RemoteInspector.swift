import BoomiAPI
import ReleaseCore

/// Gathers what Boomi says about a manifest's packs and components, for ``RemoteChecks``.
///
/// Packs and packaged components are read with queries batched by id (`or` over up to 50 ids,
/// every page through `queryMore`), not one GET per pack: a large manifest costs a few dozen
/// calls instead of thousands.
public struct RemoteInspector: Sendable {
  public static let idsPerQuery = 50

  public var client: PlatformClient
  /// Queries in flight at once (the rate limiter paces them anyway).
  public var concurrency: Int

  public init(client: PlatformClient, concurrency: Int = 4) {
    self.client = client
    self.concurrency = max(1, concurrency)
  }

  public func facts(for manifest: Manifest) async throws(PlatformError) -> RemoteFacts {
    let packIDs = manifest.packs.map(\.id)
    var componentIDs: [String] = []
    var seen: Set<String> = []
    for pack in manifest.packs {
      for component in pack.components where seen.insert(component.id).inserted { componentIDs.append(component.id) }
    }
    let packs = try await packs(packIDs)
    let client = self.client
    let versions = try await inBatches(componentIDs) { batch throws(PlatformError) in
      try await client.queryPackagedComponents(Self.anyOf("componentId", batch))
    }
    return BoomiTranslation.remoteFacts(packs: packs, versions: versions)
  }

  /// The packs with these ids that Boomi has.
  public func packs(_ ids: [String]) async throws(PlatformError) -> [PublisherIntegrationPack] {
    let client = self.client
    return try await inBatches(ids) { batch throws(PlatformError) in
      try await client.queryPublisherIntegrationPacks(Self.anyOf("id", batch))
    }
  }

  /// The packs with these ids as Boomi shows them now, by lowercase id.
  public func packStates(_ ids: [String]) async throws(PlatformError) -> [String: PackState] {
    let states = try await packs(ids).map(BoomiTranslation.packState)
    return Dictionary(states.map { ($0.packId, $0) }) { first, _ in first }
  }

  static func anyOf(_ property: String, _ values: [String]) -> QueryExpression {
    values.count == 1 ? .equals(property, values[0]) : .or(values.map { .equals(property, $0) })
  }

  /// Runs `query` over `ids` in batches, at most `concurrency` at a time, and joins the results.
  private func inBatches<Item: Sendable>(
    _ ids: [String], _ query: @escaping @Sendable ([String]) async throws(PlatformError) -> [Item]
  ) async throws(PlatformError) -> [Item] {
    let batches = stride(from: 0, to: ids.count, by: Self.idsPerQuery).map {
      Array(ids[$0..<min($0 + Self.idsPerQuery, ids.count)])
    }
    do {
      return try await withThrowingTaskGroup(of: [Item].self) { group in
        var pending = batches.makeIterator()
        for _ in 0..<concurrency {
          guard let batch = pending.next() else { break }
          group.addTask { try await query(batch) }
        }
        var results: [Item] = []
        while let items = try await group.next() {
          results += items
          if let batch = pending.next() { group.addTask { try await query(batch) } }
        }
        return results
      }
    } catch let error as PlatformError {
      throw error
    } catch {
      throw .cancelled
    }
  }
}
