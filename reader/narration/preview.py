"""`python -m reader.narration.preview VOICE TEXT`: say TEXT once with VOICE, then exit.

The voice chooser runs this in a process of its own to let the listener hear a voice before
picking it: loading a Piper voice and the audio stack stay out of the UI process, and
starting another preview ends this one (the chooser kills it). Prints nothing; exit code 2
with one line on stderr when the voice or the audio device cannot be used.
"""

from __future__ import annotations

import sys
import time


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    voice = args[0] if args else ""
    text = args[1] if len(args) > 1 else ""
    from reader.narration.espeak import EngineUnavailable
    from reader.narration.player import AudioUnavailable, Player
    from reader.narration.speech import render
    from reader.narration.voices import VoiceRouter

    problems: list[str] = []
    try:
        synth = VoiceRouter(voice=voice or None, on_warning=problems.append)
        clip = render(synth, text or "This is how this voice sounds.")
        player = Player(synth.sample_rate)
        player.open()
    except (EngineUnavailable, AudioUnavailable, ValueError) as error:
        print(f"reader: {error}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"reader: {problem}", file=sys.stderr)
    player.enqueue(clip.pcm)
    player.resume()
    deadline = time.monotonic() + clip.duration + 2
    while not player.drained() and time.monotonic() < deadline:
        time.sleep(0.02)
    player.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
