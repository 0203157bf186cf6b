"""Equilibrium algorithms, one per module; ``solve`` dispatches among them."""

from ._bimatrix import DegenerateGameWarning
from .dispatch import METHODS, solve

__all__ = ["solve", "METHODS", "DegenerateGameWarning"]
