"""MPRIS: the reader as a media player on the D-Bus session bus, so media keys, the
desktop's player widget and `playerctl` drive it.

`remote.py` says what a front-end offers (the `Remote` protocol: commands and a snapshot of
its state); `timeline.py` turns places in the text into track time; `service.py` is the
D-Bus object; `bus.py` connects it, quietly doing nothing where there is no session bus.
Nothing here imports Textual or the narration stack: each front-end adapts itself.
"""
