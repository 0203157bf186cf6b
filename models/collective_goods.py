"""Collective goods and burden sharing (Olson & Zeckhauser 1966): the documented entry point.

A facade over :mod:`models.collective`: ``from models import collective_goods as cg``,
then ``cg.Alliance(incomes, utility=cg.CobbDouglas(alpha))``, ``cg.volunteers_dilemma``,
``cg.threshold_game``, ``cg.nato_data``, ``cg.exploitation_test``, ...
"""

from .collective import *  # noqa: F401,F403  (the facade re-exports the package's public names)
from .collective import __all__  # noqa: F401
