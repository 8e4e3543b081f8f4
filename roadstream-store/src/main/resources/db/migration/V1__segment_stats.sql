-- Segment statistics per event-time window. (segment_id, window_start) is the identity that makes every write
-- idempotent: a replayed or updated window replaces its row.
CREATE SEQUENCE segment_stats_revision;

CREATE TABLE segment_stats (
    segment_id        text             NOT NULL,
    window_start      timestamptz      NOT NULL,
    window_end        timestamptz      NOT NULL,
    avg_speed_kmh     double precision,
    flow_veh_h        double precision,
    density_veh_km_ln double precision,
    occupancy         double precision,
    travel_time_s     double precision,
    los               char(1)          CHECK (los IN ('A', 'B', 'C', 'D', 'E', 'F')),
    detector_samples  integer          NOT NULL,
    probe_samples     integer          NOT NULL,
    -- bumped on every insert and update, so readers can follow changes
    revision          bigint           NOT NULL DEFAULT nextval('segment_stats_revision'),
    updated_at        timestamptz      NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (segment_id, window_start)
);

CREATE INDEX segment_stats_window_start ON segment_stats (window_start);
CREATE INDEX segment_stats_updated_at ON segment_stats (updated_at);
