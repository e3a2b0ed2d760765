"""The QEMU command line for the guest, shared by ci/run, ci/debug and tests.

Kept in one place so that what a developer boots is what CI boots.
"""
import os
import shutil
import sys

QEMU = "qemu-system-riscv64"


def qemu_command(kernel, append="", smp=1, memory="128M", cpu=None,
                 initrd=None, icount=False, gdb=False, console=None, extra=()):
    """Return the argument list that boots `kernel` on the virt board.

    The console is QEMU's stdio, or the file `console` when given.
    """
    if console:
        display = ["-display", "none", "-monitor", "none",
                   "-serial", "file:" + console]
    else:
        display = ["-nographic"]
    cmd = [QEMU, "-machine", "virt"] + display + ["-bios", "default",
           "-m", memory, "-smp", str(smp), "-kernel", kernel,
           "-no-reboot"]
    if cpu:
        cmd += ["-cpu", cpu]
    if append:
        cmd += ["-append", append]
    if initrd:
        cmd += ["-initrd", initrd]
    if icount:
        cmd += ["-icount", "shift=0"]
    if gdb:
        cmd += ["-s", "-S"]
    return cmd + list(extra)


def require_qemu():
    if shutil.which(QEMU) is None:
        sys.exit(f"{QEMU} not found: install Debian's qemu-system-misc")


def default_kernel(build_dir):
    return os.path.join(build_dir, "target", "kernel", "kernel.elf")
