-- The dispatcher's delivery log: one row per (incident, webhook). The row is written before the incident's Kafka
-- offset is committed, so a crash never loses a delivery, and its key makes a replayed incident a no-op, so nothing
-- is sent twice. Workers claim due rows by pushing next_attempt_at forward (a lease), so several dispatcher
-- processes never send the same row at once.
CREATE TABLE webhook_deliveries (
    incident_id      text        NOT NULL,
    webhook          text        NOT NULL, -- dispatch.webhooks[].name
    -- pending: to be sent at next_attempt_at; delivered: a 2xx came back;
    -- failed: dispatch.retry.maxAttempts attempts failed and a dead letter went to roadstream.dead-letters
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    last_http_status integer,
    last_error       text,
    next_attempt_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- the JSON body, as text so that every attempt sends the same bytes (jsonb would reorder the keys)
    payload          text        NOT NULL,
    -- where the incident was read, for the dead letter
    source_topic     text        NOT NULL,
    source_partition integer     NOT NULL,
    source_offset    bigint      NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    delivered_at     timestamptz,
    PRIMARY KEY (incident_id, webhook)
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
