/**
 * The study file's schema, as an ordered list of migrations keyed on SQLite's
 * `user_version`. A migration is never edited once released; add a new one.
 *
 * Entity tables hold the current state; `change_log` holds every change that
 * produced it. Rows are never deleted: a delete is the field `deleted` set to 1
 * (a tombstone), so that merges can order it against concurrent edits.
 * Columns other than `id` are nullable because a merge applies fields one at a
 * time in clock order. Foreign keys are deferred to the end of a transaction.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: foundation */ `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

  CREATE TABLE change_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id  TEXT NOT NULL UNIQUE,
    action_id  TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    fields     TEXT NOT NULL,
    hlc        TEXT NOT NULL,
    replica_id TEXT NOT NULL,
    author_id  TEXT
  ) STRICT;
  CREATE INDEX change_log_entity ON change_log (entity, entity_id);
  CREATE INDEX change_log_action ON change_log (action_id);

  CREATE TABLE field_clock (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, field)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE study (
    id TEXT PRIMARY KEY, name TEXT, period_start TEXT, period_end TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  CREATE TABLE institution (
    id TEXT PRIMARY KEY, name TEXT, deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  CREATE TABLE inspector (
    id TEXT PRIMARY KEY, name TEXT, initials TEXT, deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  CREATE TABLE code (
    id TEXT PRIMARY KEY,
    key TEXT,
    parent_id TEXT REFERENCES code (id) DEFERRABLE INITIALLY DEFERRED,
    kind TEXT, name TEXT, definition TEXT, color TEXT, sort_order REAL,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  -- Immutable, content-addressed: the original file and the text extracted from it.
  CREATE TABLE original_file (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL) STRICT;
  CREATE TABLE content (
    id TEXT PRIMARY KEY, text TEXT NOT NULL, page_starts TEXT, headings TEXT NOT NULL
  ) STRICT;

  CREATE TABLE source (
    id TEXT PRIMARY KEY,
    title TEXT,
    institution_id TEXT REFERENCES institution (id) DEFERRABLE INITIALLY DEFERRED,
    source_type TEXT, role TEXT, measure TEXT, date TEXT,
    inspector_id TEXT REFERENCES inspector (id) DEFERRABLE INITIALLY DEFERRED,
    format TEXT, file_name TEXT,
    file_sha256 TEXT REFERENCES original_file (sha256) DEFERRABLE INITIALLY DEFERRED,
    content_id TEXT REFERENCES content (id) DEFERRABLE INITIALLY DEFERRED,
    imported_at TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX source_file ON source (file_sha256);

  CREATE VIRTUAL TABLE source_fts USING fts5 (
    source_id UNINDEXED, title, text,
    tokenize = 'unicode61 remove_diacritics 2'
  );

  CREATE TABLE coding (
    id TEXT PRIMARY KEY,
    source_id TEXT REFERENCES source (id) DEFERRABLE INITIALLY DEFERRED,
    code_id TEXT REFERENCES code (id) DEFERRABLE INITIALLY DEFERRED,
    start INTEGER, end INTEGER, valence TEXT, note TEXT, quotable INTEGER,
    coder_id TEXT REFERENCES inspector (id) DEFERRABLE INITIALLY DEFERRED,
    created_at TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX coding_source ON coding (source_id);
  `,
  /* 2: coding workbench: memos, file review, judgments, undo history */ `
  ALTER TABLE study ADD COLUMN rating_scale TEXT;

  CREATE TABLE memo (
    id TEXT PRIMARY KEY,
    target_type TEXT, target_id TEXT, text TEXT,
    author_id TEXT REFERENCES inspector (id) DEFERRABLE INITIALLY DEFERRED,
    updated_at TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX memo_target ON memo (target_type, target_id);

  CREATE TABLE review_question (
    id TEXT PRIMARY KEY,
    key TEXT, text TEXT, answer_type TEXT, options TEXT,
    code_id TEXT REFERENCES code (id) DEFERRABLE INITIALLY DEFERRED,
    sort_order REAL,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  -- One row per (source, question); its id is derived from both, so two
  -- inspectors answering the same question for the same file meet in one row.
  CREATE TABLE review_answer (
    id TEXT PRIMARY KEY,
    source_id TEXT REFERENCES source (id) DEFERRABLE INITIALLY DEFERRED,
    question_id TEXT REFERENCES review_question (id) DEFERRABLE INITIALLY DEFERRED,
    value TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX review_answer_source ON review_answer (source_id);

  -- One row per (institution, norm), id derived from both.
  CREATE TABLE judgment (
    id TEXT PRIMARY KEY,
    institution_id TEXT REFERENCES institution (id) DEFERRABLE INITIALLY DEFERRED,
    code_id TEXT REFERENCES code (id) DEFERRABLE INITIALLY DEFERRED,
    rating TEXT, rationale TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  CREATE TABLE judgment_evidence (
    id TEXT PRIMARY KEY,
    judgment_id TEXT REFERENCES judgment (id) DEFERRABLE INITIALLY DEFERRED,
    coding_id TEXT REFERENCES coding (id) DEFERRABLE INITIALLY DEFERRED,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX judgment_evidence_judgment ON judgment_evidence (judgment_id);

  -- This copy's undo history: the user actions made here, in order.
  -- done_action_id is the action that last brought the entry into effect (the
  -- original, or a redo); undone_action_id the action that last undid it.
  CREATE TABLE undo_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0,
    done_action_id TEXT NOT NULL,
    undone_action_id TEXT
  ) STRICT;
  `,
  /* 3: the field values each change supersedes, for telling concurrent edits from sequential ones */ `
  ALTER TABLE change_log ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
  `,
  /* 4: team merge: conflicts for review, what each peer's last bundle held, version vectors */ `
  -- Version vectors (highest clock per replica) and finding a change by its clock.
  CREATE INDEX change_log_replica ON change_log (replica_id, hlc);

  -- Concurrent edits of one field to different values, found while merging a
  -- bundle, for a person to resolve. Values are JSON (null, string or number).
  -- "local" is the value this copy held, "remote" the one that came in; when
  -- a later change continues one side, that side is updated.
  CREATE TABLE merge_conflict (
    id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    kind TEXT NOT NULL,
    local_value TEXT NOT NULL,
    local_author TEXT,
    local_hlc TEXT NOT NULL,
    remote_value TEXT NOT NULL,
    remote_author TEXT,
    remote_hlc TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    resolution TEXT,
    detected_at TEXT NOT NULL,
    resolved_at TEXT,
    bundle_id TEXT
  ) STRICT;
  CREATE INDEX merge_conflict_field ON merge_conflict (entity, entity_id, field, status);

  -- The last bundle read from each other copy, with the sender's version vector.
  CREATE TABLE exchange_peer (
    replica_id TEXT PRIMARY KEY,
    last_bundle_id TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    vector TEXT NOT NULL,
    inspector_id TEXT
  ) STRICT;
  `,
  /* 5: survey (vragenlijst): the privacy threshold, the surveys and their respondent rows */ `
  ALTER TABLE study ADD COLUMN survey_min_group INTEGER;

  -- Immutable, content-addressed: one survey export's respondent rows (the mapped
  -- columns only), gzip-compressed JSON; sha256 is of the uncompressed JSON.
  CREATE TABLE survey_data (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL) STRICT;

  -- One survey per export; its id is derived from the study and the survey's
  -- name, so importing the same export again replaces it.
  CREATE TABLE survey (
    id TEXT PRIMARY KEY,
    name TEXT, file_name TEXT, file_sha256 TEXT,
    data_sha256 TEXT REFERENCES survey_data (sha256) DEFERRABLE INITIALLY DEFERRED,
    mapping TEXT, respondents INTEGER, imported_at TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  -- Per question of a survey (id derived from survey and header): the norm
  -- chapter it is placed under in the reports (null: the survey chapter only).
  CREATE TABLE survey_question (
    id TEXT PRIMARY KEY,
    survey_id TEXT REFERENCES survey (id) DEFERRABLE INITIALLY DEFERRED,
    header TEXT,
    code_id TEXT REFERENCES code (id) DEFERRABLE INITIALLY DEFERRED,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX survey_question_survey ON survey_question (survey_id);
  `,
  /* 6: the house style of report drafts, chosen for the whole study */ `
  -- JSON {"fileName", "styles"}: the chosen template's name and its styles
  -- part (word/styles.xml), so the choice travels with the change log to the
  -- whole team. Null: Veldwerk's standard house style.
  ALTER TABLE study ADD COLUMN report_template TEXT;
  `,
  /* 7 (service): one action per writing call, the logbook's raw material */ `
  -- Every writing call records one row, in the same transaction as its change
  -- records, whose action_id points here (a call that changed nothing, or was
  -- refused, has a row without change records). objects: JSON [{entity, id}]
  -- of what its local changes touched. result: 'done' or 'refused' (reason
  -- says why). seq orders rows as stored here, for bundle export; actions read
  -- from bundles keep the sender's id, replica and clock.
  CREATE TABLE action (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    call         TEXT NOT NULL,
    label        TEXT NOT NULL,
    inspector_id TEXT,
    hlc          TEXT NOT NULL,
    replica_id   TEXT NOT NULL,
    objects      TEXT NOT NULL DEFAULT '[]',
    result       TEXT NOT NULL,
    reason       TEXT
  ) STRICT;
  CREATE INDEX action_replica ON action (replica_id, hlc);
  `,
  /* 8: findings (reports): the date the drafts carry, a setting of the study rather than the machine's date */ `
  ALTER TABLE study ADD COLUMN report_date TEXT;
  `,
  /* 9: findings: statements about a norm or theme at an institution (or across), with their evidence */ `
  CREATE TABLE finding (
    id TEXT PRIMARY KEY,
    institution_id TEXT REFERENCES institution (id) DEFERRABLE INITIALLY DEFERRED,
    code_id TEXT REFERENCES code (id) DEFERRABLE INITIALLY DEFERRED,
    kind TEXT,
    text TEXT,
    -- JSON lists: the coding ids and the computed figures the finding rests on
    evidence TEXT,
    figures TEXT,
    position REAL,
    author_id TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX finding_scope ON finding (code_id, institution_id);

  -- The storyline of the overarching report: themes, each drawing on top-level codes (JSON list)
  CREATE TABLE theme (
    id TEXT PRIMARY KEY, title TEXT, code_ids TEXT, position REAL,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  `,
  /* 10: sources (coding day): each inspector's status per source (nieuw, bezig, klaar); one row per (source, inspector), id derived from both */ `
  CREATE TABLE source_status (
    id TEXT PRIMARY KEY,
    source_id TEXT REFERENCES source (id) DEFERRABLE INITIALLY DEFERRED,
    inspector_id TEXT REFERENCES inspector (id) DEFERRABLE INITIALLY DEFERRED,
    status TEXT,
    updated_at TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX source_status_source ON source_status (source_id);
  -- The source list's coding counts read this index alone, not the coding rows.
  CREATE INDEX coding_source_live ON coding (source_id, deleted);
  `,
  /* 11: memos (coding day): a memo on a passage of a source, anchored by offsets into its text; null on a memo about a whole subject */ `
  ALTER TABLE memo ADD COLUMN start INTEGER;
  ALTER TABLE memo ADD COLUMN "end" INTEGER;
  `,
  /* 12: accountability (merge/signing.ts): the register of the team's signing keys and the signature of every change */ `
  -- Who holds which Ed25519 key (raw public key, base64): one row per copy.
  -- The lead's key signs every row (its own too); revoked_at, once set, stays;
  -- valid_through: the latest clock of that copy the lead held when revoking.
  CREATE TABLE inspector_key (
    key_id TEXT PRIMARY KEY,
    inspector_id TEXT NOT NULL,
    replica_id TEXT NOT NULL,
    public_key TEXT NOT NULL,
    role TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    revoked_at TEXT,
    valid_through TEXT,
    signature TEXT NOT NULL
  ) STRICT;

  -- The signature of each change by the key of the copy that made it; travels with the change.
  CREATE TABLE change_signature (
    change_id TEXT PRIMARY KEY,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL
  ) STRICT;
  `,
  /* 13: sources (realfiles): which PDF pages of a content were read by OCR */ `
  -- JSON array of 1-based page numbers whose text Tesseract recognised; null: none.
  -- Part of the content, like page_starts: the same text always has the same marks.
  ALTER TABLE content ADD COLUMN ocr_pages TEXT;
  `,
  /* 14: privacy (issue 10): the persons register and the privacy choices of the review */ `
  -- Every person who appears in the sources: role, every form they appear
  -- under (JSON array: full name, first name, surname, initials, nicknames),
  -- the pseudonym the reports use, and whether an inspector confirmed them
  -- ('bevestigd'), detection proposed them ('kandidaat') or they are no
  -- person ('geen-persoon'). A merged entry points to the one it joined.
  CREATE TABLE person (
    id TEXT PRIMARY KEY,
    name TEXT, role TEXT, forms TEXT, pseudonym TEXT, status TEXT, merged_into TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  -- A choice in the privacy review for one detected detail (id derived from
  -- kind and text, so two inspectors making it meet in one row): replace it,
  -- or keep it as not identifying.
  CREATE TABLE privacy_choice (
    id TEXT PRIMARY KEY,
    kind TEXT, text TEXT, decision TEXT, person_id TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  `,
  /* 15 (search, issue 9): the full-text index keyed by rowid, so writing or deleting one source never scans it */ `
  -- Which index row holds which source: found through this table's unique
  -- index, a source's row in source_fts is deleted by rowid instead of by a
  -- scan of every row. The index keeps no copy of the texts (contentless, so
  -- it deletes by rowid alone): search reads them from content.
  CREATE TABLE source_fts_row (
    fts_rowid INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL UNIQUE
  ) STRICT;
  INSERT INTO source_fts_row (source_id)
    SELECT s.id FROM source s JOIN content c ON c.id = s.content_id WHERE s.deleted = 0 ORDER BY s.rowid;

  DROP TABLE source_fts;
  CREATE VIRTUAL TABLE source_fts USING fts5 (
    title, text,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
  );
  INSERT INTO source_fts (rowid, title, text)
    SELECT r.fts_rowid, coalesce(s.title, ''), c.text
    FROM source_fts_row r JOIN source s ON s.id = r.source_id JOIN content c ON c.id = s.content_id;
  `,
  /* 16 (store, issue 9): indexes for statements that scanned a growing table (tests/integration/query-plans.test.ts) */ `
  -- Every user action clears the redo stack and undo/redo take the top of a stack.
  CREATE INDEX undo_history_undone ON undo_history (undone, seq);
  -- The open conflicts, listed after every resolution.
  CREATE INDEX merge_conflict_status ON merge_conflict (status, detected_at);
  -- A source's codings with what the evidence matrix counts (it reads this
  -- index alone) and what the views filter on; replaces coding (source_id).
  DROP INDEX coding_source;
  CREATE INDEX coding_evidence ON coding (source_id, deleted, code_id, valence, quotable, coder_id);
  -- The source list's counts (coding day) read this one too: its own index was a prefix of it.
  DROP INDEX coding_source_live;
  `,
  /* keys (issue 12): each copy's age X25519 recipient, signed by that copy's registered signing key (merge/team-recipients.ts) */ `
  -- Bundles may be encrypted to these recipients (those of unrevoked keys).
  -- signature: Ed25519 by key_id's key over the recipient; travels in bundles.
  CREATE TABLE age_recipient (
    key_id TEXT PRIMARY KEY,
    recipient TEXT NOT NULL,
    signature TEXT NOT NULL
  ) STRICT;
  `,
  /* reports (issue 13): a court ruling's ECLI, cited in drafts as "(Bron: ECLI:…)" */ `
  ALTER TABLE source ADD COLUMN ecli TEXT;
  `,
  /* logbook (issue 12): each replica's actions hash-chained (store/action-chain.ts); retention's checkpoints */ `
  -- chain_index: the line's place in its replica's chain; prev_hash: the hash
  -- of the line before it (or of the checkpoint, or 64 zeros); hash: SHA-256
  -- of the line's canonical content (veldwerk_action_hash, registered on the
  -- connection). NULL while the call that writes the line still runs.
  -- sealed_late: 1 for a line a killed call left open, sealed at the next start.
  ALTER TABLE action ADD COLUMN chain_index INTEGER;
  ALTER TABLE action ADD COLUMN prev_hash TEXT;
  ALTER TABLE action ADD COLUMN hash TEXT;
  ALTER TABLE action ADD COLUMN sealed_late INTEGER NOT NULL DEFAULT 0;
  CREATE UNIQUE INDEX action_chain ON action (replica_id, chain_index);
  -- The logbook view: newest first, paged, and the kinds present (logbook/query.ts).
  CREATE INDEX action_time ON action (hlc);
  CREATE INDEX action_call ON action (call, hlc);
  -- Retention: where a replica's kept chain starts. The lines up to and
  -- including chain_index were removed; hash is the last removed line's hash.
  CREATE TABLE action_checkpoint (
    replica_id  TEXT PRIMARY KEY,
    chain_index INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    removed     INTEGER NOT NULL,
    removed_at  TEXT NOT NULL
  ) STRICT;
  -- The lines of calls still running, by process: a line left open by a
  -- process that no longer runs is sealed late; one of a running process
  -- (another CLI command, the app) is left alone.
  CREATE TABLE action_open (
    action_id TEXT PRIMARY KEY,
    pid       INTEGER NOT NULL,
    host      TEXT NOT NULL
  ) STRICT;
  -- The logbook's retention (bewaartermijn) in days, a study setting that travels with the team; NULL: keep every line.
  ALTER TABLE study ADD COLUMN log_retention_days INTEGER;
  -- Chain the rows a study already holds: per replica in clock order.
  CREATE TEMP TABLE chain_order AS
    SELECT seq, replica_id, row_number() OVER (PARTITION BY replica_id ORDER BY hlc, id) AS n FROM action;
  CREATE INDEX temp.chain_order_n ON chain_order (replica_id, n);
  CREATE TEMP TABLE chain_walk AS
    WITH RECURSIVE walk (seq, replica_id, n, prev, hash) AS (
      SELECT a.seq, a.replica_id, 1, '${'0'.repeat(64)}',
        veldwerk_action_hash('${'0'.repeat(64)}', 1, a.id, a.call, a.label, a.inspector_id, a.hlc, a.replica_id, a.objects, a.result, a.reason, 0)
      FROM chain_order o JOIN action a ON a.seq = o.seq WHERE o.n = 1
      UNION ALL
      SELECT a.seq, a.replica_id, o.n, w.hash,
        veldwerk_action_hash(w.hash, o.n, a.id, a.call, a.label, a.inspector_id, a.hlc, a.replica_id, a.objects, a.result, a.reason, 0)
      FROM walk w JOIN chain_order o ON o.replica_id = w.replica_id AND o.n = w.n + 1 JOIN action a ON a.seq = o.seq
    )
    SELECT * FROM walk;
  UPDATE action SET chain_index = w.n, prev_hash = w.prev, hash = w.hash FROM chain_walk w WHERE action.seq = w.seq;
  INSERT INTO meta (key, value)
    SELECT 'action_chain_head', replica_id || ':' || max(chain_index) FROM action
    WHERE replica_id = (SELECT value FROM meta WHERE key = 'replica_id') GROUP BY replica_id;
  DROP TABLE temp.chain_walk;
  DROP TABLE temp.chain_order;
  `,
  /* scale (issue 9): one clock row per entity instead of one per field */ `
  -- A merge wrote a clock row for every field of every change (a coding has
  -- ten): one row per entity, its clocks as a JSON object field -> clock, is
  -- one index write per change. Last writer wins per field as before; the
  -- view gives the old rows for reading.
  CREATE TABLE entity_clock (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    clocks    TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO entity_clock (entity, entity_id, clocks)
    SELECT entity, entity_id, json_group_object(field, hlc) FROM field_clock GROUP BY entity, entity_id;
  DROP TABLE field_clock;
  CREATE VIEW field_clock (entity, entity_id, field, hlc) AS
    SELECT c.entity, c.entity_id, j.key, j.value FROM entity_clock c, json_each(c.clocks) j;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
