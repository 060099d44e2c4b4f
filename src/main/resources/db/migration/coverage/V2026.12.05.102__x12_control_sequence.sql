-- Our outbound interchange control numbers (999, TA1, 271: ISA13, GS06, the 999's ST02), unique across instances
-- and restarts (issue #16). Before, 999s used the import id or the clock in seconds (modulo 10^9, about 76x,xxx,xxx
-- in 2026) and 271s the clock modulo 10^8: starting at 800,000,000 keeps clear of both for partners that check
-- for duplicates; the sequence cycles back to 1 after 999,999,999.
create sequence coverage.x12_control minvalue 1 maxvalue 999999999 start with 800000000 cycle;
