import Foundation
import TestSupport
import Testing

@testable import BoomiAPI

let testToken = "s3cr3t-token-0f9e8d7c"
let testAccount = "acme-8Q78Q1"

/// A client against a scripted server, on a test clock, with jitter removed so waits are exact.
func makeClient(
  _ server: ScriptedServer, clock: TestClock = TestClock(), rate: Double = 10,
  secret: Credentials.Secret = .apiToken(testToken), log: (@Sendable (String) -> Void)? = nil
) throws -> PlatformClient {
  let retry = RetryPolicy(jitter: { $0 })
  let configuration = try ClientConfiguration(
    baseURL: "https://api.boomi.com/api/rest/v1", accountID: testAccount,
    credentials: Credentials(username: "ci@acme.example", secret: secret), requestsPerSecond: rate, retry: retry)
  return PlatformClient(configuration: configuration, transport: server.transport, time: MonotonicTime(clock), log: log)
}

/// The JSON object in `text`, parsed by Foundation (independently of the client's own coding).
func jsonObject(_ text: String) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

let sampleRequest = ReleaseIntegrationPackRequest(
  id: "f0f7face-3a9d-48b1-8a32-82b84499cd4e", releaseSchedule: "IMMEDIATELY", releaseOnDate: nil,
  components: [ReleasePackagedComponent(componentId: "b420a8ab-8e4e-41b2-93ce-079093a03af2", version: "2.0")])
let sampleRelease = ReleaseRequestBody(sampleRequest)

let createdJSON = """
  {"@type": "ReleaseIntegrationPack", "id": "f0f7face-3a9d-48b1-8a32-82b84499cd4e", "releaseSchedule": "IMMEDIATELY",
   "requestId": "release-11031691-dc62-4280-a3b2-dcf7f3521f8a",
   "releaseStatusUrl": "https://api.boomi.com/api/rest/v1/acme-8Q78Q1/ReleaseIntegrationPackStatus/release-11031691-dc62-4280-a3b2-dcf7f3521f8a"}
  """
