-- 005: gazetteer entries that labelled texts show are words, not platform or product names
-- (靠谱, 币圈, 金融理财 in an imported list): `p2pnews platforms learn` fills it; the tagger
-- still matches them (as subjects of events) but leaves them out of a text's platform list.
CREATE TABLE not_names (
    name      VARCHAR PRIMARY KEY,
    seen      INTEGER,   -- labelled texts the tagger found the name in
    labelled  INTEGER,   -- of those, texts whose labels list it
    source    VARCHAR    -- the labelled files' model: learned:names.crfsuite
);
