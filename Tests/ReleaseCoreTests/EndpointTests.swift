import ReleaseCore
import Testing

@Suite("Endpoints")
struct EndpointTests {
  @Test(
    "an endpoint is the scheme and host of the API's URL, whatever its case, port or path",
    arguments: [
      ("https://api.boomi.com/api/rest/v1", "https://api.boomi.com"),
      ("HTTPS://API.Boomi.com:443/api/rest/v1/", "https://api.boomi.com"),
      ("http://127.0.0.1:49152/api/rest/v1", "http://127.0.0.1"),
      ("http://[::1]:8080/api/rest/v1", "http://[::1]"),
    ])
  func endpointOfURL(url: String, expected: String) throws {
    let endpoint = try #require(Endpoint(baseURL: url))
    #expect(endpoint.description == expected)
    #expect(Endpoint(recorded: endpoint.description) == endpoint, "what is recorded reads back as itself")
  }

  @Test("text that names no host is no endpoint", arguments: ["", "api.boomi.com", "/api/rest/v1", "https://"])
  func notAnEndpoint(text: String) {
    #expect(Endpoint(baseURL: text) == nil)
    #expect(Endpoint(recorded: text) == nil)
  }

  @Test("a v1 lockfile's endpoint is read from its releases' status URLs; a recorded one wins")
  func inferredFromStatusURLs() {
    let release = RecordedRelease(
      operation: .create, content: ReleaseContent(schedule: .immediately, components: []), requestId: "r-1",
      releaseStatusUrl: "https://api.boomi.com/api/rest/v1/acme/ReleaseIntegrationPackStatus/r-1",
      appliedAt: "2026-11-23T12:00:00Z")
    var lockfile = Lockfile(lineage: "l", serial: 1, packs: ["p": PackRecord(release: release)])
    #expect(EndpointCheck.endpoint(of: lockfile)?.endpoint.description == "https://api.boomi.com")
    #expect(EndpointCheck.endpoint(of: lockfile)?.inferred == true)
    #expect(
      EndpointCheck.problems(lockfile: lockfile, lockfilePath: "x.lock.json", run: .emulator).map(\.code) == [
        .endpointMismatch
      ])
    lockfile.endpoint = "emulator"
    #expect(EndpointCheck.endpoint(of: lockfile)?.endpoint == .emulator)
    #expect(EndpointCheck.problems(lockfile: lockfile, lockfilePath: "x.lock.json", run: .emulator).isEmpty)
    #expect(EndpointCheck.endpoint(of: Lockfile(lineage: "l", serial: 1)) == nil, "nothing to read it from")
  }
}
