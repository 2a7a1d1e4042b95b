"""CEM Workshop: the entry point. Who this browser is decides which pages it gets."""

import streamlit as st

from cemworkshop import demo
from pages.common.layout import ICON_URL
from pages.common.navigation import HOME, pages_for
from pages.common.problems import storage_problems
from pages.common.session import resolve_session, wants_home

st.set_page_config(
    page_title="CEM Workshop",
    page_icon=ICON_URL,  # our file: a :material/…: icon would be fetched from a font CDN
    layout="wide",
    initial_sidebar_state="collapsed",
)
with storage_problems():
    demo.ensure_demo_on_first_start()
    session = resolve_session()
    position = "top" if session.can_facilitate else "hidden"
    page = st.navigation(pages_for(session), position=position)
    if session.can_facilitate and wants_home():
        st.switch_page(HOME)  # just signed in with a PIN: to the workshop, not the join form
    page.run()
