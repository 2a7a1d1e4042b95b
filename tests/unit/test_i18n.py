"""Every visible string comes from the catalogues; both languages hold the same areas and keys."""

import ast
import json
import re
import string
from pathlib import Path

from cemworkshop import (
    complaints,
    continuous,
    i18n,
    kpis,
    organisation,
    priorities,
    profitability,
    strategy,
)
from cemworkshop.exchange.tables import TABLES
from cemworkshop.metrics import ipa, priority
from cemworkshop.metrics.ron import SENSITIVE
from cemworkshop.rounds.five_rules import RULES
from cemworkshop.rounds.kinds import REGISTRY
from cemworkshop.rounds.touchpoint_scoring import BASE_DIMENSIONS, COMPETITOR
from cemworkshop.schema import METHOD_GOALS

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*ROOT.glob("pages/**/*.py"), *ROOT.glob("cemworkshop/**/*.py"), ROOT / "app.py"]


def placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_areas_keys_and_placeholders():
    assert [p.name for p in i18n.area_files("de")] == [p.name for p in i18n.area_files("en")]
    de, en = i18n.catalogue("de"), i18n.catalogue("en")
    assert set(de) - set(en) == set(), "missing in en"
    assert set(en) - set(de) == set(), "missing in de"
    for key in de:
        assert placeholders(de[key]) == placeholders(en[key]), key
        assert de[key].strip() and en[key].strip(), key


def test_a_key_lives_in_one_area_file_only():
    for lang in i18n.LANGUAGES:
        seen: dict[str, str] = {}
        for path in i18n.area_files(lang):
            for key in json.loads(path.read_text(encoding="utf-8")):
                assert key not in seen, f"{lang}: {key} in {seen.get(key)} and {path.name}"
                seen[key] = path.name
        assert len(seen) > 400


def used_keys():
    """Literal keys passed to t()/translate(), and f-string key prefixes."""
    literal, prefixes = set(), set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(
                node.func, "id", getattr(node.func, "attr", None)
            ) in ("t", "translate"):
                if not node.args:
                    continue
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    literal.add(arg.value)
                elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                    prefixes.add(arg.values[0].value)
    return literal, prefixes


def test_every_key_the_code_uses_exists():
    literal, prefixes = used_keys()
    assert len(literal) > 100
    for lang in i18n.LANGUAGES:
        missing = sorted(k for k in literal if k not in i18n.catalogue(lang))
        assert missing == [], f"{lang}: {missing}"
        for prefix in prefixes:
            assert any(k.startswith(prefix) for k in i18n.catalogue(lang)), prefix


def test_every_validation_error_and_field_has_a_message():
    codes, fields = set(), set()
    for path in ROOT.glob("cemworkshop/**/*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'ValidationError\(\s*"([a-z_]+)"', text))
        fields |= set(re.findall(r'field="([a-z_]+)"', text))
    assert len(codes) > 20
    for lang in i18n.LANGUAGES:
        cat = i18n.catalogue(lang)
        assert sorted(c for c in codes if f"error.{c}" not in cat) == [], lang
        assert sorted(f for f in fields if f"field.{f}" not in cat) == [], lang


def test_dynamic_key_families_are_complete():
    sections = re.findall(
        r'^    "([a-z_]+)": ', (ROOT / "pages/step1/__init__.py").read_text(), re.M
    )
    assert len(sections) == 9
    step3 = re.findall(r'^    "([a-z_]+)": ', (ROOT / "pages/step3/__init__.py").read_text(), re.M)
    assert len(step3) == 6
    step4 = re.findall(r'^    "([a-z_]+)": ', (ROOT / "pages/step4/__init__.py").read_text(), re.M)
    assert len(step4) == 7
    for lang in i18n.LANGUAGES:
        cat = i18n.catalogue(lang)
        for d in (*BASE_DIMENSIONS, COMPETITOR):
            assert f"dimension.{d}" in cat and f"score.scale_{d}" in cat
        for q in ipa.QUADRANTS:
            assert f"chart.{q}" in cat
        for s in ("open", "closed"):
            assert f"round.status_{s}" in cat
        for s in sections:
            assert f"step1.section_{s}" in cat
        for kind in REGISTRY:
            assert f"answer.intro_{kind}" in cat and f"answer.saved_{kind}" in cat
        for e in TABLES:
            assert f"export.{e}" in cat and f"export.{e}_help" in cat
        for goal in METHOD_GOALS:
            assert f"goal.{goal}" in cat
        for rule in RULES:
            assert f"rules.{rule}" in cat and f"rules.{rule}_long" in cat
            assert f"rules.{rule}_short" in cat
        for c in ipa.CROSSHAIRS:
            assert f"round.crosshair_{c}" in cat and f"results.rule_{c}" in cat
            assert f"chart.line_{c}" in cat
        for d in kpis.DIRECTIONS:
            assert f"kpi.direction_{d}" in cat and f"kpi.arrow_{d}" in cat
        for v in strategy.PRESENTER_VIEWS:
            assert f"strategy.view_{v}" in cat
        for t in strategy.TEXTS:
            assert f"field.strategy_{t}" in cat and f"strategy.help_{t}" in cat
        for f in profitability.FIELDS:
            assert f"ron.help.{f}" in cat and f"field.{f}" in cat
        for f in SENSITIVE:
            assert f"ron.short.{f}" in cat
        for values, prefix in ((organisation.STATUSES, "org.status."), (organisation.FORMATS, "org.format."),
                               (organisation.AGREEMENT_STATUSES, "org.agreement."),
                               (organisation.RHYTHMS, "org.rhythm.")):  # fmt: skip
            for v in values:
                assert f"{prefix}{v}" in cat
        for s in step3:
            assert f"step3.section_{s}" in cat
        for s in step4:
            assert f"step4.section_{s}" in cat
        for q in priority.QUADRANTS:
            assert f"priority.q.{q}" in cat
        for s in priorities.STATUSES:
            assert f"plan.status.{s}" in cat
        for o in priorities.ORIGINS:
            assert f"cand.origin.{o}" in cat
        for family, values in (("bank.status", continuous.PIPELINE), ("bank.source", continuous.SOURCES),
                               ("compl.status", complaints.STEPS),
                               ("rewards.status", continuous.REWARD_STATUSES)):  # fmt: skip
            for v in values:
                assert f"{family}.{v}" in cat


def test_every_catalogue_key_is_used_somewhere():
    """A translator should never polish a text nobody sees."""
    code = "".join(p.read_text(encoding="utf-8") for p in SOURCES)
    literal, prefixes = used_keys()
    prefixes |= set(re.findall(r'f"([a-z_0-9]+\.[a-z_0-9]*)\{', code))
    prefixes |= set(re.findall(r'prefix="([a-z_0-9]+\.[a-z_0-9.]*)"', code))  # records.Field
    prefixes |= {f"step{n}.section" for n in (1, 2, 3, 4, 5)}  # layout.step_header
    unused = [
        k
        for k in i18n.catalogue("de")
        if k not in literal and f'"{k}"' not in code and not any(k.startswith(p) for p in prefixes)
    ]
    assert unused == []
