"""Article -> sound, and events back (see DESIGN.md, "Narration").

- `narrator.Narrator`: the UI-facing handle (`events.NarratorHandle`); runs `worker` in a
  process of its own and relays its `events` on a background thread.
- `worker` + `session`: sentence-by-sentence synthesis a few sentences ahead of the voice,
  gapless playback (`player`), events when words become audible.
- `espeak`: eSpeak NG through pyttsx3's binding, rendering to memory (`engine.Clip`).
- `export.export_wav`, `speak.speak`: `reader export` and `reader speak`.

Nothing here imports numpy or sounddevice at module level: the UI process never needs them.
"""
