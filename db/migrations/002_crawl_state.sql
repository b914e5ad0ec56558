-- 002: crawl state that outlives a run: every URL ever fetched (the seen set the nightly
-- crawl consults instead of an in-memory dupefilter) and each source's pending requests
-- (the frontier a killed crawl resumes from). Written by spiders/seen.py.

CREATE TABLE IF NOT EXISTS seen_urls (
    url_hash    UBIGINT PRIMARY KEY,       -- first 8 bytes of sha1(url): lookups touch 8-byte keys
    url         VARCHAR NOT NULL,
    source      VARCHAR,                   -- sources.toml key (or the spider name)
    kind        VARCHAR,                   -- article | list | feed | sitemap | api | search
    status      SMALLINT,                  -- HTTP status of the last fetch
    first_seen  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL,
    run_id      VARCHAR                    -- the run that fetched it last
);

-- Requests a run has scheduled but not finished; a finished run leaves none behind.
CREATE TABLE IF NOT EXISTS crawl_frontier (
    source      VARCHAR NOT NULL,
    url_hash    UBIGINT NOT NULL,
    url         VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,          -- which callback: article | list | feed | sitemap | api | search
    spec        INTEGER,                   -- index of the start entry (list/api/...) it came from
    page        INTEGER,                   -- list page number within that entry
    keyword     VARCHAR,                   -- search entries: the keyword of this page
    added_at    TIMESTAMPTZ NOT NULL,
    run_id      VARCHAR,
    PRIMARY KEY (source, url_hash)
);
