-- 007: the names an article is bad news about (tagger risk_names: the rules' or a learned model's pick).
ALTER TABLE articles ADD COLUMN risk_names VARCHAR[];
