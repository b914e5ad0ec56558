"""`p2pnews demo`: replay the bundled archive of the mock news site through every stage."""
from __future__ import annotations

import sys
from pathlib import Path

import db
from p2pnews import jobs, paths
from p2pnews.show import print_table


DEMO_LIST_PATTERN = r"/list_\d+\.html$"  # section list pages of the mock site


def run_demo(db_path: Path, max_pages: int = 0) -> None:
    from demo import mocksite

    warc = paths.DEMO_WARC
    if not warc.exists():
        mocksite.write_warc(warc)
    print(f"Replaying {warc} (no network) into {db_path} …", file=sys.stderr)
    stats = jobs.run_crawl("generic", db_path, replay=[str(warc)], max_pages=max_pages,
                           spider_args={"start_urls": f"{mocksite.START_URL},{mocksite.MIRROR_HOST}/",
                                        "article_pattern": mocksite.ARTICLE_PATTERN,
                                        "list_pattern": DEMO_LIST_PATTERN},
                           settings={"LOG_LEVEL": "WARNING"})
    if stats.get("finish_reason") != "finished":
        print(f"p2pnews: error: the demo crawl ended with {stats.get('finish_reason')}", file=sys.stderr)
        sys.exit(1)
    print_summary(db_path)


SUMMARY_QUERIES = [
    ("Articles", "SELECT count(*) AS articles, count(DISTINCT site) AS sites, "
                 "count(duplicate_of) AS reposts, min(published_at)::DATE AS first, "
                 "max(published_at)::DATE AS last FROM articles"),
    ("Events by type", "SELECT event_type, count(*) AS mentions, "
                       "count(*) FILTER (WHERE polarity = 'affirmed') AS affirmed, "
                       "count(*) FILTER (WHERE polarity = 'denied') AS denied, "
                       "count(*) FILTER (WHERE polarity = 'possible') AS possible "
                       "FROM events GROUP BY ALL ORDER BY mentions DESC, event_type"),
    ("Top platforms", "SELECT platform, count(*) AS mentions, count(DISTINCT article_id) AS articles, "
                      "string_agg(DISTINCT event_type, ', ' ORDER BY event_type) AS types "
                      "FROM events WHERE platform IS NOT NULL GROUP BY ALL ORDER BY mentions DESC LIMIT 10"),
]


def print_summary(db_path: Path) -> None:
    with db.session(db_path, read_only=True) as con:
        queries = list(SUMMARY_QUERIES)
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "platform_status" in tables:
            queries.append(("Platform status (latest incident)",
                            "SELECT platform, status, status_date, event_type FROM platform_status "
                            "WHERE status_source = 'news' ORDER BY status_date DESC LIMIT 15"))
        if "incidents" in tables:
            # rumours and denials are incidents too (polarity says so), but not what happened
            queries.append(("Incidents reported by most articles (affirmed)",
                            "SELECT platform, event_type, first_seen, last_seen, article_count AS articles, "
                            "source_count AS sources, mention_count AS mentions FROM incidents "
                            "WHERE polarity = 'affirmed' "
                            "ORDER BY article_count DESC, mention_count DESC, platform LIMIT 10"))
        for title, sql in queries:
            cur = con.execute(sql)
            print_table([d[0] for d in cur.description], cur.fetchall(), title=title)
    print(f"\nDatabase: {Path(db_path).resolve()}\nTry: p2pnews --db {db_path} sql \"SELECT * FROM events LIMIT 5\"")
