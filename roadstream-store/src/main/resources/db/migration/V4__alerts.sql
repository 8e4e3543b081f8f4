-- Driver alerts: the latest message per alert id (cause and segment), for the alert feed and for receivers that
-- poll rather than read Kafka.
CREATE TABLE alerts (
    alert_id         text             PRIMARY KEY,
    type             text             NOT NULL CHECK (type IN ('ISSUED', 'WITHDRAWN')),
    time             timestamptz      NOT NULL,
    segment_id       text             NOT NULL,
    distance_m       double precision NOT NULL,
    cause            text             NOT NULL,
    cause_id         text             NOT NULL,
    cause_segment_id text             NOT NULL,
    message          text             NOT NULL,
    updated_at       timestamptz      NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX alerts_time ON alerts (time DESC);
