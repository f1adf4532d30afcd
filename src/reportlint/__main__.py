"""`python -m reportlint …` is the `reportlint` command."""
from reportlint.cli import main

main()
