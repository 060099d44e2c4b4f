-- Quality (#21, trends by month): each eligible result's numerator at each month end of the run's period as one
-- integer written with the result (bit k: met with the data dated up to the k-th month end; null when the member is
-- not eligible), in place of one row per member and month end. The rows stored so far become masks.
alter table quality.measure_result add column month_mask integer;

update quality.measure_result r set month_mask = m.mask
from (select mm.run_id, mm.member_id,
             bit_or(case when mm.numerator
                         then 1 << ((extract(year from mm.month_end)::int - extract(year from run.period_start)::int) * 12
                                    + extract(month from mm.month_end)::int - extract(month from run.period_start)::int)
                         else 0 end) as mask
      from quality.measure_result_month mm join quality.measure_run run on run.id = mm.run_id
      group by mm.run_id, mm.member_id) m
where r.run_id = m.run_id and r.member_id = m.member_id;

drop table quality.measure_result_month;
