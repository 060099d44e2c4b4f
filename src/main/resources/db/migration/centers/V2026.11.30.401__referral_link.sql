-- A registration made for a Health Promoter's referral (engagement module) keeps the referral's id, so a redelivered
-- referral event finds its registration instead of registering the person twice.
alter table centers.registration add column referral_id bigint;
create unique index registration_referral on centers.registration (referral_id) where referral_id is not null;
