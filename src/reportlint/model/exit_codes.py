"""The exit codes of every command: what a gate in CI or a pre-commit hook acts on."""
EXIT_CLEAN = 0       # nothing at or above fail-on
EXIT_FINDINGS = 1    # findings at or above fail-on, --diff with changes, failed rule examples
EXIT_ERROR = 2       # usage, configuration, rule-pack, input or baseline errors; a rule that failed
