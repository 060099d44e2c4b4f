-- Quality (#21): the 999 implementation acknowledgment (005010X231A1) written for each 837 file once it is stored,
-- kept with the file for download; its interchange and group control numbers from a sequence of quality's own.
alter table quality.claim_file add column ack_999 text;
create sequence quality.claim_ack_control maxvalue 999999999 cycle;
