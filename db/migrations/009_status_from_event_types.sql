-- 009: which events give a platform its status, under what label and rank, is reference
-- data (db/event_types.tsv: status, status_rank) instead of a CASE in the view. The rank
-- orders the stages of a case: a police case (1), a detention (2), a court's sentence (3).
-- Enforcement (rank > 0) still outranks collapse, exit and filing news. The furthest stage a
-- case has reached is now the status, the newest within it: articles on a verdict retell the
-- charge (法院以集资诈骗罪判处…), and later stories retell the case, which used to turn 判决
-- back into 经侦介入.
ALTER TABLE event_types ADD COLUMN status VARCHAR;
ALTER TABLE event_types ADD COLUMN status_rank SMALLINT;

CREATE OR REPLACE VIEW platform_status AS
WITH news AS (
    SELECT e.platform, t.status, t.status_rank,
           COALESCE(e.event_date, CAST(a.published_at AS DATE)) AS status_date,
           e.event_type, e.event_id, e.incident_id, e.article_id, a.url, e.sentence AS evidence, e.confidence
    FROM events e
    JOIN event_types t ON t.code = e.event_type AND t.status IS NOT NULL
    LEFT JOIN articles a USING (article_id)
    WHERE e.polarity = 'affirmed' AND e.platform IS NOT NULL
),
latest AS (
    SELECT * FROM news
    QUALIFY row_number() OVER (PARTITION BY platform
                               ORDER BY status_rank DESC, status_date DESC NULLS LAST, confidence DESC,
                                        event_id) = 1
)
SELECT COALESCE(l.platform, p.name) AS platform, COALESCE(l.status, p.status) AS status,
       COALESCE(l.status_date, p.status_date) AS status_date,
       CASE WHEN l.platform IS NULL THEN p.source ELSE 'news' END AS status_source,
       l.event_type, l.event_id, l.incident_id, l.article_id, l.url, l.evidence
FROM latest l FULL OUTER JOIN platforms p ON p.name = l.platform;
