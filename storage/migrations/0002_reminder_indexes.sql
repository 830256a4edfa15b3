-- Start-up and every sweep give back rows claimed by a process that died before marking them:
-- this partial index keeps that lookup from scanning a million pending rows.
CREATE INDEX reminders_claimed ON reminders (claimed_at) WHERE state = 'claimed';
