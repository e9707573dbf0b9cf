"""``python -m jixiao`` runs the ``jixiao`` command."""

from jixiao.cli import main

main()
