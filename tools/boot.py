#!/usr/bin/env python3
"""Boot the system, run commands in init, print the console, judge it.

    boot.py [--kernel K] [--image I] [--timeout S] [--append ARGS]
            [--icount] [--quiet] CMD...

Each CMD ("prog arg...") becomes a `run=prog,arg,...` boot argument, run in
order by init, which powers off with the last one's exit status. The exit
status is the guest's, unless the run went wrong: a kernel panic, a hang
(timeout), a FAIL line, or a test program (a name starting with "test_")
without its "N passed, N failed" summary make it 1.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import guest  # noqa: E402
import qemu  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_args(commands):
    words = []
    for cmd in commands:
        parts = cmd.split()
        if not parts or any("," in p for p in parts):
            sys.exit(f"boot: bad command {cmd!r} (no commas, not empty)")
        words.append("run=" + ",".join(parts))
    return " ".join(words)


def main():
    build = os.environ.get("BUILD_DIR", os.path.join(ROOT, "build"))
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--kernel", default=qemu.default_kernel(build))
    p.add_argument("--image", default=os.path.join(build, "target",
                                                   "bootimg.cpio"))
    p.add_argument("--timeout", type=float, default=60)
    p.add_argument("--append", default="")
    p.add_argument("--icount", action="store_true",
                   help="run under -icount shift=0 (repeatable counts)")
    p.add_argument("--quiet", action="store_true",
                   help="print the transcript only if the run went wrong")
    p.add_argument("commands", nargs="*")
    a = p.parse_args()
    qemu.require_qemu()

    append = " ".join(x for x in (a.append, run_args(a.commands)) if x)
    start = time.monotonic()
    boot = guest.Boot(a.kernel, append=append, timeout=a.timeout,
                      initrd=a.image, icount=a.icount,
                      echo=not a.quiet).run()
    tests = sum(1 for c in a.commands if c.split()[0].startswith("test_"))
    errors = guest.judge(boot, expect_status=None, summaries=tests)
    took = time.monotonic() - start
    if errors:
        if a.quiet:
            print(boot.transcript())
        sym = guest.symbolize(a.kernel, boot.transcript())
        if sym:
            print("backtrace:\n" + sym, end="")
        print(f"boot: FAILED ({'; '.join(errors)}) after {took:.2f}s")
        return boot.status if boot.status not in (None, 0) else 1
    print(f"boot: ok, status {boot.status}, {took:.2f}s"
          + (f", banner at {boot.banner_time:.3f}s"
             if boot.banner_time else ""))
    return boot.status


if __name__ == "__main__":
    sys.exit(main())
