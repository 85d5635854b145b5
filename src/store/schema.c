/* SQLite schema of the fact store. Bump PF_SCHEMA_VERSION (pf.h) on any
 * change; the server refuses files of another version. */
#include "store/schema.h"

const char schema_sql[] =
    "CREATE TABLE dataset(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE sources(\n"
    "  id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT, url TEXT,\n"
    "  published TEXT, license TEXT, retrieved_from TEXT, notes TEXT);\n"
    "CREATE TABLE entities(\n"
    "  id TEXT PRIMARY KEY, name TEXT NOT NULL,\n"
    "  type TEXT NOT NULL CHECK (type IN\n"
    "    ('country','aggregate','group','programme')),\n"
    "  iso3 TEXT, notes TEXT);\n"
    "CREATE TABLE measures(\n"
    "  id TEXT PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL,\n"
    "  category TEXT, code TEXT, min REAL, max REAL, description TEXT);\n"
    "CREATE TABLE facts(\n"
    "  rowid INTEGER PRIMARY KEY,\n"
    "  id TEXT NOT NULL UNIQUE,\n"
    "  kind TEXT NOT NULL,\n"
    "  subject TEXT NOT NULL REFERENCES entities(id),\n"
    "  object TEXT REFERENCES entities(id),\n"
    "  measure TEXT NOT NULL REFERENCES measures(id),\n"
    "  series TEXT, label TEXT,\n"
    "  value REAL, value_low REAL, value_high REAL, value_text TEXT,\n"
    "  qualifier TEXT NOT NULL CHECK (qualifier IN\n"
    "    ('exact','approx','range','at_least','at_most')),\n"
    "  period TEXT,\n"
    /* Valid time, inclusive, as full dates: from the row, else derived
     * from period or from the next value of the same series. */
    "  valid_from TEXT, valid_to TEXT,\n"
    "  target_year INTEGER,\n"
    /* Knowledge time as stated, and the day by which it was surely known
     * (end of a partial date), which as_of compares against. */
    "  known_from TEXT, known_by TEXT,\n"
    "  rank TEXT NOT NULL CHECK (rank IN "
    "('preferred','normal','deprecated')),\n"
    "  rank_ord INTEGER NOT NULL,\n"
    /* Facts answering the same question share this key; at most one of
     * them is preferred. */
    "  question TEXT NOT NULL,\n"
    "  source_id TEXT NOT NULL REFERENCES sources(id),\n"
    "  quote TEXT, locator TEXT, statement TEXT, notes TEXT,\n"
    /* Non-null sort keys for keyset pagination. */
    "  vf_key TEXT NOT NULL, kb_key TEXT NOT NULL);\n";

const char schema_index_sql[] =
    "CREATE INDEX facts_kind ON facts(kind, id);\n"
    "CREATE INDEX facts_subject ON facts(subject, id);\n"
    "CREATE INDEX facts_object ON facts(object, id);\n"
    "CREATE INDEX facts_measure ON facts(measure, id);\n"
    "CREATE INDEX facts_vf ON facts(vf_key, id);\n"
    "CREATE INDEX facts_kb ON facts(kb_key, id);\n"
    "CREATE INDEX facts_valid ON facts(valid_from, valid_to);\n"
    "CREATE INDEX facts_question ON facts(question, rank_ord);\n"
    "CREATE INDEX facts_series ON facts(measure, subject, object, series,\n"
    "  valid_from);\n"
    "CREATE INDEX facts_source ON facts(source_id);\n"
    "CREATE VIRTUAL TABLE facts_fts USING fts5(label, statement, quote,\n"
    "  notes, content='facts', content_rowid='rowid',\n"
    "  tokenize='unicode61 remove_diacritics 2');\n"
    "INSERT INTO facts_fts(facts_fts) VALUES('rebuild');\n";
