"""Loading a Piper voice's model into ONNX Runtime, for low memory or for speed.

Two ways to run the model. The narration worker's (the default) keeps memory low: ONNX
Runtime's arena off and glibc's mmap threshold fixed, so each sentence's buffers go back to
the system, paid for in page faults (about a third of the CPU time). A `batch` voice, for a
file rendered as fast as it can be (`reader export`, `reader podcast`), keeps its arena:
the same audio for two thirds of the CPU. Nothing heavy is imported until a voice is loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from reader.narration.error_line import BRIEF, first_line

M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 1024
"""glibc's `mallopt` parameter and its default value."""
QUIET = 4
"""ONNX Runtime logs only fatal errors: others it prints on fd 2 (over `reader export`'s
progress) and raises as well."""


class PiperUnavailable(RuntimeError):
    """Piper is not installed, or this voice cannot be loaded; the message says which."""


def load(model: Path, *, batch: bool = False) -> Any:
    """A `piper.PiperVoice` with per-phoneme durations, or `PiperUnavailable`; `batch`:
    run for speed rather than low memory (see the module docstring)."""
    try:
        from piper import PiperVoice
    except ImportError as error:
        raise PiperUnavailable(
            f"Piper is not installed ({first_line(error)}): pip install piper-tts"
        ) from error
    if not batch:
        _return_freed_memory()
    try:
        return _load(PiperVoice, model, batch)
    except Exception as error:  # onnx and ONNX Runtime raise their own kinds
        raise PiperUnavailable(
            f"{model}: not a usable Piper voice ({first_line(error, BRIEF)})"
        ) from error


def _return_freed_memory() -> None:
    """Have glibc give big freed blocks back to the system. It serves a freed block of up
    to 32 MB again from its heap, raising its threshold with each such free, and keeps it:
    the model's buffers for each sentence stayed resident (408 MB after the seed's longest
    sentences, 532 MB at peak; 216 and 344 with the threshold fixed at its default)."""
    if not sys.platform.startswith("linux"):
        return
    import contextlib
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not glibc: its allocator decides
        ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def _load(piper_voice: Any, model: Path, batch: bool) -> Any:
    """What `PiperVoice.load(model, include_alignments=True)` does, with ONNX Runtime on
    one thread that does not spin while idle: the worker shares two cores with the UI and
    the audio callback, and a sentence renders well ahead of being heard anyway. A batch
    export uses the cores by rendering sentences side by side, each on one thread (two
    intra-op threads cost 10% more CPU for the same audio, spinning ones 50%)."""
    import json

    import onnxruntime
    from piper.config import PiperConfig

    config = PiperConfig.from_dict(json.loads(Path(f"{model}.json").read_text(encoding="utf-8")))
    source: str | bytes = str(model)
    try:
        import onnx
        from piper.patch_voice_with_alignment import add_alignment_output

        graph = onnx.load(str(model))
        add_alignment_output(graph)
        source = graph.SerializeToString()
    except ImportError:
        pass  # no durations: word timings are spread over the sentence
    except ValueError:
        pass  # already patched: durations come as they are
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = QUIET  # errors are raised, and said in one line
    # Narrating, memory goes back after each sentence instead of staying in ONNX Runtime's
    # arena, sized by the longest sentence so far (634 MB resident after 20 sentences; 350
    # without). A batch export keeps it: the seed took 15 s of CPU instead of 23.
    options.enable_cpu_mem_arena = batch
    options.enable_mem_pattern = batch
    session = onnxruntime.InferenceSession(
        source, sess_options=options, providers=["CPUExecutionProvider"]
    )
    return piper_voice(config=config, session=session)
