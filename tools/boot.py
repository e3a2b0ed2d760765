#!/usr/bin/env python3
"""Boot the system, run shell commands in init, print the console, judge it.

    boot.py [--kernel K] [--image I] [--timeout S] [--append ARGS]
            [--icount] [--quiet] [--interactive] [--file F] [CMD...]

Each CMD is a line for init's shell ('test_libc', 'args "a b" c',
'spin 1 &'); --file F adds F's lines after them (blank lines and lines
starting with # are skipped). By default the commands go in the boot
arguments as run= words, which init runs in order before it powers off with
the last one's status. With --interactive they are typed at the shell's
prompt instead, one per prompt, followed by `poweroff` (which powers off
with the last status) unless the last command is poweroff or exit.

run= words hold whole words only: quotes are resolved here, and ';' and a
trailing '&' are understood, but $? is not expanded and everything must
fit the kernel's 255 bytes of boot arguments; --interactive has neither
limit.

The exit status is the guest's, unless the run went wrong: a kernel panic,
a hang (timeout), a FAIL line, or a test program (a command starting with
"test_") without its "N passed, N failed" summary make it 1.
"""
import argparse
import os
import shlex
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import guest  # noqa: E402
import qemu  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROMPT = "init# "
BOOTARGS_MAX = 255  # FDT_BOOTARGS_MAX in kernel/fdt.h, without the NUL
# Bytes a run= word carries as they are; init decodes %XX for the rest.
PLAIN = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                  b"0123456789-_.=/:+@^~!*[]{}")


class CommandError(Exception):
    """A command that cannot be passed as run= words."""


def encode_arg(arg):
    """One argument of a run= word: %XX for every byte not in PLAIN."""
    return "".join(chr(b) if b in PLAIN else "%%%02X" % b
                   for b in arg.encode())


def split_commands(line):
    """The commands of one shell line: (words, background) pairs."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|<>()")
    lexer.whitespace_split = True
    commands, words = [], []
    for token in lexer:
        if token in (";", "&"):
            if not words:
                raise CommandError(f"no command before {token!r}")
            commands.append((words, token == "&"))
            words = []
        elif token and set(token) <= set(";&|<>()"):
            raise CommandError(f"{token!r} is not supported")
        else:
            words.append(token)
    if words:
        commands.append((words, False))
    return commands


def run_word(words, background):
    """One command as a run= word; a last argument & (not %26) puts it in
    the background."""
    return "run=" + ",".join([encode_arg(w) for w in words] +
                             (["&"] if background else []))


def run_words(lines):
    """The run= words for a list of shell lines."""
    try:
        return " ".join(run_word(*command) for line in lines
                        for command in split_commands(line))
    except ValueError as e:  # shlex: an unterminated quote
        raise CommandError(str(e)) from e


def read_commands(args):
    """The commands from the arguments, then from --file."""
    commands = list(args.commands)
    if args.file:
        with open(args.file, encoding="utf-8") as f:
            commands += [line.rstrip("\n") for line in f
                         if line.strip() and
                         not line.lstrip().startswith("#")]
    return commands


def typed_inputs(commands):
    """What to type for --interactive: the commands, then poweroff."""
    last = commands[-1].split() if commands else []
    if not last or last[0] not in ("poweroff", "exit"):
        commands = commands + ["poweroff"]
    return commands


def count_tests(commands):
    """How many commands run a test program (and must print a summary)."""
    count = 0
    for line in commands:
        try:
            names = [words[0] for words, _ in split_commands(line)]
        except (ValueError, CommandError):  # the shell will say why
            names = line.split()[:1]
        count += sum(1 for n in names if n.startswith("test_"))
    return count


def parse_args():
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
    p.add_argument("--interactive", action="store_true",
                   help="type the commands at the shell's prompt")
    p.add_argument("--file", help="a file of commands, one a line")
    p.add_argument("commands", nargs="*")
    return p.parse_args()


def boot_inputs(a, commands):
    """The boot arguments and the typed inputs for the run."""
    if a.interactive:
        return a.append, typed_inputs(commands)
    append = " ".join(x for x in (a.append, run_words(commands)) if x)
    if len(append.encode()) > BOOTARGS_MAX:
        raise CommandError(
            f"the boot arguments would be {len(append.encode())} bytes, "
            f"more than the kernel's {BOOTARGS_MAX}; use --interactive")
    return append, []


def report(a, boot, errors, took):
    """Print the verdict; return the exit status."""
    times = "".join(f", {what} at {t:.3f}s" for what, t in
                    (("banner", boot.banner_time),
                     ("first prompt", boot.prompt_time)) if t is not None)
    if errors:
        if a.quiet:
            print(boot.transcript())
        sym = guest.symbolize(a.kernel, boot.transcript())
        if sym:
            print("backtrace:\n" + sym, end="")
        print(f"boot: FAILED ({'; '.join(errors)}) after {took:.2f}s{times}")
        return boot.status if boot.status not in (None, 0) else 1
    print(f"boot: ok, status {boot.status}, {took:.2f}s{times}")
    return boot.status


def main():
    a = parse_args()
    commands = read_commands(a)
    try:
        append, inputs = boot_inputs(a, commands)
        tests = count_tests(commands)
    except CommandError as e:
        sys.exit(f"boot: bad command: {e}")
    qemu.require_qemu()

    start = time.monotonic()
    boot = guest.Boot(a.kernel, append=append, inputs=inputs,
                      timeout=a.timeout, prompt=PROMPT, initrd=a.image,
                      icount=a.icount, echo=not a.quiet).run()
    errors = guest.judge(boot, expect_status=None, summaries=tests)
    return report(a, boot, errors, time.monotonic() - start)


if __name__ == "__main__":
    sys.exit(main())
