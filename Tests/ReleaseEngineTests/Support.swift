import BoomiAPI
import FileSystem
import Foundation
import ReleaseCore
import TestSupport
import Testing

@testable import ReleaseEngine

// Shared by the engine's tests: ids, a client on a scripted server, and lockfiles on disk.

let packA = "f0f7face-3a9d-48b1-8a32-82b84499cd4e"
let packB = "0b2e7a52-6d0c-4c5e-9a57-0c3f1e0d9a11"
let componentX = "b420a8ab-8e4e-41b2-93ce-079093a03af2"
let fixedNow = Date(timeIntervalSince1970: 1_795_392_000)  // 2026-11-23T00:00:00Z

/// A client of `transport` with fast retries on a test clock.
func client(_ transport: Transport, clock: TestClock = TestClock()) throws -> PlatformClient {
  let configuration = try ClientConfiguration(
    accountID: "acme-8Q78Q1", credentials: Credentials(username: "ci", secret: .apiToken("t")), requestsPerSecond: 10,
    retry: RetryPolicy(maximumAttempts: 2, initialDelay: .milliseconds(1), jitter: { $0 }))
  return PlatformClient(configuration: configuration, transport: transport, time: MonotonicTime(clock))
}

func client(_ server: ScriptedServer, clock: TestClock = TestClock()) throws -> PlatformClient {
  try client(server.transport, clock: clock)
}

/// Boomi's answer to a CREATE or UPDATE that was accepted.
func accepted(_ requestId: String) -> ScriptedServer.Reply {
  json(
    200, #"{"@type":"ReleaseIntegrationPack","requestId":"\#(requestId)","releaseStatusUrl":"https://x/\#(requestId)"}"#
  )
}

/// A path for one test's lockfile, in a new directory.
func lockfilePath() throws -> String {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("engine-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  return directory.appendingPathComponent("release.lock.json").path
}

/// The lockfile at `path`, as the next run would read it.
func onDisk(_ path: String) throws -> Lockfile {
  let (lockfile, diagnostics) = LockfileFormat.decode(
    SourceText(path: path, bytes: try AtomicFile.read(path, maximumBytes: 64 << 20)))
  return try #require(lockfile, "\(diagnostics)")
}

/// Boomi's answer to a `PublisherIntegrationPack` query: these packs, each component with its
/// `currentVersion` and `pendingVersion` (`""` for none).
func publisherPacks(
  _ packs: [(id: String, components: [(id: String, current: String, pending: String)])]
)
  -> ScriptedServer.Reply
{
  let results = packs.map { pack in
    let components = pack.components.map {
      #"{"componentId":"\#($0.id)","currentVersion":"\#($0.current)","pendingVersion":"\#($0.pending)","deleted":false}"#
    }
    return
      #"{"@type":"PublisherIntegrationPack","id":"\#(pack.id)","name":"p","installationType":"MULTI","PublisherPackagedComponents":{"PublisherPackagedComponent":[\#(components.joined(separator: ","))]}}"#
  }
  return json(
    200, #"{"@type":"QueryResult","numberOfResults":\#(packs.count),"result":[\#(results.joined(separator: ","))]}"#)
}
