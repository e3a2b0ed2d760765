#!/usr/bin/env python3
"""Boot tests: boot the kernel in QEMU under a timeout and check what it says.

Each case boots once and checks the console transcript and QEMU's exit
status. A case fails on a missing banner, a panic it did not ask for, a
FAIL line, a missing or non-zero self-test summary, a hang (timeout) or the
wrong exit status. The whole transcript is printed on failure.

    boot_test.py --kernel build/target/kernel/kernel.elf [--case NAME ...]
"""
import argparse
import os
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import qemu  # noqa: E402

BANNER = re.compile(r"^microkernel \S+ \(\w+\) on ")
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed$")
PROMPT = "kmon> "
ADDR = re.compile(r"#\d+ (0x[0-9a-f]+)")


class Boot:
    """One QEMU run: the transcript, its timing and the exit status."""

    def __init__(self, kernel, append="", inputs=(), timeout=30, **qemu_args):
        self.cmd = qemu.qemu_command(kernel, append=append, **qemu_args)
        self.inputs = list(inputs)
        self.timeout = timeout
        self.lines = []
        self.raw = ""  # everything so far, including an unfinished line
        self.prompts_answered = 0
        self.banner_time = None
        self.status = None
        self.timed_out = False

    def run(self):
        start = time.monotonic()
        proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        reader = threading.Thread(target=self._read, args=(proc, start))
        reader.start()
        # Type each input line once the prompt before it has appeared.
        for text in self.inputs:
            if not self._wait_for_prompt(start):
                break
            proc.stdin.write(text.encode() + b"\n")
            proc.stdin.flush()
        try:
            self.status = proc.wait(timeout=max(1, self.timeout -
                                                 (time.monotonic() - start)))
        except subprocess.TimeoutExpired:
            self.timed_out = True
            proc.kill()
            proc.wait()
        reader.join()
        return self

    def _read(self, proc, start):
        buf = b""
        while True:
            chunk = proc.stdout.read1(4096)
            if not chunk:
                break
            buf += chunk
            self.raw += chunk.decode(errors="replace")
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
        while time.monotonic() - start < self.timeout:
            if self.raw.count(PROMPT) >= self.prompts_answered:
                return True
            time.sleep(0.01)
        return False

    def transcript(self):
        return "\n".join(self.lines)


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


def check(boot, expect_status=0, expect=(), forbid_panic=True, summary=False):
    """The reasons the boot is wrong; an empty list if it is right."""
    text = boot.transcript()
    errors = []
    if boot.timed_out:
        errors.append(f"timed out after {boot.timeout}s")
    elif boot.status != expect_status:
        errors.append(f"exit status {boot.status}, expected {expect_status}")
    if boot.banner_time is None:
        errors.append("no banner")
    if forbid_panic and ("panic:" in text or "kernel trap:" in text):
        errors.append("kernel panic")
    fails = [l for l in boot.lines if l.startswith("FAIL")]
    if fails:
        errors.append("FAIL lines: " + "; ".join(fails))
    if summary:
        found = [SUMMARY.match(l) for l in boot.lines if SUMMARY.match(l)]
        if not found:
            errors.append("no 'N passed, N failed' summary")
        elif int(found[-1].group(2)) != 0 or int(found[-1].group(1)) == 0:
            errors.append("summary: " + found[-1].group(0))
    for pattern in expect:
        if not re.search(pattern, text, re.M):
            errors.append(f"missing /{pattern}/")
    return errors


def case_selftest(kernel):
    boot = Boot(kernel, append="selftest").run()
    return boot, check(boot, summary=True)


def case_selftest_without_sstc(kernel):
    """The tick through SBI TIME when the hart has no Sstc."""
    boot = Boot(kernel, append="selftest", cpu="rv64,sstc=off").run()
    errors = check(boot, summary=True)
    if any(", sstc" in l for l in boot.lines if BANNER.match(l)):
        errors.append("banner claims sstc on a hart without it")
    return boot, errors


def case_selftest_smp_large_memory(kernel):
    """Four harts reported, one running; 1 GiB of RAM found and usable."""
    boot = Boot(kernel, append="selftest", smp=4, memory="1G").run()
    return boot, check(boot, summary=True,
                       expect=[r"1024 MiB RAM", r"4 harts"])


def case_monitor_commands_and_poweroff_status(kernel):
    boot = Boot(kernel, inputs=["help", "mem", "uptime", "bogus",
                                "poweroff 7"]).run()
    return boot, check(boot, expect_status=7, expect=[
        r"commands: help", r"frames: \d+ free of \d+", r"up \d+\.\d{3} s",
        r"bogus: unknown command", r"powering off with status 7"])


def case_panic_reports_and_exits_nonzero(kernel):
    boot = Boot(kernel, append="kernel.test=panic").run()
    errors = check(boot, expect_status=2, forbid_panic=False, expect=[
        r"^panic: kernel.test=panic requested", r"^  #1 0x"])
    return boot, errors


def case_kernel_fault_reports_and_exits_nonzero(kernel):
    boot = Boot(kernel, append="kernel.test=fault").run()
    errors = check(boot, expect_status=2, forbid_panic=False, expect=[
        r"^kernel trap: load page fault .* stval 0x10,",
        r"^panic: unexpected kernel trap", r"^  #0 0x"])
    return boot, errors


CASES = {name[len("case_"):]: fn for name, fn in globals().items()
         if name.startswith("case_")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--case", action="append", choices=sorted(CASES))
    args = parser.parse_args()
    qemu.require_qemu()
    failed = 0
    for name in args.case or sorted(CASES):
        boot, errors = CASES[name](args.kernel)
        timing = (f" (banner at {boot.banner_time:.3f}s)"
                  if boot.banner_time is not None else "")
        if errors:
            failed += 1
            print(f"FAIL {name}: {'; '.join(errors)}{timing}")
            print("---- transcript ----\n" + boot.transcript())
            sym = symbolize(args.kernel, boot.transcript())
            if sym:
                print("---- backtrace ----\n" + sym, end="")
            print("--------------------")
        else:
            print(f"PASS {name}{timing}")
    total = len(args.case or CASES)
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
