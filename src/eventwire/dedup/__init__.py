"""Near-duplicate articles and cross-article event clusters (one real-world event, many
reports): `assign` has the flow, `cluster_store` what an assignment writes, `features` what
is compared, `clusterer` how events join clusters, `summary` the `clusters` table, `stories`
the grouping of articles that report one happening (`story_store` reads them back). Kept
import-free so loading it costs nothing."""
