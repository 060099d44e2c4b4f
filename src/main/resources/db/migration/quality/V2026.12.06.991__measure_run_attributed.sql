-- Quality (#21, "Fast"): whether a run's results carry their attribution (product line, PCP, clinic, medical group,
-- method). A run of our engine writes it in the result rows as they are copied, once per member for all the run's
-- measures, and sets this; the ResultAttribution listener attributes the runs that did not (the CQL path) and sets
-- it then. Runs finished before this migration were attributed by that listener when they finished.
alter table quality.measure_run add column attributed boolean not null default false;
update quality.measure_run set attributed = true where finished_at is not null;
