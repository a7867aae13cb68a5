import Foundation

/// The executables a run measures, and the environment every child gets.
struct Tools: Sendable {
  var boomiRelease: String
  var emulator: String
  var yamlFloor: String
  /// This executable, started again for the work that must not grow the measuring process.
  var bench: String
  /// PATH, HOME and TMPDIR only: no BOOMI_* variable leaks into a measured run.
  var environment: [String: String]

  init(binaries: String, environment: [String: String]) {
    boomiRelease = binaries + "/boomi-release"
    emulator = binaries + "/boomi-emulator"
    yamlFloor = binaries + "/yaml-floor"
    bench = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? binaries + "/bench"
    self.environment = environment.filter { ["PATH", "HOME", "TMPDIR"].contains($0.key) }
  }
}

/// Wall time and peak memory of repeated runs of one command.
struct Measured: Sendable {
  var seconds = Samples()
  var peakBytes = Samples()

  mutating func add(_ outcome: ChildOutcome) {
    seconds.add(outcome.seconds)
    peakBytes.add(Double(outcome.peakBytes))
  }
}

/// SPEC §9's file budgets at one size: `validate` and `plan` of a manifest with its matching
/// lockfile, against the libyaml floor of the same two files.
struct FileResult: Sendable {
  var packs: Int
  var manifestBytes: Int
  var lockfileBytes: Int
  var validate = Measured()
  var plan = Measured()
  /// `yaml-floor manifest lockfile`, and each file alone.
  var floor = Samples()
  var floorManifest = Samples()
  var floorLockfile = Samples()
  /// plan / floor of each round: robust against the machine's load changing between rounds.
  var pairedRatios = Samples()
  /// In-process decode times (`bench decode`), when measured.
  var decode: DecodeTimes?
  var failures: [String] = []

  var inputBytes: Int { manifestBytes + lockfileBytes }
  /// 5 × the input size + 30 MB.
  var memoryBudget: Double { 5 * Double(inputBytes) + 30 * 1_048_576 }
  /// Plan's whole-process wall time over the floor's parse time.
  var ratio: Double { plan.seconds.median / floor.median }
}

/// Runs the file benchmarks of one size.
struct FileBenchmark {
  var tools: Tools
  var directory: String
  var packs: Int
  var repetitions: Int

  var manifest: String { directory + "/" + Fixtures.manifestName }
  var lockfile: String { directory + "/" + Fixtures.lockfileName }
  private var output: String { directory + "/out.txt" }
  private var errors: String { directory + "/err.txt" }

  /// Peak memory hardly varies from run to run: three runs are enough.
  private var memoryRepetitions: Int { min(repetitions, 3) }

  func run() throws -> FileResult {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try generate()
    var result = FileResult(packs: packs, manifestBytes: try size(manifest), lockfileBytes: try size(lockfile))
    // One unmeasured round first: page cache, dynamic loader caches.
    try measureRound(into: &result, record: false)
    for round in 0..<repetitions {
      try measureRound(into: &result, record: true)
      if round < memoryRepetitions { try measureMemory(into: &result) }
    }
    result.decode = try decodeTimes()
    return result
  }

  private func generate() throws {
    let outcome = try ChildProcess.run(
      [tools.bench, "generate", directory, String(packs)], environment: tools.environment, stderr: errors)
    guard outcome.status == 0 else { throw BenchFailure("generating \(packs) packs failed: \(firstLine(errors))") }
  }

  private var validateCommand: [String] { [tools.boomiRelease, "validate", "-f", manifest, "--color", "never"] }
  private var planCommand: [String] {
    [tools.boomiRelease, "plan", "--detailed-exitcode", "-f", manifest, "--color", "never"]
  }

  /// validate, plan and the floors, once each, interleaved so that a change in the machine's load
  /// touches all of them alike. Wall times come from a direct spawn.
  private func measureRound(into result: inout FileResult, record: Bool) throws {
    let validate = try ChildProcess.run(
      validateCommand, environment: tools.environment, stdout: output, stderr: errors)
    check(validate, "validate", into: &result)
    let plan = try ChildProcess.run(planCommand, environment: tools.environment, stdout: output, stderr: errors)
    check(plan, "plan --detailed-exitcode", into: &result)
    let floor = try floorSeconds([manifest, lockfile])
    let floorManifest = try floorSeconds([manifest])
    let floorLockfile = try floorSeconds([lockfile])
    guard record else { return }
    result.validate.seconds.add(validate.seconds)
    result.plan.seconds.add(plan.seconds)
    result.floor.add(floor)
    result.floorManifest.add(floorManifest)
    result.floorLockfile.add(floorLockfile)
    result.pairedRatios.add(plan.seconds / floor)
  }

  private func measureMemory(into result: inout FileResult) throws {
    let validate = try PeakMemory.run(
      validateCommand, environment: tools.environment, stdout: output, stderr: errors, scratch: directory)
    check(validate, "validate", into: &result)
    let plan = try PeakMemory.run(
      planCommand, environment: tools.environment, stdout: output, stderr: errors, scratch: directory)
    check(plan, "plan --detailed-exitcode", into: &result)
    result.validate.peakBytes.add(Double(validate.peakBytes))
    result.plan.peakBytes.add(Double(plan.peakBytes))
  }

  private func check(_ outcome: ChildOutcome, _ command: String, into result: inout FileResult) {
    guard outcome.status != 0 else { return }
    let failure = "\(packs) packs: `\(command)` exited \(outcome.status): \(firstLine(errors))"
    if !result.failures.contains(failure) { result.failures.append(failure) }
  }

  /// The seconds `yaml-floor` reports for parsing `files` (file reading excluded).
  private func floorSeconds(_ files: [String]) throws -> Double {
    let outcome = try ChildProcess.run(
      [tools.yamlFloor] + files, environment: tools.environment, stdout: output, stderr: errors)
    let words = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace)
    guard outcome.status == 0, words.count == 4, words[2] == "seconds", let seconds = Double(words[3]) else {
      throw BenchFailure("yaml-floor failed (exit \(outcome.status)): \(firstLine(output))")
    }
    return seconds
  }

  private func decodeTimes() throws -> DecodeTimes {
    let outcome = try ChildProcess.run(
      [tools.bench, "decode", manifest, lockfile, String(repetitions)], environment: tools.environment,
      stdout: output, stderr: errors)
    let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    guard outcome.status == 0, let times = DecodeTimes(parsing: text) else {
      throw BenchFailure("bench decode failed (exit \(outcome.status)): \(firstLine(errors))")
    }
    return times
  }

  private func size(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.size] as? NSNumber)?.intValue ?? 0
  }
}

/// The first line of a file, for an error message.
func firstLine(_ path: String) -> String {
  let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  return text.split(separator: "\n").first.map(String.init) ?? "(no output)"
}

/// A benchmark that could not be carried out.
struct BenchFailure: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) {
    self.description = description
  }
}
