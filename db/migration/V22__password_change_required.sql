-- A user whose password an admin set (on creation or reset) may be asked to choose their own at the first sign-in:
-- until they do, their access token carries the claim and every API call but the password change and logout is
-- refused (403 password-change-required).
alter table app_user add column password_change_required boolean not null default false;
