"""SQL of the statement search index on PostgreSQL, shared by the migration and the benchmark.

pg_trgm cannot serve a 2-character LIKE pattern ('%料金%' yields no trigram), and Japanese
terms are often two characters. So the index is a GIN index over the set of character
bigrams of the lower-cased NFKC text, computed by an IMMUTABLE function: PostgreSQL keeps it
up to date on every insert and update (bulk inserts included), and no table of our own has
to be maintained. A term of n ≥ 2 characters matches only rows whose bigram set contains
all the term's bigrams; a substring test then rechecks the candidates, so results equal a
plain scan.
"""

BIGRAM_FUNCTION = "shingi_bigrams"
INDEX_NAME = "statement_text_bigrams_gin"

# The pairs starting at odd positions (t matched against '..') and at even ones (the same on
# t without its first character) are together every bigram. Two linear regexp passes instead
# of substr(t, i, 2) for each i, which walks the UTF-8 text from its start every time; and
# DISTINCT under the "C" collation compares bytes. About six times faster, so bulk inserts
# (generate_data's COPY) stay fast while PostgreSQL maintains the index.
CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION shingi_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT pair[1] COLLATE "C"), '{}')
    FROM (
        SELECT regexp_matches(t, '..', 'g') AS pair
        UNION ALL
        SELECT regexp_matches(substr(t, 2), '..', 'g')
    ) AS pairs
$$
"""
REINDEX = "REINDEX INDEX statement_text_bigrams_gin"
DROP_FUNCTION = "DROP FUNCTION IF EXISTS shingi_bigrams(text)"

CREATE_INDEX = (
    "CREATE INDEX IF NOT EXISTS statement_text_bigrams_gin ON meetings_statement "
    "USING gin (shingi_bigrams(lower(text_normalized)))"
)
DROP_INDEX = "DROP INDEX IF EXISTS statement_text_bigrams_gin"

# Long statements exceed PostgreSQL's 2 kB tuple threshold and get compressed. The display
# text may be (a result page reads a few dozen); the search text should not: every candidate
# a longer term brings is rechecked against it, and decompressing costs ten times the search.
# MAIN keeps it inline and uncompressed unless the row cannot fit otherwise; `text` yields first.
# Rows stored before the change keep their storage until rewritten (published ones never are).
KEEP_SEARCH_TEXT_INLINE = "ALTER TABLE meetings_statement ALTER COLUMN text_normalized SET STORAGE MAIN"
DEFAULT_SEARCH_TEXT_STORAGE = "ALTER TABLE meetings_statement ALTER COLUMN text_normalized SET STORAGE EXTENDED"

# ANALYZE samples 300 × the target rows and keeps the 10 × target most common bigrams with
# their frequencies: at 1000, every bigram in more than about 0.05 % of statements. That is
# what the search's choice of strategy reads (RAREST_BIGRAM_SHARE). Set again whenever the
# index is created: dropping it forgets the setting.
STATISTICS_TARGET = "ALTER INDEX statement_text_bigrams_gin ALTER COLUMN 1 SET STATISTICS 1000"
DEFAULT_STATISTICS_TARGET = "ALTER INDEX statement_text_bigrams_gin ALTER COLUMN 1 SET STATISTICS -1"

# The share of statements holding the rarest of the given bigrams, from the index statistics:
# a listed bigram has its frequency; an unlisted one is rarer than every listed one, and the
# array's element after the listed frequencies is the lowest of them. NULL without statistics.
# With it, how many statements and meetings there are (as of the last ANALYZE).
RAREST_BIGRAM_SHARE = """
SELECT min(coalesce(stats.freqs[array_position(stats.elems, wanted.gram)], stats.floor)),
       (SELECT reltuples::bigint FROM pg_class WHERE oid = 'meetings_statement'::regclass),
       (SELECT reltuples::bigint FROM pg_class WHERE oid = 'meetings_meeting'::regclass)
FROM (
    SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs,
           most_common_elem_freqs[cardinality(most_common_elems::text::text[]) + 1] AS floor
    FROM pg_stats WHERE schemaname = current_schema() AND tablename = %s
) AS stats
CROSS JOIN unnest(%s::text[]) AS wanted(gram)
"""

TAGGED_WITH_ISSUE = (
    "EXISTS (SELECT 1 FROM deliberation_issuestatement t WHERE t.statement_id = s.id AND t.issue_id = %s)"
)

# The ordered scan: the meetings in scope, newest first, and for each its statements that pass
# the filters, until the page is full. The planner keeps the meetings' order through the
# nested loop and sorts each meeting's few matches (an incremental sort), so LIMIT stops it
# early: a page costs about page size ÷ the term's share statements, wherever it starts.
ORDERED_SCAN = """
SELECT x.id FROM ({meetings}) AS m
CROSS JOIN LATERAL (
    SELECT s.id, a."order" AS agenda_order, s."order" AS statement_order
    FROM meetings_agendaitem a JOIN meetings_statement s ON s.agenda_item_id = a.id
    WHERE a.meeting_id = m.id AND {statements}
) AS x
ORDER BY m.starts_at DESC, m.id, x.agenda_order, x.statement_order, x.id
LIMIT %s
"""
