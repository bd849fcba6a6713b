"""Reads a job ad's page and the job feeds as search engines and feed readers do (extruct;
feedparser for Atom; jsonfeed-util for JSON Feed 1.1), for tests/it/job_ads.rs. Input on stdin:
{"html", "url", "atom", "json_feed"}. Output: the JSON-LD and Open Graph extruct finds, and the
entries each feed reader reads."""
import json
import sys

import extruct
import feedparser
import jsonfeed

case = json.load(sys.stdin)
data = extruct.extract(case["html"], base_url=case["url"], syntaxes=["json-ld", "opengraph"], uniform=True)


def feed(text):
    parsed = feedparser.parse(text)
    return {
        "bozo": bool(parsed.bozo),
        "bozo_exception": str(parsed.get("bozo_exception", "")),
        "version": parsed.version,
        "title": parsed.feed.get("title"),
        "entries": [
            {
                "title": e.get("title"),
                "link": e.get("link"),
                "author": e.get("author"),
                "summary": e.get("summary"),
                "content": (e.get("content") or [{}])[0].get("value"),
                "published": e.get("published"),
            }
            for e in parsed.entries
        ],
    }


def json_feed(text):
    parsed = jsonfeed.Feed.parse_string(text)
    return {
        "title": parsed.title,
        "entries": [
            {
                "title": i.title,
                "link": i.url,
                "id": i.id,
                "author": (i.authors or [jsonfeed.Author()])[0].name,
                "content": i.content_html,
                "published": i.date_published,
            }
            for i in parsed.items
        ],
    }


json.dump(
    {
        "json_ld": data["json-ld"],
        "opengraph": data["opengraph"],
        "atom": feed(case["atom"]),
        "json_feed": json_feed(case["json_feed"]),
    },
    sys.stdout,
)
