-- The language the customer writes in (ISO 639-1, e.g. `es`), as last detected from
-- their messages; NULL until a message says enough to tell.
ALTER TABLE threads ADD COLUMN language text;
