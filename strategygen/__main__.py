"""Run the command-line interface with ``python -m strategygen``."""

from strategygen.cli import main

main()
