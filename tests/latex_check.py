"""A small structural checker for the LaTeX the library emits (``_repr_latex_``, LaTeX tables).

Not a TeX engine: it checks what breaks a document or a MathJax cell, so the test suite can
run it everywhere (CI has no TeX).  Errors found: unbalanced braces or ``$``, an environment
closed by another, a control word the library never writes (``\\hlines1`` is a ``\\hline``
glued to a label), and a ``tabular``/``array`` row whose cell count differs from its
column specification.  tests/test_display.py also compiles the same text with a TeX engine
when one is on PATH.
"""

from __future__ import annotations

import re

# every control word the library's LaTeX writers use (tables, games, results)
KNOWN_WORDS = {
    "begin", "end", "text", "textit", "frac", "hline", "toprule", "midrule", "bottomrule",
    "quad", "qquad", "infty", "times", "caption", "label", "centering", "textbackslash",
    "textasciitilde", "textasciicircum", "textless", "textgreater", "textbar",
}
KNOWN_ENVS = {"tabular", "array", "table"}
_TOKEN = re.compile(r"\\\\|\\[A-Za-z]+|\\.|[{}&$]|[^\\{}&$]+", re.S)
_RULES = re.compile(r"\\(hline|toprule|midrule|bottomrule)\b")


def _columns(spec: str) -> int:
    spec = re.sub(r"[pmb]\{[^}]*\}", "c", spec)
    spec = re.sub(r"@\{[^}]*\}", "", spec)
    return sum(1 for ch in spec if ch in "lcr")


def check_latex(text: str) -> list[str]:
    """Every problem found in ``text`` (an empty list for well-formed output)."""
    problems: list[str] = []
    toks = _TOKEN.findall(text)
    depth = 0
    dollars = 0
    envs: list[tuple[str, int]] = []  # (name, token index of its body start)
    tables: list[dict] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t == "{":
            depth += 1
        elif t == "}":
            depth -= 1
            if depth < 0:
                problems.append("a '}' closes nothing")
                depth = 0
        elif t == "$":
            dollars += 1
        elif t.startswith("\\") and len(t) > 1 and t[1].isalpha():
            word = t[1:]
            if word not in KNOWN_WORDS:
                problems.append(f"unknown control word \\{word} (glued to text?)")
            if word in ("begin", "end"):
                m = re.match(r"\{([A-Za-z*]+)\}", "".join(toks[i + 1:i + 4]))
                if not m:
                    problems.append(f"\\{word} without an environment name")
                    i += 1
                    continue
                name = m.group(1)
                i += 3  # "{", name, "}"
                if word == "begin":
                    if name not in KNOWN_ENVS:
                        problems.append(f"unknown environment {name}")
                    spec = None
                    if name in ("tabular", "array"):
                        m2 = re.match(r"\{((?:[^{}]|\{[^{}]*\})*)\}", "".join(toks[i + 1:i + 40]))
                        spec = m2.group(1) if m2 else ""
                        # skip the spec's tokens
                        consumed, target = "", m2.group(0) if m2 else ""
                        while target and consumed != target and i + 1 < len(toks):
                            i += 1
                            consumed += toks[i]
                        tables.append({"cols": _columns(spec), "rows": [[""]], "depth": depth})
                    envs.append((name, i))
                else:
                    if not envs:
                        problems.append(f"\\end{{{name}}} closes nothing")
                    else:
                        opened, _ = envs.pop()
                        if opened != name:
                            problems.append(f"\\begin{{{opened}}} closed by \\end{{{name}}}")
                        if name in ("tabular", "array") and tables:
                            tab = tables.pop()
                            for k, row in enumerate(tab["rows"]):
                                body = _RULES.sub("", "".join(row)).strip()
                                if not body and len(row) == 1:
                                    continue  # the empty tail after the last "\\", or a rule line
                                if len(row) != tab["cols"]:
                                    problems.append(
                                        f"{name} row {k} has {len(row)} cells for {tab['cols']} columns: {''.join(row)[:60]!r}"
                                    )
        if tables and depth == tables[-1]["depth"]:
            tab = tables[-1]
            if t == "&":
                tab["rows"][-1].append("")
            elif t == "\\\\":
                tab["rows"].append([""])
            elif not (t.startswith("\\") and t[1:] in ("begin", "end")):
                tab["rows"][-1][-1] += t
        elif tables and t not in ("{", "}"):
            tables[-1]["rows"][-1][-1] += t
        i += 1
    if depth:
        problems.append(f"{depth} unclosed '{{'")
    if dollars % 2:
        problems.append("unbalanced $")
    for name, _ in envs:
        problems.append(f"\\begin{{{name}}} never closed")
    return problems
