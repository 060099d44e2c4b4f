-- The rule a run's masks were decided under, by name (a digest of CellSuppression.VERSION and the adequacy
-- publication's layout version), so the start-up check can tell that a run's masks are all current with one count,
-- without reading the run's results. Rows stored before have none: they were digested with the rule's class files and
-- are decided again once.
alter table adequacy.run_mask add column rule_digest text;
