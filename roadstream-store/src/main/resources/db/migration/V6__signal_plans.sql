-- Signal plans: every plan the job published (history), and the plan in force per intersection (what the map shows).
-- The job computes at most one plan per intersection and planning period, stamped with the period's end, so
-- (intersection_id, computed_at) is the identity that makes writing idempotent: a replayed plan is the same row.

CREATE TABLE signal_plans (
    intersection_id         text             NOT NULL,
    computed_at             timestamptz      NOT NULL,
    cycle_s                 double precision NOT NULL,
    lost_time_s             double precision NOT NULL,
    critical_flow_ratio_sum double precision NOT NULL,
    oversaturated           boolean          NOT NULL,
    based_on_window_start   timestamptz      NOT NULL,
    based_on_window_end     timestamptz      NOT NULL,
    -- the plan as published (docs/events.md), phases included; read back with the same codec that wrote it
    plan                    jsonb            NOT NULL,
    updated_at              timestamptz      NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (intersection_id, computed_at)
);

CREATE INDEX signal_plans_computed_at ON signal_plans (computed_at);

-- One row per intersection, kept rather than derived from the history with DISTINCT ON, because that query reads the
-- whole history once it holds months of plans. A plan arriving late never replaces a newer one.
CREATE TABLE current_signal_plans (
    intersection_id         text             PRIMARY KEY,
    computed_at             timestamptz      NOT NULL,
    cycle_s                 double precision NOT NULL,
    lost_time_s             double precision NOT NULL,
    critical_flow_ratio_sum double precision NOT NULL,
    oversaturated           boolean          NOT NULL,
    based_on_window_start   timestamptz      NOT NULL,
    based_on_window_end     timestamptz      NOT NULL,
    plan                    jsonb            NOT NULL,
    updated_at              timestamptz      NOT NULL DEFAULT clock_timestamp()
);
