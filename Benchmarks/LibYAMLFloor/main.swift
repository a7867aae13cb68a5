import CLibYAML

#if canImport(Glibc)
  import Glibc
#endif

// The floor for SPEC §9: libyaml's event parser alone, reading each file given and discarding
// every event. Prints the event count and the seconds spent parsing (after reading the files).

func readAll(_ path: String) -> [UInt8]? {
  guard let file = fopen(path, "rb") else { return nil }
  defer { fclose(file) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 20)
  while true {
    let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
    if count == 0 { break }
    bytes += chunk[0..<count]
  }
  return bytes
}

var inputs: [[UInt8]] = []
for path in CommandLine.arguments.dropFirst() {
  guard let bytes = readAll(path) else {
    print("yaml-floor: cannot read \(path)")
    exit(1)
  }
  inputs.append(bytes)
}

var start = timespec()
clock_gettime(CLOCK_MONOTONIC, &start)
var events = 0
for input in inputs {
  let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
  defer { parser.deallocate() }
  yaml_parser_initialize(parser)
  input.withUnsafeBufferPointer { buffer in
    yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
    var event = yaml_event_t()
    var done = false
    while !done {
      guard yaml_parser_parse(parser, &event) == 1 else {
        print("yaml-floor: parse error")
        exit(1)
      }
      done = event.type == YAML_STREAM_END_EVENT
      yaml_event_delete(&event)
      events += 1
    }
  }
  yaml_parser_delete(parser)
}
var end = timespec()
clock_gettime(CLOCK_MONOTONIC, &end)
let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
print("events \(events) seconds \(seconds)")
