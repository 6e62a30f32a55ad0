"""`eventwire gazetteer import`: a small file in the GeoNames dump format replaces the index."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.errors import GazetteerError
from eventwire.geo.gazetteer import Gazetteer, reset_cache
from eventwire.geo.geonames import import_geonames

# geonameid|name|asciiname|alternatenames|lat|lon|class|code|country|admin1|population
PLACES = """
6252001|United States|United States|USA,Etats-Unis|39.76|-98.5|A|PCLI|US|00|327167434
4896861|Illinois|Illinois|IL,Ilinois|40.00032|-89.25037|A|ADM1|US|IL|12830632
4398678|Missouri|Missouri|MO|38.25031|-92.50046|A|ADM1|US|MO|6063589
4250542|Springfield|Springfield|Springfijld|39.80172|-89.64371|P|PPLA|US|IL|114394
4409896|Springfield|Springfield||37.21533|-93.29824|P|PPLA2|US|MO|170188
690791|Ukraine|Ukraine|Oukraina,Ukrajina|49.0|32.0|A|PCLI|UA|00|44622516
706482|Kharkivska Oblast|Kharkivska Oblast|Kharkiv Oblast|49.5|36.5|A|ADM1|UA|07|2658461
706483|Kharkiv|Kharkiv|Kharkov,Charkiw|49.98081|36.25272|P|PPLA|UA|07|1430885
703448|Kyiv|Kyiv|Kiev,Kyjiw|50.45466|30.5238|P|PPLC|UA|12|2797553
2964574|Dublin|Dublin|Baile Atha Cliath|53.33306|-6.24889|P|PPLC|IE|L|1024027
2963597|Ireland|Ireland|Eire,Irlanda|53.0|-8.0|A|PCLI|IE|00|4994724
9999001|Harbour View Hotel|Harbour View Hotel||53.34|-6.25|S|HTL|IE|L|0
""".strip().splitlines()


def _dump_line(row: str) -> str:
    """The 19 tab-separated columns of allCountries.txt (unused ones empty or made up)."""
    gid, name, ascii_name, alts, lat, lon, fclass, fcode, cc, admin1, pop = row.split("|")
    cols = [gid, name, ascii_name, alts, lat, lon, fclass, fcode, cc, "", admin1, "", "", "",
            pop, "", "100", "Etc/UTC", "2024-01-01"]  # fmt: skip
    return "\t".join(cols)


def _zip(path: Path, member: str, lines: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(member, "\n".join(lines) + "\n")
    return path


@pytest.fixture
def imported(tmp_path: Path) -> Iterator[Gazetteer]:
    dump = _zip(tmp_path / "allCountries.zip", "allCountries.txt", [_dump_line(p) for p in PLACES])
    alternates = _zip(
        tmp_path / "alternateNamesV2.zip",
        "alternateNamesV2.txt",
        [
            "1\t706483\ten\tCharkov Town\t1\t\t\t\t\t",
            "2\t706483\tlink\thttps://example.org\t\t\t\t\t\t",
        ],
    )
    summary = import_geonames(dump, alternate_names=alternates, path=tmp_path / "gaz.pickle")
    assert summary.places >= 11
    yield Gazetteer.load(tmp_path / "gaz.pickle")
    reset_cache()


def test_import_geonames_places_and_provinces(imported: Gazetteer) -> None:
    springfields = imported.candidates("Springfield")
    assert {c.geonameid for c in springfields} == {4250542, 4409896}
    assert {c.province for c in springfields} == {"Illinois", "Missouri"}
    assert imported.candidates("Kiev")[0].geonameid == 703448


def test_import_geonames_countries_get_iso3_and_resolution_1(imported: Gazetteer) -> None:
    ukraine = imported.candidates("Ukraine")[0]
    assert (ukraine.geonameid, ukraine.country_code, ukraine.resolution) == (690791, "UKR", 1)
    place = imported.country("IRL")
    assert place is not None and place.geonameid == 2963597


def test_import_geonames_skips_hotels_and_links(imported: Gazetteer) -> None:
    assert imported.candidates("Harbour View Hotel") == []
    assert imported.candidates("https://example.org") == []


def test_import_geonames_alternate_names_file_adds_names(imported: Gazetteer) -> None:
    assert imported.candidates("Charkov Town")[0].geonameid == 706483


def test_import_geonames_index_is_not_rebuilt_on_load(imported: Gazetteer, tmp_path: Path) -> None:
    reset_cache()
    again = Gazetteer.load(tmp_path / "gaz.pickle")
    assert again.records_count == imported.records_count


def test_import_geonames_bad_line_names_file_and_line(tmp_path: Path) -> None:
    lines = [_dump_line(PLACES[0]), "12345\tBroken row"]
    dump = _zip(tmp_path / "allCountries.zip", "allCountries.txt", lines)
    with pytest.raises(GazetteerError, match=r"allCountries.zip line 2: 2 tab-separated columns"):
        import_geonames(dump, path=tmp_path / "gaz.pickle")


def test_import_geonames_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="no such file"):
        import_geonames(tmp_path / "nope.zip", path=tmp_path / "gaz.pickle")


def test_load_says_when_an_imported_index_is_of_an_older_format(
    imported: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    from eventwire.geo import gazetteer
    from eventwire.geo.names import FORMAT, IMPORTED

    path = tmp_path / "gaz.pickle"
    _, *rest = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps((f"{IMPORTED};{FORMAT - 1};allCountries.zip", *rest)))
    reset_cache()

    def no_build(target: Path) -> None:  # the real rebuild from the packages takes 30 s
        raise RuntimeError("rebuilt")

    monkeypatch.setattr(gazetteer, "build", no_build)
    with pytest.warns(UserWarning, match="gazetteer import` again"), pytest.raises(RuntimeError):
        Gazetteer.load(path)
