-- 008: a platform's status stays with the police and the courts once they act. A later
-- article that mentions an older state (该平台…未兑付本金约170亿元, in a 2020 story on the
-- case's payouts) used to make the platform 提现困难 again on that article's date. Now an
-- affirmed police case, detention or sentence outranks every collapse, exit or filing
-- event; among events of the same rank the newest wins, as before.
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
           e.event_type IN ('platform.police_case', 'person.detained', 'person.sentenced') AS enforcement,
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
                               ORDER BY enforcement DESC, status_date DESC NULLS LAST, confidence DESC,
                                        event_id) = 1
)
SELECT COALESCE(l.platform, p.name) AS platform,
       COALESCE(l.status, p.status) AS status,
       COALESCE(l.status_date, p.status_date) AS status_date,
       CASE WHEN l.platform IS NOT NULL THEN 'news' ELSE p.source END AS status_source,
       l.event_type, l.event_id, l.incident_id, l.article_id, l.url, l.evidence
FROM latest l FULL OUTER JOIN platforms p ON p.name = l.platform;
