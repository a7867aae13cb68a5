import Foundation

/// What `bench run` was asked to do.
struct RunOptions: Sendable {
  var quick = false
  /// Where boomi-release, boomi-emulator and yaml-floor are.
  var binaries: String
  var results: String?
  /// Kept after the run when given; otherwise a temporary directory, removed at the end.
  var workDirectory: String?
  var toolchain: String?
  /// The source revision measured, as `scripts/bench` describes it.
  var revision: String?
  var skipped: Set<String> = []

  static let parts: Set<String> = ["files", "apply", "throughput"]

  /// Pack counts and repetitions of the file benchmarks.
  var fileCases: [(packs: Int, repetitions: Int)] {
    quick ? [(20, 10), (1_000, 5), (10_000, 3)] : [(20, 60), (1_000, 20), (10_000, 15)]
  }

  var applyReleases: Int { quick ? 200 : 1_000 }
  var throughputCalls: Int { quick ? 1_000 : 4_000 }
  var throughputRepetitions: Int { quick ? 2 : 5 }
}

/// The whole benchmark: file sizes, apply, client throughput, then the report.
struct BenchRun {
  var options: RunOptions
  var environment: [String: String]

  func run() async throws -> Report {
    let work = try options.workDirectory ?? temporaryDirectory()
    defer {
      if options.workDirectory == nil { try? FileManager.default.removeItem(atPath: work) }
    }
    let tools = Tools(binaries: options.binaries, environment: environment)
    for tool in [tools.boomiRelease, tools.emulator, tools.yamlFloor]
    where !FileManager.default.isExecutableFile(atPath: tool) {
      throw BenchFailure("\(tool) is missing; build it first (scripts/bench does)")
    }
    var report = Report(
      machine: .current(), toolchain: options.toolchain, revision: options.revision, quick: options.quick,
      startedAt: ISO8601DateFormatter().string(from: Date()), loadBefore: Machine.load())
    report.spawnFloor = try spawnFloor(tools)
    if !options.skipped.contains("files") { measureFiles(tools, work: work, into: &report) }
    if !options.skipped.contains("apply") { await measureApply(tools, work: work, into: &report) }
    // Last: the emulator it starts in this process grows it, and without GNU time this
    // process's size would count against every child spawned afterwards (see PeakMemory).
    if !options.skipped.contains("throughput") { await measureThroughput(into: &report) }
    report.loadAfter = Machine.load()
    return report
  }

  private func spawnFloor(_ tools: Tools) throws -> Measured {
    var floor = Measured()
    for _ in 0..<20 {
      floor.add(try ChildProcess.run(["/bin/true"], environment: tools.environment))
    }
    return floor
  }

  private func measureFiles(_ tools: Tools, work: String, into report: inout Report) {
    for (packs, repetitions) in options.fileCases {
      progress("validate and plan, \(packs) packs × 20, \(repetitions) runs each (load \(Machine.load()))")
      do {
        let benchmark = FileBenchmark(
          tools: tools, directory: "\(work)/packs-\(packs)", packs: packs, repetitions: repetitions)
        report.files.append(try benchmark.run())
      } catch {
        report.notMeasured.append("validate/plan of \(packs) packs: \(error)")
      }
    }
  }

  private func measureApply(_ tools: Tools, work: String, into report: inout Report) async {
    let releases = options.applyReleases
    progress("apply of \(releases) releases at 10 requests/s (about \(releases / 10) s; load \(Machine.load()))")
    do {
      report.apply = try await ApplyBenchmark(tools: tools, directory: "\(work)/apply", releases: releases).run()
    } catch {
      report.notMeasured.append("apply of \(releases) releases: \(error)")
    }
  }

  private func measureThroughput(into report: inout Report) async {
    progress("client throughput, no rate limit (load \(Machine.load()))")
    do {
      report.throughput = try await ThroughputBenchmark(
        calls: options.throughputCalls, concurrencies: [1, 4, 16], repetitions: options.throughputRepetitions
      ).run()
    } catch {
      report.notMeasured.append("client throughput: \(error)")
    }
  }

  private func temporaryDirectory() throws -> String {
    let base = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    let path = base + "/boomi-bench-" + UUID().uuidString.lowercased()
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}

/// One line of progress on stderr.
func progress(_ line: String) {
  FileHandle.standardError.write(Data(("bench: " + line + "\n").utf8))
}
