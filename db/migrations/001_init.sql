-- 001: the core tables. Everything here can be rebuilt from the WARC archives
-- (`p2pnews ingest`), except crawl_runs, which records history.

CREATE TABLE crawl_runs (
    run_id       VARCHAR PRIMARY KEY,      -- e.g. 20260101T020000-generic-3f2a
    spider       VARCHAR NOT NULL,
    mode         VARCHAR NOT NULL,         -- live | replay | ingest
    args         JSON,
    warc_file    VARCHAR,                  -- the archive this run wrote (NULL in replay)
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    status       VARCHAR,                  -- running | finished | failed | <close reason>
    stats        JSON                      -- requests, responses by status, articles, dropped...
);

-- One row per HTTP response archived in a WARC file.
CREATE TABLE pages (
    warc_file    VARCHAR NOT NULL,         -- path relative to the data directory when inside it
    warc_offset  BIGINT  NOT NULL,         -- byte offset of the response record
    url          VARCHAR NOT NULL,         -- the requested URL
    final_url    VARCHAR NOT NULL,         -- after redirects
    status       SMALLINT NOT NULL,
    content_type VARCHAR,
    fetched_at   TIMESTAMPTZ NOT NULL,
    content_hash VARCHAR NOT NULL,         -- sha1 of the body bytes
    length       BIGINT,
    run_id       VARCHAR,
    PRIMARY KEY (warc_file, warc_offset)
);
CREATE INDEX pages_url ON pages (url);

CREATE TABLE articles (
    article_id          VARCHAR PRIMARY KEY,  -- sha1(canonical_url)[:16]
    url                 VARCHAR NOT NULL,
    canonical_url       VARCHAR NOT NULL,
    title               VARCHAR,
    published_at        TIMESTAMPTZ,
    published_at_source VARCHAR,             -- jsonld | meta | text | url
    author              VARCHAR,
    source              VARCHAR,             -- 来源: the originating medium
    editor              VARCHAR,             -- 责任编辑
    body                VARCHAR,
    body_hash           VARCHAR,
    simhash             UBIGINT,
    duplicate_of        VARCHAR,             -- article_id of the earliest copy (转载), NULL if original
    encoding            VARCHAR,
    site                VARCHAR,             -- host of the canonical URL
    fetched_at          TIMESTAMPTZ,
    warc_file           VARCHAR,
    warc_offset         BIGINT,
    content_hash        VARCHAR,
    extractor_version   VARCHAR,
    relevant            BOOLEAN,             -- about P2P lending?
    ingested_at         TIMESTAMPTZ DEFAULT now()
);

-- Every URL under which an article was seen (canonical, mobile, tracking variants, 转载 copies).
CREATE TABLE article_urls (
    url         VARCHAR PRIMARY KEY,
    article_id  VARCHAR NOT NULL
);

-- The event contract: ../docs events.md. Codes are stable; see event_types.
CREATE TABLE event_types (
    code        VARCHAR PRIMARY KEY,
    family      VARCHAR NOT NULL,
    name_zh     VARCHAR NOT NULL,
    description VARCHAR
);

CREATE TABLE events (
    event_id          VARCHAR PRIMARY KEY,  -- stable: sha1(article_id, type, start, subject)[:16]
    article_id        VARCHAR NOT NULL,
    event_type        VARCHAR NOT NULL,
    polarity          VARCHAR NOT NULL,     -- affirmed | denied | possible
    subject           VARCHAR,
    subject_kind      VARCHAR,              -- platform | person | industry
    platform          VARCHAR,              -- the platform the event concerns (person events too)
    trig              VARCHAR,              -- the matched trigger word
    sentence          VARCHAR,
    start_offset      INTEGER,              -- character offsets of the sentence in articles.body
    end_offset        INTEGER,
    confidence        DOUBLE,
    persons           JSON,                 -- [{"name":…, "role":…}]
    amount_yuan       DOUBLE,
    investor_count    BIGINT,
    location          VARCHAR,
    authority         VARCHAR,
    event_date        DATE,
    extractor_version VARCHAR,
    incident_id       VARCHAR,
    tagged_at         TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX events_article ON events (article_id);

CREATE TABLE platforms (
    name        VARCHAR PRIMARY KEY,   -- canonical name
    aliases     VARCHAR[],
    company     VARCHAR,               -- operating company (…有限公司)
    province    VARCHAR,
    city        VARCHAR,
    status      VARCHAR,               -- as the source list gives it
    status_date DATE,
    launched    DATE,
    url         VARCHAR,
    source      VARCHAR                -- where this row came from (seed, wdzj_2017, …)
);
