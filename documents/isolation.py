"""Run a function in a forked child process with a memory, CPU and wall-clock limit.

Rendering an uploaded template is running untrusted code: the sandbox caps what it can ask for
(range, string size, big integers, loop iterations), and this is the second wall: whatever slips
past the caps meets ``RLIMIT_AS`` (address space), ``RLIMIT_CPU`` and a wall-clock deadline in a
process of its own, never in the web worker that serves the request. The child inherits the loaded
code (fork: no second start-up), touches no database connection and leaves with ``os._exit``.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
import traceback
from dataclasses import dataclass

from core.errors import ApplicationError

MSG_TIMEOUT = "Tạo văn bản quá {seconds} giây nên đã dừng; mẫu văn bản có vòng lặp hoặc nội dung quá lớn."
MSG_MEMORY = "Tạo văn bản cần hơn {megabytes} MB bộ nhớ nên đã dừng; mẫu hoặc dữ liệu quá lớn."
MSG_CPU = "Tạo văn bản dùng quá {seconds} giây xử lý nên đã dừng; mẫu văn bản có vòng lặp quá lớn."
MSG_CRASHED = "Không tạo được văn bản (tiến trình tạo văn bản dừng bất thường: {detail})."


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 30
    cpu_seconds: int = 20
    memory_mb: int = 768  # above what the process already holds when it forks


def _address_space() -> int:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


def _child(write_fd: int, limits: Limits, func, args) -> None:
    try:
        budget = _address_space() + limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
        result = ("ok", func(*args))
    except ApplicationError as error:
        result = ("error", error.message, list(error.problems))
    except MemoryError:
        result = ("memory",)
    except BaseException as error:  # everything is reported to the parent
        result = ("crashed", f"{type(error).__name__}: {error}"[:300], traceback.format_exc()[-2000:])
    try:
        payload = pickle.dumps(result)
    except MemoryError:
        payload = pickle.dumps(("memory",))
    try:
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
    finally:
        os._exit(0)


def _read_until(read_fd: int, deadline: float) -> bytes | None:
    """What the child wrote, or None when the deadline passed first."""
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([read_fd], [], [], left)
        if not ready:
            return None
        chunk = os.read(read_fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def run_limited(func, *args, limits: Limits = Limits()):
    """``func(*args)`` in a child process; its result, or an ApplicationError saying which limit was hit."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        _child(write_fd, limits, func, args)
    os.close(write_fd)
    try:
        data = _read_until(read_fd, time.monotonic() + limits.wall_seconds)
    finally:
        os.close(read_fd)
    if data is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise ApplicationError(MSG_TIMEOUT.format(seconds=int(limits.wall_seconds)))
    _, status = os.waitpid(pid, 0)
    if not data:
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
            raise ApplicationError(MSG_CPU.format(seconds=limits.cpu_seconds))
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS):
            # a C library (lxml) that meets the address-space limit aborts instead of raising MemoryError
            raise ApplicationError(MSG_MEMORY.format(megabytes=limits.memory_mb))
        raise ApplicationError(MSG_CRASHED.format(detail=f"mã {status}"))
    result = pickle.loads(data)  # noqa: S301 — written by our own child process
    if result[0] == "ok":
        return result[1]
    if result[0] == "error":
        raise ApplicationError(result[1], problems=result[2])
    if result[0] == "memory":
        raise ApplicationError(MSG_MEMORY.format(megabytes=limits.memory_mb))
    raise ApplicationError(MSG_CRASHED.format(detail=result[1]))
