import io

import orjson

from pipeline.tagio import tag_stream


def test_one_line_out_per_line_in_even_for_bad_lines():
    lines = [
        orjson.dumps({"id": 1, "text": "团贷网实控人唐军投案自首，东莞警方已立案侦查。"}).decode(),
        "{not json",
        orjson.dumps({"id": "x", "title": "no text"}).decode(),
        orjson.dumps([1, 2]).decode(),
        orjson.dumps({"id": 5, "text": "", "published_at": "2019-03-29T08:00:00+08:00"}).decode(),
    ]
    out = io.StringIO()
    stats = tag_stream(io.StringIO("\n".join(lines) + "\n"), out)
    rows = [orjson.loads(l) for l in out.getvalue().splitlines()]
    assert len(rows) == 5 and stats == {"lines": 5, "bad": 3, "failed": 0}
    assert [r["id"] for r in rows] == [1, None, "x", None, 5]
    assert all(set(r) >= {"id", "events", "platforms"} for r in rows)
    assert "error" in rows[1] and "error" in rows[2] and "error" not in rows[0]


def test_names_field_reaches_the_tagger_and_a_bad_one_is_an_error_line():
    lines = [orjson.dumps({"id": 1, "text": "资易贷金融信息服务有限公司涉嫌非法集资，已被立案。",
                           "names": ["资易贷金融信息服务有限公司"]}).decode(),
             orjson.dumps({"id": 2, "text": "某平台逾期。", "names": "某平台"}).decode()]
    out = io.StringIO()
    stats = tag_stream(io.StringIO("\n".join(lines) + "\n"), out)
    rows = [orjson.loads(l) for l in out.getvalue().splitlines()]
    assert stats == {"lines": 2, "bad": 1, "failed": 0}
    assert "资易贷金融信息服务有限公司" in {e["subject"] for e in rows[0]["events"]}
    assert "names" in rows[1]["error"]


def test_a_tagger_failure_is_an_error_line_and_the_batch_goes_on(monkeypatch):
    from pipeline import tag as tag_stage

    real = tag_stage.tag_text

    def flaky(text, **kw):
        if "boom" in text:
            raise IndexError("list index out of range")
        return real(text, **kw)

    monkeypatch.setattr(tag_stage, "tag_text", flaky)
    lines = [orjson.dumps({"id": 1, "text": "boom"}).decode(),
             orjson.dumps({"id": 2, "text": "团贷网实控人唐军投案自首。"}).decode()]
    out = io.StringIO()
    stats = tag_stream(io.StringIO("\n".join(lines) + "\n"), out)
    rows = [orjson.loads(l) for l in out.getvalue().splitlines()]
    assert stats == {"lines": 2, "bad": 0, "failed": 1}
    assert "tagger failed" in rows[0]["error"] and "IndexError" in rows[0]["error"]
    assert rows[1]["events"] and "error" not in rows[1]
