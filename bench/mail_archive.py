"""Mail-archive reading benchmark: `read_mail` over a large generated mbox.

    python bench/mail_archive.py                        # 200,000 mails, about 1 GB
    python bench/mail_archive.py --messages 50000       # quicker, about 250 MB
    python bench/mail_archive.py --out /tmp/big.mbox --keep   # keep the file (reused when there)
    python bench/mail_archive.py --bodies               # also one read with keep_bodies=True

The file is what Gmail's Takeout writes, scaled up: a "From <id>@xxx <date>" separator,
the headers a delivered mail carries (Received hops, ARC and DKIM signatures,
Authentication-Results, X-GM-THRID, X-Gmail-Labels), multipart/alternative bodies of a
few KB (plain text and HTML), a base64 attachment on about one mail in 50, threads of
replies with In-Reply-To and References, mailing lists, notifications from no-reply
senders, encoded-word subjects and body lines starting "From " (quoted ">From ").

Each read runs in a fresh Python process that reports its wall and CPU time and peak
resident memory (VmHWM; the interpreter alone is about 10 MB). The baseline, run in
the same way and interleaved run by run, is `for line in file: pass` over the same file
in binary: what the plainest Python reader of the file costs. Figures are medians over
--repeat runs; one more run under tracemalloc gives the peak of Python's allocations.
The file is read from the page cache (it was just written). Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import base64
import email.utils
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
TARGET_SECONDS_PER_GB = 60.0
TARGET_PEAK_MB = 300.0

_BASELINE = """
import json, sys, time
from pathlib import Path
start, cpu = time.perf_counter(), time.process_time()
lines = 0
with open(sys.argv[2], "rb") as file:
    for line in file:
        lines += 1
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = int(Path("/proc/self/status").read_text().split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak, "count": lines}))
"""

_READER = """
import collections, json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
tracing, bodies = sys.argv[3] == "trace", sys.argv[3] == "bodies"
if tracing:
    import tracemalloc
    tracemalloc.start()
from relate.history.mail_archive import read_mail
skips = collections.Counter()
told = []
start, cpu = time.perf_counter(), time.process_time()
kept = 0
for exchange in read_mail(
    Path(sys.argv[2]), keep_bodies=bodies, progress=lambda done, total: told.append(done)
):
    skips[exchange.skip] += 1
    kept += bool(exchange.body)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = int(Path("/proc/self/status").read_text().split("VmHWM:")[1].split()[0]) / 1024
result = {"seconds": seconds, "cpu": cpu, "peak_mb": peak, "count": sum(skips.values()),
          "skips": dict(skips), "progress_calls": len(told), "bodies": kept}
if tracing:
    result["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
print(json.dumps(result))
"""

_FIRST = ("Ana", "José", "Иван", "Yuki", "Chloé", "Søren", "Mei", "Omar", "Zoë", "Luis", "Priya")
_LAST = ("Müller", "Ivanova", "Tanaka", "García", "O'Brien", "Nguyen", "Okafor", "Lee", "Rossi")
_DOMAINS = ("example.com", "example.org", "hartwell.example", "mail.example.net", "uni.example")
_WORDS = (
    "thanks for the introduction yesterday I think the project fits what we discussed "
    "about the quarterly plan could we meet next week to go through the numbers and "
    "the contract draft also the café near the office works well for me let me know"
).split()
_LISTS = ("python-dev.python.org", "announce.example.org", "team-updates.hartwell.example")
_NOTIFIERS = ("noreply@github.com", "no-reply@accounts.example.com", "notifications@app.example")


def _people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    people = []
    for n in range(count):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        address = f"{first[0].lower()}.{n}@{rng.choice(_DOMAINS)}"
        people.append((f"{first} {last}", address))
    return people


def _paragraphs(rng: random.Random, size: int) -> str:
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(_WORDS)
        words.append(word + ("\n" if rng.random() < 0.08 else " "))
        length += len(words[-1])
    return "".join(words)


def _received(rng: random.Random, when: str, me: str) -> str:
    return (
        f"Received: from mail-{rng.randrange(999)}.example.net (mail-{rng.randrange(999)}"
        f".example.net. [209.85.{rng.randrange(255)}.{rng.randrange(255)}])\r\n"
        f"        by mx.google.com with SMTPS id {rng.randbytes(12).hex()}\r\n"
        f"        for <{me}>; {when}\r\n"
    )


def _signature(name: str, rng: random.Random) -> str:
    value = base64.b64encode(rng.randbytes(256)).decode()
    folded = "\r\n        ".join(value[i : i + 70] for i in range(0, len(value), 70))
    return (
        f"{name}: i=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=20230601;\r\n"
        f"        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject;\r\n"
        f"        bh={base64.b64encode(rng.randbytes(32)).decode()};\r\n        b={folded}\r\n"
    )


class MboxWriter:
    """Writes mails one at a time; the same seed and count give the same file."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.people = _people(self.rng, 3000)
        self.threads: list[tuple[str, str, str]] = []  # (root id, subject, last id)
        self.moment = 1_600_000_000.0
        blob = base64.encodebytes(self.rng.randbytes(600_000)).decode().replace("\n", "\r\n")
        self.blob = blob  # attachments are slices of it

    def mail(self, number: int) -> bytes:
        rng = self.rng
        self.moment += rng.uniform(30, 600)
        date = email.utils.formatdate(self.moment, localtime=False)
        name, address = rng.choice(self.people)
        sender = f'"{name}" <{address}>'
        to = ", ".join(f"{n} <{a}>" for n, a in rng.sample(self.people, rng.choice((1, 1, 2, 4))))
        message_id = f"<{rng.randbytes(10).hex()}.{number}@{address.split('@')[1]}>"
        extra = ""
        kind = rng.random()
        if kind < 0.35 and self.threads:
            root, subject, last = rng.choice(self.threads[-200:])
            subject = "Re: " + subject
            extra += f"In-Reply-To: {last}\r\nReferences: {root} {last}\r\n"
            self.threads.append((root, subject[4:], message_id))
        else:
            subject = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(3, 9)))
            if rng.random() < 0.1:
                encoded = base64.b64encode(f"Réunion – {subject}".encode()).decode()
                subject = f"=?UTF-8?B?{encoded}?="
            self.threads.append((message_id, subject, message_id))
        if 0.35 <= kind < 0.45:
            listed = rng.choice(_LISTS)
            extra += (
                f"List-Id: <{listed}>\r\nList-Unsubscribe: <mailto:leave@{listed}>\r\n"
                "Precedence: list\r\n"
            )
        elif 0.45 <= kind < 0.50:
            sender = f"Service <{rng.choice(_NOTIFIERS)}>"
            extra += "Auto-Submitted: auto-generated\r\n"
        return takeout_mail(
            rng, self.blob, moment=self.moment, sender=sender, to=to, date=date,
            message_id=message_id, subject=subject, extra=extra,
        )  # fmt: skip


def takeout_mail(
    rng: random.Random,
    blob: str,
    *,
    moment: float,
    sender: str,
    to: str,
    date: str,
    message_id: str,
    subject: str,
    extra: str = "",
    me: str = "me@example.org",
) -> bytes:
    """One mail as Takeout writes it, after its separator line: delivery headers,
    `extra` headers (threading, lists), a multipart body of a few KB and, about one
    time in 50, an attachment sliced from `blob`."""
    headers = (
        f"X-GM-THRID: {rng.randrange(10**18)}\r\n"
        "X-Gmail-Labels: Inbox,Important,Opened,Category Personal\r\n"
        f"Delivered-To: {me}\r\n"
        + "".join(_received(rng, date, me) for _ in range(3))
        + _signature("ARC-Seal", rng)
        + _signature("DKIM-Signature", rng)
        + "Authentication-Results: mx.google.com;\r\n       dkim=pass header.i=@example.com;"
        "\r\n       spf=pass smtp.mailfrom=example.com; dmarc=pass (p=NONE) header.from="
        "example.com\r\n"
        f"MIME-Version: 1.0\r\nFrom: {sender}\r\nTo: {to}\r\nDate: {date}\r\n"
        f"Message-ID: {message_id}\r\nSubject: {subject}\r\n{extra}"
        'Content-Type: multipart/mixed; boundary="000outer"\r\n\r\n'
    )
    text = _paragraphs(rng, rng.randrange(200, 1000)).replace("\n", "\r\n")
    if rng.random() < 0.05:
        text += "\r\n\r\n>From the notes of our last meeting:\r\n" + text[:200]
    html = "<div dir=3D\"ltr\">" + text.replace("\r\n", "<br>\r\n") + "</div>"
    body = (
        '--000outer\r\nContent-Type: multipart/alternative; boundary="000inner"\r\n\r\n'
        f'--000inner\r\nContent-Type: text/plain; charset="UTF-8"\r\n\r\n{text}\r\n'
        '--000inner\r\nContent-Type: text/html; charset="UTF-8"\r\n'
        f"Content-Transfer-Encoding: quoted-printable\r\n\r\n{html}\r\n--000inner--\r\n"
    )
    if rng.random() < 1 / 50:
        start = rng.randrange(0, len(blob) // 2)
        size = rng.randrange(10_000, 120_000)
        body += (
            '--000outer\r\nContent-Type: application/pdf; name="report.pdf"\r\n'
            'Content-Disposition: attachment; filename="report.pdf"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n"
            + blob[start : start + size].rstrip("\r\n ")
            + "\r\n"
        )
    body += "--000outer--\r\n"
    stamp = time.strftime("%a %b %d %H:%M:%S +0000 %Y", time.gmtime(moment))
    separator = f"From {rng.randrange(10**18)}@xxx {stamp}\n"
    # Takeout writes CRLF inside mails and LF after separators.
    return (separator + headers + body + "\r\n").encode("utf-8")


def write_mbox(path: Path, messages: int, seed: int = 42) -> int:
    """Writes an mbox of `messages` mails at `path`; its size in bytes."""
    writer = MboxWriter(seed)
    with path.open("wb", buffering=4 * MB) as file:
        for number in range(messages):
            file.write(writer.mail(number))
            if number % 20_000 == 0:
                print(f"  written {number:,} mails", file=sys.stderr)
    return path.stat().st_size


def _child(code: str, path: Path, mode: str = "-") -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(path), mode],
        capture_output=True,
        text=True,
        check=True,
    )
    parsed: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return parsed


def _median(runs: list[dict[str, object]], key: str) -> float:
    return statistics.median(float(run[key]) for run in runs)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, help="write the mbox here (reused if it exists)")
    parser.add_argument("--keep", action="store_true", help="keep the file given with --out")
    parser.add_argument("--bodies", action="store_true", help="also time keep_bodies=True, once")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        path = args.out or Path(temporary) / "All mail Including Spam and Trash.mbox"
        if not path.exists():
            print(f"writing {args.messages:,} mails to {path}", file=sys.stderr)
            started = time.perf_counter()
            write_mbox(path, args.messages, args.seed)
            print(f"  written in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        try:
            figures = _measure(path, args.repeat)
            if args.bodies:
                print("one read keeping bodies", file=sys.stderr)
                kept = _child(_READER, path, "bodies")
                figures.update(bodies_seconds=kept["seconds"], bodies_cpu=kept["cpu"])
                figures.update(bodies_peak_mb=kept["peak_mb"], bodies_kept=kept["bodies"])
        finally:
            if args.out and not args.keep:
                path.unlink()
    _report(figures, args)
    return 0


def _measure(path: Path, repeat: int) -> dict[str, object]:
    size = path.stat().st_size
    baseline: list[dict[str, object]] = []
    reads: list[dict[str, object]] = []
    load_before = os.getloadavg()[0]
    for run in range(repeat):
        print(f"run {run + 1}/{repeat}", file=sys.stderr)
        baseline.append(_child(_BASELINE, path))
        reads.append(_child(_READER, path))
    print("one more read under tracemalloc", file=sys.stderr)
    traced = _child(_READER, path, "trace")
    return {
        "bytes": size,
        "mails": reads[0]["count"],
        "skips": reads[0]["skips"],
        "progress_calls": reads[0]["progress_calls"],
        "baseline_lines": baseline[0]["count"],
        "baseline_seconds": _median(baseline, "seconds"),
        "baseline_cpu": _median(baseline, "cpu"),
        "baseline_peak_mb": _median(baseline, "peak_mb"),
        "read_seconds": _median(reads, "seconds"),
        "read_cpu": _median(reads, "cpu"),
        "read_peak_mb": max(float(run["peak_mb"]) for run in reads),  # type: ignore[arg-type]
        "traced_peak_mb": traced["traced_peak_mb"],
        "load": (load_before, os.getloadavg()[0]),
    }


def _report(figures: dict[str, object], args: argparse.Namespace) -> None:
    gigabytes = float(figures["bytes"]) / (1024 * MB)  # type: ignore[arg-type]
    seconds = float(figures["read_seconds"])  # type: ignore[arg-type]
    per_gb = seconds / gigabytes
    peak = float(figures["read_peak_mb"])  # type: ignore[arg-type]
    figures["read_seconds_per_gb"] = per_gb
    figures["passed"] = per_gb < TARGET_SECONDS_PER_GB and peak < TARGET_PEAK_MB
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    base = float(figures["baseline_seconds"])  # type: ignore[arg-type]
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"{figures['mails']:,} mails, {figures['bytes']:,} bytes ({gigabytes:.2f} GB), "
        f"seed {args.seed}, {args.repeat} runs, load {figures['load'][0]:.1f} -> "  # type: ignore[index]
        f"{figures['load'][1]:.1f}"  # type: ignore[index]
    )
    rows = [
        ("for line in file (baseline)", base, figures["baseline_cpu"],
         figures["baseline_peak_mb"], "", ""),
        ("read_mail", seconds, figures["read_cpu"], peak, f"{seconds / base:.1f}x", ""),
        ("read_mail per GB", per_gb, "", "", "",
         f"< {TARGET_SECONDS_PER_GB:.0f} s: {'ok' if per_gb < TARGET_SECONDS_PER_GB else 'FAIL'}"),
        ("read_mail peak RSS", "", "", peak, "",
         f"< {TARGET_PEAK_MB:.0f} MB: {'ok' if peak < TARGET_PEAK_MB else 'FAIL'}"),
        ("read_mail traced peak", "", "", figures["traced_peak_mb"], "", "informational"),
    ]
    if "bodies_seconds" in figures:
        wall = float(figures["bodies_seconds"])  # type: ignore[arg-type]
        rows.append(
            ("read_mail, keep_bodies (1 run)", wall, figures["bodies_cpu"],
             figures["bodies_peak_mb"], f"{wall / base:.1f}x", "informational")
        )
    print(f"{'figure':32} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'ratio':>6}  target")
    for name, wall, cpu, mb, ratio, target in rows:
        print(f"{name:32} {_cell(wall)} {_cell(cpu)} {_cell(mb)} {ratio:>6}  {target}")
    print(f"skips: {figures['skips']}; progress told {figures['progress_calls']} times")


def _cell(value: object) -> str:
    return f"{value:8.2f}" if isinstance(value, float | int) else f"{value!s:>8}"


if __name__ == "__main__":
    raise SystemExit(main())
