"""Live rounds of every kind: one life cycle (``lifecycle``), a registry of kinds (``kinds``),
one module per kind. See ``docs/architecture.md`` for the way of an answer to the projector."""
