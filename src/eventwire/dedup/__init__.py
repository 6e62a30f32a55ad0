"""Near-duplicate articles and cross-article event clusters (one real-world event, many
reports): `assign` has the flow, `features` what is compared, `clusterer` how events join
clusters, `summary` the `clusters` table, `stories` the grouping of articles that report
one happening (not stored yet). Kept import-free so loading it costs nothing."""
