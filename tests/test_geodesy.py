"""Great-circle distances."""

from __future__ import annotations

import pytest

from eventwire.geodesy import km


def test_km_between_known_cities() -> None:
    assert km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.5, abs=1.0)  # Paris-London
    assert km(50.45, 30.52, 50.45, 30.52) == 0.0


def test_km_half_the_globe_is_the_longest() -> None:
    assert km(0.0, 0.0, 0.0, 180.0) == pytest.approx(20015.1, abs=1.0)
