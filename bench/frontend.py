#!/usr/bin/env python3
"""Load figures of the HTTP front end (issue 15), with the Python standard library only.

  bench/frontend.py idle    point 1: 10,000 idle keep-alive connections and 1,000 WebSockets
                            following jobs, while another client's requests are timed
  bench/frontend.py slow    point 2: 1,000 connections trickling headers one byte a second,
                            while another client's requests are timed; counts the 408s
  bench/frontend.py soak    point 6: 1 M mixed requests at 200 connections (wrk with
                            bench/soak.lua) plus WebSocket follows; RSS and descriptor count

Each starts build/bin/clxs (or CLXS_BINARY) on a free loopback port with a temporary data
directory; `idle` and `soak` load the `testjobs` fixture plugin (build/tests/plugins/good) so
that WebSockets have jobs to follow. Environment overrides: IDLE (10000), SOCKETS (1000),
SLOW (1000), PROBE_SECONDS (10), SOAK_REQUESTS (1000000), SOAK_CONNECTIONS (200).
Prints the figures and a Markdown row for docs/benchmarks.md.
"""

import base64
import json
import os
import resource
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("CLXS_BINARY", os.path.join(ROOT, "build", "bin", "clxs"))
FIXTURE_PLUGINS = os.path.join(ROOT, "build", "tests", "plugins", "good")


def env_int(name, default):
    return int(os.environ.get(name, default))


def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class Server:
    """A `clxs serve` on a free port; stopped with SIGTERM."""

    def __init__(self, plugins_dir=None, server_yaml=""):
        self.dir = tempfile.mkdtemp(prefix="clxs-bench-")
        os.makedirs(os.path.join(self.dir, "data", "config"))
        with open(os.path.join(self.dir, "data", "config", "clone_config.yaml"), "w") as f:
            f.write("server:\n" + server_yaml)
        port_file = os.path.join(self.dir, "port")
        args = [BINARY, "serve", "--host", "127.0.0.1", "--port", "0", "--port-file",
                port_file, "--data-dir", os.path.join(self.dir, "data")]
        if plugins_dir:
            args += ["--plugins-dir", plugins_dir]
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(200):
            if os.path.exists(port_file) and os.path.getsize(port_file) > 0:
                break
            if self.proc.poll() is not None:
                sys.exit("bench: server exited: " + open(self.log.name).read())
            time.sleep(0.1)
        self.port = int(open(port_file).read().strip())

    def status(self):
        out = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                out[k] = v.strip()
        return {"rss_kb": int(out["VmRSS"].split()[0]), "threads": int(out["Threads"]),
                "fds": len(os.listdir(f"/proc/{self.proc.pid}/fd"))}

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def connect(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_response(sock, buf=b""):
    """Reads one response; returns (status, body, leftover)."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"content-length":
            length = int(v)
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        rest += chunk
    return status, rest[:length], rest[length:]


def request(sock, method, path, body=None):
    data = f"{method} {path} HTTP/1.1\r\nHost: bench\r\n"
    if body is not None:
        data += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    data += "\r\n"
    sock.sendall(data.encode() + (body.encode() if body else b""))
    status, payload, _ = read_response(sock)
    return status, payload


def probe(port, seconds, label):
    """Times GET /api/health on one keep-alive connection and on fresh ones."""
    times = []
    fresh = []
    sock = connect(port)
    sock.settimeout(30)
    end = time.monotonic() + seconds
    i = 0
    while time.monotonic() < end:
        t0 = time.perf_counter()
        if i % 10 == 0:  # every tenth on a new connection: accept must not queue either
            s = connect(port)
            s.settimeout(30)
            status, _ = request(s, "GET", "/api/health")
            s.close()
            fresh.append(time.perf_counter() - t0)
        else:
            status, _ = request(sock, "GET", "/api/health")
            times.append(time.perf_counter() - t0)
        if status != 200:
            sys.exit(f"bench: probe got {status}")
        i += 1
        time.sleep(0.002)
    sock.close()
    everything = sorted(times + fresh)
    p = lambda q: everything[min(len(everything) - 1, int(q * len(everything)))] * 1000
    result = {"requests": len(everything), "p50_ms": p(0.5), "p99_ms": p(0.99),
              "max_ms": everything[-1] * 1000}
    print(f"{label}: {result['requests']} probe requests, p50 {result['p50_ms']:.2f} ms, "
          f"p99 {result['p99_ms']:.2f} ms, max {result['max_ms']:.1f} ms", flush=True)
    return result


def ws_connect(port, path):
    s = connect(port)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET {path} HTTP/1.1\r\nHost: bench\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
               "Sec-WebSocket-Version: 13\r\n\r\n").encode())
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = s.recv(4096)
        if not chunk:
            raise ConnectionError("closed during the handshake")
        buf += chunk
    if not buf.startswith(b"HTTP/1.1 101"):
        raise ConnectionError(buf[:80])
    s.setblocking(False)
    return s


class Drainer(threading.Thread):
    """Reads and discards whatever arrives on a set of sockets (WebSocket frames)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.sel = selectors.DefaultSelector()
        self.lock = threading.Lock()
        self.bytes = 0
        self.closed = 0
        self.stopping = False

    def add(self, sock):
        with self.lock:
            self.sel.register(sock, selectors.EVENT_READ)

    def run(self):
        while not self.stopping:
            with self.lock:
                events = self.sel.select(0.05) if self.sel.get_map() else []
            if not events:
                time.sleep(0.01)
            for key, _ in events:
                try:
                    data = key.fileobj.recv(65536)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                if not data:
                    with self.lock:
                        self.sel.unregister(key.fileobj)
                    key.fileobj.close()
                    self.closed += 1
                else:
                    self.bytes += len(data)


def submit_jobs(port, n, seconds):
    ids = []
    s = connect(port)
    for _ in range(n):
        status, body = request(s, "POST", "/api/testjobs/sleep", json.dumps({"seconds": seconds}))
        if status != 200:
            sys.exit(f"bench: cannot submit a testjobs job ({status}); is the fixture built?")
        ids.append(json.loads(body)["job_id"])
    s.close()
    return ids


def cmd_idle():
    idle_n = env_int("IDLE", 10000)
    ws_n = env_int("SOCKETS", 1000)
    seconds = env_int("PROBE_SECONDS", 10)
    limit = raise_fd_limit()
    if limit < idle_n + ws_n + 100:
        sys.exit(f"bench: open-file limit {limit} is too low for {idle_n + ws_n} connections")
    server = Server(FIXTURE_PLUGINS, "  max_connections: 20000\n")
    try:
        base = probe(server.port, 3, "warm-up, no load")
        before = server.status()
        idle = []
        for i in range(idle_n):
            s = connect(server.port)
            status, _ = request(s, "GET", "/api/health")
            if status != 200:
                sys.exit(f"bench: idle connection {i} got {status}")
            idle.append(s)
        time.sleep(1)
        after_idle = server.status()
        per_conn = (after_idle["rss_kb"] - before["rss_kb"]) * 1024 / idle_n
        print(f"{idle_n} idle keep-alive connections: RSS {before['rss_kb']} -> "
              f"{after_idle['rss_kb']} KiB ({per_conn:.0f} bytes each), threads "
              f"{before['threads']} -> {after_idle['threads']}", flush=True)
        # Jobs to follow: 4 run (the default max_concurrent_jobs) and stream progress and log
        # lines every 50 ms; the others wait queued, their sockets quiet.
        jobs = submit_jobs(server.port, 20, 60)
        drainer = Drainer()
        drainer.start()
        for i in range(ws_n):
            drainer.add(ws_connect(server.port, f"/api/clone/ws/{jobs[i % len(jobs)]}"))
        time.sleep(1)
        loaded = server.status()
        print(f"+ {ws_n} WebSockets: RSS {loaded['rss_kb']} KiB, threads {loaded['threads']}, "
              f"fds {loaded['fds']}", flush=True)
        result = probe(server.port, seconds, "under load")
        final = server.status()
        print(f"WebSocket bytes received {drainer.bytes}, sockets closed {drainer.closed}; "
              f"threads at the end {final['threads']}", flush=True)
        verdict = "meets" if result["p99_ms"] < 50 and result["max_ms"] < 1000 else "MISSES"
        print(f"target p99 < 50 ms and max < 1 s: {verdict}; memory per idle connection "
              f"{per_conn:.0f} B (target <= 10240)")
        print("\nRow for docs/benchmarks.md:")
        print(f"| {time.strftime('%Y-%m-%d', time.gmtime())} | {commit()} | {idle_n} idle + "
              f"{ws_n} WebSockets | {result['p50_ms']:.2f} | {result['p99_ms']:.2f} | "
              f"{result['max_ms']:.1f} | {loaded['threads']} | {per_conn:.0f} B | "
              f"baseline p99 {base['p99_ms']:.2f} ms |")
        for s in idle:
            s.close()
        drainer.stopping = True
    finally:
        t0 = time.monotonic()
        server.stop()
        print(f"server stopped in {time.monotonic() - t0:.1f} s")


def cmd_slow():
    slow_n = env_int("SLOW", 1000)
    raise_fd_limit()
    server = Server()
    try:
        base = probe(server.port, 3, "warm-up, no load")
        slow = []
        request_line = b"GET /api/health HTTP/1.1\r\nHost: bench\r\nX-Trickle: "
        for _ in range(slow_n):
            s = connect(server.port)
            s.setblocking(False)
            slow.append(s)
        stop = threading.Event()
        sent = [0]

        def trickle():
            # One byte a second on every connection, as the slow-headers attack does.
            pos = 0
            while not stop.is_set():
                for s in slow:
                    try:
                        s.send(request_line[pos % len(request_line):][:1] or b"a")
                        sent[0] += 1
                    except OSError:
                        pass
                pos += 1
                stop.wait(1.0)

        t = threading.Thread(target=trickle, daemon=True)
        t0 = time.monotonic()
        t.start()
        result = probe(server.port, 8, f"{slow_n} trickling connections")
        # The header timeout (10 s) answers each with 408.
        answered = 0
        deadline = t0 + 14
        pending = list(slow)
        while pending and time.monotonic() < deadline:
            still = []
            for s in pending:
                try:
                    data = s.recv(4096)
                    if data.startswith(b"HTTP/1.1 408"):
                        answered += 1
                    elif data:
                        still.append(s)
                except BlockingIOError:
                    still.append(s)
                except OSError:
                    pass
            pending = still
            time.sleep(0.2)
        elapsed = time.monotonic() - t0
        stop.set()
        print(f"408 answers: {answered} of {slow_n} within {elapsed:.1f} s of the first byte")
        verdict = "meets" if result["p99_ms"] < 50 and result["max_ms"] < 1000 else "MISSES"
        print(f"target: other clients not delayed (p99 < 50 ms, max < 1 s): {verdict}")
        print("\nRow for docs/benchmarks.md:")
        print(f"| {time.strftime('%Y-%m-%d', time.gmtime())} | {commit()} | {slow_n} trickling "
              f"headers | {result['p50_ms']:.2f} | {result['p99_ms']:.2f} | "
              f"{result['max_ms']:.1f} | {answered}/{slow_n} got 408 | baseline p99 "
              f"{base['p99_ms']:.2f} ms |")
        for s in slow:
            s.close()
    finally:
        server.stop()


def cmd_soak():
    total = env_int("SOAK_REQUESTS", 1000000)
    conns = env_int("SOAK_CONNECTIONS", 200)
    raise_fd_limit()
    if not shutil.which("wrk"):
        sys.exit("bench: wrk is missing; run scripts/setup.sh --test")
    server = Server(FIXTURE_PLUGINS)
    lua = os.path.join(ROOT, "bench", "soak.lua")
    url = f"http://127.0.0.1:{server.port}"
    stop = threading.Event()
    follows = [0, 0]

    def follow_loop():
        # WebSocket follows: open, read the first frames of a job, close; again and again.
        jobs = submit_jobs(server.port, 2, 60)
        while not stop.is_set():
            try:
                s = ws_connect(server.port, f"/api/clone/ws/{jobs[follows[0] % 2]}")
                s.settimeout(5)
                s.recv(4096)
                s.sendall(b"\x88\x82abcd" + bytes([0x03 ^ 0x61, 0xE8 ^ 0x62]))  # close 1000
                s.recv(4096)
                s.close()
                follows[0] += 1
            except OSError:
                follows[1] += 1
            if follows[0] % 500 == 0:
                jobs = submit_jobs(server.port, 2, 60)
            time.sleep(0.01)

    def wrk(seconds):
        out = subprocess.run(["wrk", "-t2", f"-c{conns}", f"-d{seconds}s", "-s", lua, url],
                             capture_output=True, text=True, check=True).stdout
        n = 0
        for line in out.splitlines():
            if "requests in" in line:
                n = int(line.split()[0])
            if "Socket errors" in line:
                print("  wrk: " + line.strip())
        return n

    try:
        idle0 = server.status()
        follower = threading.Thread(target=follow_loop, daemon=True)
        follower.start()
        done = wrk(10)
        time.sleep(1)
        warm = server.status()
        print(f"after warm-up ({done} requests): RSS {warm['rss_kb']} KiB, fds {warm['fds']}, "
              f"threads {warm['threads']}", flush=True)
        samples = []
        while done < total:
            done += wrk(15)
            st = server.status()
            samples.append(st["rss_kb"])
            print(f"  {done} requests: RSS {st['rss_kb']} KiB, fds {st['fds']}", flush=True)
        stop.set()
        follower.join(10)
        time.sleep(3)
        end = server.status()
        drift = (end["rss_kb"] - warm["rss_kb"]) * 100.0 / warm["rss_kb"]
        print(f"after {done} requests and {follows[0]} WebSocket follows ({follows[1]} failed): "
              f"RSS {end['rss_kb']} KiB ({drift:+.1f} % vs warm-up), fds {end['fds']} (idle "
              f"before: {idle0['fds']}), threads {end['threads']}")
        verdict = "meets" if abs(drift) <= 5 and end["fds"] <= idle0["fds"] else "MISSES"
        print(f"target RSS within 5 % and fds back to idle: {verdict}")
        print("\nRow for docs/benchmarks.md:")
        print(f"| {time.strftime('%Y-%m-%d', time.gmtime())} | {commit()} | {done} requests at "
              f"{conns} connections + {follows[0]} WebSocket follows | {warm['rss_kb']} KiB | "
              f"{end['rss_kb']} KiB ({drift:+.1f} %) | {idle0['fds']} / {end['fds']} |")
    finally:
        stop.set()
        server.stop()


def commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip() or "unknown"
    except OSError:
        return "unknown"


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("idle", "slow", "soak"):
        sys.exit(__doc__)
    if not os.access(BINARY, os.X_OK):
        sys.exit(f"bench: {BINARY} not found; run 'make build' first")
    {"idle": cmd_idle, "slow": cmd_slow, "soak": cmd_soak}[sys.argv[1]]()
