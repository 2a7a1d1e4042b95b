"""Start CEM Workshop: ``python -m cemworkshop [streamlit options]`` (what ``make run`` calls).

It is ``streamlit run app.py`` with one thing told to Streamlit before the first browser
connects: the app navigates with ``st.navigation``. Otherwise Streamlit sees the ``pages/``
folder and runs a server's very first request in its old folder mode — a phone that
reconnects to ``/join`` after a restart would get a page list and no app around it.
"""

import gc
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"


def prepare_process() -> None:
    """Load what every page uses, then freeze it out of the garbage collector's scans.

    Streamlit, pandas and Altair live as long as the server; without this a full collection
    walks all of them (about 50 ms on a projector laptop) every few reruns.
    """
    # Only modules with no Streamlit declarations: streamlit_agraph declares its component
    # and the pages' helpers their caches on import, which must happen inside the server.
    import altair  # noqa: F401
    import pandas  # noqa: F401

    import cemworkshop.charts  # noqa: F401
    import cemworkshop.metrics  # noqa: F401
    import cemworkshop.rounds  # noqa: F401

    gc.collect()
    gc.freeze()


def main() -> None:
    PagesManager.uses_pages_directory = False
    prepare_process()
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
