"""A minimal LSP client over stdio, as an editor drives a language server: JSON-RPC messages with
Content-Length headers, requests answered by id, notifications collected as they arrive."""
from __future__ import annotations

import json
import queue
import subprocess
import threading
import time


class LspClient:
    def __init__(self, argv: list[str], cwd=None, env=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd, env=env)
        self.inbox: queue.Queue = queue.Queue()
        self._id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            body = out.read(length)
            self.inbox.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict) -> float:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return time.perf_counter()

    def notify(self, method: str, params: dict) -> float:
        return self.send({"method": method, "params": params})

    def request(self, method: str, params: dict, timeout: float = 60) -> dict:
        self._id += 1
        self.send({"id": self._id, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == self._id and "method" not in m, timeout)[1]
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result")

    def wait(self, match, timeout: float = 60) -> tuple[float, dict]:
        """The first message (arrival time, message) that `match` accepts; others are dropped."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching message from the server")
            try:
                at, message = self.inbox.get(timeout=left)
            except queue.Empty:
                raise TimeoutError("no matching message from the server") from None
            if match(message):
                return at, message

    def diagnostics(self, uri: str, version=None, timeout: float = 60) -> tuple[float, list]:
        at, msg = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri
                            and (version is None or m["params"].get("version") == version), timeout)
        return at, msg["params"]["diagnostics"]

    def initialize(self, root_uri: str | None, options: dict | None = None) -> dict:
        result = self.request("initialize", {"processId": None, "rootUri": root_uri, "capabilities": {},
                                             "initializationOptions": options or {}})
        self.notify("initialized", {})
        return result

    def close(self) -> int:
        try:
            self.request("shutdown", {}, timeout=20)
            self.notify("exit", {})
            return self.proc.wait(timeout=20)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
