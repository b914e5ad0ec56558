-- 010: an incident's size, the largest amount (yuan) and investor count that any of its
-- mentions gives. Articles tell one happening with different figures (待收3.2亿元 in one,
-- 涉案5亿元 in the next); the largest is the most the reports claim, and each mention keeps
-- its own figure in `events`.
ALTER TABLE incidents ADD COLUMN max_amount_yuan DOUBLE;
ALTER TABLE incidents ADD COLUMN max_investor_count BIGINT;
-- the incidents already stored take their size from their linked mentions now, not at the
-- next rebuild
UPDATE incidents SET max_amount_yuan = s.amount, max_investor_count = s.investors
FROM (SELECT incident_id, max(amount_yuan) AS amount, max(investor_count) AS investors
      FROM events WHERE incident_id IS NOT NULL GROUP BY incident_id) s
WHERE incidents.incident_id = s.incident_id;
