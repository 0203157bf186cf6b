"""International-relations models built on the public API of :mod:`gametheory`.

Families, each a subpackage with its math modules, a ``params`` module of parameter
bundles and a private ``_registry`` of table-row adapters: :mod:`models.collective`,
:mod:`models.alliance`, :mod:`models.deterrence`, :mod:`models.crisis`,
:mod:`models.arms_race`, :mod:`models.voting`, :mod:`models.reputation`.  The documented
entry points are the facades :mod:`models.collective_goods`, :mod:`models.alliance_dilemma`,
:mod:`models.extended_deterrence`, :mod:`models.crisis`, :mod:`models.arms_race` and
:mod:`models.reputation`; every model is registered in
:data:`models.registry.MODELS`.
"""
