//! The importer over real plans: the seeds and the corpus in `tests/fixtures/import/real/`.
