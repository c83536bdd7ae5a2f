-- contact_gift_years follows gifts: one statement-level trigger per event, reading the statement's
-- transition tables, so a bulk insert of a million gifts updates the summary in one set-based step.
CREATE FUNCTION contact_gift_years_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_gift_years (org_id, year, contact_id)
  SELECT DISTINCT n.org_id, extract(year FROM n.received_at AT TIME ZONE o.timezone)::smallint, n.contact_id
  FROM new_gifts n JOIN organizations o ON o.id = n.org_id
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A (contact, year) whose gifts moved or went away leaves the summary when no gift of it remains.
CREATE FUNCTION contact_gift_years_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contact_gift_years y
  USING (
    SELECT DISTINCT d.org_id, extract(year FROM d.received_at AT TIME ZONE o.timezone)::smallint AS year,
      d.contact_id, o.timezone
    FROM old_gifts d JOIN organizations o ON o.id = d.org_id
  ) gone
  WHERE y.org_id = gone.org_id AND y.year = gone.year AND y.contact_id = gone.contact_id
    AND NOT EXISTS (
      SELECT 1 FROM gifts g
      WHERE g.org_id = gone.org_id AND g.contact_id = gone.contact_id
        AND g.received_at >= make_timestamptz(gone.year, 1, 1, 0, 0, 0, gone.timezone)
        AND g.received_at < make_timestamptz(gone.year + 1, 1, 1, 0, 0, 0, gone.timezone));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER gifts_years_insert AFTER INSERT ON gifts
  REFERENCING NEW TABLE AS new_gifts FOR EACH STATEMENT EXECUTE FUNCTION contact_gift_years_add();
--> statement-breakpoint
CREATE TRIGGER gifts_years_update_add AFTER UPDATE ON gifts
  REFERENCING NEW TABLE AS new_gifts FOR EACH STATEMENT EXECUTE FUNCTION contact_gift_years_add();
--> statement-breakpoint
CREATE TRIGGER gifts_years_update_remove AFTER UPDATE ON gifts
  REFERENCING OLD TABLE AS old_gifts FOR EACH STATEMENT EXECUTE FUNCTION contact_gift_years_remove();
--> statement-breakpoint
CREATE TRIGGER gifts_years_delete AFTER DELETE ON gifts
  REFERENCING OLD TABLE AS old_gifts FOR EACH STATEMENT EXECUTE FUNCTION contact_gift_years_remove();
--> statement-breakpoint
INSERT INTO contact_gift_years (org_id, year, contact_id)
SELECT DISTINCT g.org_id, extract(year FROM g.received_at AT TIME ZONE o.timezone)::smallint, g.contact_id
FROM gifts g JOIN organizations o ON o.id = g.org_id
ON CONFLICT DO NOTHING;
