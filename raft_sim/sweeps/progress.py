"""Progress of a sweep: a tqdm bar on a terminal, plain log lines otherwise, or nothing."""
from __future__ import annotations

import sys
import time


class Progress:
    """Counts finished variants and reports count, rate and time left.

    Parameters
    ----------
    total : int
        Variants to compute in this run.
    done : int
        Variants already finished (resumed).
    mode : str
        ``"auto"`` (bar on a TTY, lines otherwise), ``"bar"``, ``"log"`` or ``"quiet"``.
    stream : file, optional
        Where to report (default ``sys.stderr``).
    """

    def __init__(self, total: int, done: int = 0, mode: str = "auto", stream=None):
        self.stream = stream or sys.stderr
        self.total, self.done, self.failed = total, 0, 0
        self.start = self.last = time.monotonic()
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "log"
        self.mode, self.bar = mode, None
        if mode == "bar":
            try:
                import tqdm
            except ImportError:
                self.mode = "log"
            else:
                tqdm.tqdm.monitor_interval = 0  # no monitor thread (the pool may fork)
                self.bar = tqdm.tqdm(total=total, file=self.stream, unit="variant",
                                     desc="sweep", dynamic_ncols=True)
        if self.mode == "log" and done:
            self._line(f"sweep: {done} variants already finished; computing {total}")

    def update(self, failed: bool) -> None:
        """One more variant finished."""
        self.done += 1
        self.failed += bool(failed)
        if self.bar is not None:
            self.bar.update(1)
            if failed:
                self.bar.set_postfix(failed=self.failed)
        elif self.mode == "log":
            now = time.monotonic()
            if now - self.last >= 5.0 or self.done == self.total or self.done == 1:
                self.last = now
                rate = self.done / max(now - self.start, 1e-9)
                left = (self.total - self.done) / rate
                self._line(f"sweep: {self.done}/{self.total} variants, {self.failed} failed, "
                           f"{rate:.2f} variants/s, {left:.0f} s left")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

    def _line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)
