"""A catalogue of bad inputs over forms, imports and links: each gets a clear message, and
the database is exactly as it was before (what the person typed stays in the form).

Every case runs against the same small workshop; the whole database is compared row by row
before and after (bookkeeping such as "last seen" and PIN attempt counters left aside).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from cemworkshop import competitors, customers, journey, profitability, store, touchpoints
from cemworkshop import workshops as ws_mod
from tests.app.conftest import make_app, submit, texts

LONG = "x" * 121


@dataclass
class Workshop:
    id: int
    token: str
    code: str
    pin: str
    phases: list[int]
    website: int
    advice: int
    participant_token: str


@pytest.fixture
def w(db_path) -> Workshop:
    new = ws_mod.create_workshop("Katalog", company="Muster GmbH")
    phases = [p["id"] for p in touchpoints.phases(new.id)]
    website = touchpoints.add_touchpoint(new.id, "Website", phase_id=phases[0])
    advice = touchpoints.add_touchpoint(new.id, "Beratung", phase_id=phases[1])
    journey.add_edge(new.id, website, advice)
    customers.save_segment(new.id, "Familien", share_pct=60, value_per_year=900)
    customers.save_persona(new.id, "Lena")
    customers.set_source(new.id, "NPS-Umfrage", available=True)
    competitors.add_competitor(new.id, "Küchen König")
    competitors.add_criterion(new.id, "Preis")
    profitability.save_scenario(
        new.id,
        "Basis",
        profitability.check_inputs(
            customers=1000, revenue_per_customer=900, margin_pct=20, churn_pct=10,
            churn_drift_pts=2, referral_pct=3, investment=20000, churn_reduction_pct=30, years=3,
        ),
    )  # fmt: skip
    joined = ws_mod.join(new.join_code, "Anna")
    return Workshop(
        new.id, new.facilitator_token, new.join_code, new.pin, phases, website, advice, joined.token
    )


def snapshot() -> dict:
    tables = [
        r["name"]
        for r in store.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if r["name"] not in ("_sqlite_migrations", "pin_attempts", "sqlite_sequence")
    ]
    found = {}
    for table in tables:
        rows = store.rows(f"SELECT * FROM {table}")  # noqa: S608 — names from sqlite_master
        found[table] = sorted(
            (tuple(sorted((k, v) for k, v in r.items() if k != "last_seen")) for r in rows),
            key=repr,
        )
    return found


def facilitator(w: Workshop, section: str | None = None, page="pages/step1_definition.py"):
    at = make_app(token=w.token)
    at.run()
    at.switch_page(page).run()
    if section:
        at.segmented_control(key="step1_section").set_value(section).run()
    return at


def typed(at, values: dict[str, str]):
    for key, value in values.items():
        widget = next(
            (x for kind in ("text_input", "text_area") for x in getattr(at, kind) if x.key == key),
            None,
        )
        assert widget is not None, key
        widget.input(value)
    return at


@dataclass
class Case:
    name: str
    act: Callable  # (w) -> AppTest after the bad input
    message: str
    kept: tuple[str, str] | None = None  # (widget key, value) that must still be in the form


def form(section, values, form_key, page="pages/step1_definition.py"):
    def act(w):
        at = facilitator(w, section, page)
        typed(at, {k.format(w=w): v for k, v in values.items()})
        return submit(at, form_key.format(w=w))

    return act


def new_touchpoint(name, **more):
    return form("touchpoints", {"tp_add_name": name, **more}, "tp_add")


def segment(name="Senioren", share="10", value="500"):
    return form(
        "customers",
        {"seg_new_name": name, "seg_new_share": share, "seg_new_value": value},
        "seg_new_form",
    )


def scenario(**values):
    def act(w):
        at = facilitator(w, "profitability")
        typed(at, {"ron_new_name": "Neu", **{f"ron_new_{k}": v for k, v in values.items()}})
        return at.button(key="FormSubmitter:ron_new_form-Berechnen und speichern").click().run()

    return act


def host_form(values, form_key):
    def act(w):
        at = make_app(token=w.token)
        at.run()
        typed(at, {k.format(w=w): v for k, v in values.items()})
        return submit(at, form_key)

    return act


def join(code, name="Ben"):
    def act(w):
        at = make_app()
        at.run()
        typed(at, {"join_code": code.format(w=w), "join_name": name})
        return submit(at, "join")

    return act


def pin(code, value):
    def act(w):
        at = make_app()
        at.run()
        typed(at, {"pin_code": code.format(w=w), "pin_value": value})
        return submit(at, "pin_login")

    return act


def link(**params):
    def act(w):
        at = make_app()
        for key, value in params.items():
            at.query_params[key] = value.format(w=w)
        at.run()
        return at

    return act


def host_link(**params):
    def act(w):
        import pages.common.session as session

        original = session._is_local_browser
        session._is_local_browser = lambda: True
        try:
            at = make_app()
            for key, value in params.items():
                at.query_params[key] = value.format(w=w)
            at.run()
            return at
        finally:
            session._is_local_browser = original

    return act


def upload(data: bytes):
    def act(w):
        at = facilitator(w, "touchpoints")
        at.file_uploader(key="tp_import_file_0").set_value(("bad.csv", data, "text/csv")).run()
        return at

    return act


def edit_touchpoint(name):
    def act(w):
        at = facilitator(w, "touchpoints")
        at.selectbox(key="tp_choose").set_value(w.advice).run()
        typed(at, {f"tpl_{w.advice}_name": name})
        return submit(at, f"tpl_{w.advice}_form")

    return act


def path_from_to(same: bool):
    def act(w):
        at = facilitator(w, "journey")
        at.selectbox(key="edge_from").set_value(w.website)
        at.selectbox(key="edge_to").set_value(w.website if same else w.advice)
        return submit(at, "edge_add")

    return act


def round_without_touchpoints(w):
    at = facilitator(w, "scoring")
    at.multiselect(key="round_touchpoints").set_value([])
    return submit(at, "round_new")


def delete_full_phase(w):
    at = facilitator(w, "touchpoints")
    at.button(key=f"phase_del_{w.phases[0]}").click().run()
    return at


def rename_phase_to(name):
    def act(w):
        at = facilitator(w, "touchpoints")
        at.text_input(key=f"phase_name_{w.phases[0]}").input(name).run()
        return at

    return act


def delete_workshop_with_wrong_name(w):
    at = make_app(token=w.token)
    at.run()
    at.text_input(key=f"ws_delete_confirm_{w.id}").input("katalog")  # case differs
    at.button(key="ws_delete").click().run()
    return at


def participant_rename(name):
    def act(w):
        at = make_app(token=w.participant_token)
        at.run()
        at.text_input(key="me_name").input(name)
        return submit(at, "rename_me")

    return act


EMPTY = "darf nicht leer sein"
TOO_LONG = "ist zu lang"
RANGE = "muss zwischen"

CASES = [
    # --- workshops --------------------------------------------------------------------------
    Case("workshop renamed to nothing", host_form({"ws_name_{w.id}": "   "}, "ws_rename"), EMPTY),
    Case("workshop renamed overlong", host_form({"ws_name_{w.id}": LONG}, "ws_rename"), TOO_LONG),
    Case("company overlong", host_form({"ws_company_{w.id}": LONG}, "ws_rename"), TOO_LONG),
    Case("delete with a name that differs", delete_workshop_with_wrong_name, "nichts gelöscht"),
    # --- touchpoints ------------------------------------------------------------------------
    Case("touchpoint without a name", new_touchpoint(""), EMPTY),
    Case("touchpoint of blanks", new_touchpoint("   \t "), EMPTY),
    Case("touchpoint name overlong", new_touchpoint(LONG), TOO_LONG, ("tp_add_name", LONG)),
    Case("touchpoint name 10,000 chars", new_touchpoint("y" * 10_000), TOO_LONG),
    Case("duplicate touchpoint", new_touchpoint("website"), "gibt es in diesem Workshop schon"),
    Case(
        "duplicate with spaces", new_touchpoint("  Website  "), "gibt es in diesem Workshop schon"
    ),
    Case("channel overlong", new_touchpoint("Chat", tp_add_channel="c" * 201), TOO_LONG),
    Case("department overlong", new_touchpoint("Chat", tp_add_department="d" * 201), TOO_LONG),
    Case("edited to nothing", edit_touchpoint(""), EMPTY),
    Case(
        "edited to another's name", edit_touchpoint("WEBSITE"), "gibt es in diesem Workshop schon"
    ),
    Case("edited overlong", edit_touchpoint(LONG), TOO_LONG),
    # --- phases and paths -------------------------------------------------------------------
    Case("phase without a name", form("touchpoints", {"phase_add_name": ""}, "phase_add"), EMPTY),
    Case(
        "duplicate phase",
        form("touchpoints", {"phase_add_name": "vor dem kauf"}, "phase_add"),
        "gibt es schon",
    ),
    Case(
        "phase overlong", form("touchpoints", {"phase_add_name": "p" * 61}, "phase_add"), TOO_LONG
    ),
    Case("phase renamed to another's", rename_phase_to("Nach dem Kauf"), "gibt es schon"),
    Case("phase renamed to nothing", rename_phase_to(" "), EMPTY),
    Case(
        "deleting a phase with touchpoints",
        delete_full_phase,
        "In dieser Phase liegen noch Touchpoints (1)",
    ),
    Case("path to itself", path_from_to(same=True), "zu einem anderen Touchpoint"),
    Case("path twice", path_from_to(same=False), "Diesen Pfad gibt es schon"),
    Case("round without touchpoints", round_without_touchpoints, "mindestens einen Touchpoint"),
    # --- customers --------------------------------------------------------------------------
    Case("segment without a name", segment(name=""), EMPTY),
    Case("duplicate segment", segment(name="familien"), "Ein Segment „familien“ gibt es schon"),
    Case("segment name overlong", segment(name="s" * 81), TOO_LONG),
    Case(
        "share written the English way",
        segment(share="2.5"),
        "meinten Sie 2,5",
        ("seg_new_share", "2.5"),
    ),
    Case("share not a number", segment(share="abc"), "muss eine Zahl sein"),
    Case("share 1e308", segment(share="1e308"), RANGE),
    Case("share negative", segment(share="-5"), RANGE),
    Case("share over 100", segment(share="101"), RANGE),
    Case("share empty", segment(share=""), "Bitte geben Sie eine Zahl ein"),
    Case("shares over 100 together", segment(share="50"), "mehr als 100 %"),
    Case("value negative", segment(value="-1"), RANGE),
    Case("value not a number", segment(value="viel"), "muss eine Zahl sein"),
    Case("value huge", segment(value="1e12"), RANGE),
    Case(
        "persona without a name",
        form("customers", {"persona_new_name": ""}, "persona_new_form"),
        EMPTY,
    ),
    Case(
        "duplicate persona",
        form("customers", {"persona_new_name": "LENA"}, "persona_new_form"),
        "gibt es schon",
    ),
    Case(
        "persona goals overlong",
        form(
            "customers",
            {"persona_new_name": "Max", "persona_new_goals": "g" * 501},
            "persona_new_form",
        ),
        TOO_LONG,
    ),
    Case("source without a name", form("customers", {"src_new_name": " "}, "src_add"), EMPTY),
    Case(
        "source name overlong", form("customers", {"src_new_name": "q" * 81}, "src_add"), TOO_LONG
    ),
    # --- competitor benchmark ---------------------------------------------------------------
    Case(
        "competitor without a name",
        form("competitors", {"competitors_new_competitor": ""}, "competitors_add_company"),
        EMPTY,
    ),
    Case(
        "duplicate competitor",
        form(
            "competitors", {"competitors_new_competitor": "küchen könig"}, "competitors_add_company"
        ),
        "gibt es schon",
    ),
    Case(
        "criterion without a name",
        form("competitors", {"competitors_new_criterion": " "}, "competitors_add_criterion"),
        EMPTY,
    ),
    Case(
        "duplicate criterion",
        form("competitors", {"competitors_new_criterion": "PREIS"}, "competitors_add_criterion"),
        "gibt es schon",
    ),
    Case(
        "brand promise overlong",
        form("competitors", {"competitors_brand": "b" * 1001}, "competitors_promises"),
        TOO_LONG,
    ),
    # --- Return on Nothing ------------------------------------------------------------------
    Case("scenario without a name", scenario(name=""), EMPTY),
    Case("scenario name taken", scenario(name="basis"), "gibt es schon"),
    Case("margin over 100", scenario(margin_pct="150"), RANGE),
    Case("churn not a number", scenario(churn_pct="viel"), "muss eine Zahl sein"),
    Case("years not whole", scenario(years="2,5"), "ganze Zahl"),
    Case("years zero", scenario(years="0"), RANGE),
    Case("customers 1e308", scenario(customers="1e308"), RANGE),
    Case("investment negative", scenario(investment="-1"), RANGE),
    Case(
        "revenue the English way",
        scenario(revenue_per_customer="1,234.5"),
        "keine Zahl in deutscher",
    ),
    # --- joining and signing in -------------------------------------------------------------
    Case("join with a wrong code", join("ZZZZZZ"), "keinen Workshop"),
    Case("join with no code", join(""), "keinen Workshop"),
    Case("join with a name overlong", join("{w.code}", "n" * 41), TOO_LONG),
    Case("join with markup as code", join("<script>"), "keinen Workshop"),
    Case("participant renamed overlong", participant_rename("n" * 41), TOO_LONG),
    Case("wrong PIN", pin("{w.code}", "wrong!"), "Die PIN ist falsch"),
    Case("PIN of letters", pin("{w.code}", "abcdef"), "Die PIN ist falsch"),
    Case("PIN for an unknown code", pin("QQQQQQ", "123456"), "keinen Workshop"),
    # --- files ------------------------------------------------------------------------------
    Case("empty file", upload(b""), "Die Datei ist leer"),
    Case("file without a name column", upload(b"foo;bar\n1;2\n"), "Keine Spalte „name“"),
    Case("binary file", upload(b"\x00\x01\x02name\n"), "keine Textdatei"),
    Case("file too big", upload(b"name\n" + b"n" * 1_000_001), "zu groß"),
    Case(
        "too many rows",
        upload(b"name\n" + b"".join(b"T%d\n" % i for i in range(2001))),
        "zu viele Zeilen",
    ),
    Case("unclosed quote", upload(b'name,phase\n"offen,Vor dem Kauf\n'), "keine gültige CSV-Datei"),
    Case("unknown encoding", upload(b"\xff\xfe\x00\xd8"), "Zeichenkodierung"),
    # --- links ------------------------------------------------------------------------------
    Case(
        "workshop id too big for SQLite",
        host_link(ws="99999999999999999999"),
        "gibt es nicht (mehr)",
    ),
    Case("workshop id not a number", host_link(ws="abc"), "gibt es nicht (mehr)"),
    Case("workshop id negative", host_link(ws="-1"), "gibt es nicht (mehr)"),
    Case("workshop id unknown", host_link(ws="424242"), "gibt es nicht (mehr)"),
    Case("workshop id as exponent", host_link(ws="1e5"), "gibt es nicht (mehr)"),
    Case("token unknown", link(t="nonsense"), "nicht mehr gültig"),
    Case("token far too long", link(t="t" * 500), "nicht mehr gültig"),
    Case("join code unknown", link(code="ZZZZZZ"), "Zum Code „ZZZZZZ“ gibt es keinen Workshop"),
    Case("join code with markup", link(code="<b>x</b>"), "gibt es keinen Workshop"),
    Case("language unknown", link(lang="xx", code="ZZZZZZ"), "gibt es keinen Workshop"),
]


def test_the_catalogue_is_large_enough():
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gets_a_message_and_changes_nothing(w, case):
    before = snapshot()
    at = case.act(w)
    assert not at.exception, at.exception
    shown = texts(at).replace("\\", "")
    assert case.message in shown, f"{case.name}: {shown[-600:]}"
    assert snapshot() == before, case.name
    if case.kept:
        key, value = case.kept
        kept = next(x for x in at.text_input if x.key == key)
        assert kept.value == value
