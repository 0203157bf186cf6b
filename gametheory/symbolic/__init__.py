"""Equilibrium conditions of games whose payoffs are sympy expressions in parameters.

Normal form (:class:`SymbolicGame`).  A pure profile ``s`` is a Nash equilibrium
iff no player gains from a unilateral deviation (Nash 1951):

    u_i(s) - u_i(s'_i, s_-i) >= 0   for every player i and strategy s'_i.

Each such difference is simplified (rational functions cancelled, positive
content divided out, factors of known sign removed using the symbols'
assumptions, and one-parameter conditions solved into intervals with
``sympy.reduce_inequalities``); conditions that hold identically are dropped and a
condition that fails identically leaves ``[false]``.

Trees (:class:`SymbolicTree`, :func:`tree_conditions`).  In a finite game of
perfect information a pure strategy profile is a subgame-perfect equilibrium iff
at every decision node the mover's chosen action is at least as good, given the
continuation play, as each alternative (one-shot deviation principle; Kuhn 1953;
Selten 1965).  Chance nodes average with their (numeric or symbolic) probabilities.

Signaling games (:class:`SymbolicSignalingGame`).  A pure sender strategy ``s``
and receiver strategy ``r`` form a perfect Bayesian equilibrium iff no type gains
by sending another message, ``r(m)`` is a best reply to the Bayes posterior after
every message sent (multiplied through by the positive probability of ``m``),
and after every unused message *some* belief makes ``r(m)`` a best reply.  The
last condition says a polytope in the simplex is non-empty; a non-empty polytope
has a vertex, so it is written as a disjunction over candidate vertices (``k - 1``
tight constraints plus ``sum mu = 1``, solved by Cramer's rule, every constraint
multiplied by the determinant squared so no division appears).  Every type is
assumed to have positive prior probability.

Evaluation.  :func:`evaluate` compiles each relation's difference ``lhs - rhs``
with ``sympy.lambdify`` to numpy, so conditions are tested on whole parameter
arrays at once; weak inequalities hold within ``tol`` (default ``1e-9``), strict
ones need a margin above ``tol``.  :meth:`SymbolicGame.region_map` labels every
point of a two-parameter grid with the set of equilibria that hold there.

Strings.  Payoffs, probabilities, :func:`simplify_condition` arguments, the values
given to ``substitute``/``equilibria_at`` and conditions given to :func:`evaluate`
(``"a >= 1/2"``: one comparison ``< <= > >=``) may be strings such as ``"a + 1"``,
``"2*b/3"``, ``"a**2"`` (or ``"a^2"``), ``"0.25"`` or ``"Rational(1, 3)"``.  They are
never passed to ``sympy.sympify`` (which runs Python ``eval``): a whitelist parser
reads numbers (decimals exactly, as rationals), the game's parameter names, ``pi``,
``E``, ``+ - * / ** ^``, parentheses and calls of ``Rational``, ``sqrt``, ``exp``,
``log``, ``Abs``/``abs``, ``Min`` and ``Max``.  Anything else (attribute access,
dunder names, ``lambda``, subscripts, calls of other names, keyword arguments) is an
:class:`~gametheory.errors.InvalidGameError` before anything is evaluated, and so are
integers over 4,300 digits, decimal exponents over 4,300 and exact powers over
10,000 digits.

References
----------
Nash, J. (1951); Kuhn, H. W. (1953); Selten, R. (1965); Fudenberg, D. & Tirole, J.
(1991). Game Theory, 8.2.  Meurer, A. et al. (2017). SymPy. PeerJ CS 3.

Examples
--------
>>> from gametheory.symbolic import SymbolicGame
>>> g = SymbolicGame.from_bimatrix([["a", 0], [1, "b"]], [["a", 1], [0, "b"]], params=["a", "b"])
>>> g.conditions()[("s2", "s2")]
[b >= 0]
"""

from __future__ import annotations

# The implementation lives in private modules, one concept each; this module is the public facade.
from ._conditions import simplify_condition
from ._evaluate import DEFAULT_TOL, evaluate
from ._normal import SymbolicGame
from ._regions import RegionMap
from ._signaling import SymbolicSignalingGame
from ._tree import SymbolicTree, tree_conditions

__all__ = [
    "SymbolicGame",
    "SymbolicTree",
    "SymbolicSignalingGame",
    "RegionMap",
    "tree_conditions",
    "simplify_condition",
    "evaluate",
    "DEFAULT_TOL",
]
