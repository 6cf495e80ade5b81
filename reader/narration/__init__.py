"""Article -> sound, and events back (see DESIGN.md, "Narration").

- `narrator.Narrator`: the UI-facing handle (`events.NarratorHandle`); runs `worker` in a
  process of its own, sends it `commands` and relays its `events` on a background thread
  (both typed, as JSON lines).
- `worker` + `session`: sentence-by-sentence synthesis a few sentences ahead of the voice,
  gapless playback (`player`), events when words become audible (`timeline`); where skips
  land (`navigation`: "previous" restarts a paragraph heard for 2 s or more).
- `speech`: what the ear hears (links as their host, no footnote markers or stray symbols),
  with word offsets mapped back to the display text; `render` is the one way to synthesize;
  `quiet`: the silence a command would wait through (a clip's lead, the rest of a gap).
- `reader.narration_options.NarrationOptions` (outside this package, so the settings need
  none of it): voice, rate, volume, pauses, captions read or not; taken by the narrator
  (and its worker), `reader speak` and the export alike. `options` applies them to audio.
- `espeak`: eSpeak NG through pyttsx3's binding, rendering to memory (`engine.Clip`);
  `piper`: Piper neural voices (ONNX Runtime), the same `Clip` with one timing per word,
  time-stretched (`stretch`) beyond the model's own speed range; `piper_voices`: where
  Piper voices are (voice packages, the user's voices folder).
- `voices.VoiceRouter`: the synthesizer the worker and the export use: a Piper voice, an
  eSpeak voice, or "automatic" for the article's language (`language`: declared, or
  detected with py3langid); `preview`: a voice chooser's "listen", in its own process.
- `export.export_audio` (+ `captions`): `reader export` to WAV/FLAC/Ogg/MP3 and WebVTT.

Knows no terminal: `reader speak`, its keys and the export's progress bar are in
`reader.terminal`.

Nothing here imports numpy, sounddevice or soundfile at module level: the UI process never
needs them.
"""
