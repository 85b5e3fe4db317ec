"""vCard reading benchmark: the hostile and the large .vcf files, read by `read_vcards`.

    python bench/vcard_read.py [--shapes qp-notes photo ...] [--repeat 3] [--baseline DIR]
    python bench/vcard_read.py --write-only --out-dir /tmp/vcards

The shapes (every file is what a real app writes, scaled up):
- `qp-notes`: 6 MB of Android vCard 2.1 cards whose notes are quoted-printable UTF-8 with
  a soft line break every 76 columns (the shape vobject's unfolding is quadratic on);
- `qp-one`: one card whose 6 MB note is a single quoted-printable value;
- `photo`: one iPhone vCard 3.0 card with a 20 MB base64 PHOTO folded at 75 columns;
- `photos-100mb`: 100 MB of iPhone cards, each with a 60 KB photo;
- `cards-100mb`: 100 MB of plain Google cards (about 300,000 people, no photos).

Each read runs in a fresh Python process, which reports its wall and CPU time (the
CPU time is the steadier figure on a shared machine) and its peak
resident memory (VmHWM; the interpreter and imports alone take about 30 MB).
`--baseline DIR` also reads each file with the checkout in DIR (e.g. made by
`git archive <commit> | tar -x -C DIR`), interleaved run by run with this one.
Figures are medians over --repeat runs; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
_FIRST = ("Ana", "José", "Иван", "Yuki", "Chloé", "Søren", "Mei", "Omar", "Zoë", "Luis")
_LAST = ("Müller", "Иванов", "Tanaka", "García", "Ó Briain", "Nguyễn", "Okafor", "Lee")
_WORDS = (
    "met at the fair in Lyon, wants café and chess; owes me a call about the Kraków "
    "project — ask about the kids' school, the new office and the après-ski trip"
).split()

# The child process: read the file, print seconds and peak memory (MB) as JSON.
_READER = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from relate.importers.vcard import read_vcards
start, cpu = time.perf_counter(), time.process_time()
rows, skipped = read_vcards(Path(sys.argv[2]))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
try:  # VmHWM starts afresh at exec; ru_maxrss keeps the forking parent's peak
    status = Path("/proc/self/status").read_text()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak, "people": len(rows)}))
"""


def _quoted_printable(text: str, width: int = 76) -> list[str]:
    """UTF-8 text as Android writes it: every non-ASCII byte as =XX, soft breaks ("=" at
    the end of a line) so that no line is longer than `width`."""
    encoded = "".join(
        chr(b) if 0x21 <= b <= 0x7E and b != 0x3D else f"={b:02X}" for b in text.encode("utf-8")
    )
    lines: list[str] = []
    start = 0
    while start < len(encoded):
        end = min(start + width - 1, len(encoded))
        # Never cut an =XX escape in two.
        cut = encoded.rfind("=", end - 2, end)
        if end < len(encoded) and cut != -1:
            end = cut
        lines.append(encoded[start:end])
        start = end
    return [line + "=" for line in lines[:-1]] + lines[-1:]


def _note(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words))


def _android_card(rng: random.Random, note_words: int) -> Iterator[str]:
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    qp = ";CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
    yield "BEGIN:VCARD"
    yield "VERSION:2.1"
    yield "N" + qp + "".join(_quoted_printable(f"{last};{first};;;"))
    yield "FN" + qp + "".join(_quoted_printable(f"{first} {last}"))
    yield f"TEL;CELL:+49 170 {rng.randrange(10**7):07d}"
    yield f"EMAIL;HOME:{rng.randrange(10**6)}@example.com"
    lines = _quoted_printable(_note(rng, note_words))
    yield "NOTE" + qp + lines[0]
    yield from lines[1:]
    yield "END:VCARD"


def _folded(name: str, value: str, width: int = 75) -> Iterator[str]:
    line = name + ":" + value
    yield line[:width]
    for start in range(width, len(line), width - 1):
        yield " " + line[start : start + width - 1]


def _iphone_card(rng: random.Random, photo_bytes: int) -> Iterator[str]:
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    yield "BEGIN:VCARD"
    yield "VERSION:3.0"
    yield "PRODID:-//Apple Inc.//iPhone OS 17.4//EN"
    yield f"N:{last};{first};;;"
    yield f"FN:{first} {last}"
    yield f"item1.TEL;type=pref:+1 (216) 555-{rng.randrange(10**4):04d}"
    yield "item1.X-ABLabel:_$!<Mobile>!$_"
    yield f"EMAIL;type=INTERNET;type=HOME;type=pref:{rng.randrange(10**6)}@example.com"
    photo = base64.b64encode(rng.randbytes(photo_bytes)).decode("ascii")
    yield from _folded("PHOTO;ENCODING=b;TYPE=JPEG", photo)
    yield "END:VCARD"


def _google_card(rng: random.Random) -> Iterator[str]:
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    yield "BEGIN:VCARD"
    yield "VERSION:3.0"
    yield f"FN:{first} {last}"
    yield f"N:{last};{first};;;"
    yield f"EMAIL;TYPE=INTERNET;TYPE=WORK:{rng.randrange(10**6)}@example.com"
    yield f"TEL;TYPE=CELL:+44 7700 {rng.randrange(10**6):06d}"
    yield "ADR;TYPE=WORK:;;1 Main St;Cleveland;OH;44114;USA"
    yield "ORG:Hartwell Partners"
    yield "TITLE:Principal"
    yield "CATEGORIES:myContacts,Friends"
    yield "END:VCARD"


def _fill(target: int, card: Callable[[], Iterator[str]]) -> bytes:
    """Cards until the file is `target` bytes or a little more."""
    chunks: list[bytes] = []
    size = 0
    while size < target:
        data = ("\r\n".join(card()) + "\r\n").encode("utf-8")
        chunks.append(data)
        size += len(data)
    return b"".join(chunks)


def make_file(shape: str, seed: int = 42) -> bytes:
    """The bytes of a file of `shape` (see the module's docstring)."""
    rng = random.Random(seed)
    if shape == "qp-notes":
        return _fill(6 * MB, lambda: _android_card(rng, 8000))
    if shape == "qp-one":
        return ("\r\n".join(_android_card(rng, 780_000)) + "\r\n").encode("utf-8")
    if shape == "photo":
        return ("\r\n".join(_iphone_card(rng, 15 * MB)) + "\r\n").encode("utf-8")
    if shape == "photos-100mb":
        return _fill(100 * MB, lambda: _iphone_card(rng, 60_000))
    if shape == "cards-100mb":
        return _fill(100 * MB, lambda: _google_card(rng))
    raise ValueError(f"unknown shape: {shape}")


SHAPES = ("qp-notes", "qp-one", "photo", "photos-100mb", "cards-100mb")


def read_once(code: Path, path: Path, timeout: float) -> dict[str, float] | None:
    """Seconds, peak MB and people read by the checkout in `code`; None past `timeout`."""
    try:
        result = subprocess.run(
            [sys.executable, "-c", _READER, str(code), str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def _median(runs: list[dict[str, float] | None], key: str) -> str:
    values = [run[key] for run in runs if run is not None]
    if len(values) < len(runs):
        return "timeout"
    return f"{statistics.median(values):.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout to read each file with")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per read")
    parser.add_argument("--out-dir", type=Path, help="keep the files here")
    parser.add_argument("--write-only", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.out_dir or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        print(
            f"{'shape':<14}{'MB':>7}  {'code':<9}{'seconds':>9}{'cpu s':>9}{'peak MB':>9}"
            f"{'people':>8}"
        )
        for shape in args.shapes:
            path = folder / f"{shape}.vcf"
            path.write_bytes(make_file(shape))
            size = path.stat().st_size / MB
            print(f"wrote {path} ({size:.1f} MB)", file=sys.stderr)
            if args.write_only:
                continue
            checkouts = {"this": ROOT, **({"baseline": args.baseline} if args.baseline else {})}
            runs: dict[str, list[dict[str, float] | None]] = {name: [] for name in checkouts}
            for attempt in range(args.repeat):
                for name, code in checkouts.items():
                    runs[name].append(read_once(code, path, args.timeout))
                    print(f"  {shape} {name} run {attempt + 1}: {runs[name][-1]}", file=sys.stderr)
            for name, found in runs.items():
                people = found[-1]["people"] if found[-1] else "-"
                print(
                    f"{shape:<14}{size:>7.1f}  {name:<9}{_median(found, 'seconds'):>9}"
                    f"{_median(found, 'cpu'):>9}{_median(found, 'peak_mb'):>9}{people:>8}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
