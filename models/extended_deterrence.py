"""Extended deterrence and credibility (Schelling 1960; Kilgour & Zagare 1991; Fearon 1997).

The documented entry point, a facade over :mod:`models.deterrence`.  Games (each registered
in :data:`models.registry.MODELS`):

* :func:`unilateral_deterrence` (9.3; Kilgour & Zagare 1991): C is deterred iff the
  defender's credibility is at least (u(DC) - u(SQ)) / (u(DC) - u(DD)).
* :func:`brinkmanship` (9.4; Schelling 1960; Dixit & Skeath): the effective range of
  a probabilistic threat, 3/5 <= q <= 3(1 - p)/(8p), empty when the acceptability bound
  falls below the effectiveness bound (p > 5/13).
* :func:`tying_hands`, :func:`sinking_costs` (9.5; Fearon 1997): PBE with a
  continuum of defender types v ~ U[0, 1]; derivations in
  :mod:`models.deterrence.signaling`.  Results reproduced: larger audience costs make
  the threat more credible and challenges rarer; a sunk cost separates and deters
  when v_c <= m < c_D.
* :func:`budget_signaling` -- defense budgets as costly signals of resolve: the
  separating threshold b*, pooling and semi-separating PBE, and budget transparency
  (the probability the adversary observes the budget); a separating PBE at budget b
  exists exactly when WTP_L <= b <= WTP_H.
* :func:`deterrence_game` / :func:`deterrence_tree` -- the three-stage deterrence game
  (challenge; resist or concede; back down or fight) with complete information (all
  SPE) and :func:`deterrence_game_incomplete` with private defender resolve (all pure
  PBE).  Strategic estimation of its utilities: :mod:`models.deterrence.estimation`.
* :func:`extended_deterrence` -- challenger, defender, protege (Zagare & Kilgour 2003;
  Huth 1988) with the perfect-deterrence conditions (capable and credible threats).
* :func:`alliance_secrecy` -- open, partly secret and secret alliances (Morrow 2000; Kuo 2020):
  the adversary's information about the commitment sets its belief; deterrence value
  is highest when the alliance is open.

Symbolic conditions: :func:`unilateral_symbolic` builds 9.3 as a
:class:`gametheory.symbolic.SymbolicTree` (SPE conditions through the engine), and
:func:`symbolic_conditions` returns the sympy inequalities
under which each reference result holds (thresholds in closed form).
Parameter bundles (defaults, ranges, meanings): :mod:`models.deterrence.params`.
"""

from .deterrence import *  # noqa: F401,F403  (the facade re-exports the package's public names)
from .deterrence import __all__  # noqa: F401
