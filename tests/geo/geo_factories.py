"""Gazetteer readings made by hand for the ranking tests (no index needed)."""

from __future__ import annotations

from eventwire.geo.gazetteer import PRIMARY, Candidate


def candidate(
    gid: int, name: str, code: str, iso3: str, lat: float, lon: float, **kw: object
) -> Candidate:
    """A primary-name reading; a `PP*` feature code makes it a town, any other an area."""
    fclass = "P" if code.startswith("PP") else "A"
    province = kw.get("province")
    pop = int(kw.get("population", 1000))  # type: ignore[call-overload]
    return Candidate(gid, name, fclass, code, iso3, province, lat, lon, pop, PRIMARY)  # type: ignore[arg-type]
