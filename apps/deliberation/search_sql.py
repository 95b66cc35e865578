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
# what the search's choice of strategy reads (BIGRAM_FREQUENCIES). Set again whenever the
# index is created: dropping it forgets the setting.
STATISTICS_TARGET = "ALTER INDEX statement_text_bigrams_gin ALTER COLUMN 1 SET STATISTICS 1000"
DEFAULT_STATISTICS_TARGET = "ALTER INDEX statement_text_bigrams_gin ALTER COLUMN 1 SET STATISTICS -1"

# When the statement table was last analyzed, with how many statements and meetings there are:
# a cheap question, asked before every search, so that the bigram frequencies below are read
# again only when ANALYZE has renewed them.
STATISTICS_VERSION = """
SELECT greatest(last_analyze, last_autoanalyze),
       (SELECT reltuples::bigint FROM pg_class WHERE oid = 'meetings_statement'::regclass),
       (SELECT reltuples::bigint FROM pg_class WHERE oid = 'meetings_meeting'::regclass)
FROM pg_stat_user_tables WHERE relid = 'meetings_statement'::regclass
"""
# The most common bigrams and the share of statements holding each; the element after the
# listed frequencies is the lowest of them, above the share of any bigram not listed.
BIGRAM_FREQUENCIES = """
SELECT most_common_elems::text::text[], most_common_elem_freqs,
       most_common_elem_freqs[cardinality(most_common_elems::text::text[]) + 1]
FROM pg_stats WHERE schemaname = current_schema() AND tablename = %s
"""

# The result order (newest meeting first, then the meeting's agenda and statement order) kept on
# each statement row, so that the index strategy sorts its matches without joining agenda items
# and meetings for every one of them (at 1M statements the joins cost more than the matches),
# and the ordered scan reads a meeting's statements in order from one index.
#
# Three columns outside the Django model, PostgreSQL only, kept by triggers whatever writes: a
# statement takes its meeting's keys when inserted or moved (BEFORE, so Django's writes, COPY and
# raw SQL alike); an agenda item reordered or moved, or a meeting rescheduled, passes them to its
# statements. Published meetings never change, so these updates only reach drafts, which the
# freeze triggers let through.
MEETING_ORDER_INDEX = "statement_meeting_order"

# Newest first as one ascending number (minus the start in microseconds), so that the whole
# order, and a keyset condition on it, is one row comparison. Immutable: the epoch does
# not depend on the time zone.
CREATE_NEWEST_FIRST = """
CREATE OR REPLACE FUNCTION shingi_newest_first(starts_at timestamptz) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT -(extract(epoch FROM starts_at) * 1000000)::bigint $$
"""

CREATE_SORT_KEYS = [
    CREATE_NEWEST_FIRST,
    "ALTER TABLE meetings_statement ADD COLUMN sort_newest_first bigint, "
    "ADD COLUMN sort_meeting_id bigint, ADD COLUMN sort_agenda_order integer",
    """
CREATE OR REPLACE FUNCTION shingi_statement_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT shingi_newest_first(m.starts_at), m.id, a."order"
      INTO NEW.sort_newest_first, NEW.sort_meeting_id, NEW.sort_agenda_order
      FROM meetings_agendaitem a JOIN meetings_meeting m ON m.id = a.meeting_id
     WHERE a.id = NEW.agenda_item_id;
    RETURN NEW;
END
$$
""",
    """
CREATE OR REPLACE FUNCTION shingi_agenda_item_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE meetings_statement s
       SET sort_newest_first = shingi_newest_first(m.starts_at), sort_meeting_id = m.id,
           sort_agenda_order = NEW."order"
      FROM meetings_meeting m
     WHERE m.id = NEW.meeting_id AND s.agenda_item_id = NEW.id;
    RETURN NULL;
END
$$
""",
    """
CREATE OR REPLACE FUNCTION shingi_meeting_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE meetings_statement s SET sort_newest_first = shingi_newest_first(NEW.starts_at)
      FROM meetings_agendaitem a
     WHERE a.meeting_id = NEW.id AND s.agenda_item_id = a.id;
    RETURN NULL;
END
$$
""",
    "CREATE TRIGGER statement_sort_keys BEFORE INSERT OR UPDATE OF agenda_item_id ON meetings_statement "
    "FOR EACH ROW EXECUTE FUNCTION shingi_statement_sort_keys()",
    'CREATE TRIGGER agenda_item_sort_keys AFTER UPDATE OF "order", meeting_id ON meetings_agendaitem FOR EACH ROW '
    'WHEN (OLD."order" IS DISTINCT FROM NEW."order" OR OLD.meeting_id IS DISTINCT FROM NEW.meeting_id) '
    "EXECUTE FUNCTION shingi_agenda_item_sort_keys()",
    "CREATE TRIGGER meeting_sort_keys AFTER UPDATE OF starts_at ON meetings_meeting FOR EACH ROW "
    "WHEN (OLD.starts_at IS DISTINCT FROM NEW.starts_at) EXECUTE FUNCTION shingi_meeting_sort_keys()",
]
# Rows stored before the keys existed; published ones too, by the DBA's way through the freeze.
FILL_SORT_KEYS = """
UPDATE meetings_statement s
   SET sort_newest_first = shingi_newest_first(m.starts_at), sort_meeting_id = m.id, sort_agenda_order = a."order"
  FROM meetings_agendaitem a JOIN meetings_meeting m ON m.id = a.meeting_id
 WHERE a.id = s.agenda_item_id
"""
REQUIRE_SORT_KEYS = (
    "ALTER TABLE meetings_statement ALTER COLUMN sort_newest_first SET NOT NULL, "
    "ALTER COLUMN sort_meeting_id SET NOT NULL, ALTER COLUMN sort_agenda_order SET NOT NULL"
)
# A meeting's statements in their order, for the ordered scan (without agenda items to join).
CREATE_MEETING_ORDER_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {MEETING_ORDER_INDEX} ON meetings_statement "
    '(sort_meeting_id, sort_agenda_order, "order", id)'
)
DROP_MEETING_ORDER_INDEX = f"DROP INDEX IF EXISTS {MEETING_ORDER_INDEX}"

# What a bulk load drops before it and builds after it: an index built once is many times
# faster than one kept up row by row. The statistics target goes with the bigram index.
DROP_INDEXES = [DROP_INDEX, DROP_MEETING_ORDER_INDEX]
CREATE_INDEXES = [CREATE_INDEX, STATISTICS_TARGET, CREATE_MEETING_ORDER_INDEX]

DROP_SORT_KEYS = [
    "DROP TRIGGER IF EXISTS statement_sort_keys ON meetings_statement",
    "DROP TRIGGER IF EXISTS agenda_item_sort_keys ON meetings_agendaitem",
    "DROP TRIGGER IF EXISTS meeting_sort_keys ON meetings_meeting",
    "DROP FUNCTION IF EXISTS shingi_statement_sort_keys()",
    "DROP FUNCTION IF EXISTS shingi_agenda_item_sort_keys()",
    "DROP FUNCTION IF EXISTS shingi_meeting_sort_keys()",
    "ALTER TABLE meetings_statement DROP COLUMN sort_newest_first, DROP COLUMN sort_meeting_id, "
    "DROP COLUMN sort_agenda_order",
    "DROP FUNCTION IF EXISTS shingi_newest_first(timestamptz)",
]

# Tagged with an issue: a set the planner can hash once (an issue has up to tens of thousands of
# tags), where EXISTS probed the tag index for every candidate.
TAGGED_WITH_ISSUE = "s.id IN (SELECT t.statement_id FROM deliberation_issuestatement t WHERE t.issue_id = %s)"

# The ordered scan: the meetings in scope, newest first, and for each its statements read in
# their order from the meeting order index and tested against the filters, until the page is
# full. The planner keeps the meetings' order through the nested loop, so LIMIT stops it early:
# a page costs about page size ÷ the share of statements that pass, wherever it starts. OFFSET 0
# keeps the filters out of the statements' scan: pushed in, the planner ANDs a speaker's whole
# bitmap into every meeting (1 ms a meeting, for a speaker of 20,000 statements).
ORDERED_SCAN = """
SELECT s.id FROM ({meetings}) AS m
CROSS JOIN LATERAL (
    SELECT s.id, s.sort_meeting_id, s.sort_agenda_order, s."order", s.speaker_id, s.speaker_organization_id,
           s.text_normalized
    FROM meetings_statement s WHERE s.sort_meeting_id = m.id
    OFFSET 0
) AS s
WHERE {statements}
ORDER BY m.starts_at DESC, m.id, s.sort_agenda_order, s."order", s.id
LIMIT %s
"""

# The index strategy: every statement the bigram index yields (and the recheck keeps), sorted by
# the keys on its row, the page kept. MATERIALIZED, so that the planner cannot instead walk the
# meetings in order computing every statement's bigrams (it takes thousands of rows for a few),
# nor look the term up again for every meeting of the scope, nor start from an issue's 25,000
# tagged statements computing theirs: the scope filters the matches.
INDEX_MATCHES = """
WITH matches AS MATERIALIZED (
    SELECT s.id, s.sort_newest_first, s.sort_meeting_id, s.sort_agenda_order, s."order", s.speaker_id,
           s.speaker_organization_id
    FROM meetings_statement s
    WHERE {term}
)
SELECT s.id FROM matches s
WHERE s.sort_meeting_id IN ({meetings}) AND {statements}
ORDER BY s.sort_newest_first, s.sort_meeting_id, s.sort_agenda_order, s."order", s.id
LIMIT %s
"""
# Room for the bitmap of a term's candidates to stay exact: with the default 4 MB, the 102,000
# candidates of a term in 10 % of 1M statements went lossy, and PostgreSQL then kept whole pages
# and rechecked every row of them by computing its bigrams (2.3 s). 64 MB holds far more pages
# than a million statements fill; more statements than that would want more.
EXACT_BITMAPS = "SET LOCAL work_mem = '64MB'"

# After the cursor's statement, in the same order.
AFTER_CURSOR = (
    '(s.sort_newest_first, s.sort_meeting_id, s.sort_agenda_order, s."order", s.id)'
    " > (shingi_newest_first(%s), %s, %s, %s, %s)"
)
