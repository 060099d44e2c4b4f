-- The centers module answers a class referral it cannot book (unknown class, no upcoming session) with UNABLE_TO_PLACE.
alter table engagement.referral drop constraint referral_outcome_check;
alter table engagement.referral add constraint referral_outcome_check
    check (outcome in ('SENT', 'ACCEPTED', 'COMPLETED', 'UNABLE_TO_REACH', 'UNABLE_TO_PLACE'));
