"""Boot the guest under QEMU, talk to it, and judge the transcript.

Shared by ci/boot and tests/boot/boot_test.py.
"""
import re
import subprocess
import sys
import threading
import time

import qemu

BANNER = re.compile(r"^microkernel \S+ \(\w+\) on ")
SUMMARY = re.compile(r"^(?:\w+: )?(\d+) passed, (\d+) failed(?:, \d+ skipped)?$")
ADDR = re.compile(r"#\d+ (0x[0-9a-f]+)")
PANIC = re.compile(r"^(panic: |kernel trap: )", re.M)


class Keys:
    """Bytes to type as they are (no Enter, no prompt wait) as soon as the
    output since the previous input matches the regex `after`."""

    def __init__(self, data, after):
        self.data = data
        self.after = after


class Boot:
    """One QEMU run: the transcript, its timing and the exit status.

    Each of `inputs` is typed in turn: a string after one more `prompt`
    has appeared, followed by Enter (a function of the output so far may
    stand for the string); a Keys when its pattern appears.
    `echo` streams the console to stdout as it arrives.
    """

    def __init__(self, kernel, append="", inputs=(), timeout=30,
                 prompt="kmon> ", echo=False, **qemu_args):
        self.cmd = qemu.qemu_command(kernel, append=append, **qemu_args)
        self.inputs = list(inputs)
        self.prompt = prompt
        self.timeout = timeout
        self.echo = echo
        self.lines = []
        self.raw = ""
        self.prompts_answered = 0
        self.sent_at = 0          # len(raw) when the last input was typed
        self.banner_time = None
        self.prompt_time = None   # when the first prompt appeared
        self.status = None
        self.timed_out = False

    def run(self):
        start = time.monotonic()
        proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        reader = threading.Thread(target=self._read, args=(proc, start))
        reader.start()
        try:
            self._type_inputs(proc, start)
        except BaseException:
            proc.kill()  # never leave QEMU behind
            reader.join()
            raise
        try:
            left = self.timeout - (time.monotonic() - start)
            self.status = proc.wait(timeout=max(1, left))
        except subprocess.TimeoutExpired:
            self.timed_out = True
            proc.kill()
            proc.wait()
        reader.join()
        return self

    def _type_inputs(self, proc, start):
        for item in self.inputs:
            if isinstance(item, Keys):
                if not self._wait_for_output(item.after, start):
                    return
                data = item.data
            else:
                if not self._wait_for_prompt(start):
                    return
                data = (item(self.raw) if callable(item) else item) + "\n"
            self.sent_at = len(self.raw)
            try:
                proc.stdin.write(data.encode())
                proc.stdin.flush()
            except BrokenPipeError:
                return

    def _read(self, proc, start):
        buf = b""
        while True:
            chunk = proc.stdout.read1(4096)
            if not chunk:
                break
            if self.echo:
                sys.stdout.buffer.write(chunk)
                sys.stdout.flush()
            buf += chunk
            self.raw += chunk.decode(errors="replace")
            if self.prompt_time is None and self.prompt in self.raw:
                self.prompt_time = time.monotonic() - start
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                self._add(line, start)
        if buf:
            self._add(buf, start)

    def _add(self, raw, start):
        line = raw.decode(errors="replace").rstrip("\r")
        self.lines.append(line)
        if self.banner_time is None and BANNER.match(line):
            self.banner_time = time.monotonic() - start

    def _wait_for_prompt(self, start):
        """Wait for one more prompt than has been answered so far."""
        self.prompts_answered += 1
        return self._wait_until(
            lambda: self.raw.count(self.prompt) >= self.prompts_answered,
            start)

    def _wait_for_output(self, pattern, start):
        """Wait until the output since the last input matches pattern."""
        return self._wait_until(
            lambda: re.search(pattern, self.raw[self.sent_at:], re.M),
            start)

    def _wait_until(self, ready, start):
        while time.monotonic() - start < self.timeout:
            if ready():
                return True
            time.sleep(0.005)
        return False

    def transcript(self):
        return "\n".join(self.lines)

    def summaries(self):
        return [m for m in (SUMMARY.match(l) for l in self.lines) if m]


def symbolize(kernel, text):
    """addr2line for every backtrace address, so a panic reads as code."""
    addrs = ADDR.findall(text)
    if not addrs:
        return ""
    try:
        out = subprocess.run(["riscv64-unknown-elf-addr2line", "-f", "-p",
                              "-e", kernel] + addrs, capture_output=True,
                             text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return "".join(f"  {a}: {line}\n" for a, line in
                   zip(addrs, out.splitlines()))


def judge(boot, expect_status=0, expect=(), forbid_panic=True,
          summaries=0):
    """The reasons the boot is wrong; an empty list if it is right.

    `summaries`: how many 'N passed, N failed' lines must appear, each
    with at least one pass and no failure.
    """
    text = boot.transcript()
    errors = []
    if boot.timed_out:
        errors.append(f"timed out after {boot.timeout}s")
    elif expect_status is not None and boot.status != expect_status:
        errors.append(f"exit status {boot.status}, expected {expect_status}")
    if boot.banner_time is None:
        errors.append("no banner")
    if forbid_panic and PANIC.search(text):
        errors.append("kernel panic")
    fails = [l for l in boot.lines if l.startswith("FAIL")]
    if fails:
        errors.append("FAIL lines: " + "; ".join(fails[:5]))
    found = boot.summaries()
    if len(found) < summaries:
        errors.append(f"{len(found)} 'N passed, N failed' summaries, "
                      f"expected {summaries}")
    for m in found:
        if int(m.group(2)) != 0 or int(m.group(1)) == 0:
            errors.append("summary: " + m.group(0))
    for pattern in expect:
        if not re.search(pattern, text, re.M):
            errors.append(f"missing /{pattern}/")
    return errors
