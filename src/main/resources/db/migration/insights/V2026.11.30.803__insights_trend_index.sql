-- The trends page reads one place and one group across all periods: an index in that order, so it reads only its
-- own rows (the primary key leads with the period, for the map's one-period reads).
create index figure_trend on insights.figure (measure, geo_level, area, stratum_kind, stratum_value, period_kind, period);
