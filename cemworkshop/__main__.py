"""Start CEM Workshop: ``python -m cemworkshop [streamlit options]`` (what ``make run`` calls).

It is ``streamlit run pages/server.py`` (``app.py`` with the phones' ``/_cem/live``
route) with one thing told to Streamlit before the first browser connects: the app navigates
with ``st.navigation``. The one module of the package that imports Streamlit, and the one
place that touches a private Streamlit attribute.
"""

import gc
import sys
from pathlib import Path

from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"
SERVER = APP.parent / "pages" / "server.py"  # Streamlit's App for app.py, one route more


def navigate_with_st_navigation() -> None:
    """Tell Streamlit that the app navigates with ``st.navigation``, not with its ``pages/`` folder.

    Why private: Streamlit decides this from whether a ``pages/`` folder lies next to
    ``app.py`` (``PagesManager.uses_pages_directory``) and learns otherwise only when
    ``st.navigation`` first runs. Until then a server's first request runs in the old folder
    mode: a phone that reconnects to ``/join`` after a restart would get ``pages/join.py``
    alone, without ``app.py`` (no session, no navigation). No public option says this, and
    the design keeps the ``pages/`` folder. ``tests/unit/test_launcher.py`` fails loudly if a
    Streamlit upgrade renames or drops the attribute.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if not hasattr(PagesManager, "uses_pages_directory"):
        raise RuntimeError(
            "Streamlit no longer has PagesManager.uses_pages_directory: see "
            "cemworkshop/__main__.py navigate_with_st_navigation()"
        )
    PagesManager.uses_pages_directory = False


def prepare_process() -> None:
    """Load what every page uses, then freeze it out of the garbage collector's scans.

    Streamlit, pandas and Altair live as long as the server; without this a full collection
    walks all of them (about 50 ms on a projector laptop) every few reruns.
    """
    # Only modules with no Streamlit declarations: streamlit_agraph declares its component
    # and the pages' helpers their caches on import, which must happen inside the server.
    import altair  # noqa: F401
    import pandas  # noqa: F401

    import cemworkshop.charts.ipa  # noqa: F401
    import cemworkshop.rounds.lifecycle  # noqa: F401

    gc.collect()
    gc.freeze()


def main() -> None:
    navigate_with_st_navigation()
    prepare_process()
    sys.argv = ["streamlit", "run", str(SERVER), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
