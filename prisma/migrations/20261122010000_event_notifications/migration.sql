-- Wake-up hints for live subscribers: after each statement that appends events, NOTIFY
-- ledger_events with the highest new position. PostgreSQL delivers a NOTIFY only when (and if)
-- the transaction commits, so a listener is never woken for an event it cannot read yet.
-- Listeners read the events from the table (position order), never from the payload.
CREATE FUNCTION ledger_notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ledger_events', (SELECT max(position)::text FROM appended));
  RETURN NULL;
END
$$;
CREATE TRIGGER events_notify_appended AFTER INSERT ON events
  REFERENCING NEW TABLE AS appended
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_notify_events_appended();
