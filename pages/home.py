"""Home: the open workshop's join code, link and QR code; workshop settings; all workshops."""

import streamlit as st

from cemworkshop import agenda, demo, i18n, templates, workshops
from cemworkshop.exchange import workshop_zip
from cemworkshop.validation import ValidationError
from pages.common.forms import attempt_versioned, opened_version, saved
from pages.common.layout import big_code, page_header
from pages.common.links import facilitator_url, join_url, only_this_machine, qr_png
from pages.common.session import current, leave, open_workshop, url_problem
from pages.common.text import error_text, md, t

session = current()
if not session.can_facilitate:
    st.error(t("guard.facilitator_only"))
    st.stop()


def show_new_secrets(token: str, pin: str) -> None:
    """The facilitator link and PIN, kept for this browser session only."""
    st.code(facilitator_url(token), language=None, wrap_lines=True)
    st.markdown(t("home.pin_is", pin=pin))


def on_create() -> None:
    state = st.session_state
    try:
        new = workshops.create_workshop(
            state["ws_new_name"],
            company=state["ws_new_company"],
            language=state["ws_new_language"] or session.lang,
        )
    except ValidationError as err:
        state["ws_new_error"] = error_text(err)
        return
    agenda.load_format(
        new.id, state.get("ws_new_format") or "free", state["ws_new_language"] or session.lang
    )
    state["ws_new_error"] = None
    state["ws_new_name"] = state["ws_new_company"] = ""
    state["fresh_secrets"] = (new.id, new.facilitator_token, new.pin)
    open_workshop(new.id)


def import_zip() -> None:
    """A workshop from another machine's ZIP: a preview of what it holds, then a new workshop."""
    st.caption(t("home.import_help"))
    offered = st.file_uploader(t("home.import_file"), type=["zip"], key="ws_import_upload")
    if offered is None:
        return
    try:
        plan = workshop_zip.plan_import(offered.getvalue())
    except ValidationError as err:
        st.error(error_text(err))
        return
    for code, params in plan.problems:
        st.error(error_text(ValidationError(code, **params)))
    if plan.workshop:
        rows = sum(len(r) for r in plan.rows.values())
        st.markdown(t("home.import_found", name=md(plan.workshop["name"]),
                      company=md(plan.workshop["company"]) or "–", language=plan.workshop["language"],
                      rows=rows, files=len(plan.rows)))  # fmt: skip
    st.dataframe(
        {t("home.import_file_col"): [f for f, _, _ in plan.messages],
         t("home.import_message_col"): [t(f"home.{code}", **params) for _, code, params in plan.messages]},
        hide_index=True, width="stretch", height=240,
    )  # fmt: skip
    if plan.ok and st.button(t("home.import_go"), type="primary", key="ws_import_go"):
        try:
            made = workshop_zip.import_workshop(plan)
        except ValidationError as err:
            st.error(error_text(err))
            return
        st.session_state["fresh_secrets"] = (made.id, made.facilitator_token, made.pin)
        st.session_state.pop("ws_import_upload", None)
        open_workshop(made.id)
        st.rerun()


workshop = workshops.get_workshop(session.workshop_id) if session.workshop_id else None
if url_problem() == "unknown_workshop":
    st.warning(t("home.unknown_workshop"))

if workshop:
    page_header(md(workshop["name"]), md(workshop["company"]) or None)
    join_col, settings_col = st.columns([3, 2], gap="large")
    with join_col:
        st.subheader(t("home.invite"))
        url = join_url(workshop["join_code"])
        code_col, qr_col = st.columns([3, 2])
        with code_col:
            st.markdown(t("home.join_code"))
            big_code(workshop["join_code"], size_px=52)
            st.markdown(t("home.join_link"))
            st.code(url, language=None, wrap_lines=True)
            # A new tab: joining there never costs this tab its facilitator role.
            st.link_button(t("home.open_participant_view"), url, icon=":material/open_in_new:")
            if only_this_machine():
                st.warning(t("home.only_this_machine"))
        with qr_col:
            st.image(qr_png(url), width=230, caption=t("home.qr_caption"))
        people = workshops.participants(workshop["id"])
        st.metric(t("home.participants"), len(people))

    with settings_col:
        st.subheader(t("home.settings"))
        with st.form("ws_rename"):
            name = st.text_input(
                t("home.name"), value=workshop["name"], key=f"ws_name_{workshop['id']}"
            )
            company = st.text_input(
                t("home.company"), value=workshop["company"], key=f"ws_company_{workshop['id']}"
            )
            language = st.segmented_control(
                t("home.language"),
                list(workshops.LANGUAGES),
                default=workshop["language"],
                format_func=i18n.LANGUAGE_NAMES.get,
                key=f"ws_language_{workshop['id']}",
            )
            version = opened_version("ws_rename", workshop["version"])
            if st.form_submit_button(t("home.save"), type="primary") and attempt_versioned(
                "ws_rename", workshops.update_workshop, workshop["id"], name,
                company=company, language=language or None, version=version,
            ):  # fmt: skip
                saved(t("home.saved"))
                st.rerun()

        fresh = st.session_state.get("fresh_secrets")
        fresh = fresh if fresh and fresh[0] == workshop["id"] else None
        with st.expander(t("home.facilitator_access"), expanded=fresh is not None):
            st.write(t("home.facilitator_access_help"))
            if fresh:
                st.success(t("home.secrets_once"))
                # Closed until asked for: this screen may be on the projector.
                with st.popover(t("home.show_secrets"), icon=":material/visibility:"):
                    show_new_secrets(fresh[1], fresh[2])
            if st.button(t("home.new_secrets"), key="ws_new_secrets"):
                token, pin = workshops.new_facilitator_secrets(workshop["id"])
                st.session_state["fresh_secrets"] = (workshop["id"], token, pin)
                st.rerun()

        with st.expander(t("home.template")):
            st.caption(t("home.template_help"))
            with st.form("ws_template", border=False):
                copy_name = st.text_input(t("home.name"), key="ws_template_name",
                                          placeholder=t("home.template_example"))  # fmt: skip
                if st.form_submit_button(t("home.template_button")):
                    try:
                        made = templates.copy_as_template(workshop["id"], copy_name)
                    except ValidationError as err:
                        st.error(error_text(err))
                    else:
                        st.session_state["fresh_secrets"] = (
                            made.id,
                            made.facilitator_token,
                            made.pin,
                        )
                        st.session_state.pop("ws_template_name", None)
                        open_workshop(made.id)
                        st.rerun()

        archived = bool(workshop.get("archived_at"))
        if archived:
            st.warning(t("home.archived_note"))
        if st.button(t("home.unarchive" if archived else "home.archive"), key="ws_archive"):
            workshops.archive(workshop["id"], not archived)
            saved(t("home.unarchived" if archived else "home.archived"))
            st.rerun()

        with st.expander(t("home.delete")):
            st.write(t("home.delete_warning", name=md(workshop["name"])))
            confirm = st.text_input(
                t("home.delete_type_name"), key=f"ws_delete_confirm_{workshop['id']}"
            )
            if st.button(t("home.delete_button"), type="primary", key="ws_delete"):
                if confirm.strip() == workshop["name"]:
                    workshops.delete_workshop(workshop["id"])
                    open_workshop(None)
                    st.session_state.pop("fresh_secrets", None)
                    if session.role == "facilitator":
                        leave()
                    st.rerun()
                else:
                    st.error(t("home.delete_name_mismatch"))

else:
    page_header(t("home.title"), t("home.tagline"))

if session.role == "host":
    st.divider()
    st.header(t("home.all_workshops"))
    show_archived = st.toggle(t("home.show_archived"), key="ws_show_archived")
    listed = workshops.list_workshops(archived=show_archived)
    if not listed:
        st.info(t("home.no_workshops"))
    for ws in listed:
        with st.container(border=True):
            info_col, code_col, button_col = st.columns([5, 2, 2], vertical_alignment="center")
            with info_col:
                badge = f" · {t('home.demo_badge')}" if ws["is_demo"] else ""
                badge += f" · {t('home.archived_badge')}" if ws["archived_at"] else ""
                st.markdown(f"**{md(ws['name'])}**{badge}")
                st.caption(
                    t(
                        "home.workshop_line",
                        company=md(ws["company"]) or "—",
                        touchpoints=ws["touchpoints"],
                        participants=ws["participants"],
                    )
                )
            code_col.markdown(f"`{ws['join_code']}`")
            if ws["id"] == session.workshop_id:
                button_col.markdown(t("home.is_open"))
            elif button_col.button(t("home.open"), key=f"ws_open_{ws['id']}"):
                open_workshop(ws["id"])
                st.rerun()

    with (
        st.expander(t("home.create"), expanded=not listed, icon=":material/add:"),
        st.form("ws_create", border=False),
    ):
        st.text_input(t("home.name"), key="ws_new_name", max_chars=None)
        st.text_input(t("home.company"), key="ws_new_company")
        st.segmented_control(
            t("home.language"),
            list(workshops.LANGUAGES),
            default=session.lang,
            format_func=i18n.LANGUAGE_NAMES.get,
            key="ws_new_language",
        )
        st.selectbox(t("agenda.format"), list(agenda.FORMATS), key="ws_new_format",
                     format_func={f: t(f"agenda.format_{f}") for f in agenda.FORMATS}.get,
                     help=t("home.format_help"))  # fmt: skip
        st.form_submit_button(t("home.create_button"), type="primary", on_click=on_create)
    if st.session_state.get("ws_new_error"):
        st.error(st.session_state["ws_new_error"])

    with st.expander(t("home.import"), icon=":material/upload:"):
        import_zip()

    if st.button(t("home.load_demo"), key="ws_load_demo"):
        open_workshop(demo.load_demo())
        st.rerun()
