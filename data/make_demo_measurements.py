"""Writes ``demo/measurements.csv``: four quarters of a fictitious customer survey for the demo
workshop, one row per answer, as a survey tool's export to German Excel writes it.

    python data/make_demo_measurements.py        # deterministic (seeded): the same file every time

Every respondent rates the core of the journey (consultation, planning, delivery date,
delivery, installation, invoice) on CSAT 1–5, some also the website, the appointment booking
and a complaint; some rate the hotline's effort (CES 1–7) and the delivery's cleanliness (an own
dimension, 1–5); everyone answers the recommendation question (NPS 0–10) about the company.
The recommendation is driven by delivery, installation, complaint and invoice — not by the
planning the room thought so important — so the driver analysis has something to find; the
measures that started in October and November 2026 lift delivery, complaint and hotline in Q4.
"""

import csv
import random
from datetime import date, timedelta
from pathlib import Path

QUARTERS = {  # first day, last day, respondents
    "2026-Q1": (date(2026, 1, 1), date(2026, 3, 31), 150),
    "2026-Q2": (date(2026, 4, 1), date(2026, 6, 30), 150),
    "2026-Q3": (date(2026, 7, 1), date(2026, 9, 30), 150),
    "2026-Q4": (date(2026, 10, 1), date(2026, 11, 27), 110),
}
# touchpoint: (share who answer, mean CSAT per quarter, weight in the recommendation)
CSAT = {
    "Website": (0.7, (3.4, 3.4, 3.5, 3.4), 0.02),
    "Terminvereinbarung": (0.8, (3.3, 3.4, 3.5, 3.5), 0.03),
    "Beratung im Studio": (1.0, (4.5, 4.5, 4.6, 4.5), 0.05),
    "Planung & 3D-Entwurf": (1.0, (4.3, 4.3, 4.2, 4.3), 0.0),
    "Lieferterminabstimmung": (1.0, (3.0, 3.1, 3.0, 3.3), 0.12),
    "Lieferung": (1.0, (3.0, 3.0, 3.1, 3.6), 0.25),
    "Montage": (1.0, (3.6, 3.6, 3.7, 4.0), 0.22),
    "Rechnung": (0.9, (4.1, 3.9, 3.4, 3.5), 0.18),
    "Reklamation": (0.2, (2.4, 2.5, 2.4, 3.1), 0.25),
}
CES_HOTLINE = (0.4, (3.8, 3.9, 4.0, 4.6))
CLEAN_DELIVERY = (0.6, (2.8, 2.9, 2.9, 3.9))
WHATSAPP = (0.03, (3.9, 4.0, 4.2, 4.4))  # few answers: the barometer hides n < 5
CHANNELS = (("E-Mail", 0.6), ("SMS", 0.25), ("Telefon", 0.15))


def _rate(rng, mean, low, high, sd=0.9):
    return max(low, min(high, round(rng.gauss(mean, sd))))


def rows():
    rng = random.Random(20261129)
    out = []
    for q, (first, last, people) in QUARTERS.items():
        at = list(QUARTERS).index(q)
        days = (last - first).days
        for i in range(people):
            who = f"R-{q.replace('-', '')}-{i + 1:04d}"
            day = (first + timedelta(days=rng.randint(0, days))).strftime("%d.%m.%Y")
            channel = rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0]
            drive, weights = 0.0, 0.0

            def put(tp, metric, value, scale, who=who, day=day, channel=channel):
                out.append([who, day, tp, channel, metric, value, scale])

            for tp, (share, means, weight) in CSAT.items():
                if rng.random() < share:
                    value = _rate(rng, means[at], 1, 5)
                    put(tp, "CSAT", value, "1-5")
                    drive += weight * (value - 1) / 4
                    weights += weight
            if rng.random() < CES_HOTLINE[0]:
                put("Service-Hotline", "CES", _rate(rng, CES_HOTLINE[1][at], 1, 7, 1.2), "1-7")
            if rng.random() < CLEAN_DELIVERY[0]:
                put("Lieferung", "Sauberkeit", _rate(rng, CLEAN_DELIVERY[1][at], 1, 5), "1-5")
            if rng.random() < WHATSAPP[0]:
                put("WhatsApp-Service", "CSAT", _rate(rng, WHATSAPP[1][at], 1, 5), "1-5")
            score = drive / weights if weights else 0.5
            put("", "NPS", max(0, min(10, round(2.3 + 9.0 * score + rng.gauss(0, 1.1)))), "0-10")
    return out


if __name__ == "__main__":
    target = Path(__file__).resolve().parent / "demo" / "measurements.csv"
    with open(target, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Befragter", "Datum", "Touchpoint", "Kanal", "Kennzahl", "Wert", "Skala"])
        writer.writerows(rows())
    print(target, sum(1 for _ in open(target, encoding="utf-8")) - 1, "rows")
