-- 004: the subject as the article writes it, beside the canonical subject (events.md).
ALTER TABLE events ADD COLUMN subject_text VARCHAR;
