#!/usr/bin/env python3
# compare.py: after all migrations, the SQLite and the PostgreSQL schema
# must be the same (issue 15.2). Reads a migrated SQLite file (Python's
# sqlite3: pragma_table_info, pragma_index_list, pragma_foreign_key_list,
# sqlite_master) and a migrated PostgreSQL schema (psql: the catalogs and
# information_schema), describes each as one line per fact in common
# terms, and compares the two sets:
#
#	column  TABLE.COL TYPE null|not-null default=VALUE
#	pk      TABLE (COLS)
#	fk      TABLE (COLS) -> TABLE (COLS) on-update ACTION on-delete ACTION
#	unique  TABLE (COLS)			(a UNIQUE constraint)
#	index   NAME on TABLE (COLS) [unique] [where PRED]
#	check   TABLE (COLS)			(the columns a CHECK reads)
#	trigger on TABLE			(the table has triggers: SQLite
#					has one per event where PostgreSQL
#					has one for several, named apart)
#
# Types are mapped as scripts/migrations.sh maps them: SQLite's rowid alias
# (INTEGER PRIMARY KEY) is PostgreSQL's BIGINT identity, BLOB is bytea.
# The intended differences are in EXPECTED below, each with its reason; a
# fact listed there that is no longer different fails too, so the list
# stays true.
#
#	python3 tests/schema/compare.py SQLITE_FILE PG_URL
#
# Prints one line per check and "N passed, N failed" (scripts/test.sh
# counts it); exit status 1 on any failure.
import re
import sqlite3
import subprocess
import sys

# Facts one side has and the other has not, on purpose.
EXPECTED = {
    # Full-text search: an FTS5 virtual table (trigram tokenizer) on
    # SQLite, a table with a pg_trgm GIN index on PostgreSQL (0006).
    ("pg", "column case_fts.case_id bigint not-null default="),
    ("pg", "column case_fts.body text not-null default="),
    ("pg", "pk case_fts (case_id)"),
    ("pg", "fk case_fts (case_id) -> cases (id) on-update no-action "
           "on-delete cascade"),
    ("pg", "index case_fts_trgm on case_fts (body)"),
    # The chair's list with a state filter: SQLite's (call_id, state)
    # index keeps the rowid after the key, PostgreSQL's needs it (0016).
    ("pg", "index submissions_call_state_id on submissions "
           "(call_id, state, id)"),
    # The one-row table's id is always 1: a rowid alias on SQLite (the
    # way SQLite writes it), a plain integer key on PostgreSQL (0018).
    ("sqlite", "column content_version.id bigint-identity not-null "
               "default="),
    ("pg", "column content_version.id integer not-null default="),
    # What PostgreSQL pushes to the workers (LISTEN/NOTIFY, 0023): the
    # content version, users and their sessions, learners' progress.
    # SQLite has no notifications: its side of 0023 is empty.
    ("pg", "trigger on content_version"),
    ("pg", "trigger on users"),
    ("pg", "trigger on sessions"),
    ("pg", "trigger on enrolments"),
    ("pg", "trigger on lesson_progress"),
    ("pg", "trigger on quiz_attempts"),
}

# Tables left out: the bookkeeping table db_migrate creates itself (keyed
# by a given version, on both); on SQLite, its own tables and the FTS5
# virtual table with its shadow tables (see EXPECTED).
SKIP_PG = re.compile(r"^schema_migrations$")
SKIP_SQLITE = re.compile(r"^(sqlite_.*|case_fts(_.*)?|schema_migrations)$")

TYPES = {"INTEGER": "integer", "BIGINT": "bigint", "TEXT": "text",
         "BLOB": "bytea", "REAL": "double precision",
         "DOUBLE PRECISION": "double precision", "BOOLEAN": "boolean"}

ACTIONS = {"a": "no-action", "r": "restrict", "c": "cascade",
           "n": "set-null", "d": "set-default"}


def norm_expr(s):
    """An expression with case, white space and parentheses folded."""
    s = re.sub(r"::[a-z ]+", "", s or "")
    return re.sub(r"[\s()]", "", s.lower())


def norm_default(s):
    if s is None:
        return ""
    s = re.sub(r"::[a-z ]+(\[\])?", "", s.strip())
    while s.startswith("(") and s.endswith(")"):
        s = s[1:-1].strip()
    return s


def check_bodies(sql):
    """The text inside each CHECK (...) of a CREATE TABLE statement."""
    out = []
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"":
            j = sql.find(c, i + 1)
            i = n if j < 0 else j + 1
            continue
        m = re.compile(r"CHECK\s*\(", re.I).match(sql, i)
        if m and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] == "_")):
            depth, j = 1, m.end()
            while j < n and depth:
                if sql[j] in "'\"":
                    k = sql.find(sql[j], j + 1)
                    j = n if k < 0 else k + 1
                    continue
                depth += {"(": 1, ")": -1}.get(sql[j], 0)
                j += 1
            out.append(sql[m.end():j - 1])
            i = j
            continue
        i += 1
    return out


def words(s):
    s = re.sub(r"'[^']*'", "", s)
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", s))


def describe_sqlite(path):
    db = sqlite3.connect(path)
    facts = set()
    tables = db.execute("SELECT name, sql FROM sqlite_master WHERE "
                        "type = 'table' ORDER BY name").fetchall()
    for t, sql in tables:
        if SKIP_SQLITE.match(t):
            continue
        cols = db.execute("SELECT name, type, \"notnull\", dflt_value, pk "
                          "FROM pragma_table_info(?) ORDER BY cid",
                          (t,)).fetchall()
        pk = sorted((c for c in cols if c[4] > 0), key=lambda c: c[4])
        rowid = (len(pk) == 1 and pk[0][1].upper() == "INTEGER" and
                 "WITHOUT ROWID" not in sql.upper())
        for name, typ, notnull, dflt, k in cols:
            if rowid and k:
                ty = "bigint-identity"
            else:
                ty = TYPES.get(typ.upper(), typ.lower())
            nn = "not-null" if notnull or k else "null"
            facts.add("column %s.%s %s %s default=%s" %
                      (t, name, ty, nn, norm_default(dflt)))
        if pk:
            facts.add("pk %s (%s)" % (t, ", ".join(c[0] for c in pk)))
        fks = {}
        for fid, seq, ref, frm, to, upd, dele in db.execute(
                "SELECT id, seq, \"table\", \"from\", \"to\", on_update, "
                "on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                (t,)):
            fks.setdefault(fid, []).append((ref, frm, to, upd, dele))
        for rows in fks.values():
            ref = rows[0][0]
            to = [r[2] for r in rows]
            if None in to:
                to = [r[0] for r in sorted(
                    (c for c in db.execute("SELECT name, pk FROM "
                     "pragma_table_info(?)", (ref,)) if c[1] > 0),
                    key=lambda c: c[1])]
            act = lambda a: a.lower().replace(" ", "-")
            facts.add("fk %s (%s) -> %s (%s) on-update %s on-delete %s" %
                      (t, ", ".join(r[1] for r in rows), ref, ", ".join(to),
                       act(rows[0][3]), act(rows[0][4])))
        for _, iname, uniq, origin, partial in db.execute(
                "SELECT seq, name, \"unique\", origin, partial FROM "
                "pragma_index_list(?)", (t,)):
            if origin == "pk":
                continue
            icols = ", ".join(r[0] or "<expr>" for r in db.execute(
                "SELECT name FROM pragma_index_info(?) ORDER BY seqno",
                (iname,)))
            if origin == "u":
                facts.add("unique %s (%s)" % (t, icols))
                continue
            line = "index %s on %s (%s)" % (iname, t, icols)
            if uniq:
                line += " unique"
            if partial:
                isql = db.execute("SELECT sql FROM sqlite_master WHERE "
                                  "name = ?", (iname,)).fetchone()[0]
                pred = re.split(r"\bWHERE\b", isql, flags=re.I)[-1]
                line += " where " + norm_expr(pred.rstrip(" ;\n"))
            facts.add(line)
        names = {c[0] for c in cols}
        for body in check_bodies(sql):
            facts.add("check %s (%s)" %
                      (t, ", ".join(sorted(words(body) & names))))
    for name, t in db.execute("SELECT name, tbl_name FROM sqlite_master "
                              "WHERE type = 'trigger'"):
        facts.add("trigger on %s" % t)
    db.close()
    return facts


def psql(url, sql):
    r = subprocess.run(["psql", "-XAtq", "-F", "\t", "-v",
                        "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("psql: " + r.stderr.strip())
    return [l.split("\t") for l in r.stdout.splitlines() if l != ""]


def describe_pg(url):
    facts = set()
    for t, name, typ, nullable, dflt, ident in psql(url, """
        SELECT table_name, column_name, data_type, is_nullable,
            coalesce(column_default, ''), is_identity
        FROM information_schema.columns
        WHERE table_schema = current_schema()
        ORDER BY table_name, ordinal_position"""):
        if SKIP_PG.match(t):
            continue
        ty = "bigint-identity" if ident == "YES" and typ == "bigint" else typ
        nn = "null" if nullable == "YES" else "not-null"
        facts.add("column %s.%s %s %s default=%s" %
                  (t, name, ty, nn, norm_default(dflt)))
    # Constraints, with their columns in key order.
    for t, kind, ccols, ref, rcols, upd, dele in psql(url, """
        SELECT c.conrelid::regclass::text, c.contype,
            (SELECT string_agg(a.attname, ', ' ORDER BY k.i)
             FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = c.conrelid
                AND a.attnum = k.n),
            coalesce(c.confrelid::regclass::text, ''),
            coalesce((SELECT string_agg(a.attname, ', ' ORDER BY k.i)
             FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = c.confrelid
                AND a.attnum = k.n), ''),
            c.confupdtype, c.confdeltype
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = current_schema() AND c.conrelid <> 0"""):
        if SKIP_PG.match(t):
            continue
        if kind == "p":
            facts.add("pk %s (%s)" % (t, ccols))
        elif kind == "f":
            facts.add("fk %s (%s) -> %s (%s) on-update %s on-delete %s" %
                      (t, ccols, ref, rcols, ACTIONS[upd], ACTIONS[dele]))
        elif kind == "u":
            facts.add("unique %s (%s)" % (t, ccols))
        elif kind == "c":
            names = ", ".join(sorted(set(ccols.split(", "))))
            facts.add("check %s (%s)" % (t, names))
    for iname, t, uniq, pred, icols in psql(url, """
        SELECT ic.relname, tc.relname, i.indisunique::int,
            coalesce(pg_get_expr(i.indpred, i.indrelid), ''),
            (SELECT string_agg(coalesce(a.attname, '<expr>'), ', '
                ORDER BY k.i)
             FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, i)
             LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid
                AND a.attnum = k.n)
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_class tc ON tc.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = tc.relnamespace
        WHERE n.nspname = current_schema() AND NOT i.indisprimary
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                WHERE c.conindid = i.indexrelid AND c.contype = 'u')"""):
        if SKIP_PG.match(t):
            continue
        line = "index %s on %s (%s)" % (iname, t, icols)
        if uniq == "1":
            line += " unique"
        if pred:
            line += " where " + norm_expr(pred)
        facts.add(line)
    for name, t in psql(url, """
        SELECT DISTINCT trigger_name, event_object_table
        FROM information_schema.triggers
        WHERE trigger_schema = current_schema()"""):
        facts.add("trigger on %s" % t)
    return facts


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: compare.py SQLITE_FILE PG_URL")
    lite = describe_sqlite(sys.argv[1])
    pg = describe_pg(sys.argv[2])
    passed = failed = 0
    only = {("sqlite", f) for f in lite - pg} | {("pg", f) for f in pg - lite}
    for side, fact in sorted(only - EXPECTED):
        print("FAIL only on %s: %s" % ("SQLite" if side == "sqlite"
                                       else "PostgreSQL", fact))
        failed += 1
    for side, fact in sorted(EXPECTED - only):
        print("FAIL listed as %s only but not so: %s" % (side, fact))
        failed += 1
    if failed == 0:
        print("ok the two schemas agree: %d facts on each side, %d "
              "intended differences" % (len(lite & pg), len(EXPECTED)))
        passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
