"""A progress line on a terminal only: drawn when stderr is a TTY, never into a pipe or a log file."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time

SCRIPT = ("import time\nfrom streams.progress import progress\n"
          "for _ in progress(range(3), 'publish', unit='article'):\n    time.sleep(0.7)\nprint('done')\n")


def run_with_stderr(stderr: int) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, stderr=stderr, timeout=60,
                          env={k: v for k, v in os.environ.items() if k != "WIREWATCH_PROGRESS"})


def test_no_progress_when_stderr_is_a_pipe() -> None:
    run = run_with_stderr(subprocess.PIPE)
    assert run.stdout == b"done\n" and run.stderr == b""


def test_progress_on_a_terminal() -> None:
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, stderr=child,
                            env={k: v for k, v in os.environ.items() if k != "WIREWATCH_PROGRESS"})
    os.close(child)
    drawn = b""
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:  # read the terminal while the bar is drawn
            ready, _, _ = select.select([main], [], [], 0.2)
            if ready:
                try:
                    drawn += os.read(main, 4096)
                except OSError:  # EIO: the other end is gone
                    break
        assert proc.wait(30) == 0
        assert proc.stdout is not None and proc.stdout.read() == b"done\n"
    finally:
        proc.kill()
        os.close(main)
    assert b"publish" in drawn and b"article" in drawn
