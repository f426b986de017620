#!/usr/bin/env python3
"""Concatenate Remote ID captures (pcap and pcapng) into one pcapng of at least a target size, for the
remoteid-check.sh benchmark. pcapng files are copied section by section as they are (a pcapng file may hold
several sections, each starting with its own Section Header Block); classic pcap files become one section each
(SHB, one Interface Description Block with the file's link type and time resolution, one Enhanced Packet Block per
record). Layouts: IETF draft-ietf-opsawg-pcap and draft-ietf-opsawg-pcapng. The inputs are only read.

usage: remoteid-concat.py OUT.pcapng TARGET_MB INPUT [INPUT ...]
"""
import struct
import sys


def block(block_type, body):
    pad = (-len(body)) % 4
    length = 12 + len(body) + pad
    return struct.pack("<II", block_type, length) + body + b"\0" * pad + struct.pack("<I", length)


def pcap_to_pcapng(data):
    magic_le = struct.unpack_from("<I", data)[0]
    if magic_le in (0xA1B2C3D4, 0xA1B23C4D):
        e = "<"
        magic = magic_le
    else:
        e = ">"
        magic = struct.unpack_from(">I", data)[0]
    nanoseconds = magic == 0xA1B23C4D
    snaplen, linktype = struct.unpack_from(e + "II", data, 16)
    out = [block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))]
    # if_tsresol (option 9): 6 for microseconds, 9 for nanoseconds; end of options.
    options = struct.pack("<HHB3x", 9, 1, 9 if nanoseconds else 6) + struct.pack("<HH", 0, 0)
    out.append(block(1, struct.pack("<HHI", linktype & 0xFFFF, 0, snaplen) + options))
    p = 24
    scale = 1_000_000_000 if nanoseconds else 1_000_000
    while p + 16 <= len(data):
        sec, frac, incl, orig = struct.unpack_from(e + "IIII", data, p)
        packet = data[p + 16:p + 16 + incl]
        if len(packet) < incl:
            break
        units = sec * scale + frac
        out.append(block(6, struct.pack("<IIIII", 0, units >> 32, units & 0xFFFFFFFF, incl, orig) + packet))
        p += 16 + incl
    return b"".join(out)


def main():
    out_path, target_mb, inputs = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    sections = []
    for path in inputs:
        with open(path, "rb") as f:
            data = f.read()
        sections.append(data if data[:4] == b"\x0a\x0d\x0d\x0a" else pcap_to_pcapng(data))
    one_round = b"".join(sections)
    target = int(target_mb * 1024 * 1024)
    written = 0
    rounds = 0
    with open(out_path, "xb") as out:  # never replaces an existing file
        while written < target:
            out.write(one_round)
            written += len(one_round)
            rounds += 1
    print(f"{out_path}: {written} bytes, {rounds} rounds of {len(inputs)} captures", file=sys.stderr)


if __name__ == "__main__":
    main()
