"""Continuous-action games, above all aggregative ones (public goods).

Definitions implemented here
----------------------------
* :class:`ContinuousGame`: n players choose actions ``q_i`` in intervals ``[lower_i, upper_i]``;
  payoffs are functions of the whole profile.  Nash equilibrium by damped best-response
  iteration or by a root of the Fischer-Burmeister/natural-residual form of the first-order
  (KKT) conditions with :func:`scipy.optimize.root`.
* :class:`AggregativeGame`: payoffs depend on a player's own action and an aggregate
  ``G = sum_j w_j q_j`` only, ``u_i(q_i, G)``.  Nash equilibrium by the replacement-function
  method (Cornes & Hartley 2007, "Aggregative public good games", J. Public Econ. Theory 9):
  ``r_i(G)`` is the action of player i consistent with a best response when the aggregate is
  ``G``; the equilibrium aggregate is the one-dimensional root of ``sum_i w_i r_i(G) = G``
  (:func:`scipy.optimize.brentq`), every ``r_i`` evaluated at once with numpy.
* :class:`PublicGoodsGame`: allies with incomes ``I_i`` split them into private consumption
  ``x_i = I_i - q_i`` and defence ``q_i >= 0``; ally i's security is
  ``Z_i = (1 - phi) w_i q_i + phi G`` with spillover ``phi`` in [0, 1] (Sandler 1977;
  Murdoch & Sandler 1984; phi = 1 is the pure public good of Olson & Zeckhauser 1966 and
  Bergstrom, Blume & Varian 1986) and utility ``U_i(x_i, Z_i)``.

Closed-form replacement functions
---------------------------------
For homothetic preferences (Cobb-Douglas, CES) the first-order condition
``MRS_i(x, Z) = 1 / w_i`` fixes the ratio ``Z / x = m_i``, so the replacement function is
piecewise linear, ``w_i r_i(G) = max(0, A_i - B_i G)`` with
``A_i = w_i m_i I_i / (m_i + (1 - phi) w_i)`` and ``B_i = w_i phi / (m_i + (1 - phi) w_i)``;
quasi-linear utility ``x + b_i ln Z`` gives ``Z = b_i w_i``, linear in G as well (with a cap at
the income).  The aggregate replacement function minus G is then convex, decreasing and
piecewise linear, so the one-dimensional root is found by Newton's method from G = 0 (monotone,
finite, each step solving the linear equation on the current contributor set and scanning only
the allies still active); with income caps it is found by ``brentq`` and polished on the active
set.  With ints/Fractions in, the root is computed exactly in rationals.  For Cobb-Douglas with one alpha, phi = 1, w = 1 this is the textbook
``G = (1 - a) sum_C I_i / (1 + (k - 1) a)``, ``q_i = I_i - a G / (1 - a)`` (BBV 1986).

Efficiency benchmarks (phi = 1 unless stated)
---------------------------------------------
* Samuelson (1954) condition ``sum_i MRS_i = 1``: :meth:`PublicGoodsGame.pareto` finds the
  optimum along a cost-share rule ``q_i = s_i G`` (default: shares proportional to income).
  With spillovers it imposes ``sum_i MRS_i dZ_i/dG = 1`` along the same rule.
* Lindahl (1919) equilibrium: personalized prices ``p_i`` summing to 1 at which every ally
  demands the same G; :meth:`PublicGoodsGame.lindahl`.

Numerical tolerances: float solves stop at a relative tolerance of ``4 eps`` on G for the
closed-form cases and ``1e-12`` otherwise; numerical replacement functions use central
differences of the utility (step ``1e-6`` relative), so a user utility is solved to about
``1e-8`` relative.  The differences never leave the budget set ``0 <= q_i <= I_i``,
``Z >= 0`` (one-sided at its bounds), so a utility written with ``math.sqrt`` or ``math.log``
works; where such a callable raises a domain error exactly on the boundary (``math.log(0)``)
its value is read as the limit ``-inf``.
"""

from __future__ import annotations

# The implementation lives in private modules, one concept each; this module is the public facade.
from ._aggregative import AggregativeGame
from ._game import ContinuousEquilibrium, ContinuousGame
from ._piecewise import solve_piecewise_linear
from ._public_goods import PublicGoodsEquilibrium, PublicGoodsGame
from ._utilities import CES, CobbDouglas, Custom, Preference, QuasiLinear

__all__ = [
    "CobbDouglas",
    "CES",
    "QuasiLinear",
    "Custom",
    "Preference",
    "ContinuousGame",
    "ContinuousEquilibrium",
    "AggregativeGame",
    "PublicGoodsGame",
    "PublicGoodsEquilibrium",
    "solve_piecewise_linear",
]

