-- 0008_login_device: login attempts made with a valid device cookie (auth/device.h)
-- name that device (its random id), so that such a browser has a failure count of
-- its own and is let through the account's and the address's delay.
ALTER TABLE login_attempt ADD COLUMN device TEXT;
CREATE INDEX login_attempt_device ON login_attempt(device, at) WHERE device IS NOT NULL;
