#!/usr/bin/env python3
"""Shell tests: boot to init's shell, type at its prompt, check the console.

    shell_test.py --kernel K --image I [--case NAME ...]

Each case boots once with the boot image, types its lines at the `init# `
prompt (or gives init run= words) and checks the transcript and QEMU's
exit status, like boot_test.py. `PASS` lines give the wall time from
QEMU's start to the first prompt.
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import qemu  # noqa: E402

from guest import Boot, Keys, judge, symbolize  # noqa: E402

PROMPT = "init# "
IMAGE = None


def check(boot, expect_status=0, expect=()):
    return judge(boot, expect_status, expect)


def case_run_words_run_in_order_as_shell_commands(kernel):
    """%XX escapes, a background word, a builtin, a bad word reported and
    skipped; the last command's status is the power-off status."""
    boot = Boot(kernel, initrd=IMAGE, prompt=PROMPT, append=(
        "run=args,a%20b%2Cc,%26 run=spin,0.1,& run=wait run=echo,%zz "
        "run=args,x")).run()
    errors = check(boot, expect_status=1, expect=[
        r"^init# args 'a b,c' '&'$", r"^\[a b,c\]$", r"^\[&\]$",
        r"^\[exit 2\]$", r"^init# spin 0\.1 &$", r"^\[1\] \d+ spin 0\.1$",
        r"^\[1\] \d+ spin 0\.1: done$",
        r"^init: bad boot argument 'run=echo,%zz': ",
        r"^init# args x$", r"^\[x\]$"])
    if boot.prompt_time is None:
        errors.append("no prompt shown for the run= commands")
    return boot, errors


def shell(kernel, inputs):
    """Boot to init's shell and type inputs at its prompt."""
    return Boot(kernel, initrd=IMAGE, prompt=PROMPT, inputs=inputs).run()


def after(boot, line):
    """The transcript after the first line equal to `line`, or ''."""
    lines = boot.lines
    return "\n".join(lines[lines.index(line) + 1:]) if line in lines else ""


def case_lists_commands_and_programs(kernel):
    boot = shell(kernel, ["help", "ls", "poweroff 0"])
    return boot, check(boot, expect=[
        r"^init: shell on the console", r"^commands:$",
        r"^  ps +list the tasks$", r"^  poweroff \[STATUS\] ",
        r"^test_libc +\d+$", r"^spin +\d+$", r"^init +\d+$"])


def case_runs_a_program_with_arguments_and_shows_its_status(kernel):
    """Quoting makes words; a non-zero exit is shown and is $?; poweroff
    without a status powers off with $?."""
    boot = shell(kernel, ["args one \"two words\" 'x;y' \"\"",
                          "echo status $?", "args 1 2; poweroff"])
    return boot, check(boot, expect_status=2, expect=[
        r"^init# args one \"two words\" 'x;y' \"\"$", r"^args: 4$",
        r"^\[one\]$", r"^\[two words\]$", r"^\[x;y\]$", r"^\[\]$",
        r"^\[exit 4\]$", r"^status 4$", r"^\[exit 2\]$"])


def case_waits_for_background_jobs(kernel):
    """Jobs started with & run while the shell takes commands; each end
    is reported at the next prompt, and wait returns after the last. The
    spin job lasts 2 s so that it is still running when `wait` is typed,
    however slowly a loaded host types."""
    boot = shell(kernel, ["spin 2 7 &", "args &", "echo meanwhile",
                          "wait", "echo after", "poweroff 0"])
    errors = check(boot, expect=[
        r"^\[1\] \d+ spin 2 7$", r"^\[2\] \d+ args$", r"^meanwhile$",
        r"^\[2\] \d+ args: done$"])
    if not re.search(r"^\[1\] \d+ spin 2 7: exit 7$(?s:.*)^after$",
                     after(boot, "init# wait"), re.M):
        errors.append("wait returned before the spin job's report")
    return boot, errors


def case_ctrl_c_kills_the_foreground_program(kernel):
    boot = shell(kernel, ["spin", Keys("\x03", after="spinning until"),
                          "echo status $?", "poweroff 0"])
    return boot, check(boot, expect=[
        r"^\^C$", r"^\[killed: signal 2 \(interrupt\)\]$",
        r"^status 130$"])


def job_id(raw):
    """The task id of the first background job in the output."""
    m = re.search(r"^\[1\] (\d+) spin", raw, re.M)
    return m.group(1) if m else "no-job-id"


def case_ps_shows_a_job_and_kill_ends_it(kernel):
    boot = shell(kernel, ["spin &", "ps",
                          lambda raw: "kill " + job_id(raw), "wait",
                          "ps", "kill 1", "kill 999", "poweroff 0"])
    task = job_id(boot.raw)
    errors = check(boot, expect=[
        r"^ +ID +PARENT +STATE +THR +PAGES +NAME$",
        rf"^ +{task} +1 +run +1 +\d+ spin$",
        rf"^\[1\] {task} spin: killed: signal 15 \(terminated\)$",
        r"^kill: 1: not a child of the shell$",
        r"^kill: 999: no such task or job$"])
    if re.search(r" spin$", after(boot, "init# wait"), re.M):
        errors.append("spin still listed by ps after kill and wait")
    return boot, errors


def case_reports_unknown_names_and_bad_lines(kernel):
    """One line each; nothing of a line that does not parse runs."""
    boot = shell(kernel, ["no-such-cmd a b", "echo $?",
                          "echo 'open; echo ran", "echo a | args",
                          "; echo ran", "poweroff"])
    errors = check(boot, expect_status=2, expect=[
        r"^sh: no-such-cmd: command not found$", r"^127$",
        r"^sh: unterminated quote$",
        r"^sh: pipes, redirections and subshells are not supported$",
        r"^sh: syntax error: no command before ';' or '&'$"])
    if "ran" in boot.lines:
        errors.append("a command of a bad line ran")
    return boot, errors


def case_line_editing(kernel):
    """Backspace (DEL and ^H), ^U, ^W and an arrow key's escape sequence
    edit the line; ^C drops it."""
    boot = shell(kernel, ["ecxx\x7f\x08ho one", "garbage\x15echo two",
                          "echo three bad\x17four\x1b[A",
                          "echo dropped\x03echo kept", "poweroff 0"])
    errors = check(boot, expect=[r"^one$", r"^two$", r"^three four$",
                                 r"^kept$"])
    if "dropped" in boot.lines or "command not found" in boot.raw:
        errors.append("an erased or dropped part of a line ran")
    return boot, errors


def case_poweroff_with_status(kernel):
    boot = shell(kernel, ["sleep 0.05", "poweroff 300", "poweroff 42"])
    return boot, check(boot, expect_status=42, expect=[
        r"^poweroff: status must be 0 to 255$"])


SHM_ROW = r"^0x[0-9a-f]{8} %d +root +%s +%d +%d +%s"


def section(boot, command):
    """The output of the first `init# command` line, up to the next prompt."""
    text = after(boot, PROMPT + command)
    return text.split(PROMPT)[0]


def case_ipc_tools_make_list_and_remove_segments(kernel):
    """ipcmk makes segments with a mode and a size (with a suffix), ipcs
    lists them and one in detail, ipcrm removes by id and all at once, and
    a bad id is a one-line error with status 1."""
    boot = shell(kernel, [
        "ipcmk -M 4096 -p 0640", "ipcmk -M 1K", "ipcmk -M 10", "ipcs -m",
        "ipcs -m -i 0", "ipcrm -m 1", "ipcs -m", "ipcrm -m 5",
        "ipcrm -a", "ipcs -m", "poweroff 0"])
    errors = check(boot, expect=[
        r"^Shared memory id: 0$", r"^Shared memory id: 1$",
        r"^------ Shared Memory Segments --------$",
        r"^key +shmid +owner +perms +bytes +nattch +status",
        SHM_ROW % (0, "640", 4096, 0, ""), SHM_ROW % (1, "644", 1024, 0, ""),
        r"^Shared memory Segment shmid=0$",
        r"^uid=0	gid=0	cuid=0	cgid=0$", r"^mode=0640	access_perms=0640$",
        r"^bytes=4096	lpid=0	cpid=\d+	nattch=0$", r"^att_time=Not set",
        r"^change_time=\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d 20\d\d",
        r"^ipcrm: invalid id \(5\)$", r"^\[exit 1\]$"])
    listed = [section(boot, "ipcs -m")]
    rest = after(boot, PROMPT + "ipcrm -m 1")
    second = rest.split(PROMPT + "ipcs -m")[1].split(PROMPT)[0] if \
        PROMPT + "ipcs -m" in rest else ""
    last = boot.transcript().split(PROMPT + "ipcrm -a")[-1]
    if not re.search(r"^0x[0-9a-f]{8} 2 ", listed[0], re.M):
        errors.append("ipcs -m does not list segment 2")
    if re.search(r"^0x[0-9a-f]{8} 1 ", second, re.M) or \
            not re.search(r"^0x[0-9a-f]{8} 0 ", second, re.M):
        errors.append("after ipcrm -m 1: " + second.strip())
    if re.search(r"^0x", last, re.M):
        errors.append("segments left after ipcrm -a")
    return boot, errors


def case_ipcs_shows_limits_and_usage(kernel):
    """ipcs -l gives Linux's defaults of a new namespace; ipcs -u counts
    segments and pages."""
    boot = shell(kernel, ["ipcs -l", "ipcmk -M 5000", "ipcs -u",
                          "poweroff 0"])
    return boot, check(boot, expect=[
        r"^------ Shared Memory Limits --------$",
        r"^max number of segments = 4096$",
        r"^max seg size \(kbytes\) = 18014398509465599$",
        r"^max total shared memory \(kbytes\) = 73786976294771097596$",
        r"^min seg size \(bytes\) = 1$",
        r"^------ Shared Memory Status --------$",
        r"^segments allocated 1$", r"^pages allocated 2$",
        r"^pages swapped   0$"])


def case_unshare_runs_a_command_in_a_new_ipc_namespace(kernel):
    """unshare -i: the command sees an empty namespace of its own, lsns
    shows it beside the first one, and the command's status comes back."""
    boot = shell(kernel, ["ipcmk -M 4096", "unshare -i ipcs -m",
                          "unshare -i lsns", "lsns -t ipc",
                          "unshare -i args a", "unshare -i nosuch",
                          "poweroff 0"])
    errors = check(boot, expect=[
        r"^ +NS TYPE NPROCS +PID USER +COMMAND$",
        r"^4026531839 ipc +\d+ +1 root +init$",
        r"^40265318[4-9]\d ipc +1 +\d+ root +lsns$", r"^\[exit 1\]$",
        r"^unshare: failed to execute nosuch: No such file or directory$",
        r"^\[exit 127\]$"])
    if re.search(r"^0x", section(boot, "unshare -i ipcs -m"), re.M):
        errors.append("the new namespace shows the first one's segment")
    if len(re.findall(r"^\d+ ipc ", section(boot, "lsns -t ipc"),
                      re.M)) != 1:
        errors.append("the commands' namespaces outlived them")
    return boot, errors


CASES = {name[len("case_"):]: fn for name, fn in globals().items()
         if name.startswith("case_")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--image", required=True)
    parser.add_argument("--case", action="append", choices=sorted(CASES))
    args = parser.parse_args()
    global IMAGE
    IMAGE = args.image
    qemu.require_qemu()
    failed = 0
    for name in args.case or sorted(CASES):
        boot, errors = CASES[name](args.kernel)
        timing = (f" (first prompt at {boot.prompt_time:.3f}s)"
                  if boot.prompt_time is not None else "")
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
