-- 003: incidents (one real-world happening, many mentions) and platform status views.
-- Rows come from pipeline.incidents.group_incidents; events.incident_id links mentions.

CREATE TABLE IF NOT EXISTS incidents (
    incident_id    VARCHAR PRIMARY KEY,   -- stable: sha1(platform|family|first-date bucket)[:16]
    platform       VARCHAR NOT NULL,
    family         VARCHAR NOT NULL,      -- collapse | person | court | exit | compliance | ...
    event_type     VARCHAR NOT NULL,      -- the most frequent code among its mentions
    first_seen     DATE NOT NULL,
    last_seen      DATE NOT NULL,
    source_count   INTEGER NOT NULL,      -- distinct sites reporting it
    article_count  INTEGER NOT NULL,
    mention_count  INTEGER NOT NULL,
    affirmed_count INTEGER NOT NULL,
    possible_count INTEGER NOT NULL,
    polarity       VARCHAR NOT NULL,      -- affirmed if any mention affirms it, else possible
    updated_at     TIMESTAMPTZ DEFAULT now()
);

-- Every mention of an incident with its article.
CREATE OR REPLACE VIEW incident_mentions AS
SELECT e.incident_id, e.event_id, e.article_id, a.site, a.url, a.title, a.published_at,
       e.event_type, e.polarity, e.subject, e.platform, e.event_date, e.sentence, e.confidence
FROM events e LEFT JOIN articles a USING (article_id)
WHERE e.incident_id IS NOT NULL;

-- Each platform's latest known status: the newest affirmed status-bearing event from the
-- news (with its date and evidence), else the status the imported lists give.
CREATE OR REPLACE VIEW platform_status AS
WITH news AS (
    SELECT e.platform,
           CASE e.event_type
               WHEN 'platform.absconded' THEN '跑路'
               WHEN 'platform.withdrawal_halt' THEN '提现困难'
               WHEN 'platform.shutdown' THEN '停业'
               WHEN 'platform.police_case' THEN '经侦介入'
               WHEN 'platform.orderly_exit' THEN '良性退出'
               WHEN 'platform.transformation' THEN '转型'
               WHEN 'compliance.filing' THEN '备案'
               WHEN 'person.detained' THEN '经侦介入'
               WHEN 'person.sentenced' THEN '判决'
           END AS status,
           COALESCE(e.event_date, CAST(a.published_at AS DATE)) AS status_date,
           e.event_type, e.event_id, e.incident_id, e.article_id, a.url, e.sentence AS evidence,
           e.confidence
    FROM events e LEFT JOIN articles a USING (article_id)
    WHERE e.polarity = 'affirmed' AND e.platform IS NOT NULL
      AND e.event_type IN ('platform.absconded', 'platform.withdrawal_halt', 'platform.shutdown',
                           'platform.police_case', 'platform.orderly_exit', 'platform.transformation',
                           'compliance.filing', 'person.detained', 'person.sentenced')
),
latest AS (
    SELECT * FROM news
    QUALIFY row_number() OVER (PARTITION BY platform
                               ORDER BY status_date DESC NULLS LAST, confidence DESC, event_id) = 1
)
SELECT COALESCE(l.platform, p.name) AS platform,
       COALESCE(l.status, p.status) AS status,
       COALESCE(l.status_date, p.status_date) AS status_date,
       CASE WHEN l.platform IS NOT NULL THEN 'news' ELSE p.source END AS status_source,
       l.event_type, l.event_id, l.incident_id, l.article_id, l.url, l.evidence
FROM latest l FULL OUTER JOIN platforms p ON p.name = l.platform;
