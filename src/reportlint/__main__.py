"""`python -m reportlint …` is the `reportlint` command."""
from .cli import main

main()
