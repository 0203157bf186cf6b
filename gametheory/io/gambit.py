"""Gambit game files: ``.nfg`` (strategic form) and ``.efg`` (extensive form).

The formats are those of Gambit (McKelvey, McLennan & Turocy 2016, *Gambit:
Software Tools for Game Theory*, "Game representation formats"):

* ``.nfg`` version 1, both the *payoff* version (one payoff per player for every
  pure profile, the first player's strategy varying fastest) and the *outcome*
  version (a list of outcomes, then an outcome index per profile, 0 meaning all
  zeros);
* ``.efg`` version 2, nodes in pre-order (``p`` personal, ``c`` chance, ``t``
  terminal), read into :class:`gametheory.extensive.ExtensiveFormGame` through its
  builder API.

Numbers are kept exact: ``1/3``, ``-2``, ``0.25``, ``0.000000`` and ``1e-3`` are
read as the Fractions they denote (from their text, never through a binary float),
whether the header says ``R`` (rational) or ``D`` (double precision), as Gambit reads
them; ``exact=False`` asks for a float game.  Numbers follow the one syntax and bounds
of :mod:`gametheory.numbers` (at most 20,000 digits, magnitude at most 1.8e308).  Every
syntax error is a :class:`~gametheory.errors.ParseError` naming the line; the parser
is a single linear pass, so malformed files fail fast.  Files are read through
:func:`gametheory.io._textfile.read_text` (regular files only, 64 MiB cap).
"""

from __future__ import annotations

import math
import os
import re
from fractions import Fraction
from typing import Any

import numpy as np

from ..numbers import parse_count, parse_number, rational_text
from ._textfile import read_text
from ..errors import GameError, InvalidGameError, ParseError
from ..extensive import ExtensiveFormGame
from ..normal_form import NormalFormGame

__all__ = ["read_gambit", "write_gambit", "read_nfg", "write_nfg", "parse_nfg", "format_nfg", "parse_efg", "format_efg"]

# A token: a quoted string (backslash escapes), a brace, or a bare word/number.
_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([{}])|([^\s{},"]+)|(,)|(\s+)', re.S)


class _Tok:
    __slots__ = ("kind", "value", "line")

    def __init__(self, kind: str, value: str, line: int):
        self.kind, self.value, self.line = kind, value, line

    def __repr__(self) -> str:
        return f"{self.kind}:{self.value!r}@{self.line}"


def _tokenize(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos, line, n = 0, 1, len(text)
    while pos < n:
        m = _TOKEN.match(text, pos)
        if m is None:
            if text[pos] == '"':
                raise ParseError("unterminated string", line)
            raise ParseError(f"unexpected character {text[pos]!r}", line)
        s, brace, word, _comma, space = m.groups()
        if s is not None:
            out.append(_Tok("str", re.sub(r"\\(.)", r"\1", s), line))
        elif brace is not None:
            out.append(_Tok(brace, brace, line))
        elif word is not None:
            out.append(_Tok("word", word, line))
        line += m.group(0).count("\n")
        pos = m.end()
    return out


class _Stream:
    def __init__(self, toks: list[_Tok], end_line: int = 0):
        # errors at the end of the file point at the last line that holds a token
        self.toks, self.i = toks, 0
        self.end_line = toks[-1].line if toks else 1

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def next(self, what: str) -> _Tok:
        if self.i >= len(self.toks):
            raise ParseError(f"file ends where {what} was expected", self.end_line)
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, kind: str, what: str) -> _Tok:
        t = self.next(what)
        if t.kind != kind:
            raise ParseError(f"expected {what}, found {t.value!r}", t.line)
        return t

    def remaining(self) -> int:
        return len(self.toks) - self.i


def _number(tok: _Tok, exact: bool, what: str = "a number") -> Any:
    """A number token, exact (the decimal text read as a Fraction, never via a float) unless
    ``exact`` is False; bad syntax, non-ASCII digits and out-of-bound values are ParseErrors."""
    if tok.kind != "word":
        raise ParseError(f"expected {what}, found {tok.value!r}", tok.line)
    x = parse_number(tok.value, what, tok.line)
    return x if exact else float(x)


def _int(tok: _Tok, what: str, low: int = 0) -> int:
    if tok.kind != "word":
        raise ParseError(f"expected {what} (a non-negative integer), found {tok.value!r}", tok.line)
    return parse_count(tok.value, what, tok.line, low)


def _strings(st: _Stream, what: str) -> list[str]:
    st.expect("{", f"'{{' opening the {what}")
    out = []
    while True:
        t = st.next(f"a {what[:-1]} name or '}}'")
        if t.kind == "}":
            return out
        if t.kind != "str":
            raise ParseError(f"expected a quoted {what[:-1]} name, found {t.value!r}", t.line)
        out.append(t.value)


def _labels(names: list[str], default: str) -> list[str]:
    """Gambit allows empty and repeated labels; ours must be distinct."""
    if any(not s for s in names) or len(set(names)) != len(names):
        return [f"{default}{k + 1}" for k in range(len(names))]
    return names


def _header(st: _Stream, magic: str, version: str) -> tuple[str, list[str]]:
    t = st.next(f"the {magic} header")
    if t.kind != "word" or t.value != magic:
        raise ParseError(f"not a Gambit .{magic.lower()} file: it starts with {t.value!r}, not {magic!r}", t.line)
    v = st.next("the format version")
    if v.value != version:
        raise ParseError(f"unsupported {magic} version {v.value!r} (expected {version})", v.line)
    prec = st.next("the precision R or D")
    if prec.value not in ("R", "D"):
        raise ParseError(f"expected the precision 'R' or 'D', found {prec.value!r}", prec.line)
    title = st.expect("str", "the quoted game title").value
    players = _strings(st, "players")
    if not players:
        raise ParseError("the game has no players", t.line)
    # Gambit reads the numbers of R and D files alike (decimal text is exact): so do we
    return title, players


# ---------------------------------------------------------------------- .nfg
def parse_nfg(text: str, exact: bool = True) -> NormalFormGame:
    """A :class:`NormalFormGame` from the text of a Gambit .nfg file (payoff or outcome version).

    Payoffs are exact (Fractions of their decimal or rational text, in ``R`` and ``D`` files
    alike); ``exact=False`` gives a float game instead (each value correctly rounded).
    """
    st = _Stream(_tokenize(text), text.count("\n") + 1)
    title, players = _header(st, "NFG", "1")
    n = len(players)
    open_tok = st.expect("{", "'{' opening the strategy counts or names")
    nxt = st.peek()
    labels: list[list[str]] | None = None
    if nxt is not None and nxt.kind == "{":
        labels = []
        for i in range(n):
            labs = _strings(st, "strategies")
            if not labs:
                raise ParseError(f"player {i + 1} has no strategies", open_tok.line)
            labels.append(labs)
        st.expect("}", "'}' closing the strategy names")
        shape = [len(x) for x in labels]
    else:
        shape = []
        for i in range(n):
            shape.append(_int(st.next(f"the strategy count of player {i + 1}"), "a strategy count", 1))
        st.expect("}", "'}' closing the strategy counts")
    if len(shape) != n:
        raise ParseError(f"{len(shape)} strategy sets given for {n} players", open_tok.line)
    t = st.peek()
    if t is not None and t.kind == "str":  # the optional comment
        st.next("comment")
    cells = math.prod(shape)
    t = st.peek()
    if t is None:
        raise ParseError("the file ends before the payoffs", st.end_line)
    if t.kind == "{":
        flat = _nfg_outcomes(st, n, cells, exact)
    else:
        if st.remaining() < n * cells:
            raise ParseError(
                f"{n * cells} payoffs expected ({n} players x {cells} profiles), {st.remaining()} found",
                st.end_line,
            )
        flat = [_number(st.next("a payoff"), exact, "a payoff") for _ in range(n * cells)]
    if st.peek() is not None:
        extra = st.peek()
        raise ParseError(f"unexpected {extra.value!r} after the last payoff", extra.line)
    # Gambit lists profiles with the first player's strategy varying fastest (Fortran order)
    arr = np.empty(n * cells, dtype=object if exact else float)
    arr[:] = flat
    arr = arr.reshape(cells, n)
    payoffs = [arr[:, i].reshape(shape, order="F") for i in range(n)]
    strat_labels = [_labels(l, "s") for l in labels] if labels else None
    try:
        return NormalFormGame(
            payoffs, player_labels=_labels(players, "P"), strategy_labels=strat_labels, exact=exact, title=title
        )
    except InvalidGameError as exc:
        raise ParseError(f"the file describes an invalid game: {exc}", 1) from None


def _nfg_outcomes(st: _Stream, n: int, cells: int, exact: bool) -> list:
    st.expect("{", "'{' opening the outcome list")
    outcomes: list[list] = []
    while True:
        t = st.next("an outcome or '}'")
        if t.kind == "}":
            break
        if t.kind != "{":
            raise ParseError(f"expected '{{' opening an outcome, found {t.value!r}", t.line)
        st.expect("str", "the quoted outcome name")
        pay = _payoffs_to_close(st, exact)
        if len(pay) != n:
            raise ParseError(f"outcome {len(outcomes) + 1} has {len(pay)} payoffs for {n} players", t.line)
        outcomes.append(pay)
    if st.remaining() < cells:
        raise ParseError(f"{cells} outcome indices expected, {st.remaining()} found", st.end_line)
    zero = [Fraction(0) if exact else 0.0] * n
    flat: list = []
    for _ in range(cells):
        tok = st.next("an outcome index")
        k = _int(tok, "an outcome index")
        if k > len(outcomes):
            raise ParseError(f"outcome index {k} refers to none of the {len(outcomes)} outcomes", tok.line)
        flat.extend(outcomes[k - 1] if k else zero)
    return flat


def _q(s: str) -> str:
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fmt_num(x: Any) -> str:
    if isinstance(x, Fraction):
        return rational_text(x)
    f = float(x)
    if not math.isfinite(f):
        raise InvalidGameError(f"payoff {x!r} is not finite and cannot be written")
    return repr(f + 0.0)  # -0.0 is written 0.0: the file's numbers are exact, with no signed zero


def format_nfg(game: NormalFormGame) -> str:
    """The text of a Gambit .nfg file (payoff version) for ``game``; exact games as ``R``."""
    if not isinstance(game, NormalFormGame):
        raise GameError(f"format_nfg needs a NormalFormGame; got {type(game).__name__}")
    prec = "R" if game.exact else "D"
    lines = [f"NFG 1 {prec} {_q(game.title)} {{ " + " ".join(_q(p) for p in game.player_labels) + " }", ""]
    lines.append("{ " + "\n".join("{ " + " ".join(_q(s) for s in labs) + " }" for labs in game.strategy_labels))
    lines.append("}")
    lines.append('""')
    lines.append("")
    for idx in np.ndindex(*game.shape[::-1]):
        prof = idx[::-1]  # first player's strategy fastest
        lines.append(" ".join(_fmt_num(a[prof]) for a in game.payoffs))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- .efg
def _payoffs_to_close(st: _Stream, exact: bool) -> list:
    """The payoffs of one outcome, up to and including its closing '}' (.nfg and .efg alike)."""
    pay = []
    while True:
        u = st.next("a payoff or '}'")
        if u.kind == "}":
            return pay
        pay.append(_number(u, exact, "a payoff"))


def _efg_payoffs(st: _Stream, n: int, exact: bool, line: int) -> list:
    st.expect("{", "'{' opening the outcome payoffs")
    pay = _payoffs_to_close(st, exact)
    if len(pay) != n:
        raise ParseError(f"an outcome has {len(pay)} payoffs for {n} players", line)
    return pay


def _efg_outcome(st: _Stream, outcomes: dict, n: int, exact: bool) -> tuple[int, int]:
    tok = st.next("an outcome number")
    k = _int(tok, "an outcome number")
    nxt = st.peek()
    if nxt is not None and nxt.kind == "str":
        oname = st.next("outcome name").value
        pay = _efg_payoffs(st, n, exact, tok.line)
        outcomes.setdefault(("name", k), oname)
        if k == 0:
            raise ParseError("outcome 0 (no outcome) cannot have payoffs", tok.line)
        if k in outcomes and outcomes[k] != pay:
            raise ParseError(f"outcome {k} is given two different payoff vectors", tok.line)
        outcomes[k] = pay
    elif k and k not in outcomes:
        raise ParseError(f"outcome {k} is used before its payoffs are given", tok.line)
    return k, tok.line


class _Record:
    """One node line of an .efg file (pass 1), built into the tree in pass 2."""

    __slots__ = ("kind", "name", "player", "key", "outcome", "line")

    def __init__(self, kind: str, name: str, player: int, key: tuple[int, int] | None, outcome: int, line: int):
        self.kind, self.name, self.player, self.key, self.outcome, self.line = kind, name, player, key, outcome, line


def _efg_records(st: _Stream, n: int, exact: bool, outcomes: dict, isets: dict) -> list[_Record]:
    """Pass 1: the node records in pre-order, with outcome payoffs and information-set
    (name, actions, chance probabilities) collected; counting children keeps it linear."""
    records: list[_Record] = []
    open_children = 1  # nodes the records so far promise
    while open_children:
        tok = st.next("a node record (p, c or t)")
        if tok.kind != "word" or tok.value not in ("p", "c", "t"):
            raise ParseError(f"expected a node type 'p', 'c' or 't', found {tok.value!r}", tok.line)
        name = st.expect("str", "the quoted node name").value
        open_children -= 1
        if tok.value == "t":
            k, _ = _efg_outcome(st, outcomes, n, exact)
            records.append(_Record("t", name, -1, None, k, tok.line))
            continue
        if tok.value == "p":
            pt = st.next("a player number")
            player = _int(pt, "a player number", 1)
            if player > n:
                raise ParseError(f"player {player} does not exist (the game has {n})", pt.line)
        else:
            player = 0
        it = st.next("an information set number")
        key = (player, _int(it, "an information set number", 1))
        # Gambit: the information set's name and its action list are each optional after
        # the set's first node
        iname = ""
        nxt = st.peek()
        if nxt is not None and nxt.kind == "str":
            iname = st.next("information set name").value
        nxt = st.peek()
        if nxt is not None and nxt.kind == "{":
            st.next("'{' opening the actions")
            acts: list[str] = []
            probs: list = []
            while True:
                a = st.next("an action or '}'")
                if a.kind == "}":
                    break
                if a.kind != "str":
                    raise ParseError(f"expected a quoted action name, found {a.value!r}", a.line)
                acts.append(a.value)
                if player == 0:
                    probs.append(_number(st.next("a chance probability"), exact, "a chance probability"))
            if not acts:
                raise ParseError("a node has no actions", it.line)
            acts = _labels(acts, "a")
            if key in isets and isets[key][1] != tuple(acts):
                raise ParseError(f"information set {key[1]} of player {player} is given two action lists", it.line)
            if key not in isets:
                isets[key] = [iname, tuple(acts), tuple(probs), 0]
        elif key not in isets:
            raise ParseError(f"information set {key[1]} is used before its actions are given", it.line)
        isets[key][3] += 1
        k, _ = _efg_outcome(st, outcomes, n, exact)
        records.append(_Record(tok.value, name, player, key, k, tok.line))
        open_children += len(isets[key][1])
    return records


def _infoset_labels(isets: dict, players: list[str]) -> dict:
    """Labels of the information sets: the file's name where it is given and distinct; a
    set of one node without a name is a singleton (label None, as our writer writes it);
    other sets are named ``"<player>#<number>"``."""
    out: dict = {}
    used: set[str] = set()
    for key, (iname, _acts, _probs, count) in isets.items():
        player, number = key
        if player == 0:
            continue
        if iname and iname not in used:
            out[key] = iname
        elif not iname and count == 1:
            out[key] = None
            continue
        else:
            out[key] = f"{players[player - 1]}#{number}"
        used.add(out[key])
    return out


def parse_efg(text: str, exact: bool = True) -> ExtensiveFormGame:
    """An :class:`~gametheory.extensive.ExtensiveFormGame` from the text of a Gambit .efg file.

    Payoffs and chance probabilities are exact (as in :func:`parse_nfg`); ``exact=False``
    gives a float game.

    Outcomes attached to non-terminal nodes are added to the payoffs of every terminal
    below them, as in Gambit.  Information sets keep their names where these are
    distinct; an unnamed set of one node is a singleton, other unnamed sets are named
    ``"<player>#<number>"``.  A terminal's label is its node name, else its outcome's
    name, else none.  Absent-minded information sets (a node following another of
    its set) are valid Gambit and are read; the tree then has imperfect recall.
    """
    st = _Stream(_tokenize(text), 0)
    title, players = _header(st, "EFG", "2")
    players = _labels(players, "P")
    n = len(players)
    t = st.peek()
    if t is not None and t.kind == "str":
        st.next("comment")
    outcomes: dict[Any, Any] = {}  # number -> payoffs, ("name", number) -> name
    isets: dict[tuple[int, int], list] = {}  # key -> [name, actions, chance probs, node count]
    records = _efg_records(st, n, exact, outcomes, isets)
    extra = st.peek()
    if extra is not None:
        raise ParseError(f"unexpected {extra.value!r} after the last node", extra.line)
    labels = _infoset_labels(isets, players)
    tree = ExtensiveFormGame(players=players, title=title)
    zero = Fraction(0) if exact else 0.0
    stack: list[tuple[int, list]] = [(tree.root, [zero] * n)]  # (node id, payoffs accumulated above it)
    rec = records[0]
    try:
        for rec in records:
            node, acc = stack.pop()
            below = [a + b for a, b in zip(acc, outcomes[rec.outcome])] if rec.outcome else acc
            if rec.kind == "t":
                label = rec.name or (outcomes.get(("name", rec.outcome)) if rec.outcome else None) or None
                tree.terminal(node, payoffs=list(below), label=label)
                continue
            _iname, acts, probs, _count = isets[rec.key]
            if rec.kind == "c":
                if len(probs) != len(acts):
                    raise ParseError("chance probabilities do not match the actions", rec.line)
                kids = tree.chance(node, actions=list(acts), probs=list(probs))
            else:
                kids = tree.decision(node, player=rec.player - 1, actions=list(acts), infoset=labels[rec.key])
            for c in reversed(kids):
                stack.append((c, below))
    except InvalidGameError as exc:
        raise ParseError(f"invalid game: {exc}", rec.line) from None
    try:
        tree.validate()
    except InvalidGameError as exc:
        raise ParseError(f"invalid game: {exc}", st.end_line) from None
    return tree


def format_efg(game: ExtensiveFormGame) -> str:
    """The text of a Gambit .efg file (version 2) for an extensive-form game.

    Every terminal node gets its own outcome, named after the terminal's label ("" when
    it has none); the label is also the node's name where it is unique (Gambit requires
    unique node names; it renames repeated outcome names on its side).  Information sets
    are numbered per player in order of first appearance; a singleton set without a
    label is written without a name.  :func:`parse_efg` reads this text back to the same
    tree (labels written as text), so writing what it read gives the same text again.
    """
    if not isinstance(game, ExtensiveFormGame):
        raise GameError(f"format_efg needs an ExtensiveFormGame; got {type(game).__name__}")
    game.validate()
    prec = "R" if game.exact else "D"
    lines = [f"EFG 2 {prec} {_q(game.title)} {{ " + " ".join(_q(p) for p in game.players) + " }", '""', ""]
    iset_of = game.infoset_of_node()
    infosets = game.infosets
    number: dict[int, int] = {}
    per_player: dict[int, int] = {}
    chance_no = 0
    outcome_no = 0
    # Gambit 16.7 wants node labels unique: a label shared by several terminals is written
    # as the outcome's name only
    counts: dict[str, int] = {}
    for v in game.terminals:
        lab = game.label(v)
        if lab != v:
            counts[str(lab)] = counts.get(str(lab), 0) + 1
    for v in game.preorder():
        kind = game.kind(v)
        if kind == "terminal":
            outcome_no += 1
            lab = game.label(v)
            oname = str(lab) if lab != v else ""
            name = oname if counts.get(oname) == 1 else ""
            pay = ", ".join(_fmt_num(x) for x in game.payoffs(v))
            lines.append(f"t {_q(name)} {outcome_no} {_q(oname)} {{ {pay} }}")
        elif kind == "chance":
            chance_no += 1
            acts = " ".join(f"{_q(a)} {_fmt_num(p)}" for a, p in zip(game.actions(v), game.probs(v)))
            lines.append(f'c "" {chance_no} "" {{ {acts} }} 0')
        else:
            h = infosets[int(iset_of[v])]
            if h.index not in number:
                per_player[h.player] = per_player.get(h.player, 0) + 1
                number[h.index] = per_player[h.player]
            iname = "" if h.label is None else str(h.label)
            acts = " ".join(_q(a) for a in h.actions)
            lines.append(f'p "" {h.player + 1} {number[h.index]} {_q(iname)} {{ {acts} }} 0')
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- files
def read_gambit(
    path: str | os.PathLike, exact: bool = True, max_bytes: int | None = None
) -> NormalFormGame | ExtensiveFormGame:
    """Read a Gambit ``.nfg`` or ``.efg`` file (format chosen by its header).

    Parameters
    ----------
    path : str or os.PathLike
        A regular file.
    exact : bool
        Read payoffs as Fractions (default) or floats (see :func:`parse_nfg`).
    max_bytes : int, optional
        Largest file read (default 64 MiB, or ``GAMETHEORY_MAX_FILE_BYTES``).

    Returns
    -------
    NormalFormGame or ExtensiveFormGame

    Raises
    ------
    GameError
        Not a regular file (a device such as ``/dev/zero``, a FIFO, a directory), a file
        that cannot be read, or one above ``max_bytes``.
    ParseError
        A syntax error, naming the line.

    References
    ----------
    McKelvey, R., McLennan, A. & Turocy, T. (2016). Gambit: software tools for game theory.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], title="BoS")
    >>> gt.write_gambit(bos, "bos.nfg")
    >>> back = gt.read_gambit("bos.nfg")
    >>> back.title, back.payoffs[1].tolist() == bos.payoffs[1].tolist()
    ('BoS', True)
    """
    text = read_text(path, max_bytes)
    head = text.lstrip()[:3]
    if head == "EFG":
        return parse_efg(text, exact)
    if head == "NFG":
        return parse_nfg(text, exact)
    if str(path).lower().endswith(".efg"):
        return parse_efg(text, exact)
    return parse_nfg(text, exact)


def write_gambit(game: NormalFormGame | ExtensiveFormGame, path: str | os.PathLike) -> None:
    """Write a game as a Gambit file, atomically: ``.nfg`` for a NormalFormGame, ``.efg`` for a tree.

    Exact games are written with exact rational payoffs (precision ``R``).

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        The game.
    path : str or os.PathLike
        Must end in the extension of what is written (``.nfg`` or ``.efg``, any letter case).

    Raises
    ------
    GameError
        A path whose extension belies the content (raised before anything is written, so
        Gambit and :func:`read_gambit` never meet such a file), or a file that cannot be
        written.

    References
    ----------
    McKelvey, R., McLennan, A. & Turocy, T. (2016). Gambit: software tools for game theory.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], title="BoS")
    >>> gt.write_gambit(bos, "bos.nfg")
    >>> print(open("bos.nfg").read().splitlines()[0])
    NFG 1 R "BoS" { "P1" "P2" }
    """
    from ._atomic import write_atomic

    if isinstance(game, NormalFormGame):
        want, kind = ".nfg", "a normal-form game"
    elif isinstance(game, ExtensiveFormGame):
        want, kind = ".efg", "an extensive-form game"
    else:
        raise GameError(f"write_gambit needs a NormalFormGame or an ExtensiveFormGame; got {type(game).__name__}")
    try:
        name = os.fsdecode(os.fspath(path))
    except TypeError:
        raise GameError(f"write_gambit needs a file path; got {type(path).__name__}") from None
    ext = os.path.splitext(name)[1]
    if ext.lower() != want:
        raise GameError(
            f"write_gambit writes {kind} as a Gambit {want} file, so the path must end in {want}; got {name!r}"
        )
    text = format_nfg(game) if want == ".nfg" else format_efg(game)
    write_atomic(name, text)


def read_nfg(path: str | os.PathLike) -> NormalFormGame:
    """Read a Gambit .nfg file."""
    g = read_gambit(path)
    if not isinstance(g, NormalFormGame):
        raise ParseError(f"{os.fspath(path)} is an extensive-form (.efg) file, not .nfg")
    return g


def write_nfg(game: NormalFormGame, path: str | os.PathLike) -> None:
    """Write a Gambit .nfg file (payoff version)."""
    if not isinstance(game, NormalFormGame):
        raise GameError(f"write_nfg needs a NormalFormGame; got {type(game).__name__}")
    write_gambit(game, path)

