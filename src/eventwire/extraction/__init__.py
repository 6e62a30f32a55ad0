"""Extraction stages: dates, actors, attribution, events, modality, figures, assembly.

The package is `extraction`, not `extract`, so that `eventwire.extract()` (the public
function) and the stage package never shadow each other.
"""
