"""The page list: every page's file and address written once, and who may see which.

>>> st.navigation(pages_for(session)).run()      # app.py
>>> workshop = require_facilitator()             # first line of a facilitator's page
>>> st.page_link(PRESENTER, label=…)             # a link to a page, by its constant
"""

from __future__ import annotations

import streamlit as st

from cemworkshop import workshops
from pages.common.session import Session, current
from pages.common.text import t

HOME = "pages/home.py"
JOIN = "pages/join.py"
STEP1 = "pages/step1_definition.py"
STEP2 = "pages/step2_development.py"
STEP3 = "pages/step3_organisation.py"
STEP4 = "pages/step4_implementation.py"
STEP5 = "pages/step5_optimisation.py"
STEP_PAGES = {1: STEP1, 2: STEP2, 3: STEP3, 4: STEP4, 5: STEP5}
AGENDA = "pages/agenda.py"
PRESENTER = "pages/presenter.py"
EXPORT = "pages/export.py"

# (file, url path, title key, icon) of the facilitator's pages, in the order of the top bar.
FACILITATOR_PAGES = [
    (AGENDA, "agenda", "nav.agenda", ":material/schedule:"),
    (STEP1, "step1_definition", "nav.step1", ":material/route:"),
    (STEP2, "step2_development", "nav.step2", ":material/lightbulb:"),
    (STEP3, "step3_organisation", "nav.step3", ":material/groups:"),
    (STEP4, "step4_implementation", "nav.step4", ":material/rocket_launch:"),
    (STEP5, "step5_optimisation", "nav.step5", ":material/monitoring:"),
    (PRESENTER, "presenter", "nav.presenter", ":material/co_present:"),
    (EXPORT, "export", "nav.export", ":material/download:"),
]
URL_PATHS = ("join", "start", "home", *(path for _, path, _, _ in FACILITATOR_PAGES))


def pages_for(session: Session) -> list:
    """The pages this browser may see, in the order of the top navigation.

    A default page answers only at ``/``; the join page is registered a second time under
    ``/join`` so the link on the projector opens it without a "page not found".
    """
    join = st.Page(JOIN, title=t("nav.join"), icon=":material/smartphone:", url_path="join")
    # The facilitator opens the participant view in a new tab (home page), never in place.
    hidden_join = st.Page(
        JOIN,
        title=t("nav.join"),
        icon=":material/smartphone:",
        url_path="join",
        visibility="hidden",
    )
    if not session.can_facilitate:
        start = st.Page(
            JOIN, title=t("nav.join"), icon=":material/smartphone:", url_path="start", default=True
        )
        return [start, join]
    home = st.Page(HOME, title=t("nav.home"), icon=":material/home:", url_path="home", default=True)
    if not session.workshop_id:
        return [home, hidden_join]
    return [
        home,
        *(
            st.Page(path, title=t(title), icon=icon, url_path=url)
            for path, url, title, icon in FACILITATOR_PAGES
        ),
        hidden_join,
    ]


def require_facilitator() -> dict:
    """The facilitator's open workshop; stops the page for anyone else."""
    session = current()
    if not session.can_facilitate:
        st.error(t("guard.facilitator_only"))
        st.stop()
    workshop = workshops.get_workshop(session.workshop_id) if session.workshop_id else None
    if workshop is None:
        st.info(t("guard.open_workshop_first"))
        st.page_link(HOME, label=t("nav.home"), icon=":material/home:")
        st.stop()
    return workshop
