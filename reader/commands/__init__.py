"""The subcommands of `reader`, a module a group; `reader/cli.py` parses and dispatches.

Each command takes the parsed arguments and returns the exit code; a failure the user can
cause is a `CommandError` (one line, exit 2). Heavy modules are imported inside the command
that needs them, so `reader extract` does not pay for the narration stack and vice versa.
"""
