-- Jams: every event as it came (history), and each jam's current state (what the map shows).

CREATE TABLE jam_events (
    -- md5 of the event's JSON: a replayed event is the same row, so writing is idempotent
    event_key     text             PRIMARY KEY,
    jam_id        text             NOT NULL,
    type          text             NOT NULL CHECK (type IN ('OPENED', 'UPDATED', 'CLEARED')),
    time          timestamptz      NOT NULL,
    segment_ids   text[]           NOT NULL,
    length_km     double precision NOT NULL,
    min_speed_kmh double precision,
    event         jsonb            NOT NULL
);

CREATE INDEX jam_events_jam ON jam_events (jam_id, time);
CREATE INDEX jam_events_time ON jam_events (time);

CREATE TABLE jams (
    jam_id          text             PRIMARY KEY,
    opened_at       timestamptz      NOT NULL,
    cleared_at      timestamptz,
    head_segment_id text             NOT NULL,
    tail_segment_id text             NOT NULL,
    segment_ids     text[]           NOT NULL,
    length_km       double precision NOT NULL,
    min_speed_kmh   double precision,
    -- event time of the change this row shows; an older event arriving late does not overwrite a newer one
    as_of           timestamptz      NOT NULL,
    updated_at      timestamptz      NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX jams_open ON jams (cleared_at) WHERE cleared_at IS NULL;
