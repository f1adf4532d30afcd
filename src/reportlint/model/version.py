"""The version of reportlint (the package re-exports it as reportlint.__version__)."""
__version__ = "0.1.0"
