/* SPDX-License-Identifier: MIT */
/*
 * Tests of the inspector's judgements files (docs/judgements.md): CSV with
 * either separator, byte order marks and line ends, the CSV report used
 * as the worksheet, Dutch names and values, JSON in both forms, every
 * message to the letter, and the limits at and above their values. The
 * expected values are worked out from the files written here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "demo_audit.h"
#include "judgement.h"
#include "limits.h"

static struct fa_error err;
static char diag_text[8192];

/* Every diagnostic of err as the CLI shows them, one a line. */
static const char *diags(void)
{
	size_t i, off = 0;
	char line[FA_ERROR_WHERE_MAX + FA_ERROR_MESSAGE_MAX + 64];

	diag_text[0] = '\0';
	for (i = 0; i < err.n; i++) {
		fa_diag_format(line, sizeof(line), &err.diag[i]);
		off += (size_t)snprintf(diag_text + off,
					sizeof(diag_text) - off, "%s\n", line);
	}
	return diag_text;
}

static enum fa_code parse_as(struct fa_judgements **out, const char *where,
			     const char *text, size_t len, const char *by)
{
	fa_error_init(&err);
	return fa_judgements_parse(out, where, text, len, by, &err);
}

static enum fa_code parse(struct fa_judgements **out, const char *text,
			  const char *by)
{
	return parse_as(out, "j.csv", text, strlen(text), by);
}

static void assert_judgement(const struct fa_judgement *j, const char *key,
			     enum fa_judgement_verdict v, int severity,
			     const char *note, const char *by,
			     unsigned long line)
{
	assert_string_equal(j->key, key);
	assert_int_equal(j->verdict, v);
	assert_int_equal(j->severity, severity);
	assert_string_equal(j->note, note);
	assert_string_equal(j->by, by);
	assert_int_equal(j->line, line);
}

static void test_judgement__csv_comma_lf(void **state)
{
	struct fa_judgements *js = NULL;

	(void)state;
	assert_int_equal(
	    parse(&js,
		  "key,verdict,severity,note,by\n"
		  "SNF-2.3/L01,accept,,Seen on site,A. Jansen\n"
		  "CAO-36/W0026/2024-06-03,deviation,major,\"No rent "
		  "agreement, deducted anyway\",A. Jansen\n"
		  "ABU-1/*,not-applicable,,No recruiters used,B. de Vries\n",
		  NULL),
	    FA_OK);
	assert_non_null(js);
	assert_int_equal(js->n, 3);
	assert_int_equal(js->n_skipped, 0);
	assert_judgement(&js->j[0], "SNF-2.3/L01", FA_JUDGEMENT_ACCEPT, -1,
			 "Seen on site", "A. Jansen", 2);
	assert_judgement(&js->j[1], "CAO-36/W0026/2024-06-03",
			 FA_JUDGEMENT_DEVIATION, FA_SEV_MAJOR,
			 "No rent agreement, deducted anyway", "A. Jansen", 3);
	assert_judgement(&js->j[2], "ABU-1/*", FA_JUDGEMENT_NOT_APPLICABLE, -1,
			 "No recruiters used", "B. de Vries", 4);
	fa_judgements_free(js);
}

/* What Excel saves with Dutch settings: ';', CRLF, a byte order mark, a
 * quoted note with the separator and a line break (CRLF inside). */
static void test_judgement__csv_semicolon_bom_crlf(void **state)
{
	struct fa_judgements *js = NULL;

	(void)state;
	assert_int_equal(parse(&js,
			       "\xef\xbb\xbfkey;verdict;note;by\r\n"
			       "R-1/W1;accept;\"one; two\r\nthree\";Ann\r\n"
			       "R-2/W2;deviation;\" padded \";Ann\r\n",
			       NULL),
			 FA_OK);
	assert_int_equal(js->n, 2);
	assert_judgement(&js->j[0], "R-1/W1", FA_JUDGEMENT_ACCEPT, -1,
			 "one; two\nthree", "Ann", 2);
	/* a deviation without a severity is allowed; spaces go */
	assert_judgement(&js->j[1], "R-2/W2", FA_JUDGEMENT_DEVIATION, -1,
			 "padded", "Ann", 4);
	fa_judgements_free(js);
}

/* The header of `flexaudit audit PKG -f csv` (docs/report-csv.md) with
 * the inspector's columns added after it. */
#define REPORT_HEADER                                                  \
	"key,rule_set,rule,article,subject,outcome,severity,deadline," \
	"observed,expected,message,remedy,question,evidence_file,"     \
	"evidence_line,evidence_sha256,sampled,uncertain,placeholder," \
	"money_owed_cents,money_kind,rule_confidence,value_confidence"
/* A report row's 23 cells: key, outcome and the rule's severity given. */
#define REPORT_ROW(key, outcome, sev)                                      \
	key ",cao,R,art. 36," key "," outcome "," sev                      \
	    ",,\"112,00\",0,\"Deducted, no agreement\",Repay,Ask,pay.csv," \
	    "7,,false,true,false,11200,deducted,S,U"

static void test_judgement__report_as_worksheet(void **state)
{
	struct fa_judgements *js = NULL;

	(void)state;
	/* verdict, note and by added: the one 'severity' is the report's
	 * (the rule's), which an accepted row must not be refused for */
	assert_int_equal(
	    parse(
		&js,
		REPORT_HEADER ",verdict,note,by\r\n" REPORT_ROW(
		    "R-1/W1", "review",
		    "major") ",accept,Agreement seen "
			     "on paper,Ann\r\n" REPORT_ROW("R-1/W2", "review", "major") ",,,\r\n" REPORT_ROW(
				 "R-2/W1", "fail",
				 "minor") ",,,Ann\r\n" REPORT_ROW("R-1/W3",
								  "review",
								  "observatio"
								  "n") ",niet"
								       "-van-"
								       "toepa"
								       "ssing"
								       ",Left"
								       " befo"
								       "re,"
								       "Ann\r"
								       "\n",
		NULL),
	    FA_OK);
	assert_int_equal(js->n, 2);
	assert_int_equal(js->n_skipped, 2);
	assert_judgement(&js->j[0], "R-1/W1", FA_JUDGEMENT_ACCEPT, -1,
			 "Agreement seen on paper", "Ann", 2);
	assert_judgement(&js->j[1], "R-1/W3", FA_JUDGEMENT_NOT_APPLICABLE, -1,
			 "Left before", "Ann", 5);
	fa_judgements_free(js);

	/* a second 'severity' after the report's is the judgement's */
	assert_int_equal(
	    parse(&js,
		  REPORT_HEADER ",verdict,severity,note,by\n" REPORT_ROW(
		      "R-1/W1", "review",
		      "major") ",deviation,minor,Only one week,Ann\n",
		  NULL),
	    FA_OK);
	assert_int_equal(js->n, 1);
	assert_judgement(&js->j[0], "R-1/W1", FA_JUDGEMENT_DEVIATION,
			 FA_SEV_MINOR, "Only one week", "Ann", 2);
	fa_judgements_free(js);
}

static void test_judgement__other_order_extra_columns(void **state)
{
	struct fa_judgements *js = NULL;

	(void)state;
	assert_int_equal(parse(&js,
			       "By,remark,Note , VERDICT,x,Key,Severity\n"
			       "Ann,ignored,Late payslip,Deviation,1,R-1/W1,"
			       "MINOR\n",
			       NULL),
			 FA_OK);
	assert_int_equal(js->n, 1);
	assert_judgement(&js->j[0], "R-1/W1", FA_JUDGEMENT_DEVIATION,
			 FA_SEV_MINOR, "Late payslip", "Ann", 2);
	fa_judgements_free(js);
}

static void test_judgement__dutch(void **state)
{
	struct fa_judgements *js = NULL;

	(void)state;
	assert_int_equal(parse(&js,
			       "key;oordeel;ernst;toelichting;door\n"
			       "R-1/W1; AKKOORD ;;Gezien;Ans\n"
			       "R-2/W1;Afwijking;zwaar;Te veel ingehouden;Ans\n"
			       "R-3/W1;afwijking;Licht;Te laat;Ans\n"
			       "R-4/W1;Niet-Van-Toepassing;;Vertrokken;Ans\n",
			       NULL),
			 FA_OK);
	assert_int_equal(js->n, 4);
	assert_judgement(&js->j[0], "R-1/W1", FA_JUDGEMENT_ACCEPT, -1, "Gezien",
			 "Ans", 2);
	assert_judgement(&js->j[1], "R-2/W1", FA_JUDGEMENT_DEVIATION,
			 FA_SEV_MAJOR, "Te veel ingehouden", "Ans", 3);
	assert_judgement(&js->j[2], "R-3/W1", FA_JUDGEMENT_DEVIATION,
			 FA_SEV_MINOR, "Te laat", "Ans", 4);
	assert_judgement(&js->j[3], "R-4/W1", FA_JUDGEMENT_NOT_APPLICABLE, -1,
			 "Vertrokken", "Ans", 5);
	fa_judgements_free(js);
}

static void test_judgement__skipped_rows_counted(void **state)
{
	struct fa_judgements *js = NULL;

	(void)state;
	/* two findings listed but not judged; an empty spreadsheet row
	 * (";;;") is no finding and is not counted; blank lines neither */
	assert_int_equal(parse(&js,
			       "key;verdict;note;by\n"
			       "R-1/W1;;;\n"
			       "R-1/W2;accept;ok;Ann\n"
			       "R-1/W3;  ;;Ann\n"
			       ";;;\n"
			       "\n",
			       NULL),
			 FA_OK);
	assert_int_equal(js->n, 1);
	assert_int_equal(js->n_skipped, 2);
	assert_int_equal(js->j[0].line, 3);
	fa_judgements_free(js);

	/* only skipped rows: no judgements, no error */
	assert_int_equal(parse(&js, "key,verdict\nR-1/W1,\n", NULL), FA_OK);
	assert_int_equal(js->n, 0);
	assert_int_equal(js->n_skipped, 1);
	fa_judgements_free(js);
}

static void test_judgement__default_by(void **state)
{
	struct fa_judgements *js = NULL;

	(void)state;
	assert_int_equal(parse(&js,
			       "key,verdict,note,by\n"
			       "R-1/W1,accept,a,\n"
			       "R-1/W2,accept,b,Bob\n"
			       "R-1/W3,accept,c,  \n",
			       "Ann"),
			 FA_OK);
	assert_int_equal(js->n, 3);
	assert_string_equal(js->j[0].by, "Ann");
	assert_string_equal(js->j[1].by, "Bob");
	assert_string_equal(js->j[2].by, "Ann");
	fa_judgements_free(js);

	/* no 'by' column at all */
	assert_int_equal(
	    parse(&js, "key,verdict,note\nR-1/W1,accept,a\n", "Ann"), FA_OK);
	assert_string_equal(js->j[0].by, "Ann");
	fa_judgements_free(js);
}

static void test_judgement__all_problems_reported(void **state)
{
	struct fa_judgements *js = (void *)1;

	(void)state;
	assert_int_equal(parse(&js,
			       "key,verdict,severity,note,by\n"
			       "R-1/W1,accept,,fine,ann\n"
			       "R-2,accept,,fine,ann\n"
			       "R-3/W1,ok,,fine,ann\n"
			       "R-4/W1,accept,major,fine,ann\n"
			       "R-5/W1,deviation,huge,fine,ann\n"
			       "R-6/W1,deviation,minor,,ann\n"
			       "R-7/W1,not-applicable,,gone,\n"
			       "R-1/W1,deviation,major,again,bob\n"
			       "/W1,accept,,x,ann\n"
			       "R-8/,accept,,x,ann\n"
			       ",accept,,x,ann\n"
			       "R-9/W1,,,a note,ann\n"
			       "R-10/W1/2024-06-03,accept,,ok,ann\n"
			       "R-11/W1,accept,, \t ,ann\n",
			       NULL),
			 FA_ERR_INPUT);
	assert_null(js);
	assert_string_equal(
	    diags(),
	    "j.csv:3: key 'R-2' is not RULE-ID/SUBJECT: give it as the "
	    "report's 'key' column shows it\n"
	    "j.csv:4: unknown verdict 'ok': give accept, deviation or "
	    "not-applicable (akkoord, afwijking, niet-van-toepassing)\n"
	    "j.csv:5: severity 'major' given with verdict 'accept' for "
	    "'R-4/W1': only a deviation has a severity; leave it empty\n"
	    "j.csv:6: unknown severity 'huge': give major or minor (zwaar, "
	    "licht)\n"
	    "j.csv:7: no note for 'R-6/W1': say why the verdict was given\n"
	    "j.csv:8: no 'by' for 'R-7/W1': add a 'by' column or give --by "
	    "NAME\n"
	    "j.csv:9: key 'R-1/W1' is judged twice (first on line 2): keep "
	    "one\n"
	    "j.csv:10: key '/W1' is not RULE-ID/SUBJECT: give it as the "
	    "report's 'key' column shows it\n"
	    "j.csv:11: key 'R-8/' is not RULE-ID/SUBJECT: give it as the "
	    "report's 'key' column shows it\n"
	    "j.csv:12: no key: give the finding's key (RULE-ID/SUBJECT) as "
	    "the report's 'key' column shows it\n"
	    "j.csv:13: no verdict for 'R-9/W1': give accept, deviation or "
	    "not-applicable (akkoord, afwijking, niet-van-toepassing)\n"
	    "j.csv:15: no note for 'R-11/W1': say why the verdict was "
	    "given\n");
	assert_int_equal(err.code, FA_ERR_INPUT);
}

static void test_judgement__header_problems(void **state)
{
	struct fa_judgements *js = NULL;

	(void)state;
	assert_int_equal(parse(&js, "rule,outcome\nR,fail\n", NULL),
			 FA_ERR_INPUT);
	assert_string_equal(diags(),
			    "j.csv:1: no 'key' column: add the findings' "
			    "keys (RULE-ID/SUBJECT) in a column named "
			    "'key'\n"
			    "j.csv:1: no 'verdict' column: add a column "
			    "named 'verdict' (or 'oordeel')\n");
	assert_int_equal(
	    parse(&js,
		  "key,verdict,note,Verdict,oordeel,note,by\nR-1/W1,accept,a,"
		  "accept,akkoord,a,Ann\n",
		  NULL),
	    FA_ERR_INPUT);
	assert_null(js);
	assert_string_equal(diags(),
			    "j.csv:1: column 'verdict' appears twice "
			    "(columns 2 and 4): keep one\n"
			    "j.csv:1: columns 'verdict' and 'oordeel' both "
			    "give the verdict: keep one\n"
			    "j.csv:1: column 'note' appears twice (columns 3 "
			    "and 6): keep one\n");
	/* without the report's 'outcome', two 'severity' are two */
	assert_int_equal(
	    parse(&js, "key,verdict,severity,severity\nR-1/W1,accept,,\n",
		  NULL),
	    FA_ERR_INPUT);
	assert_string_equal(diags(), "j.csv:1: column 'severity' appears "
				     "twice (columns 3 and 4): keep one\n");
}

static void test_judgement__encodings(void **state)
{
	struct fa_judgements *js = NULL;
	/* UTF-16 LE with its mark, tab-separated ("Unicode text") */
	static const char u16[] = "\xff\xfe"
				  "k\0e\0y\0\t\0v\0e\0r\0d\0i\0c\0t\0\t\0"
				  "n\0o\0t\0e\0\t\0b\0y\0\r\0\n\0"
				  "R\0-\0\x31\0/\0W\0\x31\0\t\0"
				  "a\0c\0c\0e\0p\0t\0\t\0"
				  "Z\0o\0\xeb\0\t\0A\0n\0n\0\r\0\n\0";

	(void)state;
	/* Windows-1252: e with diaeresis is 0xEB */
	assert_int_equal(parse(&js,
			       "key;verdict;note;by\n"
			       "R-1/W1;accept;Zo\xeb gesproken;Ren\xe9\n",
			       NULL),
			 FA_OK);
	assert_string_equal(js->j[0].note, "Zo\xc3\xab gesproken");
	assert_string_equal(js->j[0].by, "Ren\xc3\xa9");
	fa_judgements_free(js);
	assert_int_equal(parse_as(&js, "j.txt", u16, sizeof(u16) - 1, NULL),
			 FA_OK);
	assert_int_equal(js->n, 1);
	assert_judgement(&js->j[0], "R-1/W1", FA_JUDGEMENT_ACCEPT, -1,
			 "Zo\xc3\xab", "Ann", 2);
	fa_judgements_free(js);
}

static void test_judgement__control_characters(void **state)
{
	struct fa_judgements *js = NULL;

	(void)state;
	/* tab and line feed are a note's own */
	assert_int_equal(parse(&js,
			       "key,verdict,note,by\n"
			       "R-1/W1,accept,\"a\tb\nc\",Ann\n",
			       NULL),
			 FA_OK);
	assert_string_equal(js->j[0].note, "a\tb\nc");
	fa_judgements_free(js);
	assert_int_equal(parse(&js,
			       "key,verdict,note,by\n"
			       "R-1/W1,accept,bell\x07,Ann\n"
			       "R-1/W2,accept,\"a\rb\",Ann\n"
			       "R-1/W3,accept,ok,\"An\tn\"\n"
			       "R-1/W4,accept,ok,Ann\x1b[2J\n"
			       "R\x7f-1/W5,accept,ok,Ann\n",
			       NULL),
			 FA_ERR_INPUT);
	assert_string_equal(
	    diags(), "j.csv:2: note for 'R-1/W1' holds control character "
		     "U+0007: remove it\n"
		     "j.csv:3: note for 'R-1/W2' holds control character "
		     "U+000D: remove it\n"
		     "j.csv:4: 'by' for 'R-1/W3' holds control character "
		     "U+0009: remove it\n"
		     "j.csv:5: 'by' for 'R-1/W4' holds control character "
		     "U+001B: remove it\n"
		     "j.csv:6: key holds control character U+007F: remove "
		     "it\n");
}

static void test_judgement__json_array(void **state)
{
	struct fa_judgements *js = NULL;
	const char *text =
	    "\xef\xbb\xbf  [\n"
	    "  {\"key\": \"R-1/W1\", \"verdict\": \"accept\", \"severity\": "
	    "null,\n   \"note\": \"Seen\", \"by\": \"Ann\"},\n"
	    "  {\"key\": \"R-2/W1\", \"verdict\": \"afwijking\", "
	    "\"severity\": \"major\", \"note\": \"Short\\npaid\", "
	    "\"extra\": [1, {\"a\": \"]\"}]}\n"
	    "]\n";

	(void)state;
	assert_int_equal(parse_as(&js, "j.json", text, strlen(text), "Bob"),
			 FA_OK);
	assert_int_equal(js->n, 2);
	assert_int_equal(js->n_skipped, 0);
	assert_judgement(&js->j[0], "R-1/W1", FA_JUDGEMENT_ACCEPT, -1, "Seen",
			 "Ann", 2);
	assert_judgement(&js->j[1], "R-2/W1", FA_JUDGEMENT_DEVIATION,
			 FA_SEV_MAJOR, "Short\npaid", "Bob", 4);
	fa_judgements_free(js);
}

static void test_judgement__json_object(void **state)
{
	struct fa_judgements *js = NULL;
	const char *text =
	    "{\"run\": {\"judgements\": [\"x\"]}, \"x\": [1,\n2],\n"
	    " \"judgements\": [\n"
	    "\n"
	    "  {\"key\": \"R-1/W1\", \"verdict\": \"not-applicable\", "
	    "\"note\": \"Gone\"}, {\"key\": \"R-1/W2\", \"verdict\": "
	    "\"accept\", \"note\": \"Ok\"}\n"
	    "]}";

	(void)state;
	assert_int_equal(parse_as(&js, "j.json", text, strlen(text), "Ann"),
			 FA_OK);
	assert_int_equal(js->n, 2);
	assert_judgement(&js->j[0], "R-1/W1", FA_JUDGEMENT_NOT_APPLICABLE, -1,
			 "Gone", "Ann", 5);
	assert_judgement(&js->j[1], "R-1/W2", FA_JUDGEMENT_ACCEPT, -1, "Ok",
			 "Ann", 5);
	fa_judgements_free(js);
}

static void test_judgement__json_problems(void **state)
{
	struct fa_judgements *js = NULL;
	const char *syntax = "[\n  {\"key\": \"R-1/W1\",\n   \"verdict\": "
			     "accept}\n]";
	const char *dup = "[{\"key\": \"R-1/W1\", \"key\": \"R-1/W2\"}]";
	const char *items =
	    "[\n"
	    "  {\"key\": \"R-1/W1\", \"verdict\": \"accept\", \"note\": "
	    "\"a\"},\n"
	    "  42,\n"
	    "  {\"key\": \"R-1/W2\", \"verdict\": 1, \"note\": \"a\"},\n"
	    "  {\"key\": \"R-1/W1\", \"verdict\": \"deviation\", "
	    "\"severity\": \"minor\", \"note\": \"b\"},\n"
	    "  {\"key\": \"R-1/W3\", \"note\": \"c\"},\n"
	    "  {\"key\": \"R-1/W4\", \"verdict\": \"\", \"note\": \"c\"}\n"
	    "]";
	/* the name "judgements" written with an escape: jansson finds it,
	 * the scan for lines does not, so items are named by number */
	const char *noby = "[{\"key\": \"R-1/W1\", \"verdict\": "
			   "\"accept\", \"note\": \"a\"}]";
	const char *escaped =
	    "{\"judg\\u0065ments\": [{\"key\": \"R-1/W1\", \"verdict\": "
	    "\"accept\", \"note\": \"a\"},\n{\"key\": \"R-1/W1\", "
	    "\"verdict\": \"accept\", \"note\": \"a\"}]}";

	(void)state;
	assert_int_equal(parse_as(&js, "j.json", syntax, strlen(syntax), "Ann"),
			 FA_ERR_INPUT);
	assert_null(js);
	assert_int_equal(err.n, 1);
	assert_int_equal(err.diag[0].line, 3);
	assert_true(err.diag[0].column > 0);
	assert_int_equal(parse_as(&js, "j.json", dup, strlen(dup), "Ann"),
			 FA_ERR_INPUT);
	assert_int_equal(err.diag[0].line, 1);
	assert_non_null(strstr(err.diag[0].message, "duplicate"));
	assert_int_equal(parse_as(&js, "j.json", "{\"x\": []}", 9, "Ann"),
			 FA_ERR_INPUT);
	assert_string_equal(diags(),
			    "j.json:1: expected an array of judgements or "
			    "an object with a \"judgements\" array\n");
	assert_int_equal(parse_as(&js, "j.json", items, strlen(items), "Ann"),
			 FA_ERR_INPUT);
	assert_null(js);
	assert_string_equal(
	    diags(),
	    "j.json:3: item is not an object: give {\"key\": ..., "
	    "\"verdict\": ..., \"note\": ...}\n"
	    "j.json:4: \"verdict\" is not a string\n"
	    "j.json:5: key 'R-1/W1' is judged twice (first on line 2): keep "
	    "one\n"
	    "j.json:6: no verdict for 'R-1/W3': give accept, deviation or "
	    "not-applicable (akkoord, afwijking, niet-van-toepassing)\n"
	    "j.json:7: no verdict for 'R-1/W4': give accept, deviation or "
	    "not-applicable (akkoord, afwijking, niet-van-toepassing)\n");
	assert_int_equal(
	    parse_as(&js, "j.json", escaped, strlen(escaped), "Ann"),
	    FA_ERR_INPUT);
	assert_string_equal(diags(), "j.json: item 2: key 'R-1/W1' is judged "
				     "twice (first as item 1): keep one\n");
	/* no name anywhere: the JSON wording */
	assert_int_equal(parse_as(&js, "j.json", noby, strlen(noby), NULL),
			 FA_ERR_INPUT);
	assert_string_equal(diags(), "j.json:1: no 'by' for 'R-1/W1': add "
				     "\"by\" to the item or give --by NAME\n");
}

static void test_judgement__empty_file(void **state)
{
	struct fa_judgements *js = NULL;

	(void)state;
	assert_int_equal(parse(&js, "\xef\xbb\xbf \r\n\n", NULL), FA_ERR_INPUT);
	assert_string_equal(
	    diags(), "j.csv: file is empty: give judgements as CSV or JSON\n");
	assert_int_equal(parse_as(&js, "j.csv", "", 0, NULL), FA_ERR_INPUT);
}

/* A CSV file of one judgement whose cells are key, note and by. */
static enum fa_code one(const char *key, const char *note, const char *by)
{
	struct fa_judgements *js = NULL;
	size_t n = strlen(key) + strlen(note) + strlen(by) + 64;
	char *text = malloc(n);
	enum fa_code rc;

	assert_non_null(text);
	snprintf(text, n, "key,verdict,note,by\n%s,accept,%s,%s\n", key, note,
		 by);
	rc = parse(&js, text, NULL);
	if (rc == FA_OK)
		assert_int_equal(js->n, 1);
	fa_judgements_free(js);
	free(text);
	return rc;
}

static void test_judgement__limits(void **state)
{
	char key[FA_JUDGEMENT_KEY_MAX + 2];
	char note[FA_JUDGEMENT_NOTE_MAX + 2];
	char by[FA_JUDGEMENT_BY_MAX + 2];
	char expect[256];

	(void)state;
	/* key: "R/" and x's to 512 bytes, then 513 */
	memset(key, 'x', sizeof(key));
	memcpy(key, "R/", 2);
	key[FA_JUDGEMENT_KEY_MAX] = '\0';
	assert_int_equal(one(key, "n", "Ann"), FA_OK);
	key[FA_JUDGEMENT_KEY_MAX] = 'x';
	key[FA_JUDGEMENT_KEY_MAX + 1] = '\0';
	assert_int_equal(one(key, "n", "Ann"), FA_ERR_LIMIT);
	assert_string_equal(diags(),
			    "j.csv:2: key has 513 bytes, more than 512\n");

	memset(note, 'n', sizeof(note));
	note[FA_JUDGEMENT_NOTE_MAX] = '\0';
	assert_int_equal(one("R/1", note, "Ann"), FA_OK);
	note[FA_JUDGEMENT_NOTE_MAX] = 'n';
	note[FA_JUDGEMENT_NOTE_MAX + 1] = '\0';
	assert_int_equal(one("R/1", note, "Ann"), FA_ERR_LIMIT);
	assert_string_equal(diags(), "j.csv:2: note for 'R/1' has 4001 "
				     "bytes, more than 4000: shorten it\n");

	memset(by, 'b', sizeof(by));
	by[FA_JUDGEMENT_BY_MAX] = '\0';
	assert_int_equal(one("R/1", "n", by), FA_OK);
	by[FA_JUDGEMENT_BY_MAX] = 'b';
	by[FA_JUDGEMENT_BY_MAX + 1] = '\0';
	assert_int_equal(one("R/1", "n", by), FA_ERR_LIMIT);
	snprintf(expect, sizeof(expect),
		 "j.csv:2: 'by' for 'R/1' has %d bytes, more than %d: shorten "
		 "it\n",
		 FA_JUDGEMENT_BY_MAX + 1, FA_JUDGEMENT_BY_MAX);
	assert_string_equal(diags(), expect);
}

/* FA_JUDGEMENTS_MAX_ROWS rows are read, one more is refused. */
static void test_judgement__row_limit(void **state)
{
	struct fa_judgements *js = NULL;
	size_t cap = 64 + (FA_JUDGEMENTS_MAX_ROWS + 1) * 32, off, i;
	char *text = malloc(cap);
	char expect[128];

	(void)state;
	assert_non_null(text);
	off = (size_t)snprintf(text, cap, "key,verdict,note,by\n");
	for (i = 0; i < FA_JUDGEMENTS_MAX_ROWS; i++)
		off += (size_t)snprintf(text + off, cap - off,
					"R/W%zu,accept,n,A\n", i);
	assert_int_equal(parse_as(&js, "j.csv", text, off, NULL), FA_OK);
	assert_int_equal(js->n, FA_JUDGEMENTS_MAX_ROWS);
	assert_string_equal(js->j[FA_JUDGEMENTS_MAX_ROWS - 1].key, "R/W199999");
	fa_judgements_free(js);
	off += (size_t)snprintf(text + off, cap - off, "R/Wlast,,,\n");
	assert_int_equal(parse_as(&js, "j.csv", text, off, NULL), FA_ERR_LIMIT);
	assert_null(js);
	snprintf(expect, sizeof(expect),
		 "j.csv:%lu: more than %lu judgements: split the file\n",
		 FA_JUDGEMENTS_MAX_ROWS + 2, FA_JUDGEMENTS_MAX_ROWS);
	assert_string_equal(diags(), expect);
	free(text);
}

/* FA_JUDGEMENTS_MAX_BYTES bytes are read, one more is refused. */
static void test_judgement__size_limit(void **state)
{
	struct fa_judgements *js = NULL;
	const char *head = "key,verdict,note,by\nR/W1,accept,n,A\n";
	size_t n = FA_JUDGEMENTS_MAX_BYTES;
	char *text = malloc(n + 1);
	char path[] = "/tmp/test_judgement_XXXXXX";
	int fd;

	(void)state;
	assert_non_null(text);
	memset(text, '\n', n + 1); /* blank lines are skipped */
	memcpy(text, head, strlen(head));
	assert_int_equal(parse_as(&js, "j.csv", text, n, NULL), FA_OK);
	assert_int_equal(js->n, 1);
	fa_judgements_free(js);
	assert_int_equal(parse_as(&js, "j.csv", text, n + 1, NULL),
			 FA_ERR_LIMIT);
	assert_string_equal(diags(), "j.csv: judgements file too large "
				     "(67108865 bytes, limit 67108864)\n");

	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n + 1), (ssize_t)(n + 1));
	close(fd);
	fa_error_init(&err);
	assert_int_equal(fa_judgements_load(&js, path, NULL, &err),
			 FA_ERR_LIMIT);
	assert_null(js);
	assert_int_equal(err.n, 1);
	assert_int_equal(truncate(path, (off_t)n), 0);
	fa_error_init(&err);
	assert_int_equal(fa_judgements_load(&js, path, NULL, &err), FA_OK);
	assert_int_equal(js->n, 1);
	assert_int_equal(js->j[0].line, 2);
	fa_judgements_free(js);
	unlink(path);
	free(text);
}

static void test_judgement__load_errors(void **state)
{
	struct fa_judgements *js = NULL;

	(void)state;
	fa_error_init(&err);
	assert_int_equal(
	    fa_judgements_load(&js, "/nonexistent/j.csv", "A", &err),
	    FA_ERR_IO);
	assert_string_equal(diags(), "cannot open '/nonexistent/j.csv': No "
				     "such file or directory\n");
	fa_error_init(&err);
	assert_int_equal(fa_judgements_load(&js, "/tmp", "A", &err), FA_ERR_IO);
	assert_string_equal(diags(), "cannot read '/tmp': Is a directory\n");
}

static void test_judgement__verdict_names(void **state)
{
	enum fa_judgement_verdict v = FA_JUDGEMENT_DEVIATION;

	(void)state;
	assert_string_equal(fa_judgement_verdict_key(FA_JUDGEMENT_ACCEPT),
			    "accept");
	assert_string_equal(fa_judgement_verdict_key(FA_JUDGEMENT_DEVIATION),
			    "deviation");
	assert_string_equal(
	    fa_judgement_verdict_key(FA_JUDGEMENT_NOT_APPLICABLE),
	    "not-applicable");
	assert_int_equal(fa_judgement_verdict_parse(&v, " Akkoord\t"), 0);
	assert_int_equal(v, FA_JUDGEMENT_ACCEPT);
	assert_int_equal(fa_judgement_verdict_parse(&v, "AFWIJKING"), 0);
	assert_int_equal(v, FA_JUDGEMENT_DEVIATION);
	assert_int_equal(fa_judgement_verdict_parse(&v, "not-applicable"), 0);
	assert_int_equal(v, FA_JUDGEMENT_NOT_APPLICABLE);
	assert_int_equal(fa_judgement_verdict_parse(&v, "accepted"), -1);
	assert_int_equal(fa_judgement_verdict_parse(&v, "not applicable"), -1);
	assert_int_equal(fa_judgement_verdict_parse(&v, ""), -1);
	assert_int_equal(fa_judgement_verdict_parse(&v, NULL), -1);
	assert_int_equal(v, FA_JUDGEMENT_NOT_APPLICABLE); /* untouched */
}

static void test_judgement__check_command_line(void **state)
{
	static char key[] = "R-1/W1", key2[] = "R-1", seen[] = "Seen",
		    empty[] = "", n[] = "n", ann[] = "Ann";
	struct fa_judgement j = { .key = key,
				  .verdict = FA_JUDGEMENT_DEVIATION,
				  .severity = FA_SEV_MAJOR,
				  .note = seen,
				  .by = ann,
				  .line = 0 };

	(void)state;
	fa_error_init(&err);
	assert_int_equal(fa_judgement_check(&j, "command line", &err), FA_OK);
	assert_int_equal(err.n, 0);
	j.verdict = FA_JUDGEMENT_ACCEPT;
	j.by = NULL;
	j.note = empty;
	assert_int_equal(fa_judgement_check(&j, "command line", &err),
			 FA_ERR_INPUT);
	assert_string_equal(
	    diags(), "command line: severity 'major' given with verdict "
		     "'accept' for 'R-1/W1': only a deviation has a severity; "
		     "leave it empty\n"
		     "command line: no note for 'R-1/W1': say why the verdict "
		     "was given\n"
		     "command line: no 'by' for 'R-1/W1': give --by NAME\n");
	fa_error_init(&err);
	j.key = key2;
	j.severity = -1;
	j.note = n;
	j.by = ann;
	assert_int_equal(fa_judgement_check(&j, "command line", &err),
			 FA_ERR_INPUT);
	assert_string_equal(diags(),
			    "command line: key 'R-1' is not RULE-ID/SUBJECT: "
			    "give it as the report's 'key' column shows it\n");
}

/* The demo worksheet judges three needs-review items of the demo
 * package: the values as written in the file, and each key a finding of
 * the demo's audit with outcome review. */
static void test_judgement__demo_fixture(void **state)
{
	static const char *const keys[] = {
		"FEC-INTERVIEW-SET-UP/90412376",
		"CAO-36-DEDUCTION-AGREED-RENT/W0026/2024-06-03",
		"SNF-CO-DETECTORS/L02"
	};
	const char *dir = getenv("FA_FIXTURES");
	struct fa_judgements *js = NULL;
	struct demo_audit d;
	char path[512], key[1024];
	size_t i, k, found;

	(void)state;
	snprintf(path, sizeof(path), "%s/store/judgements-demo.csv",
		 dir ? dir : "fixtures");
	fa_error_init(&err);
	assert_int_equal(fa_judgements_load(&js, path, "X", &err), FA_OK);
	assert_int_equal(js->n, 3);
	assert_int_equal(js->n_skipped, 0);
	assert_int_equal(js->j[0].verdict, FA_JUDGEMENT_ACCEPT);
	assert_int_equal(js->j[0].severity, -1);
	assert_int_equal(js->j[1].verdict, FA_JUDGEMENT_DEVIATION);
	assert_int_equal(js->j[1].severity, FA_SEV_MAJOR);
	assert_int_equal(js->j[2].verdict, FA_JUDGEMENT_NOT_APPLICABLE);
	assert_int_equal(js->j[2].severity, -1);
	for (i = 0; i < 3; i++) {
		assert_string_equal(js->j[i].key, keys[i]);
		assert_string_equal(js->j[i].by, "J. de Boer");
		assert_int_equal(js->j[i].line, i + 2);
	}
	assert_int_equal(demo_audit_load(&d), 0);
	for (i = 0; i < 3; i++) {
		found = 0;
		for (k = 0; k < d.e->n_findings; k++) {
			const struct fa_finding *f = &d.e->findings[k];

			snprintf(key, sizeof(key), "%s/%s", f->rule->id,
				 f->subject);
			if (strcmp(key, keys[i]) == 0) {
				assert_int_equal(f->outcome, FA_OUTCOME_REVIEW);
				found++;
			}
		}
		assert_int_equal(found, 1);
	}
	demo_audit_release(&d);
	fa_judgements_free(js);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_judgement__csv_comma_lf),
		cmocka_unit_test(test_judgement__csv_semicolon_bom_crlf),
		cmocka_unit_test(test_judgement__report_as_worksheet),
		cmocka_unit_test(test_judgement__other_order_extra_columns),
		cmocka_unit_test(test_judgement__dutch),
		cmocka_unit_test(test_judgement__skipped_rows_counted),
		cmocka_unit_test(test_judgement__default_by),
		cmocka_unit_test(test_judgement__all_problems_reported),
		cmocka_unit_test(test_judgement__header_problems),
		cmocka_unit_test(test_judgement__encodings),
		cmocka_unit_test(test_judgement__control_characters),
		cmocka_unit_test(test_judgement__json_array),
		cmocka_unit_test(test_judgement__json_object),
		cmocka_unit_test(test_judgement__json_problems),
		cmocka_unit_test(test_judgement__empty_file),
		cmocka_unit_test(test_judgement__limits),
		cmocka_unit_test(test_judgement__row_limit),
		cmocka_unit_test(test_judgement__size_limit),
		cmocka_unit_test(test_judgement__load_errors),
		cmocka_unit_test(test_judgement__verdict_names),
		cmocka_unit_test(test_judgement__check_command_line),
		cmocka_unit_test(test_judgement__demo_fixture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
