import BoomiAPI
import BoomiEmulator
import Foundation

/// SPEC §9: without a rate limit the client is not the bottleneck, ≥ 500 calls/s on loopback.
///
/// `PlatformClient` with `RateLimiter.unlimited()` on `AsyncHTTPTransport`, against an emulator
/// started in this process with its rate limit off. Each call is `GET
/// ReleaseIntegrationPackStatus/{requestId}` of one release made first, the read `status` and
/// `--wait` repeat. The client and the emulator share the machine's cores, so the figure is a
/// lower bound for the client alone.
struct ThroughputResult: Sendable {
  var calls: Int
  /// Calls per second by concurrency.
  var rates: [(concurrency: Int, callsPerSecond: Samples)]

  var slowest: Double { rates.map(\.callsPerSecond.median).min() ?? 0 }
}

struct ThroughputBenchmark {
  static let budget = 500.0

  var calls: Int
  var concurrencies: [Int]
  var repetitions: Int

  private let account = "bench-account"
  private let username = "bench@example.com"
  private let token = "bench-token"
  private let packId = "5a0c1f2e-3d4b-4c5a-8e6f-7a8b9c0d1e2f"
  private let componentId = "6b1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e3f"

  init(calls: Int, concurrencies: [Int], repetitions: Int) {
    self.calls = calls
    self.concurrencies = concurrencies
    self.repetitions = repetitions
  }

  func run() async throws -> ThroughputResult {
    let emulator = try await Emulator.start(
      EmulatorConfiguration(
        account: account, username: username, token: token, rateLimit: 0, releaseDelay: .zero, catalog: catalog))
    let http = AsyncHTTPTransport()
    do {
      let result = try await measure(http: http, baseURL: emulator.baseURL)
      await http.shutdown()
      await emulator.shutdown()
      return result
    } catch {
      await http.shutdown()
      await emulator.shutdown()
      throw error
    }
  }

  private var catalog: Catalog {
    Catalog(packs: [
      Catalog.Pack(
        id: packId, name: "throughput",
        components: [
          Catalog.Component(
            componentId: componentId, componentName: "Component",
            versions: [
              Catalog.PackagedVersion(packageId: "7c2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a", packageVersion: "1.0")
            ])
        ])
    ])
  }

  private func measure(http: AsyncHTTPTransport, baseURL: String) async throws -> ThroughputResult {
    let configuration = try ClientConfiguration(
      baseURL: baseURL, accountID: account, credentials: Credentials(username: username, secret: .apiToken(token)))
    let client = PlatformClient(configuration: configuration, transport: http.transport, limiter: .unlimited())
    let release = try await client.createRelease(
      ReleaseRequestBody(
        ReleaseIntegrationPackRequest(
          id: packId, releaseSchedule: "IMMEDIATELY", releaseOnDate: nil,
          components: [ReleasePackagedComponent(componentId: componentId, version: "1.0")])))
    let requestId = release.requestId
    // Warm-up: connections opened, code paths paged in.
    _ = try await callsPerSecond(client: client, requestId: requestId, calls: min(calls, 200), concurrency: 4)
    var rates: [(Int, Samples)] = concurrencies.map { ($0, Samples()) }
    for _ in 0..<repetitions {
      for index in rates.indices {
        let rate = try await callsPerSecond(
          client: client, requestId: requestId, calls: calls, concurrency: rates[index].0)
        rates[index].1.add(rate)
      }
    }
    return ThroughputResult(calls: calls, rates: rates.map { (concurrency: $0.0, callsPerSecond: $0.1) })
  }

  /// `calls` status reads by `concurrency` workers at once, in calls per second.
  private func callsPerSecond(
    client: PlatformClient, requestId: String, calls: Int, concurrency: Int
  ) async throws -> Double {
    let perWorker = max(calls / concurrency, 1)
    let start = Monotonic.now()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<concurrency {
        group.addTask {
          for _ in 0..<perWorker {
            _ = try await client.releaseStatus(requestId: requestId)
          }
        }
      }
      try await group.waitForAll()
    }
    return Double(perWorker * concurrency) / (Monotonic.now() - start)
  }
}
