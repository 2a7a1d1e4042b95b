"""Satisfaction measurements from a file, with a preview first: what a survey tool exports, in
any of three layouts.

    >>> plan = plan_measurements(ws_id, data)   # nothing written: new, known before, refused
    >>> import_measurements(ws_id, plan)        # the new rows, in one transaction

Layouts (recognised by their columns; German or English headers; comma or semicolon, a
semicolon file read with decimal commas as German Excel writes it):

- **one row per answer**: respondent, date, touchpoint (empty: the company as a whole),
  channel, metric (NPS, CSAT, CES or a dimension of the workshop's own), value, scale
  (e.g. ``1-5``; a new own dimension takes its scale from here);
- **pre-aggregated**: date (the period's first day), touchpoint, channel, metric, value (the
  mean), n, and optionally sd, top share and bottom share in % (NPS: promoters and detractors);
- **one row per respondent** (a survey export, with one header row or three as Qualtrics writes
  them): respondent, date, channel and one column per question named ``<metric>_<touchpoint>``
  (``CSAT_Lieferung``, ``CES - Service-Hotline``) or the metric alone for the company as a whole.

Touchpoint names match the workshop's (ignoring case and spaces) or are offered with close
matches to map, create or leave (``touchpoint_names``). A fingerprint of every answer keeps a
second import of the same file from doubling anything.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

from cemworkshop import barometer, store
from cemworkshop.exchange.csvfile import header_key, read_rows
from cemworkshop.exchange.touchpoint_names import match_names, resolve
from cemworkshop.formats import parse_number
from cemworkshop.validation import ValidationError

MAX_BYTES = 30_000_000
MAX_ROWS = 200_000

COLUMNS = {
    "respondent": ["respondent", "befragter", "befragte", "teilnehmer", "responseid", "response_id", "respondent_id", "id"],
    "date": ["date", "datum", "recordeddate", "recorded_date", "enddate", "end_date", "startdate", "answered_on", "zeitraum", "period", "periode"],
    "touchpoint": ["touchpoint", "kontaktpunkt"],
    "channel": ["channel", "kanal", "distributionchannel", "distribution_channel"],
    "metric": ["metric", "kennzahl", "kpi", "dimension", "frage", "question"],
    "value": ["value", "wert", "antwort", "answer", "score", "mittelwert", "mean"],
    "scale": ["scale", "skala"],
    "n": ["n", "anzahl", "count", "antworten", "responses"],
    "sd": ["sd", "std", "standardabweichung", "stdev"],
    "top_share": ["top_share", "top_box", "top2box", "top_2_box", "promotoren", "promoters", "anteil_oben"],
    "bottom_share": ["bottom_share", "detraktoren", "detractors", "anteil_unten"],
    "source": ["source", "quelle"],
}  # fmt: skip
QUESTION_SPLIT = re.compile(r"\s*(?:_|\s-\s|\s–\s|:|\|)\s*")
DATE_DE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,T]+\d{1,2}:\d{2}(?::\d{2})?)?")
DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?.*)?")
SCALE = re.compile(r"(-?\d+(?:[.,]\d+)?)\s*(?:-|–|bis|to|\.\.)\s*(-?\d+(?:[.,]\d+)?)")


@dataclass
class Answer:
    line: int
    touchpoint: str  # as written in the file ("" for the company as a whole)
    metric: str  # the metric's name as written
    values: dict
    fingerprint: str


@dataclass
class MeasurementPlan:
    """What an import would do: ``layout`` (``answers``, ``aggregated`` or ``respondents``),
    ``rows`` to write, ``duplicates`` imported before, ``rejected`` (line, code, params), new own
    dimensions with their scale, ``matched`` and ``unmatched`` touchpoint names, ``skipped``
    header rows of a survey export."""

    layout: str = "answers"
    rows: list[Answer] = field(default_factory=list)
    duplicates: int = 0
    rejected: list[tuple[int, str, dict]] = field(default_factory=list)
    new_metrics: dict[str, tuple[float, float]] = field(default_factory=dict)
    matched: dict[str, int] = field(default_factory=dict)
    unmatched: dict[str, list[str]] = field(default_factory=dict)
    unknown_columns: list[str] = field(default_factory=list)
    skipped_header_rows: int = 0


def _day(text: str) -> str:
    raw = (text or "").strip()
    found = DATE_DE.fullmatch(raw)
    try:
        if found:
            d, m, y = (int(g) for g in found.groups())
            return datetime(y, m, d).date().isoformat()
        found = DATE_ISO.fullmatch(raw)
        if found:
            return datetime(*(int(g) for g in found.groups())).date().isoformat()
    except ValueError:
        pass
    if not raw:
        raise ValidationError("measurement_needs_date")
    raise ValidationError("not_a_date", field="answered_on", value=raw)


def _scale(text: str, lang: str) -> tuple[float, float] | None:
    found = SCALE.fullmatch((text or "").strip())
    if not found:
        return None
    low, high = (parse_number(g, lang if "," in g else "en", field="scale") for g in found.groups())
    return (low, high) if high > low else None


def _number(text: str, lang: str, field_name: str) -> float:
    return parse_number(text, lang, field=field_name)


class _Metrics:
    """The workshop's metrics by name (case-insensitive), and own dimensions the file adds."""

    def __init__(self, workshop_id: int, plan: MeasurementPlan, lang: str):
        self.known = {m["name"].casefold(): m for m in barometer.metrics(workshop_id)}
        self.plan, self.lang = plan, lang

    def find(self, name: str, scale_text: str) -> dict:
        name = " ".join((name or "").split())
        if not name:
            raise ValidationError("measurement_needs_metric")
        metric = self.known.get(name.casefold())
        scale = _scale(scale_text, self.lang) if scale_text else None
        if scale_text and scale is None:
            raise ValidationError("not_a_scale", value=scale_text)
        if metric is None:
            if scale is None:
                raise ValidationError("unknown_metric_name", name=name)
            if len(name) > 60:
                raise ValidationError("name_too_long", field="metric", max=60, length=len(name))
            metric = {"id": None, "code": "own", "name": name, "low": scale[0], "high": scale[1]}
            self.known[name.casefold()] = metric
            self.plan.new_metrics[name] = scale
        elif scale is not None and scale != (metric["low"], metric["high"]):
            raise ValidationError("scale_differs", scale=scale_text, name=metric["name"],
                                  low=f"{metric['low']:g}", high=f"{metric['high']:g}")  # fmt: skip
        return metric


def _fingerprint(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]


def plan_measurements(workshop_id: int, data: bytes | str) -> MeasurementPlan:
    rows, delimiter = read_rows(data, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    # an answer without a respondent stands for a person of its own: named by file and line,
    # so that equal answers are not taken for doubles and two files do not merge strangers
    tag = hashlib.sha256(data if isinstance(data, bytes) else data.encode()).hexdigest()[:8]
    lang = "de" if delimiter == ";" else "en"
    header = rows[0]
    alias = {a: key for key, names in COLUMNS.items() for a in names}
    keys = [alias.get(header_key(h)) for h in header]
    plan = MeasurementPlan()
    metrics = _Metrics(workshop_id, plan, lang)
    if "metric" in keys and "value" in keys:
        plan.layout = "aggregated" if "n" in keys else "answers"
        plan.unknown_columns = [
            h for h, k in zip(header, keys, strict=True) if k is None and h.strip()
        ]
        body = [(line, {k: c.strip() for k, c in zip(keys, cells, strict=False) if k})
                for line, cells in enumerate(rows[1:], start=2) if cells]  # fmt: skip
        for line, rec in body:
            try:
                if plan.layout == "answers":
                    plan.rows.append(_answer(line, rec, metrics, lang, tag))
                else:
                    plan.rows.append(_aggregate(line, rec, metrics, lang))
            except ValidationError as err:
                plan.rejected.append((line, err.code, err.params))
    else:
        _respondent_rows(rows, keys, metrics, plan, lang, tag)
    seen = {r["fingerprint"] for r in store.rows(
        "SELECT fingerprint FROM responses WHERE workshop_id = ? AND fingerprint IS NOT NULL",
        [workshop_id])}  # fmt: skip
    seen |= {a["fingerprint"] for a in barometer.aggregates(workshop_id) if a["fingerprint"]}
    fresh, in_file = [], set()
    for r in plan.rows:
        if r.fingerprint in seen or r.fingerprint in in_file:
            plan.duplicates += 1
            continue
        in_file.add(r.fingerprint)
        fresh.append(r)
    plan.rows = fresh
    plan.matched, plan.unmatched = match_names(workshop_id, (r.touchpoint for r in plan.rows))
    return plan


def _answer(line: int, rec: dict, metrics: _Metrics, lang: str, tag: str) -> Answer:
    day = _day(rec.get("date", ""))
    metric = metrics.find(rec.get("metric", ""), rec.get("scale", ""))
    value = _check(metric, rec.get("value", ""), lang)
    tp = _touchpoint(rec.get("touchpoint", ""))
    values = {"answered_on": day, "respondent": rec.get("respondent", "")[:80] or f"{tag}-{line}",
              "channel": rec.get("channel", "")[:80], "value": value}  # fmt: skip
    fp = _fingerprint(
        values["respondent"],
        day,
        tp.casefold(),
        metric["name"].casefold(),
        values["channel"],
        value,
    )
    return Answer(line, tp, metric["name"], values, fp)


def _check(metric: dict, text: str, lang: str) -> float:
    if not (text or "").strip():
        raise ValidationError("empty_number", field="value")
    whole = metric["code"] in ("nps", "csat", "ces")
    return parse_number(
        text, lang, field="value", low=metric["low"], high=metric["high"], whole=whole
    )


def _touchpoint(text: str) -> str:
    name = " ".join((text or "").replace("_", " ").split())
    if name.casefold() in ("gesamt", "overall", "unternehmen", "company"):
        return ""
    if len(name) > 120:
        raise ValidationError("name_too_long", field="touchpoint", max=120, length=len(name))
    return name


def _aggregate(line: int, rec: dict, metrics: _Metrics, lang: str) -> Answer:
    day = _day(rec.get("date", ""))
    metric = metrics.find(rec.get("metric", ""), rec.get("scale", ""))
    mean = _number(rec.get("value", ""), lang, "mean")
    n = parse_number(rec.get("n", ""), lang, field="n", low=1, high=10_000_000, whole=True)
    optional = {
        k: _number(rec[k], lang, k) if rec.get(k) else None
        for k in ("sd", "top_share", "bottom_share")
    }
    tp = _touchpoint(rec.get("touchpoint", ""))
    values = {
        "period_on": day,
        "channel": rec.get("channel", "")[:80],
        "n": n,
        "mean": mean,
        "source": rec.get("source", "")[:120],
        **optional,
    }
    # the store's rules (mean on the scale, NPS needs its shares, shares within 100 %, the spread
    # within the scale's width) are checked here already, so a refused row is named in the
    # preview rather than failing the import
    if not metric["low"] <= mean <= metric["high"]:
        raise ValidationError(
            "out_of_range", field="mean", low=f"{metric['low']:g}", high=f"{metric['high']:g}"
        )
    if metric["code"] == "nps" and (
        optional["top_share"] is None or optional["bottom_share"] is None
    ):
        raise ValidationError("nps_needs_shares")
    for k in ("top_share", "bottom_share"):
        if optional[k] is not None and not 0 <= optional[k] <= 100:
            raise ValidationError("out_of_range", field=k, low=0, high=100)
    if (optional["top_share"] or 0) + (optional["bottom_share"] or 0) > 100 + 1e-9:
        raise ValidationError("shares_over_100")
    width = metric["high"] - metric["low"]
    if optional["sd"] is not None and not 0 <= optional["sd"] <= width:
        raise ValidationError("out_of_range", field="sd", low=0, high=f"{width:g}")
    fp = _fingerprint("agg", day, tp.casefold(), metric["name"].casefold(), values["channel"], n)
    return Answer(line, tp, metric["name"], values, fp)


def _respondent_rows(
    rows, keys, metrics: _Metrics, plan: MeasurementPlan, lang: str, tag: str
) -> None:
    """One row per respondent: every column that names a metric (and a touchpoint) is a question."""
    plan.layout = "respondents"
    header = rows[0]
    questions: dict[int, tuple[dict, str]] = {}
    for i, (h, k) in enumerate(zip(header, keys, strict=True)):
        if k in ("respondent", "date", "channel"):
            continue
        parts = QUESTION_SPLIT.split(h.strip(), maxsplit=1)
        metric = metrics.known.get(parts[0].casefold())
        if metric is None or metric.get("id") is None:
            if h.strip():
                plan.unknown_columns.append(h)
            continue
        questions[i] = (metric, _touchpoint(parts[1]) if len(parts) > 1 else "")
    if not questions:
        raise ValidationError("measurement_no_questions", columns=", ".join(header[:12]))
    if "date" not in keys:
        raise ValidationError("measurement_no_date_column")
    start = 1
    # a survey export's second and third header rows (question texts, import ids): no answers
    while (
        start < min(3, len(rows))
        and rows[start]
        and not any(_is_number(rows[start][i]) for i in questions if i < len(rows[start]))
    ):
        start += 1
    plan.skipped_header_rows = start - 1
    at = {k: keys.index(k) for k in ("respondent", "date", "channel") if k in keys}
    for line, cells in enumerate(rows[start:], start=start + 1):
        if not cells:
            continue

        def get(k, cells=cells):
            return cells[at[k]].strip() if k in at and at[k] < len(cells) else ""

        try:
            day = _day(get("date"))
        except ValidationError as err:
            plan.rejected.append((line, err.code, err.params))
            continue
        who = get("respondent")[:80] or f"{tag}-{line}"
        for i, (metric, tp) in questions.items():
            text = cells[i].strip() if i < len(cells) else ""
            if not text:
                continue  # not asked or not answered
            try:
                value = _check(metric, text, lang)
            except ValidationError as err:
                plan.rejected.append((line, err.code, {**err.params, "column": header[i]}))
                continue
            values = {
                "answered_on": day,
                "respondent": who,
                "channel": get("channel")[:80],
                "value": value,
            }
            fp = _fingerprint(
                who, day, tp.casefold(), metric["name"].casefold(), values["channel"], value
            )
            plan.rows.append(Answer(line, tp, metric["name"], values, fp))


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"\s*-?\d+(?:[.,]\d+)?\s*", text or ""))


def import_measurements(
    workshop_id: int, plan: MeasurementPlan, *, mapping: dict[str, int | None] | None = None,
    create: dict[str, int] | None = None,
) -> int:  # fmt: skip
    """Write the plan's new rows in one transaction (new own dimensions first); ``mapping`` and
    ``create`` say what an unmatched touchpoint name stands for — a name mapped to no
    touchpoint leaves its rows out. Returns how many rows were written."""
    with store.transaction():
        for name, (low, high) in plan.new_metrics.items():
            if name.casefold() not in {
                m["name"].casefold() for m in barometer.metrics(workshop_id)
            }:
                barometer.add_own_metric(workshop_id, name, low, high)
        ids = resolve(workshop_id, plan.matched, mapping=mapping, create=create)
        by_name = {m["name"].casefold(): m["id"] for m in barometer.metrics(workshop_id)}
        # a touchpoint name left without a touchpoint: its answers are left out (an empty name
        # is the company as a whole; an unknown one must not be counted as that)
        kept = [r for r in plan.rows if not r.touchpoint or ids.get(r.touchpoint) is not None]
        if plan.layout == "aggregated":
            for r in kept:
                barometer.add_aggregate(
                    workshop_id, metric_id=by_name[r.metric.casefold()],
                    touchpoint_id=ids[r.touchpoint] if r.touchpoint else None,
                    fingerprint=r.fingerprint, **r.values,
                )  # fmt: skip
            return len(kept)
        return barometer.add_responses(workshop_id, [
            {**r.values, "metric_id": by_name[r.metric.casefold()],
             "touchpoint_id": ids[r.touchpoint] if r.touchpoint else None, "fingerprint": r.fingerprint}
            for r in kept
        ])  # fmt: skip
