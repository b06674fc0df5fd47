"""What the web app does when it starts and stops."""

from __future__ import annotations

import gc

from fastapi.testclient import TestClient

from mgt_assistant.settings import Settings
from mgt_assistant.web.app import create_app


def test_start_up_objects_stay_out_of_the_collector_while_the_app_runs(
    settings: Settings,
) -> None:
    # A full collection of everything start-up loaded stalled a request every few.
    before = gc.get_freeze_count()
    with TestClient(create_app(settings)) as client:
        assert gc.get_freeze_count() > before
        assert client.get("/healthz").status_code == 200
    # Handed back at shutdown, so a process that starts many apps does not keep them.
    assert gc.get_freeze_count() == 0
