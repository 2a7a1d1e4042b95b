"""Start CEM Workshop: ``python -m cemworkshop [streamlit options]`` (what ``make run`` calls).

It is ``streamlit run app.py`` with one thing told to Streamlit before the first browser
connects: the app navigates with ``st.navigation``. Otherwise Streamlit sees the ``pages/``
folder and runs a server's very first request in its old folder mode — a phone that
reconnects to ``/join`` after a restart would get a page list and no app around it.
"""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
