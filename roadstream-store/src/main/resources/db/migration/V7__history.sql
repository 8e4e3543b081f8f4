-- History at coarser resolutions: 15-minute and 1-hour rollups of segment_stats, the periods waiting to be rolled up
-- again, and each segment's typical speed by quarter hour of the week. HistoryMaintenance (roadstream-store) keeps
-- them; the arithmetic is roadstream-core's TrafficSums and StatsRollup.

-- One row per segment and period. Besides the statistics people read, each row keeps the sums they are computed from
-- (TrafficSums), so that an hour is rolled up exactly from its four quarter hours and any row can be checked.
CREATE TABLE segment_stats_15m (
    segment_id                  text             NOT NULL,
    period_start                timestamptz      NOT NULL,
    period_end                  timestamptz      NOT NULL,
    avg_speed_kmh               double precision,
    flow_veh_h                  double precision,
    density_veh_km_ln           double precision,
    occupancy                   double precision,
    travel_time_s               double precision,
    los                         char(1)          CHECK (los IN ('A', 'B', 'C', 'D', 'E', 'F')),
    detector_samples            integer          NOT NULL,
    probe_samples               integer          NOT NULL,
    -- the sums (TrafficSums): windows rolled up, seconds they cover, and the weighted sums behind each statistic
    windows                     integer          NOT NULL,
    covered_s                   double precision NOT NULL,
    flow_s                      double precision NOT NULL,
    vehicles                    double precision NOT NULL,
    speed_vehicles              double precision NOT NULL,
    speed_vehicle_hours_per_km  double precision NOT NULL,
    speed_probe_reports         double precision NOT NULL,
    speed_probe_sum             double precision NOT NULL,
    speed_readings              double precision NOT NULL,
    speed_readings_inverse_sum  double precision NOT NULL,
    density_s                   double precision NOT NULL,
    density_integral            double precision NOT NULL,
    occupancy_s                 double precision NOT NULL,
    occupancy_integral          double precision NOT NULL,
    updated_at                  timestamptz      NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (segment_id, period_start)
);

CREATE INDEX segment_stats_15m_period_start ON segment_stats_15m (period_start);

CREATE TABLE segment_stats_1h (LIKE segment_stats_15m INCLUDING ALL);

-- Periods whose rollup is out of date: a window of segment_stats was written ('15m'), a quarter hour was rolled up
-- ('1h' of its hour, 'typical' of its slot of the week). Marked in the writer's own transaction, so no change is
-- missed; HistoryMaintenance claims marks (FOR UPDATE SKIP LOCKED, so several serve processes share the work) and
-- deletes them in the transaction that writes the rollup, so a crash leaves them to be claimed again.
CREATE TABLE history_pending (
    resolution   text        NOT NULL CHECK (resolution IN ('15m', '1h', 'typical')),
    segment_id   text        NOT NULL,
    period_start timestamptz NOT NULL,
    PRIMARY KEY (resolution, segment_id, period_start)
);

-- Rollup periods are aligned to the epoch (UTC quarter hours and hours), as HistoryResolution.periodStart is.
CREATE FUNCTION history_mark_window() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO history_pending (resolution, segment_id, period_start)
    VALUES ('15m', NEW.segment_id, date_bin('15 minutes', NEW.window_start, TIMESTAMPTZ '1970-01-01 00:00:00+00'))
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- Deleting (retention) marks nothing: a period whose windows are being deleted keeps the rollup it has.
CREATE TRIGGER segment_stats_history AFTER INSERT OR UPDATE ON segment_stats
    FOR EACH ROW EXECUTE FUNCTION history_mark_window();

-- The windows already stored when this migration runs are rolled up by the first maintenance run.
INSERT INTO history_pending (resolution, segment_id, period_start)
SELECT DISTINCT '15m', segment_id, date_bin('15 minutes', window_start, TIMESTAMPTZ '1970-01-01 00:00:00+00')
FROM segment_stats
ON CONFLICT DO NOTHING;

-- The typical speed of each segment in each quarter hour of the week (slot 0 = Monday 00:00 local time, history.timeZone):
-- the median and 15th/85th percentiles of that quarter hour's 15-minute speed over the last history.typical.weeks weeks.
CREATE TABLE typical_speeds (
    segment_id       text             NOT NULL,
    slot             smallint         NOT NULL CHECK (slot BETWEEN 0 AND 671),
    median_speed_kmh double precision NOT NULL,
    p15_speed_kmh    double precision NOT NULL,
    p85_speed_kmh    double precision NOT NULL,
    samples          integer          NOT NULL,
    -- the zone the slots are local to (history.timeZone when computed), so the rows say what slot 32 means
    time_zone        text             NOT NULL,
    computed_at      timestamptz      NOT NULL,
    PRIMARY KEY (segment_id, slot)
);

-- Jams by time range (GET /api/jams?from=&to=); incidents have incidents_detected already.
CREATE INDEX jams_opened_at ON jams (opened_at);
