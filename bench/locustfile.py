"""Load on the API (dashboards with tokens) and the portal (anonymous readers of published minutes).

Run by bench/bench_scale.py: `locust -f bench/locustfile.py --headless -u 20 …` against gunicorn.
The targets come from the environment so that the file stays free of Django:
LOAD_TOKENS (comma-separated API tokens, one per simulated dashboard), LOAD_BODIES and
LOAD_MEETINGS (ids of bodies and of meetings with published minutes), LOAD_TERMS (search words).
"""

import itertools
import os
import random

from locust import HttpUser, between, task

TOKENS = itertools.cycle(os.environ.get("LOAD_TOKENS", "").split(","))
BODIES = [int(pk) for pk in os.environ.get("LOAD_BODIES", "").split(",") if pk]
MEETINGS = [int(pk) for pk in os.environ.get("LOAD_MEETINGS", "").split(",") if pk]
TERMS = [term for term in os.environ.get("LOAD_TERMS", "輻輳").split(",") if term]


class Dashboard(HttpUser):
    """A dashboard polling the API with its own token."""

    weight = 1
    wait_time = between(0.05, 0.2)

    def on_start(self) -> None:
        self.client.headers["Authorization"] = f"Token {next(TOKENS)}"

    @task(4)
    def statements(self) -> None:
        self.client.get("/api/v1/statements/?page_size=50", name="api: statements")

    @task(2)
    def search(self) -> None:
        self.client.get(f"/api/v1/statements/?q={random.choice(TERMS)}&page_size=50", name="api: statement search")

    @task(2)
    def meetings_of_a_body(self) -> None:
        self.client.get(f"/api/v1/meetings/?body={random.choice(BODIES)}", name="api: meetings of a body")

    @task(1)
    def issues(self) -> None:
        self.client.get("/api/v1/issues/", name="api: issues")


class Reader(HttpUser):
    """Someone reading published minutes on the portal, without logging in."""

    weight = 1
    wait_time = between(0.05, 0.2)

    @task(1)
    def home(self) -> None:
        self.client.get("/", name="portal: home")

    @task(2)
    def body(self) -> None:
        self.client.get(f"/bodies/{random.choice(BODIES)}/", name="portal: body")

    @task(4)
    def meeting(self) -> None:
        self.client.get(f"/meetings/{random.choice(MEETINGS)}/", name="portal: meeting record")
