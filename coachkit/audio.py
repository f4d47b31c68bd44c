"""Recorded answers: which files a transcription endpoint takes, checked before sending.

Kept apart from ``coachkit.llm`` so the notebook can check a file without loading it.
"""

from __future__ import annotations

import io
import math
import wave
from pathlib import PurePath

from .errors import AudioFileError

__all__ = [
    "AUDIO_SUFFIXES",
    "MAX_AUDIO_BYTES",
    "MAX_UPLOAD_BYTES",
    "check_audio",
    "check_chosen",
    "silent_wav",
]

# What OpenAI's transcription endpoint takes (and Whisper servers copy); 25 MB is its limit.
AUDIO_SUFFIXES = tuple(".flac .m4a .mp3 .mp4 .mpeg .mpga .oga .ogg .wav .webm".split())
MAX_AUDIO_BYTES = 25 * 1024 * 1024
# The largest message the notebook server takes from the browser (its default, 10 MB, cuts
# the connection on a longer recording). The page script refuses a file over
# MAX_AUDIO_BYTES before it is sent; this is for a front end that runs no page scripts,
# where a recording over the limit still arrives (up to ten minutes of CD-quality WAV,
# ~106 MB) and is refused in words.
MAX_UPLOAD_BYTES = 128 * 1024 * 1024


def check_audio(audio: bytes, filename: str) -> None:
    """Refuse, before anything is sent, a file no transcription endpoint would take."""
    check_chosen(filename, len(audio))


def check_chosen(filename: str, size: int) -> None:
    """``check_audio`` by the file's name and size alone: what the browser says of a file
    it refused to send (see ``coachkit.ui.live``)."""
    name = PurePath(filename).name or "the recording"
    suffix = PurePath(filename).suffix.lower()
    if suffix not in AUDIO_SUFFIXES:
        raise AudioFileError(
            f"{name} is not a recording coachkit can send: use one of "
            f"{', '.join(s[1:] for s in AUDIO_SUFFIXES)}."
        )
    if not size:
        raise AudioFileError(f"{name} is empty: record your answer again.")
    if size > MAX_AUDIO_BYTES:
        megabytes = math.ceil(size / 1024 / 1024 * 10) / 10  # never shown as the limit itself
        raise AudioFileError(
            f"{name} is {megabytes:.1f} MB; transcription takes at most "
            f"{MAX_AUDIO_BYTES // 1024 // 1024} MB. Record a shorter answer or export it "
            "at a lower bitrate (an interview answer is a few minutes, a few MB)."
        )


def silent_wav(seconds: float = 0.5, rate: int = 16_000) -> bytes:
    """A short silent WAV file: what `coachkit config check` sends a transcriber."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\0\0" * int(seconds * rate))
    return buffer.getvalue()
