"""Synthetic data for benchmarks and load tests, as run by `manage.py generate_data`.

One module per part of the data, called in order by the command: `directory` (organizations,
bodies, people), `meetings` (meetings, attendance, agenda, minutes), `statements` (the text,
by COPY on PostgreSQL) and `register` (issues, positions, assignments). They share one
`Generation` (the seeded random source), so the same seed gives the same data.
"""
