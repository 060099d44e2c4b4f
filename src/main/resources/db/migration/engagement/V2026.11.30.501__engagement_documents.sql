-- Committee documents uploaded by staff (agenda, minutes, other): the file itself with its type, size and SHA-256,
-- and whether it is published on the public committee pages. Links kept from before (url) stay as they were.
alter table engagement.meeting_document alter column url drop not null;
alter table engagement.meeting_document
    add column kind          text not null default 'OTHER' check (kind in ('AGENDA', 'MINUTES', 'OTHER')),
    add column file_name     text,
    add column content_type  text,
    add column size_bytes    bigint,
    add column sha256        text,
    add column content       bytea,
    add column published     boolean not null default false,
    add column published_at  timestamptz,
    add column uploaded_by   text,
    add column uploaded_at   timestamptz;
alter table engagement.meeting_document add constraint meeting_document_link_or_file
    check (url is not null or content is not null);
-- the demo's agenda packets were public links
update engagement.meeting_document set kind = 'AGENDA', published = true where url is not null;
create unique index meeting_document_same_file on engagement.meeting_document (meeting_id, sha256)
    where sha256 is not null;
