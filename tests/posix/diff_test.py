#!/usr/bin/env python3
"""Run one differential program on Linux and in the guest; compare.

    diff_test.py --name NAME --linux BIN --kernel K --image I
                 [--no-hugepages] [--guest-skip REASON]

Linux half: BIN runs twice under `unshare --ipc` (a fresh IPC namespace
each time, which needs root); it must exit 0 and print the same lines both
times, or it is no reference. Guest half: tools/boot.py boots the system
and types `unshare -i NAME` at init's shell, between two echoed markers
that delimit the program's lines in the transcript and carry its status.
The lines and the status must be equal; each difference is printed with
its line number and both versions.

The guest runs the program in a fresh namespace through the boot image's
`unshare` program; a boot image without it fails the test.

Exit status: 0 when both halves agree, 1 when they differ or either half
went wrong (as boot.py judges the guest: panic, hang), SKIP (77) when the
Linux half cannot run here (not root, namespaces refused, huge pages
configured for --no-hugepages) or the guest half is switched off with
--guest-skip (the Linux half still runs and must be sound). A skip never
counts as a pass: CTest reports it as skipped (SKIP_RETURN_CODE).
"""
import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BOOT_PY = os.path.join(ROOT, "tools", "boot.py")
SKIP = 77
LINUX_TIMEOUT = 30
# The shell's own line after a program that did not exit 0 (status.c).
SHELL_STATUS = re.compile(r"^\[(exit \d+|killed: .*)\]$")


class Skip(Exception):
    """This half cannot run here; the message says why."""


class Failure(Exception):
    """This half went wrong; the message says how."""


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--name", required=True, help="the program's name")
    p.add_argument("--linux", required=True, help="the host executable")
    p.add_argument("--kernel", required=True)
    p.add_argument("--image", required=True, help="the boot image (cpio)")
    p.add_argument("--no-hugepages", action="store_true",
                   help="the program expects Linux without huge pages")
    p.add_argument("--guest-skip", metavar="REASON",
                   help="do not run the guest half, for this reason")
    p.add_argument("--timeout", type=float, default=90,
                   help="boot.py's limit for the guest run, in seconds")
    return p.parse_args()


# ---- Linux ----

def linux_preconditions(a):
    """Raise Skip unless `unshare --ipc` can run the program here."""
    if os.geteuid() != 0:
        raise Skip(f"the Linux half needs root for `unshare --ipc` "
                   f"(euid is {os.geteuid()})")
    if shutil.which("unshare") is None:
        raise Skip("no `unshare` program (util-linux) on this host")
    probe = subprocess.run(["unshare", "--ipc", "true"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        raise Skip("`unshare --ipc true` was refused: "
                   + (probe.stderr.strip() or f"status {probe.returncode}"))
    if a.no_hugepages:
        # The program expects Linux's defaults: no huge pages, and only
        # group 0 allowed to use them without CAP_IPC_LOCK.
        for name, want in (("nr_hugepages", "0"), ("hugetlb_shm_group", "0")):
            with open(f"/proc/sys/vm/{name}", encoding="ascii") as f:
                value = f.read().strip()
            if value != want:
                raise Skip(f"the host has vm.{name} = {value}; the "
                           f"program expects {want}, Linux's default")


def linux_run(a):
    """One run in a fresh IPC namespace: (status, lines)."""
    try:
        r = subprocess.run(["unshare", "--ipc", a.linux],
                           capture_output=True, timeout=LINUX_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise Failure(f"Linux: no end after {LINUX_TIMEOUT}s")
    if r.stderr:
        raise Failure("Linux: the program wrote to stderr:\n"
                      + r.stderr.decode(errors="replace"))
    return r.returncode, r.stdout.decode(errors="replace").splitlines()


def linux_reference(a):
    """The Linux output, checked to be a usable reference."""
    status, lines = linux_run(a)
    if status != 0:
        raise Failure(f"Linux: status {status}, expected 0:\n"
                      + "\n".join(lines))
    again = linux_run(a)[1]
    if again != lines:
        report_differences("Linux run 1", lines, "Linux run 2", again)
        raise Failure("Linux: two runs printed different lines; the "
                      "program is not deterministic")
    if not lines:
        raise Failure("Linux: the program printed nothing")
    return lines


# ---- guest ----

def image_programs(path):
    """The names of the programs in a newc cpio boot image."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise Failure(f"guest: no boot image: {e}")
    names, at = set(), 0
    while data[at:at + 6] == b"070701":
        size = int(data[at + 54:at + 62], 16)
        name_len = int(data[at + 94:at + 102], 16)
        name = data[at + 110:at + 110 + name_len - 1].decode()
        if name == "TRAILER!!!":
            return names
        names.add(name)
        at += 110 + name_len
        at += -at % 4
        at += size + (-size % 4)
    raise Failure(f"{path}: not a complete newc cpio archive")


def guest_command(a):
    """The shell command that runs the program, announced."""
    programs = image_programs(a.image)
    if a.name not in programs:
        raise Failure(f"guest: {a.name} is not in the boot image {a.image}")
    if "unshare" not in programs:
        raise Failure("guest: the boot image has no `unshare` program to "
                      "give the program a fresh IPC namespace")
    print(f"guest: `unshare -i {a.name}` (a fresh IPC namespace)")
    return f"unshare -i {a.name}"


def guest_run(a):
    """Boot, run the program between markers: (status, lines)."""
    command = guest_command(a)
    mark = secrets.token_hex(4)
    begin, end = f"@@posix-begin {mark}", f"@@posix-end {mark}"
    line = f"echo {begin}; {command}; echo {end} $?"
    try:
        boot = subprocess.run(
            [sys.executable, BOOT_PY, "--interactive", "--timeout",
             str(a.timeout), "--kernel", a.kernel, "--image", a.image,
             line], capture_output=True, timeout=a.timeout + 30)
    except subprocess.TimeoutExpired:
        raise Failure(f"guest: boot.py did not end within {a.timeout + 30:.0f}s")
    out = boot.stdout.decode(errors="replace")
    lines = [l.rstrip("\r") for l in out.split("\n")]
    if boot.returncode != 0:
        raise Failure(f"guest: boot.py says the run went wrong "
                      f"(status {boot.returncode}):\n{out}")
    return extract(lines, begin, end, out)


def extract(lines, begin, end, transcript):
    """The lines between the markers and the status the end one shows.
    The typed command line (after the prompt) holds the markers too, but
    only the echoes are lines of their own."""
    try:
        first = lines.index(begin)
        last = next(i for i in range(first + 1, len(lines))
                    if lines[i].startswith(end + " "))
        status = int(lines[last][len(end) + 1:])
    except (ValueError, StopIteration):
        raise Failure(f"guest: the markers are missing:\n{transcript}")
    body = lines[first + 1:last]
    if status != 0 and body and SHELL_STATUS.match(body[-1]):
        body.pop()  # the shell's word for the status, not the program's
    return status, body


# ---- comparison ----

def report_differences(left_name, left, right_name, right):
    """Print each line that differs, numbered; return how many."""
    count = 0
    width = max(len(left_name), len(right_name))
    for i in range(max(len(left), len(right))):
        l = left[i] if i < len(left) else "(no line)"
        r = right[i] if i < len(right) else "(no line)"
        if l != r:
            count += 1
            print(f"line {i + 1}:\n  {left_name:<{width}} | {l}\n"
                  f"  {right_name:<{width}} | {r}")
    return count


def compare(linux, status, guest):
    """0 if the guest agrees with Linux, 1 (with the report) if not."""
    differing = report_differences("Linux", linux, "guest", guest)
    if status != 0:
        print(f"guest: exit status {status}, Linux 0")
    if differing == 0 and status == 0:
        print(f"agree: {len(linux)} lines, status 0")
        return 0
    print(f"DIFFER: {differing} of {max(len(linux), len(guest))} lines")
    print("---- Linux ----\n" + "\n".join(linux))
    print("---- guest ----\n" + "\n".join(guest))
    return 1


def main():
    a = parse_args()
    try:
        linux_preconditions(a)
        linux = linux_reference(a)
        print(f"Linux: {len(linux)} lines, the same in two runs")
        if a.guest_skip:
            print("\n".join(linux))
            raise Skip(f"guest half not run: {a.guest_skip}")
        status, guest = guest_run(a)
        return compare(linux, status, guest)
    except Skip as e:
        print(f"SKIPPED {a.name}: {e}")
        return SKIP
    except Failure as e:
        print(f"FAILED {a.name}: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
