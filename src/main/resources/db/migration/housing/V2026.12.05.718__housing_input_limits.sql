-- #18: a payment's description holds the month and, above the monthly assistance, the reason (at most 500
-- characters on the form). Not valid: rows loaded before are not re-checked; new ones are.
alter table housing.payment add constraint payment_description_length check (char_length(description) <= 600) not valid;
