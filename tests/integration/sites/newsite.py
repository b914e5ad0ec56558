"""A small P2P news site on 127.0.0.1 for crawl tests, with its own request log.

    /robots.txt                  disallows /private/
    /list/N.html                 article list pages (PER_PAGE articles, newest first, 下一页 link)
    /a/YYYYMMDD/ID.html          article pages (P2P vocabulary; every 4th is off-topic)
    /private/a/...               linked from list page 1, disallowed by robots.txt
    /feed.xml                    RSS 2.0 with the newest articles
    /sitemap.xml                 sitemap index -> /sitemap-news.xml (news sitemap), /sitemap-old.xml
    /api/list?page=N             JSON list API {data: {list: [{url, time}]}}
    /search?q=K&page=N           keyword search results (HTML)
    /redirect-out.html           302 to another host (for the offsite redirect policy)

Misbehaviour on demand: `site.limit(path_prefix, status, count, retry_after)` makes the next
`count` requests under the prefix answer `status` (429/503), with Retry-After if given.
Every request is logged as (monotonic time, path, status), so tests measure spacing from
the server's own clock.

Run it by hand: `python -m tests.integration.sites.newsite`.
"""
from __future__ import annotations

import json
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PER_PAGE = 5
P2P_BODY = ("网贷平台{name}近日被曝逾期，多名出借人反映提现困难。据了解，该P2P平台成立于2015年，"
            "累计借贷金额超过十亿元。当地警方已对{name}涉嫌非法吸收公众存款立案侦查，"
            "平台实际控制人已被采取刑事强制措施。监管部门提醒投资者注意网络借贷风险。")
OTHER_BODY = ("今年夏季气温偏高，多地出现持续高温天气。气象部门提醒市民注意防暑降温，"
              "合理安排户外活动时间，老人和儿童尤其需要注意。各地已启动高温应急预案，"
              "供电部门加强了电网巡查，确保居民用电安全稳定。")


class NewsSite:
    def __init__(self, n_articles: int = 23, newest: date = date(2024, 5, 20), article_delay: float = 0.0):
        self.articles = []  # newest first: (path, date, title, body)
        for i in range(n_articles):
            d = newest - timedelta(days=i * 3)
            aid = 1000 + n_articles - i
            name = f"测试{aid}贷"
            relevant = i % 4 != 3
            title = f"{name}爆雷 出借人维权" if relevant else f"高温天气持续 第{aid}期"
            body = (P2P_BODY if relevant else OTHER_BODY).format(name=name)
            self.articles.append((f"/a/{d:%Y%m%d}/{aid}.html", d, title, body))
        self.article_delay = article_delay
        self.log: list[tuple[float, str, int]] = []
        self._limits: list[list] = []  # [prefix, status, remaining, retry_after]
        self._lock = threading.Lock()
        self.server = None

    # -- control -----------------------------------------------------------------------------
    def start(self) -> str:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site._handle(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self.base

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    def limit(self, prefix: str, status: int, count: int, retry_after: str | None = None) -> None:
        with self._lock:
            self._limits.append([prefix, status, count, retry_after])

    def requests(self, prefix: str = "") -> list[tuple[float, str, int]]:
        with self._lock:
            return [r for r in self.log if r[1].startswith(prefix)]

    def paths(self, prefix: str = "") -> list[str]:
        return [p for _, p, _ in self.requests(prefix)]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    def article_paths(self) -> list[str]:
        return [a[0] for a in self.articles]

    # -- serving -----------------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        path, query = parts.path, parse_qs(parts.query)
        logged = h.path
        with self._lock:
            for lim in self._limits:
                if logged.startswith(lim[0]) and lim[2] > 0:
                    lim[2] -= 1
                    self.log.append((time.monotonic(), logged, lim[1]))
                    headers = {"Retry-After": lim[3]} if lim[3] else {}
                    return self._send(h, lim[1], "busy", "text/plain", headers)
        status, body, ctype, headers = self._route(path, query)
        with self._lock:
            self.log.append((time.monotonic(), logged, status))
        if path.startswith("/a/") and self.article_delay:
            time.sleep(self.article_delay)
        self._send(h, status, body, ctype, headers)

    def _send(self, h, status, body, ctype, headers=None):
        data = body.encode("utf-8")
        try:
            h.send_response(status)
            h.send_header("Content-Type", f"{ctype}; charset=utf-8")
            h.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _page(self, title: str, inner: str) -> str:
        return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
                f"<body><div class='nav'><a href='/'>首页</a> <a href='/about.html'>关于</a></div>{inner}</body></html>")

    def _links(self, arts) -> str:
        return "".join(f"<li><a href='{p}'>{t}</a> <span>{d:%Y-%m-%d}</span></li>" for p, d, t, _ in arts)

    def _route(self, path, query):
        html = "text/html"
        if path == "/robots.txt":
            return 200, "User-agent: *\nDisallow: /private/\n", "text/plain", {}
        if path.startswith("/list/"):
            n = int(path.rsplit("/", 1)[1].split(".")[0])
            arts = self.articles[(n - 1) * PER_PAGE:n * PER_PAGE]
            if not arts:
                return 404, self._page("404", "无此页"), html, {}
            extra = "<li><a href='/private/a/20240101/1.html'>内部</a></li>" if n == 1 else ""
            nxt = f"<a href='/list/{n + 1}.html'>下一页</a>" if n * PER_PAGE < len(self.articles) else ""
            return 200, self._page(f"列表 {n}", f"<ul class='list'>{self._links(arts)}{extra}</ul>{nxt}"), html, {}
        for p, d, t, body in self.articles:
            if path == p:
                inner = (f"<div class='article'><h1 class='title'>{t}</h1><div class='info'>{d:%Y-%m-%d} 10:00 "
                         f"来源：测试网</div><div class='content'><p>{body}</p><p>{body}</p></div></div>")
                return 200, self._page(t, inner), html, {}
        if path == "/feed.xml":
            items = "".join(f"<item><title>{t}</title><link>{self.base}{p}</link>"
                            f"<pubDate>{d:%a, %d %b %Y} 08:00:00 +0800</pubDate></item>"
                            for p, d, t, _ in self.articles[:8])
            return 200, f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>t</title>{items}</channel></rss>", "application/rss+xml", {}
        if path == "/sitemap.xml":
            body = ("<?xml version='1.0' encoding='utf-8'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                    f"<sitemap><loc>{self.base}/sitemap-news.xml</loc><lastmod>2024-05-20</lastmod></sitemap>"
                    f"<sitemap><loc>{self.base}/sitemap-old.xml</loc><lastmod>2023-01-01</lastmod></sitemap></sitemapindex>")
            return 200, body, "application/xml", {}
        if path in ("/sitemap-news.xml", "/sitemap-old.xml"):
            arts = self.articles[:10] if path == "/sitemap-news.xml" else self.articles[10:]
            urls = "".join(f"<url><loc>{self.base}{p}</loc><news:news><news:publication_date>{d:%Y-%m-%d}T08:00:00+08:00"
                           f"</news:publication_date><news:title>{t}</news:title></news:news></url>" for p, d, t, _ in arts)
            return 200, ("<?xml version='1.0' encoding='utf-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
                         f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{urls}</urlset>"), "application/xml", {}
        if path == "/api/list":
            page = int(query.get("page", ["1"])[0])
            arts = self.articles[(page - 1) * PER_PAGE:page * PER_PAGE]
            items = [{"title": t, "url": p, "time": f"{d:%Y-%m-%d} 10:00:00"} for p, d, t, _ in arts]
            return 200, json.dumps({"data": {"list": items}}, ensure_ascii=False), "application/json", {}
        if path == "/search":
            q = query.get("q", [""])[0]
            page = int(query.get("page", ["1"])[0])
            hits = [a for a in self.articles if q and q in a[3]]
            arts = hits[(page - 1) * PER_PAGE:page * PER_PAGE]
            nxt = f"<a rel='next' href='/search?q={q}&page={page + 1}'>下一页</a>" if page * PER_PAGE < len(hits) else ""
            return 200, self._page(f"搜索 {q}", f"<ul>{self._links(arts)}</ul>{nxt}"), html, {}
        if path == "/redirect-out.html":
            return 302, "", html, {"Location": f"http://127.0.0.2:{self.server.server_address[1]}/a/20240101/9.html"}
        if path == "/about.html":
            return 200, self._page("关于", "<p>测试站</p>"), html, {}
        return 404, self._page("404", "无此页"), html, {}


if __name__ == "__main__":
    import sys

    site = NewsSite()
    site.start()
    print(f"serving on {site.base} (Ctrl-C to stop)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        site.stop()
