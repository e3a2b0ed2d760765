#!/usr/bin/env python3
"""Run the benchmarks under QEMU's -icount shift=0 and print their tables.

    bench.py [--kernel K] [--image I] [--timeout S] [--output FILE]

The kernel's benchmark (tests/bench/bench.c) and the SysV shared-memory
one (bench_shm.c, through libc and the ipc-ns server) run in one boot.
Under -icount shift=0 QEMU retires one instruction per virtual
nanosecond, so the counts repeat exactly from run to run
(docs/performance.md). The run fails if the guest does not finish cleanly
(a panic, a hang, a FAIL line, a non-zero status), if a row of the
kernel's table is missing, or if bench_shm printed none; no figure is
ever judged. --output also writes the tables to FILE (ci/test prints it).
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
import guest  # noqa: E402
import qemu  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The programs, in order (init's status is the last one's).
PROGRAMS = ["bench", "bench_shm"]

# The rows tests/bench/bench.c prints, in its order; bench_shm's are
# whatever it prints.
ROWS = [
    "null system call",
    "call + reply round trip",
    "one-way call (to the receiver)",
    "grant-map + unmap, 1 page",
    "grant-map + unmap, 64 pages",
    "yield to another task (one switch)",
    "task create + exit + wait",
]
ROW = re.compile(r"^bench: (.+?)\s+(\d+)\s+(\d+)$")
BUILD = re.compile(r"^microkernel \S+ \((\w+)\) on ")


def parse_args():
    build = os.environ.get("BENCH_BUILD_DIR",
                           os.path.join(ROOT, "build-release"))
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--kernel", default=qemu.default_kernel(build))
    p.add_argument("--image", default=os.path.join(build, "target",
                                                   "bootimg.cpio"))
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--output", help="also write the tables to this file")
    return p.parse_args()


def table(boot):
    """The rows found, by name: (instret, cycles) per operation."""
    rows = {}
    for line in boot.lines:
        m = ROW.match(line)
        if m:
            rows[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return rows


def build_type(boot):
    for line in boot.lines:
        m = BUILD.match(line)
        if m:
            return m.group(1)
    return "?"


def format_table(rows, kind):
    """The kernel's table, then bench_shm's (the rows not the kernel's)."""
    shm = [name for name in rows if name not in ROWS]
    width = max(len(name) for name in list(rows) + ["operation"])
    lines = [f"benchmark: {kind} kernel, QEMU -icount shift=0, "
             "per operation",
             f"  {'operation':<{width}} {'instret':>10} {'cycles':>10}"]
    lines += [f"  {name:<{width}} {rows[name][0]:>10} {rows[name][1]:>10}"
              for name in ROWS if name in rows]
    if shm:
        lines.append("  bench_shm, through libc and the ipc-ns server:")
        lines += [f"  {name:<{width}} {rows[name][0]:>10} "
                  f"{rows[name][1]:>10}" for name in shm]
    return "\n".join(lines) + "\n"


def main():
    a = parse_args()
    qemu.require_qemu()
    boot = guest.Boot(a.kernel, initrd=a.image,
                      append=" ".join(f"run={p}" for p in PROGRAMS),
                      timeout=a.timeout, prompt="init# ",
                      icount=True).run()
    errors = guest.judge(boot, expect_status=0)
    rows = table(boot)
    errors += [f"no row '{name}'" for name in ROWS if name not in rows]
    if not [name for name in rows if name not in ROWS]:
        errors.append("no row from bench_shm")
    if errors:
        print(boot.transcript())
        print(f"bench: FAILED: {'; '.join(errors)}")
        return 1
    text = format_table(rows, build_type(boot))
    print(text, end="")
    if a.output:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
