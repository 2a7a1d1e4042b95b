"""Step 2 — Entwicklung: its sections in the order of the method, each a module with
``render(workshop)``. ``pages/step2_development.py`` shows the one the facilitator picks."""

from pages.step2 import innovation, memories, social, voice, vote

SECTIONS = {
    "innovation": innovation.render,
    "memories": memories.render,
    "vote": vote.render,
    "social": social.render,
    "voice": voice.render,
}
