#!/usr/bin/env python3
"""libc checks that need the console transcript or a build of their own.

    libc_test.py --case stdio_reaches_the_console --kernel K --image I
    libc_test.py --case extra_programs_are_built_and_run --source DIR
                 --build DIR [--werror ON|OFF]

stdio_reaches_the_console boots test_libc_stdio_heap and looks for the
lines its stdio tests write (the program itself can only check what the
calls return). extra_programs_are_built_and_run configures a build of its
own with -DEXTRA_PROGRAMS=tests/extra, builds the guest half only, boots
hello_extra with arguments and looks for its output.
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import qemu  # noqa: E402

from guest import Boot, judge  # noqa: E402


def case_stdio_reaches_the_console(a):
    boot = Boot(a.kernel, append="run=test_libc_stdio_heap",
                initrd=a.image).run()
    # stderr's text lands after stdout's pending text, on the same line.
    return boot, judge(boot, expect_status=0, summaries=1, expect=[
        r"^stdio-check: out 1 err two fputs 3 4$",
        r"^stdio-check: puts$",
        r"^stdio-long: (0123456789){60} end$"])


def run(cmd):
    """Run a build command; its output is shown only if it fails."""
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stdout + p.stderr)
        sys.exit(f"libc_test: failed ({p.returncode}): {' '.join(cmd)}")


def case_extra_programs_are_built_and_run(a):
    start = time.monotonic()
    extra = os.path.join(a.source, "tests", "extra")
    run(["cmake", "-S", a.source, "-B", a.build, "-G", "Ninja",
         f"-DEXTRA_PROGRAMS={extra}", f"-DWERROR={a.werror}"])
    run(["cmake", "--build", a.build, "--target", "guest", "-j2"])
    print(f"libc_test: configured and built in "
          f"{time.monotonic() - start:.1f}s")
    target = os.path.join(a.build, "target")
    boot = Boot(os.path.join(target, "kernel", "kernel.elf"),
                append="run=hello_extra,one,two",
                initrd=os.path.join(target, "bootimg.cpio")).run()
    return boot, judge(boot, expect_status=0, expect=[
        r"^hello_extra: hello from outside the tree$",
        r"^hello_extra: argv\[1\] = one$",
        r"^hello_extra: argv\[2\] = two$"])


CASES = {
    "stdio_reaches_the_console": case_stdio_reaches_the_console,
    "extra_programs_are_built_and_run":
        case_extra_programs_are_built_and_run,
}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--case", required=True, choices=sorted(CASES))
    p.add_argument("--kernel")
    p.add_argument("--image")
    p.add_argument("--source")
    p.add_argument("--build")
    p.add_argument("--werror", default="OFF")
    a = p.parse_args()
    qemu.require_qemu()
    boot, errors = CASES[a.case](a)
    if errors:
        print(boot.transcript())
        print(f"{a.case}: FAILED: {'; '.join(errors)}")
        return 1
    print(f"{a.case}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
