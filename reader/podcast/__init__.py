"""`reader podcast DIR`: the queue as a podcast folder (audio, transcripts, chapters, RSS)."""
