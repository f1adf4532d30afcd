"""The engine: configuration, finding the files, reading them, running the selected rules
(in worker processes when there are many), fixing, baselines and the --against references.
Nothing here prints; the CLI above it does."""
