-- When a counter was last hit, for delays that grow with each try (RateLimiter::wait).
ALTER TABLE rate_counters ADD COLUMN last_at BIGINT NOT NULL DEFAULT 0;
