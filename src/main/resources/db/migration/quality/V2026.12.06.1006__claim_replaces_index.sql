-- A claim's replacement points at the claim it replaces (quality.claim.replaces_claim_id, on delete set null). Without
-- an index every deleted claim (a withdrawn file, a test's clean-up) scans the whole table for claims that point at it:
-- 90,000 deletes took 17 minutes on 245,000 lines (s10-recompute). Only replacements and voids carry the reference.
create index if not exists claim_replaces on quality.claim (replaces_claim_id) where replaces_claim_id is not null;
