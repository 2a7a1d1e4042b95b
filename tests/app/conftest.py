"""AppTest helpers: run the real app.py (with st.navigation) against a temp database."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

import pages.common.session as session
from cemworkshop import demo
from cemworkshop.__main__ import navigate_with_st_navigation

APP = Path(__file__).resolve().parents[2] / "app.py"


@pytest.fixture(autouse=True)
def navigation_not_pages_dir(monkeypatch):
    # AppTest builds a new PagesManager every run, which sees our pages/ folder and would run
    # a page file alone, without app.py. The launcher tells the real server once; repeat it
    # after every PagesManager AppTest makes (the launcher's one private setting, see there).
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        navigate_with_st_navigation()

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def demo_id(db_path):
    return demo.load_demo()


def make_app(
    *,
    host: bool = False,
    token: str | None = None,
    workshop_id: int | None = None,
    lang: str | None = None,
) -> AppTest:
    """An AppTest of app.py as the host (browser on this machine) or with a link's token."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    if token:
        at.query_params["t"] = token
    if workshop_id:
        at.query_params["ws"] = str(workshop_id)
    if lang:
        at.query_params["lang"] = lang
    return at


@pytest.fixture
def as_host(monkeypatch):
    """Make this test's browser the machine's own (AppTest has no loopback peer)."""
    monkeypatch.setattr(session, "_is_local_browser", lambda: True)


def texts(at: AppTest) -> str:
    """Everything the page shows as text, for assertions about what a user reads."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "text",
    ):
        parts += [str(e.value) for e in getattr(at, kind)]
    # st.html blocks (tables that wrap, the dashboard's tiles): their text without the markup
    parts += [html.unescape(re.sub(r"<[^>]+>", " ", e.proto.body)) for e in at.get("html")]
    return "\n".join(parts)


def submit(at: AppTest, form: str) -> AppTest:
    """Click the submit button of the form with this key, whatever its label's language."""
    for button in at.button:
        if (button.key or "").startswith(f"FormSubmitter:{form}-"):
            return button.click().run()
    raise AssertionError(f"no submit button for form {form!r}")


STEP_PAGES = {2: "pages/step2_development.py", 3: "pages/step3_organisation.py",
              4: "pages/step4_implementation.py", 5: "pages/step5_optimisation.py"}  # fmt: skip


def open_page(ws_or_token, page: str, lang: str | None = None) -> AppTest:
    """A facilitator's page as it opens with the workshop's link (token)."""
    token = ws_or_token if isinstance(ws_or_token, str) else ws_or_token.facilitator_token
    at = make_app(token=token, lang=lang)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def open_step(ws_or_token, step: int, section: str | None = None, lang: str | None = None):
    """A step page as the facilitator sees it (by the workshop's token), at ``section``."""
    at = open_page(ws_or_token, STEP_PAGES[step], lang)
    if section:
        at.segmented_control(key=f"step{step}_section").set_value(section).run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> str:
    """The page's text and the cells of its tables."""
    return texts(at) + " " + " ".join(df.value.to_string() for df in at.dataframe)
