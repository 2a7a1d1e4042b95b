"""Altair chart builders, one module per concept: data and translated labels in, chart out."""
