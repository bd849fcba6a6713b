-- The diary (part 6): activity types, activities with participants and contacts, calendar feeds.
-- Keep in step with ../postgres/0003_diary.sql.

-- Activity types: the built-in ones (key set, name translated unless renamed) and the firm's own.
CREATE TABLE activity_types (
    id INTEGER PRIMARY KEY,
    key TEXT UNIQUE,
    name TEXT,
    colour TEXT NOT NULL,
    default_minutes BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('appointment', 'task')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO activity_types (key, colour, default_minutes, kind, position, created_at, updated_at) VALUES
    ('customer_meeting', '#2563eb', 60, 'appointment', 1, 0, 0),
    ('phone_call', '#0d9488', 15, 'appointment', 2, 0, 0),
    ('visit', '#7c3aed', 90, 'appointment', 3, 0, 0),
    ('interview', '#db2777', 60, 'appointment', 4, 0, 0),
    ('follow_up', '#ea580c', 30, 'task', 5, 0, 0),
    ('lunch', '#ca8a04', 90, 'appointment', 6, 0, 0),
    ('email', '#4b5563', 15, 'task', 7, 0, 0),
    ('other', '#64748b', 30, 'appointment', 8, 0, 0);

-- Every activity has a time span [starts_at, ends_at) in unix seconds, so one range query serves
-- the calendar: all-day activities and tasks span whole Oslo days; tasks also keep their due date.
CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    customer_id BIGINT REFERENCES customers (id) ON DELETE CASCADE,
    type_id BIGINT NOT NULL REFERENCES activity_types (id),
    title TEXT NOT NULL,
    notes TEXT,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    all_day INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
    due_date TEXT,
    location TEXT,
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    done_at BIGINT,
    follows_activity_id BIGINT REFERENCES activities (id) ON DELETE SET NULL,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    deleted_at BIGINT
);
CREATE INDEX activities_customer ON activities (customer_id, starts_at);
CREATE INDEX activities_starts ON activities (starts_at);

CREATE TABLE activity_participants (
    activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, user_id)
);
CREATE INDEX activity_participants_user ON activity_participants (user_id, activity_id);

CREATE TABLE activity_contacts (
    activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, contact_id)
);
CREATE INDEX activity_contacts_contact ON activity_contacts (contact_id);

-- One secret iCalendar feed URL per user; renewing replaces the hash, so the old URL stops working.
CREATE TABLE calendar_feeds (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

-- Firm-wide diary settings (one row). colleague_details = 0: consultants see only busy/free in
-- their colleagues' diaries (docs/decisions/0005-diary-visibility.md).
CREATE TABLE diary_settings (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    colleague_details INTEGER NOT NULL DEFAULT 0 CHECK (colleague_details IN (0, 1)),
    updated_at BIGINT NOT NULL
);
INSERT INTO diary_settings (id, colleague_details, updated_at) VALUES (1, 0, 0);

-- The customer list's "last activity", kept by the diary in the same transaction as each change.
ALTER TABLE customers ADD COLUMN last_activity_at BIGINT;
CREATE INDEX customers_last_activity ON customers (last_activity_at);
