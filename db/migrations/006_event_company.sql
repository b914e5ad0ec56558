-- 006: the legal entity as the article names it (X有限公司), beside the platform it runs.
ALTER TABLE events ADD COLUMN company VARCHAR;
