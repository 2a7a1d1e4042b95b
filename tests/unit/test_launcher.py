"""The launcher's one private Streamlit setting: fail loudly when an upgrade breaks it."""

from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache

from cemworkshop.__main__ import APP, navigate_with_st_navigation


def test_streamlit_still_decides_folder_mode_by_the_attribute_the_launcher_sets(monkeypatch):
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    # Without the launcher, the pages/ folder next to app.py switches on the old folder mode …
    PagesManager(str(APP), ScriptCache(), setup_watcher=False)
    assert PagesManager.uses_pages_directory is True
    # … which the launcher turns off before the first browser connects, and it stays off.
    navigate_with_st_navigation()
    PagesManager(str(APP), ScriptCache(), setup_watcher=False)
    assert PagesManager.uses_pages_directory is False
    assert Path(APP).name == "app.py" and (Path(APP).parent / "pages").is_dir()
