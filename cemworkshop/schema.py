"""The database schema: every table, index and trigger, as numbered migrations.

    >>> schema.SCHEMA_VERSION          # how many migrations this release knows
    >>> schema.migrate(db)             # applies what is pending, then records the version

Each migration is a list of single SQL statements (nothing is split on ``;``) and runs in
one transaction together with the record of it having been applied (sqlite-utils'
``Migrations``). Foreign keys are off while migrations run, so a table can be rebuilt
without its children cascading away, and checked with ``foreign_key_check`` afterwards.
``PRAGMA user_version`` holds the schema version, so a file written by a newer release is
recognised before anything touches it.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("cemworkshop")
MIGRATIONS: list[str] = []  # names in order; the schema version is how many there are


def migration(fn):
    """Register a migration; the order of definition is the order of application."""
    MIGRATIONS.append(fn.__name__)
    return migrations()(fn)


class SchemaError(Exception):
    """The file cannot be used by this release: ``code`` says why (``newer_schema``, ``broken_links``)."""

    def __init__(self, code: str, **params):
        super().__init__(f"{code} {params}" if params else code)
        self.code = code
        self.params = params


def _run(db: Database, *statements: str) -> None:
    for statement in statements:
        db.execute(statement)


@migration
def m001_initial(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT
        )
        """,
        """
        CREATE TABLE workshops (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            company TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
            join_code TEXT NOT NULL UNIQUE,
            facilitator_token_hash TEXT,
            pin_salt TEXT,
            pin_hash TEXT,
            pin_failures INTEGER NOT NULL DEFAULT 0,
            pin_locked_until TEXT,
            is_demo INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """,
        """
        CREATE TABLE facilitator_sessions (
            token_hash TEXT PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """,
        """
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL DEFAULT '',
            token_hash TEXT NOT NULL UNIQUE,
            joined_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            last_seen TEXT
        )
        """,
        """
        CREATE INDEX participants_workshop ON participants(workshop_id)
        """,
        """
        CREATE TABLE phases (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            position INTEGER NOT NULL
        )
        """,
        """
        CREATE UNIQUE INDEX phases_name ON phases(workshop_id, lower(name))
        """,
        """
        CREATE TABLE touchpoints (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            phase_id INTEGER NOT NULL REFERENCES phases(id),
            channel TEXT NOT NULL DEFAULT '',
            is_direct INTEGER NOT NULL DEFAULT 1,
            department TEXT NOT NULL DEFAULT '',
            customer_preferred INTEGER NOT NULL DEFAULT 0,
            company_served INTEGER NOT NULL DEFAULT 1,
            position INTEGER NOT NULL
        )
        """,
        """
        CREATE UNIQUE INDEX touchpoints_name ON touchpoints(workshop_id, lower(name))
        """,
        """
        CREATE INDEX touchpoints_phase ON touchpoints(phase_id)
        """,
        """
        CREATE TABLE journey_edges (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
            CHECK (source_id <> target_id),
            UNIQUE (source_id, target_id)
        )
        """,
        """
        CREATE INDEX journey_edges_workshop ON journey_edges(workshop_id)
        """,
        """
        CREATE TABLE rounds (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('scoring', 'brainstorm', 'dotvote')),
            title TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            dimensions TEXT NOT NULL DEFAULT '',
            hide_results INTEGER NOT NULL DEFAULT 0,
            revealed INTEGER NOT NULL DEFAULT 0,
            opened_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            closed_at TEXT
        )
        """,
        """
        CREATE INDEX rounds_workshop ON rounds(workshop_id, status)
        """,
        """
        CREATE TABLE round_items (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE CASCADE,
            position INTEGER NOT NULL
        )
        """,
        """
        CREATE INDEX round_items_round ON round_items(round_id)
        """,
        """
        CREATE INDEX round_items_touchpoint ON round_items(touchpoint_id)
        """,
        """
        CREATE TABLE scores (
            round_item_id INTEGER NOT NULL REFERENCES round_items(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            dimension TEXT NOT NULL CHECK (dimension IN ('importance', 'performance', 'competitor')),
            value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
            submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            PRIMARY KEY (round_item_id, participant_id, dimension)
        ) WITHOUT ROWID
        """,
        """
        CREATE INDEX scores_participant ON scores(participant_id)
        """,
    )


@migration
def m002_ron_scenarios(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE ron_scenarios (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            inputs TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """,
        """
        CREATE UNIQUE INDEX ron_scenarios_name ON ron_scenarios(workshop_id, lower(name))
        """,
    )


@migration
def m003_customer_analysis(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            share_pct REAL NOT NULL CHECK (share_pct BETWEEN 0 AND 100),
            value_per_year REAL NOT NULL CHECK (value_per_year >= 0),
            needs TEXT NOT NULL DEFAULT ''
        )
        """,
        """
        CREATE UNIQUE INDEX segments_name ON segments(workshop_id, lower(name))
        """,
        """
        CREATE TABLE feedback_sources (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            available INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT ''
        )
        """,
        """
        CREATE UNIQUE INDEX feedback_sources_name ON feedback_sources(workshop_id, lower(name))
        """,
    )


@migration
def m004_personas(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE personas (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            segment_id INTEGER REFERENCES segments(id) ON DELETE SET NULL,
            goals TEXT NOT NULL DEFAULT '',
            frustrations TEXT NOT NULL DEFAULT ''
        )
        """,
        """
        CREATE UNIQUE INDEX personas_name ON personas(workshop_id, lower(name))
        """,
        """
        CREATE TABLE touchpoint_personas (
            touchpoint_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
            persona_id INTEGER NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
            PRIMARY KEY (touchpoint_id, persona_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE INDEX touchpoint_personas_persona ON touchpoint_personas(persona_id)
        """,
    )


@migration
def m005_benchmark(db: Database) -> None:
    _run(
        db,
        """
        ALTER TABLE workshops ADD COLUMN brand_promise TEXT NOT NULL DEFAULT ''
        """,
        """
        ALTER TABLE workshops ADD COLUMN customer_promise TEXT NOT NULL DEFAULT ''
        """,
        """
        CREATE TABLE benchmark_subjects (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            is_own INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE UNIQUE INDEX benchmark_subjects_name ON benchmark_subjects(workshop_id, lower(name))
        """,
        """
        CREATE TABLE benchmark_criteria (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL
        )
        """,
        """
        CREATE UNIQUE INDEX benchmark_criteria_name ON benchmark_criteria(workshop_id, lower(name))
        """,
        """
        CREATE TABLE benchmark_scores (
            criterion_id INTEGER NOT NULL REFERENCES benchmark_criteria(id) ON DELETE CASCADE,
            subject_id INTEGER NOT NULL REFERENCES benchmark_subjects(id) ON DELETE CASCADE,
            value REAL NOT NULL CHECK (value BETWEEN 1 AND 5),
            PRIMARY KEY (criterion_id, subject_id)
        ) WITHOUT ROWID
        """,
        """
        ALTER TABLE rounds ADD COLUMN topic TEXT NOT NULL DEFAULT 'touchpoints'
        """,
        """
        ALTER TABLE round_items ADD COLUMN criterion_id INTEGER
            REFERENCES benchmark_criteria(id) ON DELETE CASCADE
        """,
        """
        ALTER TABLE round_items ADD COLUMN subject_id INTEGER
            REFERENCES benchmark_subjects(id) ON DELETE CASCADE
        """,
    )


@migration
def m006_one_round_mechanism(db: Database) -> None:
    """Rounds of every kind share one shape; round items point at their subject through a
    link table per subject (no nullable column per kind); the competitor benchmark gets its
    own names; every workshop has its own company row."""
    _run(
        db,
        # Competitor benchmark: "benchmark" is the word of the speed measurements.
        "ALTER TABLE benchmark_subjects RENAME TO competitor_companies",
        "ALTER TABLE benchmark_criteria RENAME TO competitor_criteria",
        "ALTER TABLE benchmark_scores RENAME TO competitor_scores",
        "ALTER TABLE competitor_scores RENAME COLUMN subject_id TO company_id",
        "DROP INDEX benchmark_subjects_name",
        "DROP INDEX benchmark_criteria_name",
        "CREATE UNIQUE INDEX competitor_companies_name"
        " ON competitor_companies(workshop_id, lower(name))",
        "CREATE UNIQUE INDEX competitor_criteria_name"
        " ON competitor_criteria(workshop_id, lower(name))",
        """
        INSERT INTO competitor_companies (workshop_id, name, is_own)
        SELECT w.id,
               CASE WHEN trim(w.company) <> '' THEN w.company
                    WHEN w.language = 'en' THEN 'Own company'
                    ELSE 'Eigenes Unternehmen' END,
               1
        FROM workshops w
        WHERE NOT EXISTS (SELECT 1 FROM competitor_companies c
                          WHERE c.workshop_id = w.id AND c.is_own = 1)
        """,
        # Rounds: the kind names what the round asks (the registry in rounds/kinds.py).
        """
        CREATE TABLE rounds_new (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            dimensions TEXT NOT NULL DEFAULT '',
            hide_results INTEGER NOT NULL DEFAULT 0,
            revealed INTEGER NOT NULL DEFAULT 0,
            ends_at TEXT,
            version INTEGER NOT NULL DEFAULT 0,
            opened_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            closed_at TEXT
        )
        """,
        """
        INSERT INTO rounds_new (id, workshop_id, kind, title, status, dimensions, hide_results,
                                revealed, opened_at, closed_at)
        SELECT id, workshop_id,
               CASE topic WHEN 'benchmark' THEN 'competitor_scoring'
                          ELSE 'touchpoint_scoring' END,
               title, status, dimensions, hide_results, revealed, opened_at, closed_at
        FROM rounds
        """,
        """
        CREATE TABLE round_items_new (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            position INTEGER NOT NULL
        )
        """,
        "INSERT INTO round_items_new (id, round_id, position)"
        " SELECT id, round_id, position FROM round_items",
        """
        CREATE TABLE round_item_touchpoints (
            item_id INTEGER PRIMARY KEY REFERENCES round_items(id) ON DELETE CASCADE,
            touchpoint_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE
        )
        """,
        "INSERT INTO round_item_touchpoints (item_id, touchpoint_id)"
        " SELECT id, touchpoint_id FROM round_items WHERE touchpoint_id IS NOT NULL",
        """
        CREATE TABLE round_item_competitor_cells (
            item_id INTEGER PRIMARY KEY REFERENCES round_items(id) ON DELETE CASCADE,
            criterion_id INTEGER NOT NULL REFERENCES competitor_criteria(id) ON DELETE CASCADE,
            company_id INTEGER NOT NULL REFERENCES competitor_companies(id) ON DELETE CASCADE
        )
        """,
        "INSERT INTO round_item_competitor_cells (item_id, criterion_id, company_id)"
        " SELECT id, criterion_id, subject_id FROM round_items WHERE criterion_id IS NOT NULL",
        # Scores: which dimensions a round asks is the kind's rule, checked when writing.
        """
        CREATE TABLE scores_new (
            round_item_id INTEGER NOT NULL REFERENCES round_items(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            dimension TEXT NOT NULL,
            value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
            submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            PRIMARY KEY (round_item_id, participant_id, dimension)
        ) WITHOUT ROWID
        """,
        "INSERT INTO scores_new SELECT round_item_id, participant_id, dimension, value,"
        " submitted_at FROM scores",
        "DROP TABLE scores",
        "DROP TABLE round_items",
        "DROP TABLE rounds",
        "ALTER TABLE rounds_new RENAME TO rounds",
        "ALTER TABLE round_items_new RENAME TO round_items",
        "ALTER TABLE scores_new RENAME TO scores",
        "CREATE INDEX rounds_workshop ON rounds(workshop_id, status)",
        "CREATE INDEX round_items_round ON round_items(round_id)",
        "CREATE INDEX round_item_touchpoints_touchpoint ON round_item_touchpoints(touchpoint_id)",
        "CREATE INDEX round_item_competitor_cells_criterion"
        " ON round_item_competitor_cells(criterion_id)",
        "CREATE INDEX round_item_competitor_cells_company"
        " ON round_item_competitor_cells(company_id)",
        "CREATE INDEX scores_participant ON scores(participant_id)",
        # A subject that goes (a touchpoint deleted) takes its round items with it.
        """
        CREATE TRIGGER round_item_touchpoints_gone AFTER DELETE ON round_item_touchpoints
        BEGIN DELETE FROM round_items WHERE id = old.item_id; END
        """,
        """
        CREATE TRIGGER round_item_competitor_cells_gone
        AFTER DELETE ON round_item_competitor_cells
        BEGIN DELETE FROM round_items WHERE id = old.item_id; END
        """,
        # "I'm done" per participant and round.
        """
        CREATE TABLE round_ready (
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            ready_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            PRIMARY KEY (round_id, participant_id)
        ) WITHOUT ROWID
        """,
    )


@migration
def m007_versions_and_pin_attempts(db: Database) -> None:
    """Edits carry the version they were made on (a stale save is refused); wrong PINs are
    counted per browser session and per address, not per workshop."""
    _run(
        db,
        *(
            f"ALTER TABLE {table} ADD COLUMN version INTEGER NOT NULL DEFAULT 0"
            for table in (
                "workshops",
                "phases",
                "touchpoints",
                "segments",
                "personas",
                "feedback_sources",
                "ron_scenarios",
            )
        ),
        """
        CREATE TABLE pin_attempts (
            key TEXT PRIMARY KEY,
            failures INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT
        ) WITHOUT ROWID
        """,
    )


METHOD_GOALS = ("delight", "loyalty", "brand", "referrals", "efficiency", "satisfaction")


@migration
def m008_strategy(db: Database) -> None:
    """Step 1's strategy frame: CEM goals, the strategy texts, the KPIs of the return on CEM,
    the five rules as subjects of a live round; how the matrix draws its crosshair; what the
    presenter shows when asked."""
    _run(
        db,
        """
        CREATE TABLE strategy (
            workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
            differentiation TEXT NOT NULL DEFAULT '',
            guiding_value TEXT NOT NULL DEFAULT '',
            experience_motive TEXT NOT NULL DEFAULT '',
            culture TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE cem_goals (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            method_key TEXT,
            name TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL,
            top INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE UNIQUE INDEX cem_goals_method ON cem_goals(workshop_id, method_key)"
        " WHERE method_key IS NOT NULL",
        "CREATE UNIQUE INDEX cem_goals_name ON cem_goals(workshop_id, lower(name))"
        " WHERE method_key IS NULL",
        *(
            f"INSERT INTO cem_goals (workshop_id, method_key, position)"
            f" SELECT id, '{key}', {n} FROM workshops"
            for n, key in enumerate(METHOD_GOALS)
        ),
        """
        CREATE TABLE kpis (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            definition TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT '',
            direction TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower')),
            baseline REAL,
            target REAL,
            target_date TEXT,
            source TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL,
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE UNIQUE INDEX kpis_name ON kpis(workshop_id, lower(name))",
        """
        CREATE TABLE round_item_rules (
            item_id INTEGER PRIMARY KEY REFERENCES round_items(id) ON DELETE CASCADE,
            rule TEXT NOT NULL
        )
        """,
        "ALTER TABLE workshops ADD COLUMN ipa_crosshair TEXT NOT NULL DEFAULT 'means'"
        " CHECK (ipa_crosshair IN ('means', 'midpoint'))",
        "ALTER TABLE workshops ADD COLUMN ipa_diagonal INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE workshops ADD COLUMN presenter_view TEXT NOT NULL DEFAULT 'round'",
    )


@migration
def m009_ideas_and_dots(db: Database) -> None:
    """Step 2's memories: ideas posted per touchpoint in an ideas round, merged into groups,
    voted on with dots (budget and cap per vote round, enforced when writing); top ideas
    become candidate measures for step 4 with their link back; rounds may close themselves
    when their timer runs out."""
    _run(
        db,
        "ALTER TABLE rounds ADD COLUMN close_at_end INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE rounds ADD COLUMN show_authors INTEGER NOT NULL DEFAULT 0",
        """
        CREATE TABLE idea_groups (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE ideas (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            item_id INTEGER REFERENCES round_items(id) ON DELETE SET NULL,
            touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL,
            participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 280),
            hidden INTEGER NOT NULL DEFAULT 0,
            group_id INTEGER REFERENCES idea_groups(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX ideas_round ON ideas(round_id, item_id)",
        "CREATE INDEX ideas_group ON ideas(group_id)",
        """
        CREATE TABLE round_vote_limits (
            round_id INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
            source_round_id INTEGER REFERENCES rounds(id) ON DELETE SET NULL,
            budget INTEGER NOT NULL CHECK (budget BETWEEN 1 AND 12),
            cap INTEGER NOT NULL CHECK (cap BETWEEN 1 AND 12),
            CHECK (cap <= budget)
        )
        """,
        """
        CREATE TABLE round_item_ideas (
            item_id INTEGER PRIMARY KEY REFERENCES round_items(id) ON DELETE CASCADE,
            idea_id INTEGER NOT NULL REFERENCES ideas(id) ON DELETE CASCADE
        )
        """,
        """
        CREATE TABLE round_item_idea_groups (
            item_id INTEGER PRIMARY KEY REFERENCES round_items(id) ON DELETE CASCADE,
            group_id INTEGER NOT NULL REFERENCES idea_groups(id) ON DELETE CASCADE
        )
        """,
        """
        CREATE TRIGGER round_item_ideas_gone AFTER DELETE ON round_item_ideas
        BEGIN DELETE FROM round_items WHERE id = old.item_id; END
        """,
        """
        CREATE TRIGGER round_item_idea_groups_gone AFTER DELETE ON round_item_idea_groups
        BEGIN DELETE FROM round_items WHERE id = old.item_id; END
        """,
        """
        CREATE TABLE dots (
            round_item_id INTEGER NOT NULL REFERENCES round_items(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 12),
            given_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            PRIMARY KEY (round_item_id, participant_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX dots_participant ON dots(participant_id)",
        """
        CREATE TABLE measures (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'candidate',
            source_idea_id INTEGER REFERENCES ideas(id) ON DELETE SET NULL,
            source_group_id INTEGER REFERENCES idea_groups(id) ON DELETE SET NULL,
            source_vote_round_id INTEGER REFERENCES rounds(id) ON DELETE SET NULL,
            dots INTEGER NOT NULL DEFAULT 0,
            voters INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE UNIQUE INDEX measures_from_idea ON measures(source_idea_id)"
        " WHERE source_idea_id IS NOT NULL",
        "CREATE UNIQUE INDEX measures_from_group ON measures(source_group_id)"
        " WHERE source_group_id IS NOT NULL",
    )


@migration
def m010_innovation(db: Database) -> None:
    """Step 2's CEM innovation check: the prioritised touchpoints with their innovation
    potential and brand promise, the experience qualities and success factors rated per
    touchpoint (by the facilitator, or live: items link a touchpoint and a criterion)."""
    _run(
        db,
        """
        CREATE TABLE innovation_touchpoints (
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            touchpoint_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            offer_depth INTEGER CHECK (offer_depth BETWEEN 1 AND 5),
            event_depth INTEGER CHECK (event_depth BETWEEN 1 AND 5),
            brand_promise TEXT CHECK (brand_promise IN ('yes', 'partly', 'no')),
            PRIMARY KEY (workshop_id, touchpoint_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE innovation_scores (
            touchpoint_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
            criterion TEXT NOT NULL,
            value REAL NOT NULL CHECK (value BETWEEN 1 AND 5),
            PRIMARY KEY (touchpoint_id, criterion)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE round_item_innovation (
            item_id INTEGER PRIMARY KEY REFERENCES round_items(id) ON DELETE CASCADE,
            touchpoint_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
            criterion TEXT NOT NULL
        )
        """,
        """
        CREATE TRIGGER round_item_innovation_gone AFTER DELETE ON round_item_innovation
        BEGIN DELETE FROM round_items WHERE id = old.item_id; END
        """,
    )


@migration
def m011_voice_of_customer(db: Database) -> None:
    """Step 2's voice of the customer: imported feedback per touchpoint (a fingerprint keeps a
    second import of the same file from doubling rows) and the plan per channel of how
    feedback flows into the VoC programme."""
    _run(
        db,
        """
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL,
            given_on TEXT NOT NULL,
            channel TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            rating REAL CHECK (rating BETWEEN 1 AND 5),
            source TEXT NOT NULL DEFAULT '',
            fingerprint TEXT NOT NULL,
            imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """,
        "CREATE UNIQUE INDEX feedback_once ON feedback(workshop_id, fingerprint)",
        "CREATE INDEX feedback_touchpoint ON feedback(touchpoint_id, given_on)",
        """
        CREATE TABLE voc_plan (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            channel TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            frequency TEXT NOT NULL DEFAULT '',
            next_step TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE UNIQUE INDEX voc_plan_channel ON voc_plan(workshop_id, lower(channel))",
    )


@migration
def m012_organisation(db: Database) -> None:
    """Step 3's organisation: the CEM Advisory Board (members, one patron, charter, rhythm),
    the communication programme, trainings, what front-line staff may decide (empowerment),
    target agreements on the strategy's KPIs (referenced by id), where the gap analysis takes
    its values from, and one worksheet per touchpoint with its first ideas (an idea turned
    into a candidate measure keeps the link)."""
    _run(
        db,
        """
        CREATE TABLE organisation (
            workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
            charter TEXT NOT NULL DEFAULT '',
            rhythm TEXT NOT NULL DEFAULT 'monthly'
                CHECK (rhythm IN ('weekly', 'fortnightly', 'monthly', 'quarterly')),
            next_meeting TEXT,
            gap_source TEXT NOT NULL DEFAULT 'round' CHECK (gap_source IN ('round', 'step1')),
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE board_members (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            department TEXT NOT NULL DEFAULT '',
            responsibility TEXT NOT NULL DEFAULT '',
            patron INTEGER NOT NULL DEFAULT 0 CHECK (patron IN (0, 1)),
            position INTEGER NOT NULL,
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE UNIQUE INDEX board_members_name ON board_members(workshop_id, lower(name))",
        """
        CREATE TABLE comm_items (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            audience TEXT NOT NULL,
            message TEXT NOT NULL DEFAULT '',
            channel TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            due_on TEXT,
            status TEXT NOT NULL DEFAULT 'planned',
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE trainings (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            course TEXT NOT NULL,
            audience TEXT NOT NULL DEFAULT '',
            touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL,
            format TEXT NOT NULL DEFAULT 'classroom',
            held_on TEXT,
            people INTEGER CHECK (people BETWEEN 0 AND 100000),
            status TEXT NOT NULL DEFAULT 'planned',
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE empowerment (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            touchpoint_id INTEGER NOT NULL REFERENCES touchpoints(id) ON DELETE CASCADE,
            decision TEXT NOT NULL,
            up_to REAL CHECK (up_to >= 0),
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX empowerment_touchpoint ON empowerment(touchpoint_id)",
        """
        CREATE TABLE target_agreements (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            holder TEXT NOT NULL,
            kpi_id INTEGER NOT NULL REFERENCES kpis(id),  -- NO ACTION: kpis.delete_kpi refuses
            target REAL,
            due_on TEXT,
            status TEXT NOT NULL DEFAULT 'agreed',
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX target_agreements_kpi ON target_agreements(kpi_id)",
        """
        CREATE TABLE worksheets (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            touchpoint_id INTEGER NOT NULL UNIQUE REFERENCES touchpoints(id) ON DELETE CASCADE,
            owner TEXT NOT NULL DEFAULT '',
            ist TEXT NOT NULL DEFAULT '',
            soll TEXT NOT NULL DEFAULT '',
            experiences TEXT NOT NULL DEFAULT '',
            updated_at TEXT,
            updated_by TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE worksheet_ideas (
            id INTEGER PRIMARY KEY,
            worksheet_id INTEGER NOT NULL REFERENCES worksheets(id) ON DELETE CASCADE,
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 280),
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """,
        "CREATE INDEX worksheet_ideas_sheet ON worksheet_ideas(worksheet_id)",
        "ALTER TABLE measures ADD COLUMN source_worksheet_idea_id INTEGER"
        " REFERENCES worksheet_ideas(id) ON DELETE SET NULL",
        "CREATE UNIQUE INDEX measures_from_worksheet ON measures(source_worksheet_idea_id)"
        " WHERE source_worksheet_idea_id IS NOT NULL",
    )


@migration
def m013_implementation(db: Database) -> None:
    """Step 4's priorities and action plan: a candidate measure's KPI, expected effect and
    confidence; the impact–effort round (items link a measure; a "skip" is an answer of its
    own); the facilitator's overrides with their reason; the plan per selected measure."""
    _run(
        db,
        "ALTER TABLE measures ADD COLUMN kpi_id INTEGER REFERENCES kpis(id) ON DELETE SET NULL",
        "ALTER TABLE measures ADD COLUMN expected_effect TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE measures ADD COLUMN confidence INTEGER CHECK (confidence IN (50, 80, 100))",
        "ALTER TABLE measures ADD COLUMN selected INTEGER NOT NULL DEFAULT 0",
        """
        CREATE TABLE round_item_measures (
            item_id INTEGER PRIMARY KEY REFERENCES round_items(id) ON DELETE CASCADE,
            measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX round_item_measures_measure ON round_item_measures(measure_id)",
        """
        CREATE TRIGGER round_item_measures_gone AFTER DELETE ON round_item_measures
        BEGIN DELETE FROM round_items WHERE id = old.item_id; END
        """,
        """
        CREATE TABLE skips (
            round_item_id INTEGER NOT NULL REFERENCES round_items(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            dimension TEXT NOT NULL,
            submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            PRIMARY KEY (round_item_id, participant_id, dimension)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE measure_overrides (
            measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
            dimension TEXT NOT NULL CHECK (dimension IN ('impact', 'effort')),
            value REAL NOT NULL CHECK (value BETWEEN 1 AND 5),
            reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 300),
            set_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            PRIMARY KEY (measure_id, dimension)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE plan (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            measure_id INTEGER NOT NULL UNIQUE REFERENCES measures(id) ON DELETE CASCADE,
            soll TEXT NOT NULL DEFAULT '',
            start_on TEXT,
            due_on TEXT,
            owner TEXT NOT NULL DEFAULT '',
            owner_role TEXT NOT NULL DEFAULT '',
            budget REAL CHECK (budget >= 0),
            kpi_target REAL,
            success_criterion TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'not_started',
            percent_done INTEGER NOT NULL DEFAULT 0 CHECK (percent_done BETWEEN 0 AND 100),
            updated_at TEXT,
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
    )


@migration
def m014_continuous_cem(db: Database) -> None:
    """Step 4's continuous CEM: the ideas database (staff, customers, workshops; a status
    pipeline; phones may send ideas while the facilitator allows it), the complaint log along
    ISO 10002 (editable cause categories, the time of every step, a fingerprint per imported
    row), customers per month for rates per 1,000, loyalty and reward programmes."""
    _run(
        db,
        """
        CREATE TABLE continuous (
            workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
            ideas_open INTEGER NOT NULL DEFAULT 0,
            target_days INTEGER NOT NULL DEFAULT 56 CHECK (target_days BETWEEN 1 AND 365)
        )
        """,
        """
        CREATE TABLE idea_bank (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
            touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL,
            source TEXT NOT NULL DEFAULT 'staff',
            programme TEXT NOT NULL DEFAULT '',
            submitter TEXT NOT NULL DEFAULT '',
            participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'new',
            reject_reason TEXT NOT NULL DEFAULT '',
            measure_id INTEGER REFERENCES measures(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            updated_at TEXT,
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        "ALTER TABLE measures ADD COLUMN source_bank_idea_id INTEGER"
        " REFERENCES idea_bank(id) ON DELETE SET NULL",
        """
        CREATE TABLE complaint_causes (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX complaint_causes_name ON complaint_causes(workshop_id, lower(name))",
        """
        CREATE TABLE complaints (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            received_at TEXT NOT NULL,
            channel TEXT NOT NULL DEFAULT '',
            touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL,
            cause_id INTEGER REFERENCES complaint_causes(id) ON DELETE SET NULL,
            severity INTEGER NOT NULL DEFAULT 2 CHECK (severity BETWEEN 1 AND 3),
            description TEXT NOT NULL DEFAULT '',
            remedy TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'received',
            acknowledged_at TEXT,
            investigating_at TEXT,
            answered_at TEXT,
            closed_at TEXT,
            reopened INTEGER NOT NULL DEFAULT 0,
            first_contact INTEGER CHECK (first_contact IN (0, 1)),
            upheld INTEGER CHECK (upheld IN (0, 1)),
            measure_id INTEGER REFERENCES measures(id) ON DELETE SET NULL,
            fingerprint TEXT,
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX complaints_received ON complaints(workshop_id, received_at)",
        "CREATE UNIQUE INDEX complaints_once ON complaints(workshop_id, fingerprint)"
        " WHERE fingerprint IS NOT NULL",
        """
        CREATE TABLE customer_base (
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            month TEXT NOT NULL,
            customers INTEGER NOT NULL CHECK (customers > 0),
            PRIMARY KEY (workshop_id, month)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE rewards (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            programme TEXT NOT NULL,
            segment TEXT NOT NULL DEFAULT '',
            mechanism TEXT NOT NULL DEFAULT '',
            cost REAL CHECK (cost >= 0),
            kpi_id INTEGER REFERENCES kpis(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'idea',
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
    )


def _counted(tables: tuple[str, ...]) -> list[str]:
    """Triggers that count up ``barometer_changes`` for the workshop of every row written to
    ``tables`` (insert, update, delete — cascades included)."""
    return [
        f"""
        CREATE TRIGGER {table}_{event.lower()}_counted AFTER {event} ON {table}
        BEGIN
            INSERT OR IGNORE INTO barometer_changes (workshop_id) VALUES ({row}.workshop_id);
            UPDATE barometer_changes SET version = version + 1 WHERE workshop_id = {row}.workshop_id;
        END
        """
        for table in tables
        for event, row in (("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old"))
    ]


@migration
def m015_optimisation(db: Database) -> None:
    """Step 5's optimisation: the Kundenbarometer's metrics (NPS, CSAT, CES and the workshop's
    own dimensions) with their index weights and targets; measurements as raw responses or
    pre-aggregated rows; KPI values per period, where a KPI's figure comes from, every change
    of a KPI's target with its reason; the obstacles and conflicts log. Every change of the
    barometer's data counts up ``barometer_changes`` (triggers, cascades included): the key
    of the figures computed from it."""
    _run(
        db,
        """
        CREATE TABLE optimisation (
            workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
            granularity TEXT NOT NULL DEFAULT 'quarter' CHECK (granularity IN ('quarter', 'month')),
            index_target REAL NOT NULL DEFAULT 70 CHECK (index_target BETWEEN 0 AND 100),
            kpi_margin REAL NOT NULL DEFAULT 5 CHECK (kpi_margin BETWEEN 0 AND 50),
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE survey_metrics (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            code TEXT NOT NULL CHECK (code IN ('nps', 'csat', 'ces', 'own')),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
            low REAL NOT NULL,
            high REAL NOT NULL,
            weight REAL NOT NULL DEFAULT 0 CHECK (weight BETWEEN 0 AND 100),
            target REAL,
            position INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 0,
            CHECK (high > low)
        )
        """,
        "CREATE UNIQUE INDEX survey_metrics_name ON survey_metrics(workshop_id, lower(name))",
        "CREATE UNIQUE INDEX survey_metrics_code ON survey_metrics(workshop_id, code)"
        " WHERE code <> 'own'",
        """
        INSERT INTO survey_metrics (workshop_id, code, name, low, high, weight, position)
        SELECT w.id, m.code, m.name, m.low, m.high, m.weight, m.position FROM workshops w,
          (SELECT 'nps' AS code, 'NPS' AS name, 0 AS low, 10 AS high, 40 AS weight, 0 AS position
           UNION ALL SELECT 'csat', 'CSAT', 1, 5, 40, 1
           UNION ALL SELECT 'ces', 'CES', 1, 7, 20, 2) m
        """,
        """
        CREATE TABLE responses (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            metric_id INTEGER NOT NULL REFERENCES survey_metrics(id) ON DELETE CASCADE,
            touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE CASCADE,
            answered_on TEXT NOT NULL,
            respondent TEXT NOT NULL DEFAULT '',
            channel TEXT NOT NULL DEFAULT '',
            value REAL NOT NULL,
            fingerprint TEXT
        )
        """,
        "CREATE INDEX responses_cell ON responses(workshop_id, metric_id, touchpoint_id, answered_on)",
        "CREATE UNIQUE INDEX responses_once ON responses(workshop_id, fingerprint)"
        " WHERE fingerprint IS NOT NULL",
        """
        CREATE TABLE response_aggregates (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            metric_id INTEGER NOT NULL REFERENCES survey_metrics(id) ON DELETE CASCADE,
            touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE CASCADE,
            period_on TEXT NOT NULL,
            channel TEXT NOT NULL DEFAULT '',
            n INTEGER NOT NULL CHECK (n > 0),
            mean REAL NOT NULL,
            sd REAL CHECK (sd >= 0),
            top_share REAL CHECK (top_share BETWEEN 0 AND 1),
            bottom_share REAL CHECK (bottom_share BETWEEN 0 AND 1),
            source TEXT NOT NULL DEFAULT '',
            fingerprint TEXT,
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX response_aggregates_cell ON response_aggregates(workshop_id, metric_id)",
        """
        CREATE TABLE kpi_values (
            kpi_id INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            value REAL NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (kpi_id, period)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE kpi_sources (
            kpi_id INTEGER PRIMARY KEY REFERENCES kpis(id) ON DELETE CASCADE,
            metric_id INTEGER NOT NULL REFERENCES survey_metrics(id) ON DELETE CASCADE,
            touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE CASCADE,
            reading TEXT NOT NULL DEFAULT 'headline' CHECK (reading IN ('headline', 'mean', 'share'))
        )
        """,
        """
        CREATE TABLE kpi_target_changes (
            id INTEGER PRIMARY KEY,
            kpi_id INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
            changed_on TEXT NOT NULL,
            old_value REAL,
            new_value REAL,
            reason TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """,
        "CREATE INDEX kpi_target_changes_kpi ON kpi_target_changes(kpi_id, changed_on)",
        """
        CREATE TABLE barometer_changes (
            -- no foreign key: a deleted workshop's answers count up while they cascade away,
            -- and the row stays so that a later workshop with the same id never meets an old
            -- cache key (the counter only grows)
            workshop_id INTEGER PRIMARY KEY,
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        *_counted(("responses", "response_aggregates", "survey_metrics", "optimisation")),
        """
        CREATE TABLE obstacles (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
            link TEXT NOT NULL DEFAULT 'processes',
            touchpoint_id INTEGER REFERENCES touchpoints(id) ON DELETE SET NULL,
            owner TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open',
            raised_on TEXT,
            idea_id INTEGER REFERENCES idea_bank(id) ON DELETE SET NULL,
            measure_id INTEGER REFERENCES measures(id) ON DELETE SET NULL,
            updated_at TEXT,
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
    )


@migration
def m016_archive(db: Database) -> None:
    """An archived workshop leaves the home list (a filter shows it) and takes no new participants."""
    _run(db, "ALTER TABLE workshops ADD COLUMN archived_at TEXT")


@migration
def m017_agenda(db: Database) -> None:
    """The run of the day: a workshop's format and agenda — blocks of sections, talks, breaks
    and new days with time boxes, their actual start and end — the day's start time, the block
    running now, and the agenda as a view of the presenter."""
    _run(
        db,
        "ALTER TABLE workshops ADD COLUMN format TEXT NOT NULL DEFAULT 'free'",
        "ALTER TABLE workshops ADD COLUMN day_start TEXT NOT NULL DEFAULT '09:00'",
        """
        CREATE TABLE agenda_blocks (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            kind TEXT NOT NULL DEFAULT 'section' CHECK (kind IN ('section', 'talk', 'break', 'day')),
            target TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
            goal TEXT NOT NULL DEFAULT '',
            minutes INTEGER NOT NULL DEFAULT 30 CHECK (minutes BETWEEN 0 AND 600),
            started_at TEXT,
            ended_at TEXT,
            version INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX agenda_blocks_order ON agenda_blocks(workshop_id, position)",
    )


@migration
def m018_agenda_rounds(db: Database) -> None:
    """A block of the agenda may bring its live round, opened when the block starts."""
    _run(db, "ALTER TABLE agenda_blocks ADD COLUMN round_kind TEXT NOT NULL DEFAULT ''")


SCHEMA_VERSION = len(MIGRATIONS)


def version_of(db: Database) -> int:
    """The schema version written into the file (``PRAGMA user_version``)."""
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: Database) -> None:
    """Bring the file to this release's schema; refuses a file of a newer release.

    Idempotent: runs at start-up, applies only what is pending.
    """
    found = version_of(db)
    if found > SCHEMA_VERSION:
        raise SchemaError("newer_schema", found=found, known=SCHEMA_VERSION)
    if found == SCHEMA_VERSION and not migrations.pending(db):
        return
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        migrations.apply(db)
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise SchemaError("broken_links", count=len(broken))
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    finally:
        db.execute("PRAGMA foreign_keys = ON")
