"""Workshops: lifecycle, join codes, the facilitator's secret, participants.

    >>> ws = create_workshop("Kick-off", company="Muster GmbH", language="de")
    >>> ws.join_code, ws.facilitator_token, ws.pin     # the secrets are shown once
    >>> join(ws.join_code, "Anna")                     # -> Joined(participant_id, token)

Secrets are stored only as hashes: the facilitator link's token and session tokens as
SHA-256 (they are 256-bit random), the six-digit PIN with a salted scrypt. Wrong PINs lock
PIN log-in for the browser session or address that typed them, never for the workshop.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cemworkshop import barometer, competitors, shared, store, strategy
from cemworkshop.metrics.ipa import CROSSHAIRS
from cemworkshop.validation import ValidationError, clean_long_text, clean_name

LANGUAGES = ("de", "en")
JOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud from a projector
JOIN_CODE_LENGTH = 6
MAX_PARTICIPANT_NAME = 40
PIN_MAX_FAILURES_DEVICE = 5  # wrong PINs in a row from one browser session
PIN_MAX_FAILURES_ADDRESS = 20  # … from one network address
PIN_LOCK = timedelta(minutes=5)
MAX_PROMISE = 1000

DEFAULT_PHASES = {
    "de": ["Vor dem Kauf", "Während des Kaufs", "Nach dem Kauf"],
    "en": ["Before purchase", "During purchase", "After purchase"],
}


@dataclass(frozen=True)
class NewWorkshop:
    """A freshly created workshop with its secrets in plain text (shown once, then gone)."""

    id: int
    join_code: str
    facilitator_token: str
    pin: str


@dataclass(frozen=True)
class Access:
    """Who a token makes this browser: a facilitator or one participant of one workshop."""

    workshop_id: int
    role: str  # "facilitator" | "participant"
    participant_id: int | None = None


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _hash_pin(pin: str, salt: str) -> str:
    return hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=2**14, r=8, p=1).hex()


def _now() -> datetime:
    return datetime.now(UTC)


def _new_join_code(db) -> str:
    while True:
        code = "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if db.execute("SELECT 1 FROM workshops WHERE join_code = ?", [code]).fetchone() is None:
            return code


def normalise_join_code(text: str | None) -> str:
    """The join code as stored: upper case, spaces and dashes dropped (people type ``abc-123``)."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValidationError("bad_language", value=language)
    return language


def create_workshop(
    name: str, *, company: str = "", language: str = "de", is_demo: bool = False
) -> NewWorkshop:
    """Create a workshop with the default journey phases; returns its id and fresh secrets."""
    name = clean_name(name, field="workshop")
    company = clean_name(company, field="company") if (company or "").strip() else ""
    language = _check_language(language)
    token = secrets.token_urlsafe(32)
    pin = f"{secrets.randbelow(10**6):06d}"
    salt = secrets.token_hex(16)
    with store.transaction() as db:
        code = _new_join_code(db)
        cur = db.execute(
            "INSERT INTO workshops (name, company, language, join_code, facilitator_token_hash,"
            " pin_salt, pin_hash, is_demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                name,
                company,
                language,
                code,
                _hash_token(token),
                salt,
                _hash_pin(pin, salt),
                is_demo,
            ],
        )
        workshop_id = cur.lastrowid
        for position, phase in enumerate(DEFAULT_PHASES[language]):
            db.execute(
                "INSERT INTO phases (workshop_id, name, position) VALUES (?, ?, ?)",
                [workshop_id, phase, position],
            )
        competitors.add_own_company(db, workshop_id, competitors.own_name(company, language))
        strategy.seed_goals(db, workshop_id)
        barometer.seed_metrics(db, workshop_id)
    return NewWorkshop(workshop_id, code, token, pin)


def list_workshops(*, archived: bool = False) -> list[dict]:
    """The workshops in use (or, with ``archived``, the archived ones), newest first, with
    their touchpoint and participant counts."""
    return store.rows(
        """SELECT w.id, w.name, w.company, w.language, w.join_code, w.is_demo, w.created_at,
                  w.archived_at,
                  (SELECT count(*) FROM touchpoints t WHERE t.workshop_id = w.id) AS touchpoints,
                  (SELECT count(*) FROM participants p WHERE p.workshop_id = w.id) AS participants
           FROM workshops w WHERE (w.archived_at IS NOT NULL) = ?
           ORDER BY w.created_at DESC, w.id DESC""",
        [int(archived)],
    )


def archive(workshop_id: int, archived: bool = True) -> None:
    """Archive a workshop (it leaves the home list and takes no new participants) or take it
    back into use."""
    with store.transaction() as db:
        db.execute(
            "UPDATE workshops SET archived_at = ? WHERE id = ?",
            [store.now() if archived else None, workshop_id],
        )


def newest_workshop_id() -> int | None:
    """The most recently created workshop in use, or None when there is none."""
    return store.value(
        "SELECT id FROM workshops WHERE archived_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1"
    )


def get_workshop(workshop_id: int) -> dict | None:
    """One workshop's public fields (no secret hashes), or None."""
    return store.row(
        "SELECT id, name, company, language, join_code, is_demo, created_at, archived_at, version"
        " FROM workshops WHERE id = ?",
        [workshop_id],
    )


def update_workshop(
    workshop_id: int,
    name: str,
    *,
    company: str | None = None,
    language: str | None = None,
    version: int | None = None,
) -> None:
    """Rename a workshop, and change its company and language if given, in one go.

    The own company in the competitor benchmark follows a new company name unless it was
    given a name of its own.
    """
    name = clean_name(name, field="workshop")
    if company is not None:
        company = clean_name(company, field="company") if company.strip() else ""
    if language is not None:
        language = _check_language(language)
    with store.transaction() as db:
        old = db.execute(
            "SELECT company, language FROM workshops WHERE id = ?", [workshop_id]
        ).fetchone()
        if old is None:
            raise ValidationError("unknown_workshop")
        store.claim_version(
            db, "workshops", workshop_id, version, lambda r: " · ".join((r["name"], r["company"]))
        )
        db.execute(
            "UPDATE workshops SET name = ?, company = coalesce(?, company),"
            " language = coalesce(?, language) WHERE id = ?",
            [name, company, language, workshop_id],
        )
        new = db.execute(
            "SELECT company, language FROM workshops WHERE id = ?", [workshop_id]
        ).fetchone()
        db.execute(
            "UPDATE competitor_companies SET name = ? WHERE workshop_id = ? AND is_own = 1"
            " AND name = ?",
            [
                competitors.own_name(new["company"], new["language"]),
                workshop_id,
                competitors.own_name(old["company"], old["language"]),
            ],
        )


def promises(workshop_id: int) -> dict[str, str]:
    """``{"brand_promise": …, "customer_promise": …}`` of the workshop."""
    r = store.row(
        "SELECT brand_promise, customer_promise FROM workshops WHERE id = ?", [workshop_id]
    )
    return dict(r) if r else {"brand_promise": "", "customer_promise": ""}


def set_promises(
    workshop_id: int, brand_promise: str, customer_promise: str, *, shown: dict | None = None
) -> None:
    """The brand promise and the customer promise (sentences: line breaks kept, length bounded).

    ``shown`` is what the screen showed before the edit: if the stored promises differ (saved
    from another tab meanwhile), nothing is written (``stale_edit`` with the stored text).
    """
    brand = clean_long_text(brand_promise, field="brand_promise", max_len=MAX_PROMISE)
    customer = clean_long_text(customer_promise, field="customer_promise", max_len=MAX_PROMISE)
    with store.transaction() as db:
        stored = db.execute(
            "SELECT brand_promise, customer_promise FROM workshops WHERE id = ?", [workshop_id]
        ).fetchone()
        if shown is not None and stored is not None and dict(stored) != shown:
            raise ValidationError(
                "stale_edit", current=" · ".join(v for v in dict(stored).values() if v), version=0
            )
        db.execute(
            "UPDATE workshops SET brand_promise = ?, customer_promise = ? WHERE id = ?",
            [brand, customer, workshop_id],
        )


def delete_workshop(workshop_id: int) -> None:
    """Delete a workshop with everything in it (touchpoints, rounds, scores, participants)."""
    with store.transaction() as db:
        # touchpoints reference phases without cascade; remove them first, then the rest cascades.
        db.execute("DELETE FROM touchpoints WHERE workshop_id = ?", [workshop_id])
        db.execute("DELETE FROM workshops WHERE id = ?", [workshop_id])
        # the counter its measurements raised while they cascaded away (no foreign key)
        db.execute("DELETE FROM barometer_changes WHERE workshop_id = ?", [workshop_id])
    shared.clear_all()  # a later workshop may get this id: no value of this one may answer it


def new_facilitator_secrets(workshop_id: int) -> tuple[str, str]:
    """Replace the facilitator link token and PIN; returns both in plain text, once.

    Browsers that logged in with the old link or PIN lose facilitator rights.
    """
    token = secrets.token_urlsafe(32)
    pin = f"{secrets.randbelow(10**6):06d}"
    salt = secrets.token_hex(16)
    with store.transaction() as db:
        db.execute(
            "UPDATE workshops SET facilitator_token_hash = ?, pin_salt = ?, pin_hash = ?"
            " WHERE id = ?",
            [_hash_token(token), salt, _hash_pin(pin, salt), workshop_id],
        )
        db.execute("DELETE FROM facilitator_sessions WHERE workshop_id = ?", [workshop_id])
    return token, pin


MAX_ID_DIGITS = 12  # a workshop id in a URL: longer is not an id (and would overflow SQLite)


def workshop_id_from(text) -> int | None:
    """The workshop id a URL's text stands for, or None when it is not one."""
    text = str(text or "").strip()
    return int(text) if text.isdigit() and len(text) <= MAX_ID_DIGITS else None


def facilitator_generation(workshop_id: int) -> str | None:
    """A text that changes when the facilitator's link and PIN are replaced (browsers signed in
    with the old ones lose their rights): a screen that follows the room redraws then."""
    found = store.value("SELECT facilitator_token_hash FROM workshops WHERE id = ?", [workshop_id])
    return found[:8] if found else None


def workshop_by_join_code(code: str | None) -> dict | None:
    """The workshop a join code opens, or None."""
    code = normalise_join_code(code)
    if len(code) != JOIN_CODE_LENGTH:
        return None
    found = store.row("SELECT id FROM workshops WHERE join_code = ?", [code])
    return get_workshop(found["id"]) if found else None


def access_for_token(token: str | None, *, expected: str | None = None) -> Access | None:
    """What a token from a link grants: facilitator or participant of one workshop, or None.

    ``expected`` (``facilitator`` or ``participant``) looks there first: pages that poll
    every second re-check their token with one indexed lookup.
    """
    if not token or len(token) > 100:
        return None
    digest = _hash_token(token)

    def as_facilitator() -> Access | None:
        hit = store.row("SELECT id FROM workshops WHERE facilitator_token_hash = ?", [digest])
        if hit:
            return Access(hit["id"], "facilitator")
        hit = store.row(
            "SELECT workshop_id FROM facilitator_sessions WHERE token_hash = ?", [digest]
        )
        return Access(hit["workshop_id"], "facilitator") if hit else None

    def as_participant() -> Access | None:
        hit = store.row("SELECT id, workshop_id FROM participants WHERE token_hash = ?", [digest])
        return Access(hit["workshop_id"], "participant", hit["id"]) if hit else None

    order = (as_participant, as_facilitator) if expected == "participant" else (
        as_facilitator, as_participant)  # fmt: skip
    for look in order:
        found = look()
        if found:
            return found
    return None


def _lock_left(db, keys: list[str]) -> timedelta | None:
    """How long PIN log-in stays locked for any of these keys, or None."""
    now = _now()
    left = []
    for key in keys:
        found = db.execute(
            "SELECT locked_until FROM pin_attempts WHERE key = ? AND locked_until IS NOT NULL",
            [key],
        ).fetchone()
        if found and datetime.fromisoformat(found[0]) > now:
            left.append(datetime.fromisoformat(found[0]) - now)
    return max(left) if left else None


def _count_failure(db, key: str, limit: int) -> None:
    failures = (
        db.execute("SELECT failures FROM pin_attempts WHERE key = ?", [key]).fetchone() or [0]
    )[0] + 1
    lock = (_now() + PIN_LOCK).isoformat() if failures >= limit else None
    db.execute(
        "INSERT INTO pin_attempts (key, failures, locked_until) VALUES (?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,"
        " locked_until = excluded.locked_until",
        [key, 0 if lock else failures, lock],
    )


def login_with_pin(workshop_id: int, pin: str, *, device: str, address: str | None = None) -> str:
    """A new facilitator session token if ``pin`` is right; raises ``ValidationError`` if not.

    Wrong PINs are counted for the browser session (``device``: five in a row lock it for five
    minutes) and for its network address (twenty), never for the workshop: someone guessing
    cannot lock the facilitator out, and the facilitator link always works.
    """
    pin = (pin or "").strip()
    keys = [f"device:{device}"] + ([f"address:{address}"] if address else [])
    limits = {keys[0]: PIN_MAX_FAILURES_DEVICE, **{k: PIN_MAX_FAILURES_ADDRESS for k in keys[1:]}}
    token = secrets.token_urlsafe(32)
    with store.transaction() as db:
        left = _lock_left(db, keys)
        if left is not None:
            raise ValidationError("pin_locked", minutes=max(1, -(-int(left.total_seconds()) // 60)))
        ws = db.execute(
            "SELECT pin_salt, pin_hash FROM workshops WHERE id = ?", [workshop_id]
        ).fetchone()
        if ws is None:
            raise ValidationError("unknown_workshop")
        good = pin.isdigit() and hmac.compare_digest(_hash_pin(pin, ws["pin_salt"]), ws["pin_hash"])
        if good:
            db.execute("DELETE FROM pin_attempts WHERE key = ?", [keys[0]])
            db.execute(
                "INSERT INTO facilitator_sessions (token_hash, workshop_id) VALUES (?, ?)",
                [_hash_token(token), workshop_id],
            )
        else:
            for key in keys:
                _count_failure(db, key, limits[key])
    # Raised after the commit: the failure must be counted, not rolled back.
    if not good:
        raise ValidationError("wrong_pin")
    return token


@dataclass(frozen=True)
class Joined:
    participant_id: int
    token: str


def join(code: str, name: str | None = None) -> Joined:
    """Join the workshop with this code as a new participant; returns id and personal token.

    An empty name joins anonymously; a name over 40 characters is refused, not cut.
    """
    ws = workshop_by_join_code(code)
    if ws is None:
        raise ValidationError("unknown_join_code")
    if ws.get("archived_at"):
        raise ValidationError("workshop_archived")
    name = (name or "").strip()
    if name:
        name = clean_name(name, field="participant", max_len=MAX_PARTICIPANT_NAME)
    token = secrets.token_urlsafe(24)
    with store.transaction() as db:
        cur = db.execute(
            "INSERT INTO participants (workshop_id, name, token_hash, last_seen)"
            " VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            [ws["id"], name, _hash_token(token)],
        )
    return Joined(cur.lastrowid, token)


def add_participant_for_import(db, workshop_id: int, name: str) -> int:
    """A participant row without a usable token (demo and imported scores); inside a transaction."""
    cur = db.execute(
        "INSERT INTO participants (workshop_id, name, token_hash) VALUES (?, ?, ?)",
        [workshop_id, name, "imported:" + secrets.token_hex(16)],
    )
    return cur.lastrowid


def participants(workshop_id: int) -> list[dict]:
    """The workshop's participants in joining order, each with a display name."""
    found = store.rows(
        "SELECT id, name, joined_at FROM participants WHERE workshop_id = ? ORDER BY id",
        [workshop_id],
    )
    return [dict(p, label=display_name(p)) for p in found]


def participant_count(workshop_id: int) -> int:
    """How many have joined the workshop (an indexed count)."""
    return store.value("SELECT count(*) FROM participants WHERE workshop_id = ?", [workshop_id])


def participant(participant_id: int) -> dict | None:
    """One participant: id, workshop, name, when they joined."""
    return store.row(
        "SELECT id, workshop_id, name, joined_at FROM participants WHERE id = ?", [participant_id]
    )


def display_name(participant: dict) -> str:
    """The name, or "#<id>" for someone who joined anonymously (pages prefix the word)."""
    return participant["name"] or f"#{participant['id']}"


def rename_participant(participant_id: int, name: str) -> None:
    """A participant's own new display name (empty: anonymous)."""
    name = (name or "").strip()
    if name:
        name = clean_name(name, field="participant", max_len=MAX_PARTICIPANT_NAME)
    with store.transaction() as db:
        db.execute("UPDATE participants SET name = ? WHERE id = ?", [name, participant_id])


def get_setting(key: str) -> str | None:
    return store.value("SELECT value FROM settings WHERE key = ?", [key])


def set_setting(key: str, value: str) -> None:
    with store.transaction() as db:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


def analysis_settings(workshop_id: int) -> dict:
    """How the workshop reads its importance–performance matrix: ``crosshair`` (one of
    ``metrics.ipa.CROSSHAIRS``: the data's means or the scale's midpoint) and ``diagonal``
    (draw importance = performance)."""
    row = store.row(
        "SELECT ipa_crosshair AS crosshair, ipa_diagonal AS diagonal FROM workshops WHERE id = ?",
        [workshop_id],
    )
    if row is None:
        return {"crosshair": "means", "diagonal": False}
    return {"crosshair": row["crosshair"], "diagonal": bool(row["diagonal"])}


def set_analysis_settings(workshop_id: int, *, crosshair: str, diagonal: bool) -> None:
    """Set the crosshair rule and the diagonal for every screen of the workshop at once."""
    if crosshair not in CROSSHAIRS:
        raise ValidationError("unknown_view", value=crosshair)
    with store.transaction() as db:
        db.execute(
            "UPDATE workshops SET ipa_crosshair = ?, ipa_diagonal = ? WHERE id = ?",
            [crosshair, int(bool(diagonal)), workshop_id],
        )
