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
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import qemu  # noqa: E402

from guest import Boot, symbolize, judge  # noqa: E402


def check(boot, expect_status=0, expect=(), forbid_panic=True, summary=False):
    return judge(boot, expect_status, expect, forbid_panic,
                 1 if summary else 0)


def case_selftest(kernel):
    boot = Boot(kernel, append="selftest").run()
    return boot, check(boot, summary=True)


def case_selftest_without_sstc(kernel):
    """The tick through SBI TIME when the hart has no Sstc."""
    boot = Boot(kernel, append="selftest", cpu="rv64,sstc=off").run()
    errors = check(boot, summary=True)
    if any(", sstc" in l for l in boot.lines if l.startswith("microkernel")):
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


def case_init_reports_killed_and_failed_children(kernel):
    """A faulting program is killed with one console line, init reports
    it and goes on; the last program's exit code is the power-off status."""
    boot = Boot(kernel, initrd=IMAGE,
                append="run=test_libc,segv run=test_libc,exit=3").run()
    return boot, check(boot, expect_status=3, expect=[
        r"^task \d+ \(test_libc\) killed: store page fault at 0x0 pc 0x",
        r"^\[killed: signal 11 \(segmentation fault\)\]$",
        r"^\[exit 3\]$"])


# test_kernel_tasks' faulting children (raw code at 0x10000, named kt-*):
# the report each one must get, once, on the console.
FAULT_REPORTS = {
    "kt-load": r"load page fault at 0x7000 pc 0x10004 \(segmentation fault\)",
    "kt-store": r"store page fault at 0x7000 pc 0x10004 \(segmentation fault\)",
    "kt-store-ro":
        r"store page fault at 0x10000 pc 0x10004 \(segmentation fault\)",
    "kt-illegal":
        r"illegal instruction at 0x0 pc 0x10000 \(illegal instruction\)",
    "kt-fetch":
        r"instruction page fault at 0x8000 pc 0x8000 \(segmentation fault\)",
    "kt-fetch-nx": r"instruction page fault at 0x11000 pc 0x11000 "
                   r"\(segmentation fault\)",
    "kt-break": r"breakpoint at 0x[0-9a-f]+ pc 0x10000 "
                r"\(trace/breakpoint trap\)",
    "kt-misaligned":
        r"load address misaligned at 0x11001 pc 0x10004 \(bus error\)",
    "kt-misaligned-amo": r"(load|store) address misaligned at 0x11002 "
                         r"pc 0x10008 \(bus error\)",
}


def case_kernel_tasks_report_each_fault_once(kernel):
    """Each faulting child of test_kernel_tasks is killed with exactly one
    console line naming it, the cause, the address and the pc; a case the
    program skipped (the platform emulates it) has none."""
    boot = Boot(kernel, initrd=IMAGE, append="run=test_kernel_tasks").run()
    errors = check(boot, summary=True)
    skipped = "\n".join(l for l in boot.lines if l.startswith("SKIP "))
    reports = [l for l in boot.lines
               if re.match(r"^task \d+ \(kt-[\w-]+\) killed: ", l)]
    for name, what in FAULT_REPORTS.items():
        if name == "kt-misaligned" and "misaligned_load" in skipped:
            want = 0
        else:
            want = 1
        line = re.compile(rf"^task \d+ \({name}\) killed: {what}$")
        got = sum(1 for l in reports if line.match(l))
        if got != want:
            errors.append(f"{name}: {got} report lines, expected {want}")
    expected = sum(1 for l in reports
                   if any(f"({n})" in l for n in FAULT_REPORTS))
    if len(reports) != expected:
        errors.append(f"{len(reports) - expected} unexpected report lines")
    return boot, errors


def case_init_reports_a_missing_program(kernel):
    boot = Boot(kernel, initrd=IMAGE, append="run=no-such-program").run()
    return boot, check(boot, expect_status=127, expect=[
        r"^init# no-such-program$",
        r"^sh: no-such-program: command not found$"])


IMAGE = None

CASES = {name[len("case_"):]: fn for name, fn in globals().items()
         if name.startswith("case_")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--image", help="the boot image, for init's cases")
    parser.add_argument("--case", action="append", choices=sorted(CASES))
    args = parser.parse_args()
    global IMAGE
    IMAGE = args.image
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
