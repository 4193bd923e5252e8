"""`pcd serve` against hostile pages, files and clients: a real server, real sockets.

A page on another site can rebind its own name to 127.0.0.1 (DNS rebinding) and read what the
preview serves; a spec folder can hold a FIFO or a link to /dev/zero named *.yaml; a client can
open connections and send nothing, or a byte at a time.
"""

import errno
import http.client
import os
import select
import signal
import socket
import subprocess
import sys
import time

import pytest

from authoring.commands.serve import MAX_CONNECTIONS, REQUEST_DEADLINE
from tests.conftest import ROOT, minimal_text, mutate, seed_text

MARK = "UNIQUE-PART2-MARK"


class Server:
    """`pcd serve` in its own process; its address is read with a deadline, since a server that
    hangs before listening is one of the failures under test."""

    def __init__(self, target, *args, within=15.0):
        self.proc = subprocess.Popen([sys.executable, "-m", "authoring", "serve", str(target),
                                      "--port", "0", *args], cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        ready, _, _ = select.select([self.proc.stdout], [], [], within)
        if not ready:
            self.stop()
            raise AssertionError(f"pcd serve did not start listening within {within} s")
        line = self.proc.stdout.readline().decode()
        assert line.startswith("pcd serve: http://127.0.0.1:"), line
        self.port = int(line.split()[2].rstrip("/").rsplit(":", 1)[1])

    def request(self, path="/", host=None):
        """(status, body) of a GET sent with this Host header (the server's own by default)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", f"127.0.0.1:{self.port}" if host is None else host)
        conn.endheaders()
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        conn.close()
        return response.status, body

    def threads(self):
        with open(f"/proc/{self.proc.pid}/status") as fh:
            return int(next(line.split()[1] for line in fh if line.startswith("Threads:")))

    def peak_memory_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as fh:
            return int(next(line.split()[1] for line in fh if line.startswith("VmHWM:")))

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        err = self.proc.stderr.read().decode("utf-8", "replace")
        self.proc.stdout.close()
        self.proc.stderr.close()
        return err


def part2_spec(tmp_path):
    path = tmp_path / "2001.yaml"
    path.write_text(mutate(minimal_text(), "part2: {exists: false}", "part2:\n  exists: true\n"
                           f"  summary: The confidential detail is {MARK}."), encoding="utf-8")
    return path


def test_a_rebound_name_cannot_read_part2_or_drafts(tmp_path):
    server = Server(part2_spec(tmp_path), "--show-part2")
    try:
        port = server.port
        for foreign in (f"attacker.example:{port}", f"localhost.attacker.example:{port}",
                        f"127.0.0.1.nip.io:{port}", "attacker.example", f"x@127.0.0.1:{port}", ""):
            for path in ("/", "/__pcd/events"):
                status, body = server.request(path, host=foreign)
                assert status == 421, (foreign, path, status)
                assert MARK not in body and "data:" not in body
        # the server's own names, with its port, still work: the refusal is not of everything
        for own in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
            status, body = server.request("/", host=own)
            assert status == 200 and MARK in body, own
        assert server.request("/", host="127.0.0.1:1")[0] == 421  # another port is another origin
    finally:
        server.stop()


def test_fifo_and_device_specs_are_never_opened(tmp_path):
    (tmp_path / "1843.yaml").write_text(seed_text(), encoding="utf-8")
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    server = Server(tmp_path)  # a FIFO opened for reading would block start-up here
    try:
        # A writer opening without blocking fails with ENXIO only while no one has the FIFO open
        # for reading: so it is never opened, on any of the watcher's passes.
        end = time.monotonic() + 0.5
        while time.monotonic() < end:
            with pytest.raises(OSError) as refused:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            assert refused.value.errno == errno.ENXIO
            time.sleep(0.01)
        for name in ("fifo", "zero"):
            status, body = server.request(f"/{name}.html")
            assert status == 200 and "not a regular file" in body and "error[PCD005]" in body
        status, index = server.request("/")
        assert 'href="/pcd-1843.html"' in index
        assert server.proc.poll() is None
    finally:
        err = server.stop()
    assert "Traceback" not in err and "MemoryError" not in err


def test_a_huge_spec_is_read_no_further_than_a_spec_may_be(tmp_path):
    spec = tmp_path / "1843.yaml"
    spec.write_text(seed_text(), encoding="utf-8")
    server = Server(spec)
    try:
        with open(spec, "r+b") as fh:  # a sparse 600 MB file: costs no disk, only whoever reads it
            fh.truncate(600 * 1024 * 1024)
        end = time.monotonic() + 10
        while "error[PCD006]" not in server.request("/")[1]:
            assert time.monotonic() < end, "the oversized spec was never reported"
            time.sleep(0.05)
        time.sleep(0.3)  # several passes of the watcher over the same file
        assert server.peak_memory_kib() < 300 * 1024
    finally:
        server.stop()


def test_a_slow_client_is_cut_off_at_the_request_deadline(tmp_path):
    server = Server(part2_spec(tmp_path))
    try:
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=REQUEST_DEADLINE + 5)
        sock.sendall(b"GET / HTTP/1.1\r\n")
        start = time.monotonic()
        closed = False
        while time.monotonic() - start < REQUEST_DEADLINE + 4:
            try:
                sock.sendall(b"X")  # slowloris: a byte now and then, never the blank line
            except OSError:
                closed = True
                break
            readable, _, _ = select.select([sock], [], [], 0.5)
            if readable:
                try:
                    closed = sock.recv(4096) == b""
                except OSError:
                    closed = True
                if closed:
                    break
        took = time.monotonic() - start
        sock.close()
        assert closed, "the server still holds a connection that never finished its request"
        assert took < REQUEST_DEADLINE + 2
    finally:
        server.stop()


def test_connections_are_capped_and_idle_ones_dropped(tmp_path):
    server = Server(part2_spec(tmp_path))
    extra = 12
    socks = []
    try:
        before = server.threads()
        for _ in range(MAX_CONNECTIONS + extra):
            socks.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
        busy, told = 0, set()
        end = time.monotonic() + 3
        while busy < extra and time.monotonic() < end:
            for sock in set(select.select(socks, [], [], 0.1)[0]) - told:
                told.add(sock)
                busy += sock.recv(200).startswith(b"HTTP/1.0 503")
        assert busy == extra  # the connections past the cap are told so at once
        assert server.threads() <= before + MAX_CONNECTIONS  # one thread a connection, no more
        # while the idle connections hold every slot a page is refused; once they are dropped
        # at the deadline, it is served again
        def status():
            try:
                return server.request("/")[0]
            except (ConnectionError, http.client.HTTPException):
                return None

        assert status() != 200
        end = time.monotonic() + REQUEST_DEADLINE + 5
        while status() != 200:
            assert time.monotonic() < end, "idle connections were never dropped"
            time.sleep(0.25)
        assert server.threads() <= before + 2
    finally:
        for sock in socks:
            sock.close()
        server.stop()


def test_the_problems_panel_quotes_no_part2_line(tmp_path):
    spec = part2_spec(tmp_path)
    good = spec.read_text(encoding="utf-8")
    broken = good.replace(f"  summary: The confidential detail is {MARK}.",
                          f"  summary: [The confidential detail is {MARK}.")
    assert broken != good
    line = broken.split("\n").index(f"  summary: [The confidential detail is {MARK}.") + 1
    for args, shown in (((), False), (("--show-part2",), True)):
        spec.write_text(good, encoding="utf-8")
        server = Server(spec, *args)
        try:
            spec.write_text(broken, encoding="utf-8")
            end = time.monotonic() + 10
            # the problem on the Part 2 line (a poll may first catch the file half written: empty)
            while f"{spec}:{line}:" not in (page := server.request("/")[1]):
                assert time.monotonic() < end, f"the broken spec was never reported: {page}"
                time.sleep(0.05)
            assert "has problems" in page
            assert (MARK in page) is shown
        finally:
            server.stop()
