-- Adequacy over time: one figure per stored run, period = the run's measured-on date, period kind 'run'.
alter table insights.figure drop constraint figure_period_kind_check;
alter table insights.figure add constraint figure_period_kind_check
    check (period_kind in ('current', 'month', 'year', 'run'));
