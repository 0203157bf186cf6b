"""Record lrsnash's output on the degenerate two-player fixture games.

    python tests/make_lrsnash_fixtures.py

writes ``tests/data/lrsnash_components.json`` (see ``tests/data/README.md``).  Needs
``lrsnash`` on PATH (Debian: ``apt-get install lrslib``).
"""

from __future__ import annotations

import json
from pathlib import Path

import lrsnash_oracle as lrs

OUT = Path(__file__).resolve().parent / "data" / "lrsnash_components.json"


def main() -> None:
    version = next(l for l in lrs.run([[1]], [[1]]).splitlines() if l.startswith("*lrsnash"))
    records = []
    for A, B in lrs.degenerate_games():
        records.append({"A": A, "B": B, "lrsnash": lrs.run(A, B)})
    OUT.write_text(json.dumps({"lrsnash_version": version, "command": "lrsnash game.txt", "games": records}, indent=1) + "\n")
    print(f"wrote {len(records)} games to {OUT} ({version})")


if __name__ == "__main__":
    main()
