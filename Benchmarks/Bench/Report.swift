/// Everything one run measured, rendered as Markdown.
struct Report: Sendable {
  var machine: Machine
  var toolchain: String?
  var revision: String?
  var quick: Bool
  var startedAt: String
  var loadBefore: String
  var loadAfter = ""
  /// `/bin/true` spawned and reaped the way every measured command is.
  var spawnFloor = Measured()
  var files: [FileResult] = []
  var apply: ApplyResult?
  var throughput: ThroughputResult?
  /// Benchmarks that could not be carried out, and why.
  var notMeasured: [String] = []

  var markdown: String {
    ([header, budgets] + [fileSection, decodeSection, applySection, throughputSection, notes].compactMap { $0 })
      .joined(separator: "\n")
  }

  private var header: String {
    let memory = Format.fixed(Double(machine.memoryBytes) / 1_073_741_824, 1)
    var lines = [
      "## Results (\(quick ? "--quick" : "full run"), \(startedAt))", "",
      "- Machine: \(machine.processors) × \(machine.cpuModel), \(memory) GiB RAM, Linux \(machine.kernel)",
    ]
    if let toolchain { lines.append("- Toolchain: \(toolchain)") }
    if let revision { lines.append("- Source: \(revision)") }
    lines += [
      "- Load average (1, 5, 15 min): \(loadBefore) at the start, \(loadAfter) at the end",
      "- Wall time: from `posix_spawn` to `wait4`'s return, whole process. Spawn floor (`/bin/true` spawned the "
        + "same way): \(Format.milliseconds(spawnFloor.seconds.median)) (its ru_maxrss, \(Format.megabytes(spawnFloor.peakBytes.median)), "
        + "is this benchmark's own size, which Linux charges to a child it spawns directly)",
      "- Peak memory: \(PeakMemory.method)",
      "",
    ]
    return lines.joined(separator: "\n")
  }

  // MARK: - Budgets

  private var budgets: String {
    var rows = ["| SPEC §9 budget | measured | bound | result |", "|---|---|---|---|"]
    if let large = files.max(by: { $0.packs < $1.packs }) {
      rows.append(
        row(
          "`plan`, \(count(large.packs)) packs × 20: wall time / libyaml floor",
          "\(Format.fixed(large.ratio, 2))× (\(Format.milliseconds(large.plan.seconds.median)) / "
            + "\(Format.milliseconds(large.floor.median)))", "≤ 1.5×", large.ratio <= 1.5))
      rows.append(
        row(
          "`plan`, \(count(large.packs)) packs × 20: peak memory", Format.megabytes(large.plan.peakBytes.median),
          "< \(Format.megabytes(large.memoryBudget)) (5 × \(Format.megabytes(large.inputBytes)) + 30 MB)",
          large.plan.peakBytes.median < large.memoryBudget))
    }
    if let small = files.min(by: { $0.packs < $1.packs }) {
      rows.append(
        row(
          "`plan`, \(small.packs) packs: whole process", Format.milliseconds(small.plan.seconds.median), "< 30 ms",
          small.plan.seconds.median < 0.030))
    }
    if let apply {
      rows.append(
        row(
          "`apply`, \(count(apply.releases)) releases at R = \(Format.fixed(apply.rate, 0))",
          Format.fixed(apply.outcome.seconds, 1) + " s", "≤ \(Format.fixed(apply.bound, 0)) s (1.1 × N/R)",
          apply.outcome.seconds <= apply.bound && apply.failures.isEmpty))
      rows.append(row("`apply`: 503s from the rate limit", "\(apply.rateLimited)", "0", apply.rateLimited == 0))
    }
    if let throughput {
      let levels = throughput.rates.map { "c=\($0.concurrency)" }.joined(separator: ", ")
      rows.append(
        row(
          "client, no rate limit: calls/s (slowest of \(levels))", Format.fixed(throughput.slowest, 0),
          "≥ \(Format.fixed(ThroughputBenchmark.budget, 0))", throughput.slowest >= ThroughputBenchmark.budget))
    }
    return (rows + [""]).joined(separator: "\n")
  }

  private func row(_ what: String, _ measured: String, _ bound: String, _ pass: Bool) -> String {
    "| \(what) | \(measured) | \(bound) | \(pass ? "pass" : "**FAIL**") |"
  }

  // MARK: - Details

  private var fileSection: String? {
    guard !files.isEmpty else { return nil }
    var rows = [
      "### validate and plan (medians; wall time of n runs, peak memory of up to 3)", "",
      "| packs × 20 | manifest + lockfile | n | validate | validate peak | plan | plan peak | floor (both files) "
        + "| plan / floor | paired | memory bound | memory |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    rows += files.map(fileRow)
    rows += [
      "",
      "plan / floor is the ratio of the medians; paired is the median of each round's plan / floor. "
        + "Spread of plan's wall time (min–max): "
        + files.map { file in
          "\(count(file.packs)): \(Format.milliseconds(file.plan.seconds.minimum))–"
            + Format.milliseconds(file.plan.seconds.maximum)
        }.joined(separator: "; ") + ".",
      "",
    ]
    return rows.joined(separator: "\n")
  }

  private func fileRow(_ file: FileResult) -> String {
    let cells = [
      count(file.packs), "\(Format.megabytes(file.manifestBytes)) + \(Format.megabytes(file.lockfileBytes))",
      "\(file.plan.seconds.count)", Format.milliseconds(file.validate.seconds.median),
      Format.megabytes(file.validate.peakBytes.median), Format.milliseconds(file.plan.seconds.median),
      Format.megabytes(file.plan.peakBytes.median), Format.milliseconds(file.floor.median),
      Format.fixed(file.ratio, 2) + "×", Format.fixed(file.pairedRatios.median, 2) + "×",
      Format.megabytes(file.memoryBudget), file.plan.peakBytes.median < file.memoryBudget ? "pass" : "**FAIL**",
    ]
    return "| " + cells.joined(separator: " | ") + " |"
  }

  private var decodeSection: String? {
    let measured = files.compactMap { file in file.decode.map { (file, $0) } }
    guard !measured.isEmpty else { return nil }
    var rows = [
      "### The two files decoded in parallel (in-process, medians)", "",
      "| packs × 20 | floor: manifest | floor: lockfile | decode manifest | decode lockfile | one after the other "
        + "| in parallel | saved | encode lockfile |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (file, decode) in measured {
      let cells = [
        count(file.packs), Format.milliseconds(file.floorManifest.median),
        Format.milliseconds(file.floorLockfile.median), Format.milliseconds(decode.manifest),
        Format.milliseconds(decode.lockfile), Format.milliseconds(decode.sequential),
        Format.milliseconds(decode.parallel), Format.milliseconds(decode.sequential - decode.parallel),
        Format.milliseconds(decode.encodeLockfile),
      ]
      rows.append("| " + cells.joined(separator: " | ") + " |")
    }
    return (rows + [""]).joined(separator: "\n")
  }

  private var applySection: String? {
    guard let apply else { return nil }
    let outcomes = apply.outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    let windows = apply.perTenSeconds.isEmpty ? "n/a" : apply.perTenSeconds.map(String.init).joined(separator: " ")
    var lines = [
      "### apply against boomi-emulator", "",
      "- \(count(apply.releases)) packs × 20 components, no lockfile: \(count(apply.releases)) CREATEs; "
        + "`boomi-release apply --yes --rate \(Format.fixed(apply.rate, 0)) --concurrency \(apply.concurrency)`; "
        + "emulator `--rate-limit \(Format.fixed(apply.rate, 0)) --release-delay-ms 0`",
      "- Wall time \(Format.fixed(apply.outcome.seconds, 1)) s (ideal N/R = \(Format.fixed(apply.ideal, 0)) s, "
        + "\(Format.fixed(apply.outcome.seconds / apply.ideal, 3))×); exit \(apply.outcome.status); "
        + "CPU (user + system) \(Format.fixed(apply.outcome.cpuSeconds, 1)) s; "
        + "peak memory \(Format.megabytes(apply.outcome.peakBytes))",
      "- Requests the emulator logged: \(apply.requests) (\(outcomes))",
      "- Releases processed per 10 s window: \(windows)",
      "- `plan --detailed-exitcode` afterwards: exit \(apply.planAfter) (0: every release recorded)",
    ]
    lines += apply.failures.map { "- **\($0)**" }
    return (lines + [""]).joined(separator: "\n")
  }

  private var throughputSection: String? {
    guard let throughput else { return nil }
    var rows = [
      "### Client throughput, no rate limit (`GET ReleaseIntegrationPackStatus`, emulator in process)", "",
      "| concurrency | calls/s (median) | min–max | runs of \(count(throughput.calls)) calls |",
      "|---:|---:|---:|---:|",
    ]
    for (concurrency, rate) in throughput.rates {
      rows.append(
        "| \(concurrency) | \(Format.fixed(rate.median, 0)) | \(Format.fixed(rate.minimum, 0))–"
          + "\(Format.fixed(rate.maximum, 0)) | \(rate.count) |")
    }
    return (rows + [""]).joined(separator: "\n")
  }

  private var notes: String? {
    let failures = files.flatMap(\.failures) + notMeasured.map { "not measured: \($0)" }
    guard !failures.isEmpty else { return nil }
    return (["### Problems", ""] + failures.map { "- \($0)" } + [""]).joined(separator: "\n")
  }

  /// `10,000`.
  private func count(_ value: Int) -> String {
    let digits = Array(String(value))
    var text = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index).isMultiple(of: 3) { text += "," }
      text.append(digit)
    }
    return text
  }
}
