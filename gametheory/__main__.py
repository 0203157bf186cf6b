"""``python -m gametheory``: the same command line as the ``gametheory`` script."""

from gametheory.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
