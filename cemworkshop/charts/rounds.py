"""How far the room has come in a running round, before any result: the colours of done, in
progress and not started (the projector's bar and key, pages/common/rounds.py)."""

from __future__ import annotations

STATE_COLOURS = {"done": "#2ca02c", "in_progress": "#f2b705", "not_started": "#c7c7c7"}
