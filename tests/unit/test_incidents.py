from pipeline.incidents import group_incidents


def m(eid, day, site, code="platform.absconded", pol="affirmed", platform="团贷网"):
    return {"event_id": eid, "platform": platform, "event_type": code, "event_date": day,
            "article_id": "a" + eid, "site": site, "polarity": pol}


def test_merge_across_sources_and_split_by_window():
    ms = [m("1", "2018-07-01", "a.com"), m("2", "2018-07-03", "b.com", "platform.police_case"),
          m("3", "2018-12-01", "a.com"), m("4", "2018-07-02", "c.com", pol="denied")]
    inc, mapping = group_incidents(ms)
    assert len(inc) == 2
    first = [i for i in inc if i["first_seen"] == "2018-07-01"][0]
    assert first["source_count"] == 2 and first["mention_count"] == 2
    assert mapping["1"] == mapping["2"] != mapping["3"] and "4" not in mapping


def test_ids_stable_under_retagging():
    a, _ = group_incidents([m("1", "2018-07-01", "a.com")])
    b, _ = group_incidents([m("x9", "2018-07-01", "z.com"), m("x10", "2018-07-20", "y.com")])
    assert a[0]["incident_id"] == b[0]["incident_id"]


def test_published_at_fallback():
    inc, _ = group_incidents([{"event_id": "1", "subject": "e租宝", "event_type": "platform.shutdown",
                               "published_at": "2018-07-01T08:00:00+08:00", "article_id": "a"}])
    assert inc[0]["platform"] == "e租宝" and inc[0]["first_seen"] == "2018-07-01"


def test_an_incidents_size_is_the_largest_figure_of_its_mentions():
    ms = [dict(m("1", "2018-07-01", "a.com"), amount_yuan=3.2e8, investor_count=7800),
          dict(m("2", "2018-07-03", "b.com"), amount_yuan=5e8),
          dict(m("3", "2018-07-04", "c.com", pol="denied"), amount_yuan=9e9),   # a denial is no happening
          m("4", "2018-12-01", "a.com")]
    inc = sorted(group_incidents(ms)[0], key=lambda i: i["first_seen"])
    assert [(i["max_amount_yuan"], i["max_investor_count"]) for i in inc] == [(5e8, 7800), (None, None)]
