"""The customer search's engine compared on evidence (issue 17, decision 0069): a tantivy index (tantivy 0.27 through its official Python
bindings, `pip install tantivy==0.27.0`) against the product's own SQL on the same SQLite file.

The product side runs the statements `customers::list::fetch` runs for an admin with no filter
(the bounded count; the ranked read rank by rank of decision 0057 when more than 1,000 match,
else all matches sorted by the rank expression; the name-prefix range for one- and two-letter
searches; the exact number first), through Python's sqlite3 module (the system's libsqlite3, not
the bundled one). The tantivy side (fields described in decision 0069): the text is split here and handed
to tantivy's whitespace tokenizer, so each prefix and trigram is one token at positions 0, 1, 2…

    BENCH_SQLITE_PATH=/tmp/x/kundekort.db python3 benches/search_engines_dev.py
"""

import os
import re
import resource
import shutil
import sqlite3
import threading
import time

import tantivy

DB = os.environ.get("BENCH_SQLITE_PATH", "kundekort.db")
DIR = os.environ.get("BENCH_TANTIVY_DIR", "/tmp/search-engines-index")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "40"))
LIMIT = int(os.environ.get("BENCH_CUSTOMERS", "0"))  # 0: every customer in the file
WORDS = ["bygg", "fjord", "hansen", "nordlys elektro", "tromsø", "810 00", "ve",
         "logistikk as", "b", "n", "ha"]
PAGE = 50
BOUND = 1000
TOP = "\U0010FFFF"
COLS = ("c.id, c.customer_number, c.name, c.org_number, c.status, c.visit_city, c.postal_city, "
        "c.municipality_no, c.county_no, c.industry_code, c.industry_text, c.owner_id, "
        "u.name AS owner_name, c.department_id, d.name AS department_name, c.email, c.phone, "
        "c.updated_at, c.last_activity_at")
JOINS = (" LEFT JOIN users u ON u.id = c.owner_id"
         " LEFT JOIN departments d ON d.id = c.department_id")
FROM = " FROM customers c" + JOINS


def sort_key(s):
    return "".join({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"}.get(c, c)
                   for c in s.strip().lower())


def terms(q):
    compact = "".join(c for c in q if not c.isspace())
    if compact and all("0" <= c <= "9" for c in compact):
        return [compact]
    return [t.lower() for t in re.split(r"[^\w]|_", q) if t][:8]


def rank_term(q):
    for t in terms(q):
        if len(t) >= 3:
            return sort_key(t)
    return None


# ---------- the product's SQL ----------

class Product:
    def __init__(self):
        self.con = sqlite3.connect(DB, check_same_thread=False)
        self.con.execute("PRAGMA busy_timeout = 10000")
        self.counts = {}  # the 5-second cache of bounded counts (db::count_cache)

    def q(self, sql, args=()):
        return self.con.execute(sql, args).fetchall()

    def page(self, q, cold):
        if cold:
            self.counts.clear()
        ts = terms(q)
        if len(ts) == 1 and ts[0].isdigit():  # exact::find
            n = ts[0]
            if len(n) == 9:
                r = self.q("SELECT c.id FROM customers c WHERE c.org_number = ? LIMIT 1", (n,))
                if r:
                    return self.by_id(r[0][0])
            if int(n) > 0:
                r = self.q("SELECT c.id FROM customers c WHERE c.customer_number = ? LIMIT 1",
                           (int(n),))
                if r:
                    return self.by_id(r[0][0])
        long = [t for t in ts if len(t) >= 3]
        if long:
            where = " WHERE 1 = 1 AND c.id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)"
            wargs = (" AND ".join(f'"{t}"' for t in long),)
        elif ts:
            lo = sort_key(ts[0])
            where = " WHERE 1 = 1 AND c.sort_name >= ? AND c.sort_name < ?"
            wargs = (lo, lo + TOP)
        else:
            where, wargs = " WHERE 1 = 1", ()
        key = (where, wargs)
        total = self.counts.get(key)
        if total is None:
            total = self.q("SELECT COUNT(*) FROM (SELECT 1 FROM customers c" + where
                           + " LIMIT ?) matches", wargs + (BOUND + 1,))[0][0]
            self.counts[key] = total
        exact = total <= BOUND
        if long and not exact:
            rows = self.ranked(long, rank_term(q))
        elif long:
            t = rank_term(q)
            rows = self.q("SELECT " + COLS + FROM + where
                          + " ORDER BY (CASE WHEN c.sort_name LIKE ? THEN 0 WHEN c.sort_name LIKE ?"
                          " OR c.sort_name LIKE ? THEN 1 ELSE 2 END) ASC, c.sort_name ASC, c.id ASC"
                          " LIMIT ? OFFSET 0", wargs + (t + "%", "% " + t + "%", "%-" + t + "%", PAGE))
        else:
            rows = self.q("SELECT " + COLS + FROM + where
                          + " ORDER BY c.sort_name ASC, c.id ASC LIMIT ? OFFSET 0", wargs + (PAGE,))
        return [r[0] for r in rows], total, exact

    def by_id(self, id):
        rows = self.q("SELECT " + COLS + FROM + " WHERE c.id = ?", (id,))
        return [r[0] for r in rows], len(rows), True

    def ranked(self, long, t):
        up = t + TOP
        check = "".join(" AND c.search_text LIKE ?" for _ in long)
        cargs = tuple(f"%{w}%" for w in long)
        rows = self.q("SELECT " + COLS + FROM + " WHERE 1 = 1" + check
                      + " AND c.sort_name >= ? AND c.sort_name < ? ORDER BY c.sort_name, c.id LIMIT ?",
                      cargs + (t, up, PAGE))
        if len(rows) < PAGE:
            k = t[:12]
            extra = ""
            eargs = ()
            if k != t:
                extra = " AND (c.sort_name LIKE ? OR c.sort_name LIKE ?)"
                eargs = ("% " + t + "%", "%-" + t + "%")
            rows += self.q("SELECT " + COLS + " FROM customer_name_words w CROSS JOIN customers c" + JOINS
                           + " WHERE 1 = 1" + check + " AND c.id = w.customer_id AND w.prefix = ?"
                           " AND NOT (c.sort_name >= ? AND c.sort_name < ?)" + extra
                           + " ORDER BY w.sort_name, w.customer_id LIMIT ?",
                           cargs + (k, t, up) + eargs + (PAGE - len(rows),))
        if len(rows) < PAGE:
            rows += self.q("SELECT " + COLS + FROM + " WHERE 1 = 1" + check
                           + " AND NOT (c.sort_name >= ? AND c.sort_name < ?)"
                           " AND NOT (c.sort_name LIKE ? OR c.sort_name LIKE ?)"
                           " ORDER BY c.sort_name, c.id LIMIT ?",
                           cargs + (t, up, "% " + t + "%", "%-" + t + "%", PAGE - len(rows)))
        return rows

    def rows_by_id(self, ids):
        if ids:
            self.q("SELECT " + COLS + FROM + " WHERE c.id IN (" + ",".join(map(str, ids)) + ")")


# ---------- tantivy ----------

def word_char(c):
    return c.isalnum() or c in "{|}"


def start_prefixes(sort_name):
    n = 0
    while n < len(sort_name) and word_char(sort_name[n]):
        n += 1
    return [sort_name[:i] for i in range(1, n + 1)]


def word_prefixes(sort_name):
    out = set()
    for i, c in enumerate(sort_name):
        if c not in " -":
            continue
        j = i + 1
        while j < len(sort_name) and word_char(sort_name[j]):
            j += 1
        word = sort_name[i + 1:j]
        out.update(word[:n] for n in range(3, len(word) + 1))
    return sorted(out)


def trigrams(text):
    return [re.sub(r"\s", "\u2423", text[i:i + 3]) for i in range(len(text) - 2)]


def schema():
    b = tantivy.SchemaBuilder()
    b.add_unsigned_field("id", indexed=True)
    b.add_text_field("key", fast=True, tokenizer_name="raw", index_option="basic")
    b.add_text_field("start", tokenizer_name="whitespace", index_option="basic")
    b.add_text_field("words", tokenizer_name="whitespace", index_option="basic")
    b.add_text_field("grams", tokenizer_name="whitespace", index_option="position")
    b.add_unsigned_field("customer_number", indexed=True)
    # The row's place in the list's order (`sort_name, id`) over the whole index: a number to
    # sort by instead of the string `key`. Exact only for an index built at once — a customer
    # inserted or renamed later would need the numbers after it changed (a gapped numbering could
    # absorb some): the best case for tantivy, measured beside the maintainable `key`.
    b.add_unsigned_field("ord", fast=True)
    b.add_text_field("org_number", tokenizer_name="raw", index_option="basic")
    return b.build()


def document(row, ord):
    id, number, org, search_text, sort_name = row
    d = tantivy.Document()
    d.add_unsigned("ord", ord)
    d.add_unsigned("id", id)
    d.add_text("key", f"{sort_name}\x00{id:020}")
    d.add_text("start", " ".join(start_prefixes(sort_name)))
    d.add_text("words", " ".join(word_prefixes(sort_name)))
    d.add_text("grams", " ".join(trigrams(search_text)))
    d.add_unsigned("customer_number", number)
    if org:
        d.add_text("org_number", org)
    return d


class Tantivy:
    def __init__(self, index, by="key", ids_in_order=None):
        self.index = index
        self.s = index.schema
        self.by = by
        self.ids_in_order = ids_in_order

    def term(self, field, value):
        return tantivy.Query.term_query(self.s, field, value, index_option="basic")

    def substring(self, w):
        g = trigrams(w)
        if len(g) == 1:
            return self.term("grams", g[0])
        return tantivy.Query.phrase_query(self.s, "grams", g)

    def top(self, searcher, query, limit, count=False):
        if limit == 0:
            return [], 0
        r = searcher.search(query, limit, count=count, order_by_field=self.by, order=tantivy.Order.Asc)
        if self.by == "ord":
            return [self.ids_in_order[k] for k, _ in r.hits], r.count
        return [int(k[-20:]) for k, _ in r.hits], r.count

    def page(self, searcher, q):
        ts = terms(q)
        if len(ts) == 1 and ts[0].isdigit():
            n = ts[0]
            qs = []
            if len(n) == 9:
                qs.append(self.term("org_number", n))
            if int(n) > 0:
                qs.append(self.term("customer_number", int(n)))
            for query in qs:
                hit, _ = self.top(searcher, query, 1)
                if hit:
                    return hit, 1
        long = [t for t in ts if len(t) >= 3]
        M, N = tantivy.Occur.Must, tantivy.Occur.MustNot
        if not long:
            if not ts:
                return [], 0
            return self.top(searcher, self.term("start", sort_key(ts[0])), PAGE, count=True)
        t = rank_term(q)
        matches = [(M, self.substring(w)) for w in long]
        B = tantivy.Query.boolean_query
        count = searcher.search(B(matches), 1, count=True, order_by_field=self.by, order=tantivy.Order.Asc).count
        ids, _ = self.top(searcher, B(matches + [(M, self.term("start", t))]), PAGE)
        if len(ids) < PAGE:
            ids += self.top(searcher, B(matches + [(M, self.term("words", t)),
                                                   (N, self.term("start", t))]), PAGE - len(ids))[0]
        if len(ids) < PAGE:
            ids += self.top(searcher, B(matches + [(N, self.term("start", t)),
                                                   (N, self.term("words", t))]), PAGE - len(ids))[0]
        return ids, count


def mem(when):
    status = open("/proc/self/status").read()
    f = {l.split(":")[0]: int(l.split()[1]) / 1024 for l in status.splitlines()
         if l.split(":")[0] in ("VmRSS", "RssAnon", "RssFile", "VmHWM")}
    print(f"\nmemory {when}: RSS {f['VmRSS']:.0f} MiB (anonymous {f['RssAnon']:.0f}, "
          f"file-backed {f['RssFile']:.0f}), peak {f['VmHWM']:.0f} MiB")


def pct(xs, p):
    xs = sorted(xs)
    return xs[round((len(xs) - 1) * p)] * 1000


def main():
    print("# Search engines (Python twin): the database's indexes against tantivy\n")
    print("load average at the start:", " ".join(open("/proc/loadavg").read().split()[:3]))
    con = sqlite3.connect(DB)
    n = con.execute("SELECT COUNT(*) FROM customers").fetchone()[0]
    print(f"{DB}: {n} customers" + (f", first {LIMIT} indexed" if LIMIT else ""))
    mem("at the start")
    shutil.rmtree(DIR, ignore_errors=True)
    os.makedirs(DIR)
    index = tantivy.Index(schema(), path=DIR)
    t0 = time.perf_counter()
    ids_in_order = [r[0] for r in con.execute("SELECT id FROM customers ORDER BY sort_name, id")]
    ord_of = {id: i for i, id in enumerate(ids_in_order)}
    ordered = time.perf_counter() - t0
    w = index.writer(heap_size=256_000_000, num_threads=2)
    read = 0.0
    after, docs = 0, 0
    while True:
        t = time.perf_counter()
        rows = con.execute("SELECT id, customer_number, org_number, search_text, sort_name FROM customers"
                           " WHERE id > ? ORDER BY id LIMIT 50000", (after,)).fetchall()
        read += time.perf_counter() - t
        if LIMIT:
            rows = rows[:max(0, LIMIT - docs)]
        if not rows:
            break
        after = rows[-1][0]
        for r in rows:
            w.add_document(document(r, ord_of[r[0]]))
        docs += len(rows)
    added = time.perf_counter() - t0
    w.commit()
    committed = time.perf_counter() - t0
    w.wait_merging_threads()
    built = time.perf_counter() - t0
    size = sum(os.path.getsize(os.path.join(DIR, f)) for f in os.listdir(DIR))
    index.reload()
    searcher = index.searcher()
    print(f"\n## Building the tantivy index\n\n{docs} customers; the list's order read {ordered:.1f} s; read from the database {read:.1f} s; "
          f"documents made in Python and added {added:.1f} s; commit {committed - added:.1f} s; "
          f"background merges {built - committed:.1f} s; in all {built:.1f} s; "
          f"{searcher.num_segments} segments; size on disk {size / 1e6:.1f} MB "
          f"({size / max(docs, 1):.0f} bytes a customer).")
    mem("after building the index")
    t = time.perf_counter()
    index2 = tantivy.Index.open(DIR)
    T = Tantivy(index2)
    U = Tantivy(index2, "ord", ids_in_order)
    s2 = index2.searcher()
    T.page(s2, "bygg")
    print(f"Opened again and the first search answered in {(time.perf_counter() - t) * 1000:.1f} ms.")
    searcher = s2
    P = Product()

    print(f"\n## The first page (50 rows) of each search, one thread, {ROUNDS} rounds\n")
    print("| search | product rows / total | tantivy rows / count | same top 50? | product cold p50 / p95 ms "
          "| product warm p50 / p95 ms | tantivy p50 / p95 ms | tantivy, u64 order p50 / p95 ms | tantivy u64 + 50 rows from the database p50 / p95 ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    mixes = {m: [] for m in ("product cold", "product warm", "tantivy", "tantivy u64 order", "tantivy u64 + rows")}
    walls = {m: 0.0 for m in mixes}
    for word in WORDS:
        pids, total, exact = P.page(word, True)
        tids, count = T.page(searcher, word)
        uids, _ = U.page(searcher, word)
        if uids != tids:
            print(f"(`{word}`: the u64 order differs from the key order)")
        if pids == tids:
            same = "yes"
        else:
            at = next((i for i, (a, b) in enumerate(zip(pids, tids)) if a != b), min(len(pids), len(tids)))
            name = lambda ids: (f'{ids[at]} "{con.execute("SELECT sort_name FROM customers WHERE id = ?", (ids[at],)).fetchone()[0]}"'
                                if at < len(ids) else "—")
            same = (f"no: from row {at + 1} (product {name(pids)}, tantivy {name(tids)}); "
                    f"{len(set(pids) - set(tids))} only in the product, {len(set(tids) - set(pids))} only in tantivy")
        times = {m: [] for m in mixes}
        for m in mixes:
            t = time.perf_counter()
            for _ in range(ROUNDS):
                q0 = time.perf_counter()
                if m == "product cold":
                    P.page(word, True)
                elif m == "product warm":
                    P.page(word, False)
                elif m == "tantivy":
                    T.page(searcher, word)
                elif m == "tantivy u64 order":
                    U.page(searcher, word)
                else:
                    P.rows_by_id(U.page(searcher, word)[0])
                times[m].append(time.perf_counter() - q0)
            walls[m] += time.perf_counter() - t
            mixes[m] += times[m]
        tot = f"{total}" if exact else f"more than {total - 1}"
        print(f"| `{word}` | {len(pids)} / {tot} | {len(tids)} / {count} | {same} | "
              + " | ".join(f"{pct(times[m], .5):.2f} / {pct(times[m], .95):.2f}" for m in mixes) + " |")

    print("\n## All words mixed\n\n| engine | threads | queries | p50 ms | p95 ms | p99 ms | queries/s |\n|---|---|---|---|---|---|---|")
    for m, xs in mixes.items():
        print(f"| {m} | 1 | {len(xs)} | {pct(xs, .5):.2f} | {pct(xs, .95):.2f} | {pct(xs, .99):.2f} | {len(xs) / walls[m]:.0f} |")

    def two(m):
        out = [[], []]
        products = [Product(), Product()]

        def client(c):
            for i in range(ROUNDS * len(WORDS)):
                word = WORDS[(i + c * 5) % len(WORDS)]
                q0 = time.perf_counter()
                if m == "tantivy":
                    T.page(searcher, word)
                elif m == "tantivy u64 order":
                    U.page(searcher, word)
                else:
                    products[c].page(word, m == "product cold")
                out[c].append(time.perf_counter() - q0)
        t = time.perf_counter()
        th = [threading.Thread(target=client, args=(c,)) for c in range(2)]
        for x in th:
            x.start()
        for x in th:
            x.join()
        wall = time.perf_counter() - t
        xs = out[0] + out[1]
        print(f"| {m} | 2 | {len(xs)} | {pct(xs, .5):.2f} | {pct(xs, .95):.2f} | {pct(xs, .99):.2f} | {len(xs) / wall:.0f} |")
    for m in ("product cold", "product warm", "tantivy", "tantivy u64 order"):
        two(m)
    mem("after the searches")

    print("\n## Keeping the index in step (one customer written again, committed, searcher reloaded)\n")
    w = index2.writer(heap_size=50_000_000, num_threads=1)
    step = max(1, docs // 100)
    ts = []
    for i in range(100):
        row = con.execute("SELECT id, customer_number, org_number, search_text, sort_name FROM customers"
                          " WHERE id > ? ORDER BY id LIMIT 1", (i * step,)).fetchone()
        if not row:
            break
        t = time.perf_counter()
        w.delete_documents_by_term("id", row[0])
        w.add_document(document(row, ord_of[row[0]]))
        w.commit()
        index2.reload()
        ts.append(time.perf_counter() - t)
    print(f"{len(ts)} changes one by one: p50 {pct(ts, .5):.1f} ms, p95 {pct(ts, .95):.1f} ms, "
          f"max {max(ts) * 1000:.1f} ms each.")
    t = time.perf_counter()
    rows = con.execute("SELECT id, customer_number, org_number, search_text, sort_name FROM customers"
                       " ORDER BY id LIMIT 1000").fetchall()
    for row in rows:
        w.delete_documents_by_term("id", row[0])
        w.add_document(document(row, ord_of[row[0]]))
    w.commit()
    index2.reload()
    print(f"{len(rows)} changes in one commit: {(time.perf_counter() - t) * 1000:.1f} ms.")
    mem("at the end")
    print("\nload average at the end:", " ".join(open("/proc/loadavg").read().split()[:3]))


if __name__ == "__main__":
    main()
