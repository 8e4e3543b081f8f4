-- Incidents: every lifecycle event as it came (history), and each incident's current state.

CREATE TABLE incident_events (
    event_key   text        PRIMARY KEY, -- md5 of the event's JSON: replays write the same row
    incident_id text        NOT NULL,
    type        text        NOT NULL CHECK (type IN ('DETECTED', 'CONFIRMED', 'CLEARED')),
    time        timestamptz NOT NULL,
    event       jsonb       NOT NULL
);

CREATE INDEX incident_events_incident ON incident_events (incident_id, time);

CREATE TABLE incidents (
    incident_id  text             PRIMARY KEY,
    kind         text             NOT NULL,
    source       text             NOT NULL,
    detected_at  timestamptz      NOT NULL,
    confirmed_at timestamptz,
    cleared_at   timestamptz,
    segment_id   text             NOT NULL,
    offset_m     double precision NOT NULL,
    lat          double precision,
    lon          double precision,
    vehicle_ids  text[]           NOT NULL,
    evidence     text             NOT NULL,
    updated_at   timestamptz      NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX incidents_open ON incidents (cleared_at) WHERE cleared_at IS NULL;
CREATE INDEX incidents_detected ON incidents (detected_at);
