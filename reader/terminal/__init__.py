"""Plain-terminal front-ends, beside `tui/`: what `reader speak` and `reader export` show.

- `speak.speak`: narration in a plain terminal, each paragraph printed as it is heard.
- `keys`: the keys `reader speak` takes (cbreak mode on stdin, always put back).
- `progress.export_progress`: the export's progress bar (Rich), on a terminal only.

The narration layer below knows nothing of terminals; this layer drives it.
"""
