/* SQLite schema of the fact store. The facts table's columns, their order
 * and types, and the vocabularies its checks allow come from
 * fact_schema.h; this file adds only SQL: constraints and indexes. Must
 * not name a fact column or vocabulary word fact_schema.h does not define.
 * Bump PF_SCHEMA_VERSION (pf.h) on any change the server cannot read. */
#include "store/schema.h"

#include "store/fact_schema.h"

#define SQL_TEXT "TEXT"
#define SQL_REAL "REAL"
#define SQL_INT  "INTEGER"
/* "  name TYPE,\n" */
#define FIELD(n, type, flags)       "  " #n " " SQL_##type ",\n"
#define DERIVED(n, type, sql, what) "  " #n " " SQL_##type " " sql ",\n"
/* 'word', ... NULL: x IN (...) IS TRUE holds for the words only */
#define WORD(w)      "'" #w "',"
#define ONE_OF(LIST) " IN (" LIST(WORD) "NULL)) IS TRUE"

/* The SQL is laid out as it would be in a .sql file. */
/* clang-format off */
const char schema_sql[] =
    "CREATE TABLE dataset(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE sources(\n"
    "  id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT, url TEXT,\n"
    "  published TEXT, license TEXT, retrieved_from TEXT, notes TEXT,\n"
    "  published_kind TEXT NOT NULL\n"
    "    CHECK ((published_kind" ONE_OF(PF_PUBLISHED_KINDS) "));\n"
    "CREATE TABLE entities(\n"
    "  id TEXT PRIMARY KEY, name TEXT NOT NULL,\n"
    "  type TEXT NOT NULL CHECK ((type" ONE_OF(PF_ENTITY_TYPES) "),\n"
    "  iso3 TEXT, notes TEXT);\n"
    "CREATE TABLE measures(\n"
    "  id TEXT PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL,\n"
    "  category TEXT, code TEXT, min REAL, max REAL, description TEXT,\n"
    "  nature TEXT NOT NULL CHECK ((nature" ONE_OF(PF_NATURES) "));\n"
    /* the series of tariff layers and estimates (series.csv) */
    "CREATE TABLE series(\n"
    "  id TEXT PRIMARY KEY, name TEXT NOT NULL,\n"
    "  imposer TEXT NOT NULL REFERENCES entities(id),\n"
    "  target TEXT NOT NULL REFERENCES entities(id), authority TEXT,\n"
    "  scope TEXT NOT NULL CHECK ((scope" ONE_OF(PF_SCOPES) "),\n"
    "  combines TEXT NOT NULL CHECK ((combines" ONE_OF(PF_COMBINES) "),\n"
    "  replaces TEXT REFERENCES series(id), basis TEXT NOT NULL,\n"
    "  source_id TEXT REFERENCES sources(id), notes TEXT,\n"
    "  CHECK ((combines='replaces') = (replaces IS NOT NULL)));\n"
    /* target measure -> its outcome series (outcome_links.csv) */
    "CREATE TABLE outcome_links(\n"
    "  target_measure TEXT NOT NULL REFERENCES measures(id),\n"
    "  outcome_measure TEXT NOT NULL REFERENCES measures(id),\n"
    "  subject TEXT NOT NULL REFERENCES entities(id),\n"
    "  match TEXT NOT NULL CHECK ((match" ONE_OF(PF_MATCHES) "),\n"
    "  note TEXT,\n"
    "  status_rule TEXT NOT NULL\n"
    "    CHECK ((status_rule" ONE_OF(PF_STATUS_RULES) "),\n"
    "  PRIMARY KEY (target_measure, outcome_measure, subject),\n"
    "  CHECK (match<>'proxy' OR note IS NOT NULL));\n"
    "CREATE TABLE facts(\n"
    "  rowid INTEGER PRIMARY KEY,\n"
    PF_FACT_FIELDS(FIELD)
    PF_FACT_DERIVED(DERIVED)
    "  UNIQUE (id),\n"
    "  CHECK (id IS NOT NULL AND kind IS NOT NULL AND subject IS NOT NULL\n"
    "    AND measure IS NOT NULL AND qualifier IS NOT NULL\n"
    "    AND rank IS NOT NULL AND source_id IS NOT NULL\n"
    "    AND known_from IS NOT NULL AND known_from_rule IS NOT NULL\n"
    "    AND evidence IS NOT NULL),\n"
    "  CHECK ((qualifier" ONE_OF(PF_QUALIFIERS) "),\n"
    "  CHECK ((rank" ONE_OF(PF_RANKS) "),\n"
    "  CHECK ((known_from_rule" ONE_OF(PF_KNOWN_FROM_RULES) "),\n"
    "  CHECK ((evidence" ONE_OF(PF_EVIDENCE) "),\n"
    "  CHECK ((nature" ONE_OF(PF_NATURES) "),\n"
    "  CHECK (evidence<>'text' OR quote IS NOT NULL),\n"
    "  CHECK (evidence<>'data'\n"
    "    OR (data_file IS NOT NULL AND data_row IS NOT NULL)),\n"
    "  CHECK (rank<>'deprecated' OR rank_reason IS NOT NULL),\n"
    "  FOREIGN KEY (subject) REFERENCES entities(id),\n"
    "  FOREIGN KEY (object) REFERENCES entities(id),\n"
    "  FOREIGN KEY (measure) REFERENCES measures(id),\n"
    "  FOREIGN KEY (source_id) REFERENCES sources(id),\n"
    "  FOREIGN KEY (ended_by) REFERENCES facts(rowid));\n";
/* clang-format on */

const char schema_index_sql[] =
    "CREATE INDEX facts_kind ON facts(kind, id);\n"
    "CREATE INDEX facts_subject ON facts(subject, id);\n"
    "CREATE INDEX facts_object ON facts(object, id);\n"
    "CREATE INDEX facts_measure ON facts(measure, id);\n"
    /* a series' facts, and the deprecated ones, in id order: few among
     * many (partial: the rest would be all NULL, or all not deprecated) */
    "CREATE INDEX facts_series_id ON facts(series, id) WHERE series IS NOT "
    "NULL;\n"
    "CREATE INDEX facts_deprecated ON facts(id) WHERE rank_ord=2;\n"
    /* one measure's facts by start, with the rank: a period of every
     * economy (compare) read from the index alone */
    "CREATE INDEX facts_measure_vf ON facts(measure, vf_key, rank_ord);\n"
    "CREATE INDEX facts_vf ON facts(vf_key, id);\n"
    "CREATE INDEX facts_kb ON facts(kb_key, id);\n"
    /* the start and the end a reader without as_of is served (fact_sql.c
     * end_expr, fact_pack.c): from/to/on checked in the index */
    "CREATE INDEX facts_valid ON facts(valid_from, (CASE WHEN "
    "nature='estimate' THEN stated_to ELSE valid_to END));\n"
    "CREATE INDEX facts_question ON facts(question, rank_ord);\n"
    "CREATE INDEX facts_series ON facts(measure, subject, object, series,\n"
    "  valid_from);\n"
    "CREATE INDEX facts_source ON facts(source_id);\n"
    "CREATE VIRTUAL TABLE facts_fts USING fts5(label, statement, quote,\n"
    "  notes, content='facts', content_rowid='rowid',\n"
    "  tokenize='unicode61 remove_diacritics 2');\n"
    "INSERT INTO facts_fts(facts_fts) VALUES('rebuild');\n";
