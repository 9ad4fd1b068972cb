"""Hostile and odd web servers (all local, 127.0.0.1): a server that trickles its status line or
its headers is cut off at ``--timeout``; plain text served as text/plain is read as text; a
page whose title holds a control character still has its article."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time

import pytest

from tui.compare import InputError
from tui.sources import load_source, load_url

from .test_web_fetch import COURIER, Server


class Trickler:
    """A TCP server that sends ``head`` a piece at a time, one piece every ``every`` seconds,
    and stops when the client goes away."""

    def __init__(self, pieces: list[bytes], every: float) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.pieces, self.every = pieces, every
        self.base = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            for piece in self.pieces:
                try:
                    conn.sendall(piece)
                except OSError:
                    return
                time.sleep(self.every)

    def stop(self) -> None:
        self.sock.close()


HEADERS_SLOWLY = [b"HTTP/1.1 200 OK\r\n"] + [b"X-Slow-%d: yes\r\n" % i for i in range(40)] + [b"\r\n"]
STATUS_SLOWLY = [bytes([b]) for b in b"HTTP/1.1 200 OK\r\n"] * 3


@pytest.mark.parametrize("pieces", [HEADERS_SLOWLY, STATUS_SLOWLY], ids=["headers", "status line"])
def test_a_server_trickling_its_head_is_cut_off_at_the_timeout(tmp_path, pieces):
    server = Trickler(pieces, every=0.25)  # 10 s or more in all, each piece well within the timeout
    try:
        t0 = time.perf_counter()
        with pytest.raises(InputError, match="no answer within 1 s"):
            load_url(server.base + "/", cache=tmp_path, timeout=1)
        assert time.perf_counter() - t0 < 3
    finally:
        server.stop()


def test_the_cli_keeps_to_its_timeout_against_a_trickling_server(tmp_path):
    server = Trickler(HEADERS_SLOWLY, every=0.25)
    other = tmp_path / "b.txt"
    other.write_text("Some text.\n", encoding="utf-8")
    try:
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "tui", server.base + "/", str(other), "--format", "json",
                               "--timeout", "1"], capture_output=True, text=True, timeout=60)
        elapsed = time.perf_counter() - t0
    finally:
        server.stop()
    assert proc.returncode == 2 and "no answer within 1 s" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and elapsed < 8  # the server would go on for 10 s
