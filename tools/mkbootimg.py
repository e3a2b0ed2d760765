#!/usr/bin/env python3
"""Pack files into the boot image: a "newc" cpio archive for the initrd.

    mkbootimg.py -o OUT FILE...

Each file is stored under its base name as a regular file with mode 0755,
in the order given. The output depends only on the names and contents:
mtime, uid and gid are 0 and inode numbers count up from 1. The archive
ends with the "TRAILER!!!" entry and every part is padded to 4 bytes, as
newc requires (kernel/lib/cpio.c reads it).
"""
import argparse
import os
import sys

MAGIC = b"070701"
TRAILER = "TRAILER!!!"
MODE_FILE = 0o100755
FIELD_MAX = 0xFFFFFFFF  # each header field is 8 hex digits


class PackError(Exception):
    """A reason the archive cannot be made, for the user."""


def pad4(data):
    """Return `data` followed by NULs up to a multiple of 4 bytes."""
    return data + b"\0" * (-len(data) % 4)


def entry(name, data, ino, mode, nlink):
    """Return one newc entry: header, padded name, padded data.

    The header and name are padded together, since the header is 110
    bytes and the name starts right after it.
    """
    raw_name = os.fsencode(name) + b"\0"
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, 0, 0,
              len(raw_name), 0]
    header = MAGIC + b"".join(b"%08X" % f for f in fields)
    return pad4(header + raw_name) + pad4(data)


def read_inputs(paths):
    """Return (name, contents) for each path, refusing what cannot be
    stored: duplicate base names, the trailer's name, files over 4 GiB."""
    seen = {}
    inputs = []
    for path in paths:
        name = os.path.basename(os.path.normpath(path))
        if name in seen:
            raise PackError("duplicate name '%s' (from %s and %s)"
                            % (name, seen[name], path))
        if name == TRAILER:
            raise PackError("%s: '%s' would end the archive" % (path, name))
        seen[name] = path
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise PackError("%s: %s" % (path, e.strerror or e)) from None
        if len(data) > FIELD_MAX:
            raise PackError("%s: larger than 4 GiB" % path)
        inputs.append((name, data))
    return inputs


def pack(inputs):
    """Return the archive holding `inputs` ((name, contents) pairs)."""
    parts = [entry(name, data, ino, MODE_FILE, 1)
             for ino, (name, data) in enumerate(inputs, start=1)]
    parts.append(entry(TRAILER, b"", 0, 0, 1))
    return b"".join(parts)


def write_atomically(path, data):
    """Write `data` beside `path` and rename it there, so that a failed run
    never leaves a partial image that a build would take as up to date."""
    tmp = path + ".tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def main(argv=None):
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(
        description="Pack files into a newc cpio boot image.")
    parser.add_argument("-o", "--output", required=True,
                        help="archive to write")
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="files to store, under their base names")
    args = parser.parse_args(argv)
    try:
        image = pack(read_inputs(args.files))
        write_atomically(args.output, image)
    except PackError as e:
        print("mkbootimg: error: %s" % e, file=sys.stderr)
        return 1
    except OSError as e:
        print("mkbootimg: error: %s: %s" % (args.output, e.strerror or e),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
