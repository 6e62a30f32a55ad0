"""The public API is small and listed in `eventwire.__all__`."""

from __future__ import annotations

import eventwire

PUBLIC = {
    "Article",
    "DateMention",
    "Entity",
    "Event",
    "EventwireError",
    "Figure",
    "InputError",
    "Pipeline",
    "Place",
    "Size",
    "__version__",
    "extract",
    "to_plover",
}


def test_public_api_exports_at_least_the_documented_names() -> None:
    assert set(eventwire.__all__) >= PUBLIC
    for name in eventwire.__all__:
        assert hasattr(eventwire, name), name


def test_public_api_extract_is_the_function_not_the_stage_package() -> None:
    import eventwire.extraction.dates  # noqa: F401  (loading a stage must not shadow it)

    assert callable(eventwire.extract)
    assert eventwire.extract.__module__ == "eventwire.pipeline"
