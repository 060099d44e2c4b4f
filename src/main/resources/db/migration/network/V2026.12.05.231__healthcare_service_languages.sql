-- The languages the staff of a service speak (Plan-Net HealthcareService.communication), so Find a Doctor can say
-- which languages the front desk of an office speaks, apart from the doctor's own (Practitioner.communication).
alter table network.healthcare_service add column languages text[] not null default '{}';
