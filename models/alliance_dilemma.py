"""Abandonment and entrapment: Snyder's (1984) alliance security dilemma (Snyder 1984; Benson 2012).

The documented entry point, a facade over :mod:`models.alliance`.  Games (each registered
in :data:`models.registry.MODELS`):

* :func:`alliance_game` -- two allies each ``commit`` strongly or ``hedge``.  Payoffs
  (row player; symmetric) from the alliance ``value`` V, the ``entrapment_cost`` E and
  the ``abandonment_cost`` A, and the ``hedge_value`` H (what a hedger gets from a
  committed partner: its protection without entanglement; default V):

      (commit, commit) R = V - E     (commit, hedge) S = -E
      (hedge, commit)  T = H         (hedge, hedge)  P = -A

  The ordinal ranking of R, S, T, P names the game (Snyder 1984 reads the alliance game
  as a Prisoner's Dilemma; with abandonment feared more than entrapment, A > E, it is
  Chicken; when hedging pays less than a cohesive alliance, H < V - E, and E > A > -H, it
  is a Stag Hunt).
* :func:`commitment_game` (9.1, all SPE), :func:`probabilistic_commitment` (9.2, PBE),
  :func:`tripartite_commitment` (commitment strength kappa, private patron resolve) and
  its vectorized twin :func:`tripartite_map` -- see :mod:`models.alliance.commitment`.
* :func:`pledge_game` -- conditional (defensive) vs unconditional pledges (Benson 2012),
  see :mod:`models.alliance.pledges`.
* :func:`stable_alignments`, :func:`swing_state_behavior` -- alliance formation with a
  contest success function, balancing vs bandwagoning (Waltz 1979; Walt 1987; Schweller
  1994), and Riker's (1962) minimum winning coalitions -- see :mod:`models.alliance.formation`.

Symbolic conditions through the engine: :func:`commitment_symbolic` (9.1) and
:func:`tripartite_symbolic` (kappa, private resolve; 9.2 as a special case) return
:class:`gametheory.symbolic.SymbolicTree` objects whose ``.conditions()`` are the sympy
inequalities under which each pure profile is subgame perfect.

Why alliances collapse (the repeated-game boundary) lives in :mod:`models.crisis`.
Parameter bundles (defaults, ranges, meanings): :mod:`models.alliance.params`.
"""

from .alliance import *  # noqa: F401,F403  (the facade re-exports the package's public names)
from .alliance import __all__  # noqa: F401
