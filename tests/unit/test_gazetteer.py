from pipeline.gazetteer import merge_row, parse_file
from pipeline.tag import Gazetteer

PROBLEM = ('"id","allLetter","area","firstLetter","onlineTime","peopleNumber","platId","platName","proTime",'
           '"problemTime","regCapital","status1","status2","type"\n'
           '"1","ceshidai","浙江","csd","2014-03-05 00:00:00","0","1","测试贷","2016-12","2016-12-31 00:00:00","0","0","0","跑路"\n')
STATUS = "_id,name,register_location,register_time,status,wdzj_plat_id\n1,测试贷,浙江|杭州,2014-03-05,问题平台,1\n"


def test_wdzj_merge(tmp_path):
    p1, p2 = tmp_path / "p.csv", tmp_path / "s.csv"
    p1.write_text(PROBLEM, encoding="utf-8")
    p2.write_text(STATUS, encoding="utf-8")
    merged = {}
    for p in (p1, p2):
        for r in parse_file(p, "wdzj"):
            merge_row(merged, r)
    r = merged["测试贷"]
    assert r["province"] == "浙江" and r["city"] == "杭州"
    assert r["status"] == "跑路" and r["status_date"] == "2016-12-31" and r["launched"] == "2014-03-05"


def test_names_userdict(tmp_path):
    p = tmp_path / "n.txt"
    p.write_text("测试贷 999\nAB金服 10 nz\n# comment\n单名\n", encoding="utf-8")
    assert [r["name"] for r in parse_file(p, "names")] == ["测试贷", "AB金服", "单名"]


def test_matching_boundaries():
    gz = Gazetteer.from_rows([{"name": "PT"}, {"name": "91金融"}], seed=False)
    assert [m.surface for m in gz.find("PPT和91金融")] == ["91金融"]
    assert [m.surface for m in gz.find("PT平台")] == ["PT"]


def test_importing_a_name_list_after_the_exports_keeps_their_facts(tmp_path):
    import db
    from pipeline.gazetteer_db import merge_platforms, platform_rows
    p1, p2 = tmp_path / "p.csv", tmp_path / "n.txt"
    p1.write_text(PROBLEM, encoding="utf-8")
    p2.write_text("测试贷 999\n乙贷\n", encoding="utf-8")
    with db.session(tmp_path / "t.duckdb") as con:
        merge_platforms(con, parse_file(p1, "wdzj"))
        merge_platforms(con, parse_file(p2, "names"))
        rows = {r["name"]: r for r in platform_rows(con)}
    with db.session(tmp_path / "u.duckdb") as con:   # the other way round
        merge_platforms(con, parse_file(p2, "names"))
        merge_platforms(con, parse_file(p1, "wdzj"))
        order = [r["name"] for r in platform_rows(con)]
        sources = dict(con.execute("SELECT name, source FROM platforms").fetchall())
    assert rows["测试贷"]["province"] == "浙江" and rows["测试贷"]["status"] == "跑路"
    assert "names" in sources["测试贷"] and "乙贷" in rows
    # read in a fixed order whatever order they were written in: the exports' rows before a
    # bare list's (the first to claim an alias keeps it)
    for names in (list(rows), order):
        assert names.index("测试贷") < names.index("乙贷")


def test_a_gazetteer_read_from_the_database_knows_which_names_are_the_seeds(tmp_path):
    # a seed name that is also an ordinary word needs no marker; imported alone it would
    import db
    from pipeline.gazetteer_db import load_gazetteer, merge_platforms
    from pipeline.tag import tag_text
    path = tmp_path / "t.duckdb"
    with db.session(path) as con:
        merge_platforms(con, [{"name": "泛亚", "source": "names:list.txt"}])
    text = "近几年非法集资的特大案件4、钱宝网：未兑付金额达300亿元5、泛亚：430亿元。"
    assert "泛亚" in tag_text(text, gazetteer=load_gazetteer(path))["platforms"]
