/* SPDX-License-Identifier: MIT */
/*
 * Every size, count, depth and time limit of the library, each with the
 * accident or attack it stops. Modules include this header and check input
 * against these names; nothing else hard-codes a bound. No dependencies.
 *
 * The bench package (50,000 workers, 5,000 locations, 20,000 rooms, 52 pay
 * periods per worker: about 2.6 million pay rows) must stay well inside
 * every limit; a real member's package is much smaller.
 */
#ifndef FA_LIMITS_H
#define FA_LIMITS_H

/* ---- error reporting ---------------------------------------------------- */

/* Diagnostics kept per error record. A validator that finds more counts the
 * rest; 32 is more than a person fixes before running again. */
#define FA_ERROR_DIAGS_MAX 32
/* Bytes for a diagnostic's location (an entry path) and message. Longer
 * text is truncated, never overflowed. */
#define FA_ERROR_WHERE_MAX 256
#define FA_ERROR_MESSAGE_MAX 512

/* ---- package (zip) ------------------------------------------------------ */

/* Bytes of the package file itself. Stops a multi-gigabyte upload that is
 * not an evidence package from being hashed and scanned; the bench package
 * is about 60 MiB compressed. */
#define FA_PKG_MAX_FILE_BYTES (2ULL * 1024 * 1024 * 1024)
/* Entries in the zip. libzip keeps its central directory in memory (about
 * 200 bytes an entry), so this bounds memory at roughly 40 MiB; 200,000 is a
 * personnel archive of 50,000 workers with 4 documents each. */
#define FA_PKG_MAX_ENTRIES 200000
/* Uncompressed bytes of one entry. The largest real table, 2.6 million pay
 * periods, is about 200 MiB; a larger entry is a bomb or the wrong file. */
#define FA_PKG_MAX_ENTRY_BYTES (1ULL * 1024 * 1024 * 1024)
/* Uncompressed bytes of all entries together: four times the largest entry
 * leaves room for documents while stopping a bomb made of many entries. */
#define FA_PKG_MAX_TOTAL_BYTES (4ULL * 1024 * 1024 * 1024)
/* Compression ratio (uncompressed / compressed) refused for an entry larger
 * than FA_PKG_RATIO_MIN_BYTES. CSV exports compress 5 to 20 times; a
 * deflate bomb reaches 1000. Small entries may be repetitive harmlessly. */
#define FA_PKG_MAX_RATIO 100
#define FA_PKG_RATIO_MIN_BYTES (1024ULL * 1024)
/* Bytes of an entry name. Longer names are not produced by any zip tool a
 * member uses and would only be used to overflow displays and logs. */
#define FA_PKG_MAX_NAME_BYTES 1024
/* Read granularity when streaming an entry; also the most a reader holds of
 * one entry at a time. */
#define FA_PKG_CHUNK_BYTES (256 * 1024)

/* ---- manifest (XML) ----------------------------------------------------- */

/* Bytes of manifest.xml. One <file> line is about 200 bytes, so 64 MiB fits
 * FA_PKG_MAX_ENTRIES entries with room to spare and stops a giant file. */
#define FA_XML_MAX_BYTES (64ULL * 1024 * 1024)
/* Element nesting depth. The manifest is 3 deep and a rule set about 8;
 * deeper input only serves to exhaust the stack of a recursive walker. */
#define FA_XML_MAX_DEPTH 32

/* ---- CSV tables --------------------------------------------------------- */

/* Bytes of one field. A remark or an address fits in 4 KiB; a longer field
 * usually means an unbalanced quote swallowing the rest of the file. */
#define FA_CSV_MAX_FIELD_BYTES (64 * 1024)
/* Fields in one row. The widest table has about 30 columns. */
#define FA_CSV_MAX_FIELDS 256
/* Data rows in one table: 20 times the bench package's pay periods. */
#define FA_CSV_MAX_ROWS 50000000UL
/* Bytes inspected to detect the separator (header line). */
#define FA_CSV_SNIFF_BYTES 4096

/* ---- Excel workbooks (pack) ---------------------------------------------- */

/* Sheets in one workbook. A member's HR or housing workbook has a handful;
 * the list of names and parts is held while the workbook is open. */
#define FA_XLSX_MAX_SHEETS 256
/* Shared strings (Excel keeps each distinct text of a workbook once, in
 * sharedStrings.xml) and their bytes together: all are held in memory
 * while sheets are read, at about 8 bytes of index each plus the text. A
 * workbook of 50,000 workers with a dozen distinct texts of 30 bytes
 * each has 600,000 strings and 18 MiB; more is a bomb or not a list. */
#define FA_XLSX_MAX_SHARED_STRINGS 4000000UL
#define FA_XLSX_MAX_SHARED_BYTES (256ULL * 1024 * 1024)
/* Number formats and cell formats (styles.xml's numFmts and cellXfs):
 * Excel itself allows about 64,000 cell formats; one flag of each is
 * held to tell dates from numbers. */
#define FA_XLSX_MAX_STYLES 65536
/* Bytes of a worksheet's or the shared strings' XML. Both are streamed,
 * so memory does not grow with them; this bounds the time a bomb costs.
 * A full Excel sheet of 1,048,576 rows of 30 short cells is about 1 GiB,
 * the package's own limit on an entry. The small parts that are held
 * whole (workbook, relationships, styles) have FA_XML_MAX_BYTES. */
#define FA_XLSX_MAX_PART_BYTES FA_PKG_MAX_ENTRY_BYTES
/* The size of a worksheet as Excel defines it: rows 1 to 1,048,576,
 * columns A to XFD. A cell reference outside is not one Excel wrote, and
 * refusing it keeps row and column numbers small. A sheet's cells are
 * read as CSV fields are, with FA_CSV_MAX_FIELD_BYTES per cell and
 * FA_CSV_MAX_FIELDS columns per row (a non-empty cell further right is
 * refused); FA_CSV_MAX_ROWS is larger than any sheet. */
#define FA_XLSX_SHEET_ROWS 1048576UL
#define FA_XLSX_SHEET_COLUMNS 16384

/* ---- evidence database -------------------------------------------------- */

/* SQLite page cache for the evidence database, in KiB. The database lives
 * in a temporary file; this bounds resident memory for large packages. */
#define FA_DB_CACHE_KIB (64 * 1024)
/* The same for each read-only connection that runs checks (one per
 * evaluation thread). A check scans tables far larger than any cache, so
 * the file system's cache serves those reads; this cache keeps the indexes
 * a check seeks in, and also bounds a sort's memory before it spills to a
 * temporary file. */
#define FA_DB_READ_CACHE_KIB (16 * 1024)

/* ---- audit store ----------------------------------------------------------
 */

/* How long a connection to the audit store waits for another one, in
 * milliseconds: two audits stored at once take turns (a run is written in
 * one transaction, seconds at most), a portal page opening the store while
 * a run is written waits for the moment a checkpoint holds it, while a
 * store held by a hung process gives a clear error instead of a wait
 * without end. */
#define FA_STORE_BUSY_MS 30000

/* ---- portal accounts (store/account.h, secret.c) --------------------------
 */

/* Argon2id passes over memory per password hash: libsodium's
 * crypto_pwhash_OPSLIMIT_INTERACTIVE (2), its choice for an online login.
 * With the memory below one hash takes some 0.1 to 0.3 s on one core: a
 * login stays prompt, while guessing from a stolen store costs that much
 * per guess and password. */
#define FA_PASSWORD_OPSLIMIT 2
/* Bytes of memory per password hash: 64 MiB, libsodium's
 * crypto_pwhash_MEMLIMIT_INTERACTIVE. Memory is what makes Argon2id dear
 * on graphics cards; a server hashing four logins at once needs 256 MiB,
 * which one machine carries. */
#define FA_PASSWORD_MEMLIMIT (64UL * 1024 * 1024)
/* Bytes of a password, at least: 12 characters, as NIST SP 800-63B
 * advises beyond its floor of 8 for passwords a person chooses; shorter
 * ones fall to guessing even through Argon2id. */
#define FA_PASSWORD_MIN 12
/* Bytes of a password, at most: a long passphrase fits, and a login form
 * cannot make the server hash megabytes (Argon2id reads the whole
 * password first). */
#define FA_PASSWORD_MAX 1024
/* Bytes of an uploaded package's file name as kept for display: a file
 * system's limit for one name; a longer name is cut at a character. */
#define FA_UPLOAD_NAME_MAX 255
/* Random bytes of a session or CSRF token: 256 bits, beyond guessing for
 * as long as a session can last. */
#define FA_TOKEN_BYTES 32

/* Temporary directories (tempdir.c) one process keeps at once: the
 * evidence database of an audit, a scratch database for rule lints and
 * tests, one more for `compare PKG`. Their paths live in a fixed table
 * because a signal handler, which removes them, may not allocate. */
#define FA_TEMPDIR_LIVE_MAX 16
/* Bytes of a temporary directory's path, its file names included (the
 * table above holds this much per directory): PATH_MAX on Linux. */
#define FA_TEMPDIR_PATH_MAX 4096
/* Seconds a temporary directory without a lock file is left alone by the
 * sweep of stale directories: its creator may be between making it and
 * locking it (microseconds), perhaps in another PID namespace whose PIDs
 * mean nothing here. A directory left so by a killed run goes a minute
 * later. */
#define FA_TEMPDIR_SWEEP_MIN_AGE 60

/* ---- rule sets ----------------------------------------------------------- */

/* Bytes of one rule-set file. Real rule sets are about 100 KiB; a 64 MiB
 * file of table rows would expand to gigabytes of model. */
#define FA_RULESET_MAX_BYTES (8 * 1024 * 1024)
/* Rows of one rule-set table, over all its dated blocks. The PKS tables
 * have tens of rows; this bounds the model of a hostile table directly. */
#define FA_RULESET_MAX_TABLE_ROWS 100000
/* Rule-set files loaded from one directory: stops --rules / from reading
 * every XML file of a large tree. */
#define FA_RULESET_MAX_FILES 1000
/* Bytes of the path of the bundled rule sets' (and mapping profiles')
 * directory as it is found from the running program's own path: PATH_MAX
 * on Linux. A longer one is not looked at (the search goes on, and ends
 * at "rules"). */
#define FA_RULESET_DIR_MAX 4096

/* ---- mapping profiles ---------------------------------------------------- */

/* Bytes of one mapping profile. The bundled profiles are about 20 KiB;
 * a profile is read whole and kept, so a large file is a mistake (a
 * workbook given as the profile) or an attack on memory. */
#define FA_MAPPING_MAX_BYTES (1024 * 1024)
/* Profiles loaded from the bundled directory: pack tries each against
 * every source file, so a directory of thousands would be both a mistake
 * and slow. */
#define FA_MAPPING_MAX_FILES 200

/* ---- waivers (store) ----------------------------------------------------- */

/* Bytes of one waiver file. A waiver is about 500 bytes, so the most
 * waivers a file may hold, each with a long list, fit easily; the file is
 * read whole, so a larger one is the wrong file or an attack on memory. */
#define FA_WAIVERS_MAX_BYTES (4 * 1024 * 1024)
/* Waivers in one file. A member's approved exceptions are counted in tens;
 * every finding of an audit is tested against every waiver, so thousands
 * would make matching slow rather than say something. */
#define FA_WAIVERS_MAX 1000
/* Subjects and patterns of one waiver together. A longer list of exact
 * subjects is a pattern written out by hand, and each entry is compared
 * with every finding of the rule. */
#define FA_WAIVER_MAX_SUBJECTS 1000
/* Bytes of a waiver's id and rule id: rule ids are a few dozen bytes; a
 * longer one is no id and would only fill messages and reports. */
#define FA_WAIVER_MAX_ID_BYTES 128
/* Bytes of one subject or pattern: a finding's subject is never longer
 * (eval cuts it at FA_EVAL_MAX_TEXT_BYTES), so a longer one matches
 * nothing. */
#define FA_WAIVER_MAX_SUBJECT_BYTES 4096
/* Bytes of the approver, the reason and the basis: a paragraph each; the
 * letter itself belongs in the member's files, not in the waiver. */
#define FA_WAIVER_MAX_TEXT_BYTES 2000

/* ---- rule evaluation ---------------------------------------------------- */

/* Virtual-machine steps one rule's check may run: a base plus a share per
 * evidence row. A check joining a few tables costs a few hundred steps a
 * row; an endless recursive CTE or a cross join of the pay table with
 * itself is stopped after about 10 seconds on the bench package instead of
 * hanging the audit. Rule tests get the base only. */
#define FA_EVAL_STEPS_BASE 100000000ULL
#define FA_EVAL_STEPS_PER_ROW 2000ULL
/* Threads that run an audit's rules side by side (one per processor, at
 * most this many): each has its own connection, page cache and sorter
 * memory, so more would cost memory for little gain. */
#define FA_EVAL_MAX_THREADS 4
/* Result columns a check may return (the fixed five plus template
 * columns). */
#define FA_EVAL_MAX_COLUMNS 32
/* A check's column names longer than this are not wrapped so that passes
 * compute only their outcome (eval.c, lazy_sql): the check runs as it is. */
#define FA_EVAL_NAME_MAX 128

/* Wall-clock seconds one rule's check may take (audit and compare
 * --rule-timeout replaces the default): a base plus a share per million
 * evidence rows, as for the steps. The step budget does not bound time: a
 * single step may format a megabyte string, and 300,000 such steps took 52
 * seconds. Time is what the machine gives a rule, so the default is
 * generous: the slowest bundled rule took 177 seconds of the bench
 * package's 678 (5.1 million rows) on a machine busy four times over. */
#define FA_EVAL_SECONDS_BASE 60.0
#define FA_EVAL_SECONDS_PER_MROW 120.0
/* The largest --rule-timeout accepted: a week. More is a typo. */
#define FA_EVAL_TIMEOUT_MAX 604800.0
/* Bytes of one text a finding keeps from a check's row (subject,
 * observed, expected, detail, a fact, a value put into a message). Longer
 * text is cut and ends in an ellipsis and "(truncated, N bytes)": a check
 * that returns a megabyte per row would otherwise copy it into every
 * finding. The longest text of the bench package's findings is under 400
 * bytes. */
#define FA_EVAL_MAX_TEXT_BYTES 4096

/* ---- memory -------------------------------------------------------------- */

/*
 * The memory ceiling (audit and compare --max-memory): one rule returning
 * huge strings drove the process to 18 GB until the kernel killed it. Of
 * the ceiling, SQLite's heap (the evidence database's page caches, the
 * checks' sorts and values) may take a FA_MEM_SQLITE_PART-th and the
 * findings an audit keeps (their records and texts, as eval.c counts
 * them) a FA_MEM_FINDINGS_PART-th; a run that needs more ends (exit 4)
 * naming the limit. The rest is for what the input limits bound: the
 * report's indexes of the findings, the zip's directory, the manifest,
 * the loader's key sets. The bench package needs 131 MiB of SQLite's heap
 * and 325 MiB of findings (peak resident memory 505 MiB): the default
 * leaves it room four and three times over.
 */
#define FA_MEM_DEFAULT_BYTES (2ULL * 1024 * 1024 * 1024)
#define FA_MEM_SQLITE_PART 4   /* a quarter */
#define FA_MEM_FINDINGS_PART 2 /* a half */
/* The least and the most --max-memory accepted: below 32 MiB the page
 * caches (db.c: an eighth of SQLite's part for the evidence database, a
 * thirty-second for each reader) shrink to a few pages; more than 1 TiB
 * is a typo. */
#define FA_MEM_MIN_BYTES (32ULL * 1024 * 1024)
#define FA_MEM_MAX_BYTES (1024ULL * 1024 * 1024 * 1024)
/* Findings one rule may keep, per GiB of the ceiling (200,000 with the
 * default): a check that fails every pay period of a large package would
 * otherwise keep millions. A rule with more is an error (its partial
 * result is dropped), and the audit goes on. The bench package's largest
 * rule keeps 53,519. */
#define FA_EVAL_FINDINGS_PER_GIB 100000ULL

/* ---- inspector's judgements (store) ------------------------------------ */

/* Bytes of a judgements file. The worksheet may be the CSV report itself,
 * one row per finding at about 600 bytes: 64 MiB holds 100,000 findings,
 * and the file is read whole, so a larger one is the wrong file. */
#define FA_JUDGEMENTS_MAX_BYTES (64 * 1024 * 1024)
/* Data rows (CSV) or items (JSON) of a judgements file, skipped rows
 * included: an inspector judges the needs-review items of one audit, a
 * few hundred at most; the report of a large member lists tens of
 * thousands of findings. More is a file of something else. */
#define FA_JUDGEMENTS_MAX_ROWS 200000UL
/* Bytes of a finding's key (RULE-ID/SUBJECT): rule ids are a few dozen
 * bytes and subjects (an employee number with a pay period, a document
 * path) less than 300; a longer key names no finding. */
#define FA_JUDGEMENT_KEY_MAX 512
/* Bytes of a judgement's note: a page of reasons (about 600 words). The
 * note is kept with the judgement for years and shown in reports; a
 * longer text belongs in a document the note refers to. */
#define FA_JUDGEMENT_NOTE_MAX 4000
/* Bytes of the inspector's name ('by'): a full name with initials and a
 * function fits in 200; longer text is pasted by mistake. */
#define FA_JUDGEMENT_BY_MAX 200

/* ---- messages ----------------------------------------------------------- */

/* Bytes of a name that "did you mean" compares (suggest.c): the distance
 * costs the product of the lengths, and rule ids are a few dozen bytes;
 * a longer name typed is no typo of one. */
#define FA_SUGGEST_NAME_MAX 128
/* Names a message lists in full ("give a, b or c") instead of guessing
 * the closest: more would not read as one line. */
#define FA_SUGGEST_LIST_MAX 8

/* ---- reports of data problems ------------------------------------------- */

/* Data-quality findings kept per check. A systematic export error produces
 * one finding per row; the first ones identify it and the count says how
 * many there are. */
#define FA_DQ_MAX_PER_CHECK 100

/* ---- diff of two audits ------------------------------------------------- */

/* Bytes of a JSON report read by the diff. jansson holds a document in
 * memory at several times its size; the demo's report is 13 MB for 3,115
 * listed findings, so 1 GiB is some 250,000 findings (a larger run is
 * compared from the store), and a larger file is the wrong file or one
 * that would exhaust memory. */
#define FA_DIFF_JSON_MAX_BYTES (1ULL * 1024 * 1024 * 1024)

/* ---- the portal (flexaudit serve) ----------------------------------------
 */

/* Connections served at once (a thread each), and from one address: a
 * burst of browsers cannot take more threads than this. An office behind
 * one NAT address shares the second. */
#define FA_SERVE_CONNECTIONS 256
#define FA_SERVE_PER_ADDRESS 128
/* Seconds a connection may send nothing before it is closed: a client
 * that opens connections and goes quiet (slowloris) frees them soon. */
#define FA_SERVE_IDLE_SECONDS 30
/* Seconds one request may take to arrive, body included: a client that
 * trickles a byte before each idle timeout still ends here. A package of
 * FA_SERVE_UPLOAD_MAX at 1 MB/s arrives in less. */
#define FA_SERVE_REQUEST_SECONDS 600
/* The largest package upload, by default (--upload-max): the zips ABU
 * members produce are megabytes; fa-gen's 50,000-worker package is 40 MB.
 * Anything larger is refused before a byte of it is stored. */
#define FA_SERVE_UPLOAD_MAX (256ULL * 1024 * 1024)
/* A form's fields (not its file) together, and how many: the largest is
 * a waiver's or a judgement's note. More is not a form of ours. */
#define FA_FORM_BYTES (64 * 1024)
#define FA_FORM_FIELDS_MAX 64
/* The buffer libmicrohttpd's form parser reads a body through. */
#define FA_FORM_BUFFER 16384
/* Audits waiting for a worker: beyond this an upload is refused with
 * "busy, try again" instead of waiting for hours. */
#define FA_SERVE_QUEUE_MAX 64
/* Audits at once (--workers): each takes the memory of an audit. */
#define FA_SERVE_WORKERS_MAX 16
/* How long a login lasts, in seconds: a working day. */
#define FA_SESSION_SECONDS (10L * 3600)
/* Failed logins before the next one must wait: per login (guessing one
 * account's password) and per address (trying many accounts), counted
 * over FA_LOGIN_WINDOW seconds; the wait is the rest of that window. */
#define FA_LOGIN_FAILS_MAX 5
#define FA_LOGIN_ADDR_FAILS_MAX 20
#define FA_LOGIN_WINDOW 900
/* Logins and addresses the limiter remembers; when full, the oldest
 * entry goes (an attacker cycling names cannot grow it without end). */
#define FA_LOGIN_TRACKED_MAX 4096
/* How long a sign-in form stays good, in seconds (its token's cookie):
 * long enough to fetch a password, short enough that a token copied
 * from an old page is of no use. */
#define FA_LOGIN_FORM_SECONDS 3600
/* Password hashes computed at once: each takes FA_PASSWORD_MEMLIMIT of
 * memory, so fifty logins at once wait their turn instead of taking
 * gigabytes. */
#define FA_SERVE_HASHING_MAX 2
/* Stored runs loaded at once to make a page (a report, an action plan,
 * a review): the demo's run takes some 25 MiB while its report is made,
 * and without a bound the load test's fifty members (tests/serve/load.py)
 * took the server to 1.2 GiB; four at a time keep two processors busy
 * and take some 80 MiB, and the others wait their turn. */
#define FA_SERVE_RENDERS_MAX 4

#endif
