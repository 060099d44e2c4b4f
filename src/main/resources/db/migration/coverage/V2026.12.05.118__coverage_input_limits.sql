-- #18: free text as long as the member services forms allow (not valid: rows loaded before are not re-checked).
alter table coverage.member_change add constraint member_change_reason_length check (char_length(reason) <= 500) not valid;
