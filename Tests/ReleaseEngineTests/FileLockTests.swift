import Foundation
import Testing

@testable import ReleaseEngine

#if canImport(Glibc)
  import Glibc
#endif

private func lockPath() throws -> String {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  return directory.appendingPathComponent("release.lock.json.lock").path
}

@Suite("File lock")
struct FileLockTests {
  @Test("a second acquisition fails at once and names the holder")
  func heldLock() throws {
    let path = try lockPath()
    let (lock, previous) = try FileLock.acquire(path: path, owner: "alice", startedAt: "2026-11-23T10:00:00Z")
    defer { lock.release() }
    #expect(previous == nil)
    do {
      _ = try FileLock.acquire(path: path, owner: "bob", startedAt: "2026-11-23T10:00:01Z")
      Issue.record("the second acquisition must fail")
    } catch .held(_, let holder) {
      #expect(holder?.owner == "alice")
      #expect(holder?.pid == getpid())
      #expect(holder?.host == FileLock.hostName())
      #expect(holder?.startedAt == "2026-11-23T10:00:00Z")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("a released lock can be taken again, and its file is gone")
  func release() throws {
    let path = try lockPath()
    let (first, _) = try FileLock.acquire(path: path, owner: "alice", startedAt: "t1")
    first.release()
    #expect(!FileManager.default.fileExists(atPath: path))
    let (second, previous) = try FileLock.acquire(path: path, owner: "bob", startedAt: "t2")
    second.release()
    #expect(previous == nil)
  }

  @Test("a lock left by a process that died is taken over, and the dead holder is reported")
  func deadHolder() throws {
    let path = try lockPath()
    // A child process takes the lock and dies without releasing it.
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    child.arguments = [
      "-c",
      """
      import fcntl, os, sys
      fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
      fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
      os.write(fd, f"owner=ghost\\npid={os.getpid()}\\nhost=elsewhere\\nstartedAt=2026-11-22T00:00:00Z\\n".encode())
      os._exit(0)
      """,
      path,
    ]
    try child.run()
    child.waitUntilExit()
    #expect(child.terminationStatus == 0)
    let (lock, previous) = try FileLock.acquire(path: path, owner: "alice", startedAt: "t")
    defer { lock.release() }
    #expect(previous?.owner == "ghost")
    #expect(previous?.startedAt == "2026-11-22T00:00:00Z")
  }
}
