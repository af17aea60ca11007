-- The booking rules of one person, checked inside the statement that takes the slot, so that a
-- booking is one round trip at a release instant. The advisory lock makes one person's bookings
-- take turns; being VOLATILE, the count below runs on a fresh snapshot taken after the lock, so
-- it sees every booking of the person committed before. A broken rule raises SQLSTATE ZYB01 with
-- the refusal's code as message and its detail (a limit, or the end of a suspension) as detail.
CREATE OR REPLACE FUNCTION booking_person_rules(
  p_person_hash text,
  p_doctor_id uuid,
  p_visit_date date,
  p_week_from date,
  p_week_to date,
  p_history_from date,
  p_no_show_since timestamptz,
  p_now timestamptz,
  p_max_per_day integer,
  p_max_per_week integer,
  p_no_show_limit integer,
  p_no_show_ban_days integer
) RETURNS boolean VOLATILE LANGUAGE plpgsql AS $$
DECLARE
  c record;
  v_until timestamptz;
BEGIN
  -- Namespaced like the other advisory locks (patients use 7240200).
  PERFORM pg_advisory_xact_lock(7240300, hashtext(p_person_hash));
  SELECT
    count(*) FILTER (WHERE status IN ('held','confirmed','checked_in')
      AND doctor_id = p_doctor_id AND visit_date = p_visit_date) AS same_doctor,
    count(*) FILTER (WHERE status IN ('held','confirmed','checked_in')
      AND visit_date = p_visit_date) AS same_day,
    count(*) FILTER (WHERE status IN ('held','confirmed','checked_in')
      AND visit_date BETWEEN p_week_from AND p_week_to) AS same_week,
    count(*) FILTER (WHERE status = 'no_show' AND starts_at >= p_no_show_since) AS no_shows,
    max(ends_at) FILTER (WHERE status = 'no_show' AND starts_at >= p_no_show_since) AS last_no_show
  INTO c
  FROM appointments
  WHERE person_hash = p_person_hash AND visit_date >= p_history_from;
  IF c.no_shows >= p_no_show_limit AND c.last_no_show IS NOT NULL THEN
    v_until := c.last_no_show + make_interval(hours => 24 * p_no_show_ban_days);
    IF v_until > p_now THEN
      RAISE EXCEPTION USING ERRCODE = 'ZYB01', MESSAGE = 'BOOKING_SUSPENDED',
        DETAIL = to_char(v_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    END IF;
  END IF;
  IF c.same_doctor > 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'ZYB01', MESSAGE = 'DUPLICATE_APPOINTMENT';
  END IF;
  IF c.same_day >= p_max_per_day THEN
    RAISE EXCEPTION USING ERRCODE = 'ZYB01', MESSAGE = 'DAILY_LIMIT_REACHED',
      DETAIL = p_max_per_day::text;
  END IF;
  IF c.same_week >= p_max_per_week THEN
    RAISE EXCEPTION USING ERRCODE = 'ZYB01', MESSAGE = 'WEEKLY_LIMIT_REACHED',
      DETAIL = p_max_per_week::text;
  END IF;
  RETURN true;
END;
$$;
