"""Private machinery of :mod:`gametheory.sweep`: checkpoint store, point identity, workers."""
