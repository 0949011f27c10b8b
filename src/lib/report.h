/* SPDX-License-Identifier: MIT */
/*
 * The inspection report: one model built from an audit (package, rule sets,
 * evaluation, sample, norm mismatches), and one writer per format
 * (report_text.c, report_html.c, report_csv.c; JSON in json.c, the only
 * jansson user). Every writer shows the same findings. The model's summary
 * tables (housing per location, overcharges per worker) are read from the
 * evidence database through db.h and from the findings' facts. Writers
 * write to a caller's stream and never print anything else. Uses db,
 * evidence, eval, compare, ruleset, sample.
 *
 * Personal data: names, BSN and birth dates are only in the model when
 * reveal_personal is set; otherwise workers are shown by employee number.
 */
#ifndef FA_REPORT_H
#define FA_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "compare.h"
#include "error.h"
#include "eval.h"
#include "evidence.h"
#include "numfmt.h"
#include "ruleset.h"
#include "sample.h"

enum fa_verdict {
	FA_VERDICT_POSITIVE = 0,
	FA_VERDICT_POSITIVE_B, /* positive with B-deviations (minor) */
	FA_VERDICT_NEGATIVE,   /* A-deviations (major) */
	FA_VERDICT_INCOMPLETE, /* no A-deviation found, and not everything
				* was checked (fa_report.incomplete) */
};

/*
 * Why an audit did not check everything the verdict depends on
 * (struct fa_report.incomplete). A negative verdict stands whatever was
 * not checked: more checks can only add deviations. Any other verdict is
 * then "incomplete".
 */
#define FA_INCOMPLETE_ERROR                          \
	0x1u /* a rule could not run, or returned an \
	      * invalid outcome for some subject */
#define FA_INCOMPLETE_NOT_SUPPLIED                \
	0x2u /* a rule judging deviations (not an \
	      * observation) reads a table that   \
	      * the package does not supply */
#define FA_INCOMPLETE_SELECTION                                            \
	0x4u			   /* only part of the rules: --rule,      \
				    * --skip-rule, or rules of the bundled \
				    * sets left out of --rules */
#define FA_INCOMPLETE_NO_RULE 0x8u /* no rule in force ran */

struct fa_report_location;
struct fa_report_document;
struct fa_report_person;

/*
 * What a report shows of the package besides its manifest and findings,
 * as read from the evidence database: given instead of the database when
 * the package is not at hand (a run restored from the audit store).
 * Locations as the database gives them, without what findings add (the
 * PKS figures, n_fail); documents by line; people by employee number.
 * Borrowed; fa_report_new copies them.
 */
struct fa_report_parts {
	const struct fa_report_location *locations;
	size_t n_locations;
	const struct fa_report_document *documents;
	size_t n_documents;
	const struct fa_report_person *people;
	size_t n_people;
};

/*
 * The ABU follow-up (docs/store.md): the member's earlier stored run, its
 * deviations whose repair deadline has passed by this audit's date and
 * what became of each, and what changed since, by kind (the diff's:
 * new, resolved, persisting, changed, not rechecked).
 */
struct fa_report_due {
	char *key;
	char *rule_id;
	char *object; /* the requirement's location, or NULL */
	char deadline[FA_DATE_LEN];
	int major;  /* A, else B */
	int status; /* resolved 1, persisting 2, changed 3, not rechecked 4
		     * (enum fa_diff_kind) */
};
struct fa_report_follow_up {
	int64_t run;		      /* the earlier run */
	char audit_date[FA_DATE_LEN]; /* its audit date */
	size_t counts[5];	      /* the diff's, by kind */
	size_t n_due;		      /* its deviations due by now: */
	struct fa_report_due *due;    /* by deadline, then key */
	/* the requirements they make (rule, location, class), and of
	 * those the ones with a subject not resolved */
	size_t n_due_requirements, n_open_requirements;
};

struct fa_report_options {
	int nl;		     /* labels and messages in Dutch, else English */
	int reveal_personal; /* names, BSN, birth dates of workers */
	int verbose;	     /* text: every kept finding, passes too */
	int fails;	     /* text: fail, review, error findings in full */
	int all;	     /* html, json, csv: pass and n/a findings too */
	int self_assessment; /* add what to fix and what to add */
	const char *generated_at; /* shown as "generated"; NULL: audit date */
	/* How the rules were chosen (borrowed; the report must say when
	 * only part of them ran): --rule, --skip-rule */
	const char *const *only;
	size_t n_only;
	const char *const *skip;
	size_t n_skip;
	/* The bundled rule sets when others were given (--rules): those of
	 * their rules that were not loaded are left out. NULL: the bundled
	 * sets are the ones loaded, or bundled_unknown. */
	const struct fa_rulesets *bundled;
	int bundled_unknown; /* --rules given, and the bundled rule sets
			      * could not be loaded to compare */
	/* Not NULL: the package's parts come from here, not from its
	 * database (the evidence then has none). */
	const struct fa_report_parts *parts;
	/* A stored run's judgements (borrowed for the report's life): the
	 * applied ones are also on their findings (fa_finding.judged). */
	const struct fa_judged *judged;
	size_t n_judged;
};

/* A table the package does not supply, and the rules not checked for want
 * of it. */
struct fa_report_missing {
	const struct fa_table_spec *table;
	size_t n_rules;
	const struct fa_rule **rules; /* in rule order */
	size_t n_deciding;	      /* of them, rules judging deviations */
};

/* A rule set's part of the report. */
struct fa_report_section {
	const struct fa_ruleset *set;
	size_t counts[FA_OUTCOME_COUNT];
	size_t n_major, n_minor;	    /* failing findings by severity */
	size_t n_findings;		    /* kept findings of this set: */
	const struct fa_finding **findings; /* fail, review, error first,
					     * then the rest, each in rule
					     * order */
};

/* Housing per location, on the audit date. Unknown numbers are -1. */
struct fa_report_location {
	char *id;
	char *address;	     /* street and number, postcode, municipality */
	char *housing_form;  /* as in the package */
	char *role;	     /* ev / ab */
	char *certification; /* snf / akf / none */
	char *register_number;
	char *valid_until;	/* certificate, or NULL */
	int registration_valid; /* on the audit date */
	int64_t beds_registered;
	int64_t occupied;	  /* workers with an occupancy that day */
	double gbo_m2;		  /* usable floor area of the location */
	double m2_per_person;	  /* gbo / max(occupied, 1) */
	int64_t max_bedroom_beds; /* most beds in one bedroom */
	char *pks_points;	  /* facts of a kept finding, or NULL */
	char *pks_stars;
	int64_t pks_max_rent_cents; /* per person per week, or -1 */
	int pks_placeholder;	    /* PKS values are placeholders (NF) */
	int64_t rent_max_cents;	    /* highest weekly rent charged, or -1 */
	int64_t overcharge_cents;   /* deductions above the allowed amount */
	size_t n_fail;		    /* failing findings about it */
};

/* Money owed to a worker: deductions above the allowed amount and pay
 * below the minimum wage (facts "amount_cents", "money" and "location" of
 * failing findings whose subject is WORKER/PERIOD). */
struct fa_report_overcharge {
	char *employee_id;
	char *location_id; /* the last location named, or NULL */
	size_t periods;	   /* pay periods with money deducted above ... */
	int64_t cents;	   /* ... the allowed amount */
	size_t underpaid_periods; /* fact "money" = "underpaid": below */
	int64_t underpaid_cents;  /* the minimum wage (WML-MINIMUM-WAGE) */
	int64_t owed_cents;	  /* cents + underpaid_cents */
	const char *first_period; /* the earliest and latest pay period */
	const char *last_period;  /* with money owed (the subject after its
				   * '/', borrowed from the findings), or
				   * NULL for subjects without a period */
};

/* A needs-review item for the inspector's checklist, per rule. */
struct fa_report_review {
	const struct fa_rule *rule;
	const struct fa_finding *first; /* its question */
	size_t n;			/* subjects */
};

/*
 * A deviation counted per requirement (report_group.c): one rule, and for
 * a housing rule one location, with its failing subjects.
 */
struct fa_report_requirement {
	const struct fa_rule *rule;
	enum fa_severity severity; /* of its findings: the rule's, unless an
				    * inspector judged them otherwise */
	const char *object; /* the location of a housing rule, or NULL: the
			     * rule as a whole (borrowed from a finding) */
	char deadline[FA_DATE_LEN];
	size_t n;			    /* failing subjects: */
	const struct fa_finding **findings; /* by subject */
	size_t n_workers;   /* distinct workers among them, for rules about
			     * workers, documents and pay periods; else 0 */
	int64_t owed_cents; /* their amount_cents facts added up: money
			     * owed to workers (0: none) */
};

/*
 * A needs-review item: one question about one unit of work (a location, a
 * worker, a subject), with the findings that ask it (report_group.c).
 */
struct fa_report_review_item {
	const struct fa_rule *rule;
	const char *unit; /* its first unit_len bytes name the unit */
	size_t unit_len;
	size_t n;			    /* findings: */
	const struct fa_finding **findings; /* by subject; [0] asks */
};

/* A document a finding points at through its row of the documents index
 * (report_docs.c). */
struct fa_report_document {
	unsigned long line; /* of documents.csv */
	char *path;	    /* in the package, or NULL */
	const char *sha256; /* from the manifest (borrowed), or NULL */
};

/* A rule whose results rest on uncertain (U) or placeholder (NF) values. */
struct fa_report_caution {
	const struct fa_rule *rule;
	unsigned flags;	   /* FA_FINDING_UNCERTAIN | FA_FINDING_PLACEHOLDER */
	size_t n_not_pass; /* its fail and review findings */
};

/*
 * A rule whose results rest on a secondary source (S): the rule's own
 * confidence, or the weakest of the P and S values its check read, is S.
 * A rule of confidence U or NF is a caution only; a rule that is a
 * caution for the U or NF values it read is also listed here for its
 * findings that rest on P and S values alone, if it has any.
 */
struct fa_report_secondary {
	const struct fa_rule *rule;
	int reads_values;	   /* 0: its check read no P or S value */
	enum fa_confidence values; /* the weakest of them */
	size_t n_not_pass; /* its fail and review findings, but for those
			    * that rest on a U or NF value */
};

/* A worker's personal data, only with reveal_personal. */
struct fa_report_person {
	char *employee_id;
	char *name;
	char *bsn; /* or RNI status */
	char *birth_date;
};

struct fa_report {
	struct fa_report_options opt;
	const struct fa_evidence *ev; /* borrowed, as the rest */
	const struct fa_rulesets *sets;
	const struct fa_eval *e;
	const struct fa_sample *sample; /* NULL: self-assessment, all */
	const char *version;		/* of flexaudit */
	char generated_at[40];
	enum fa_verdict verdict;
	unsigned incomplete; /* FA_INCOMPLETE_*, 0: everything checked */
	size_t n_errors;     /* rules that could not run or returned an
			      * invalid outcome */
	size_t n_not_in_force;
	size_t n_not_checked; /* rules that read a table not supplied */
	size_t n_not_checked_deciding; /* of them, rules judging deviations
					* (not observations) */
	size_t n_ran; /* rules in force that ran without error */

	size_t n_missing; /* tables not supplied, in schema order */
	struct fa_report_missing *missing;
	size_t n_left_out;		 /* rules of the bundled sets not */
	const struct fa_rule **left_out; /* loaded (opt.bundled) */

	size_t n_sections;
	struct fa_report_section *sections; /* per rule set, load order */

	size_t n_deviations;		      /* fail, major and minor: */
	const struct fa_finding **deviations; /* by deadline, then rule */

	size_t n_requirements; /* deviations per requirement, in the */
	struct fa_report_requirement *requirements; /* order of deviations */
	const struct fa_finding **requirement_findings; /* private: theirs */
	size_t n_major_requirements, n_minor_requirements;
	size_t n_major_subjects, n_minor_subjects; /* failing subjects */
	size_t n_safety_requirements; /* of rules that are safety items */
	size_t n_safety_review_items;

	size_t n_review_items; /* per rule, unit of work and question */
	struct fa_report_review_item *review_items;
	const struct fa_finding **review_findings; /* private: theirs */

	size_t n_documents; /* the documents findings point at, by line */
	struct fa_report_document *documents;

	size_t n_locations;
	struct fa_report_location *locations;	     /* in file order */
	struct fa_report_location **locations_by_id; /* private: lookups */

	size_t n_overcharges;
	struct fa_report_overcharge *overcharges; /* by amount, largest
						   * first */
	int64_t overcharge_total_cents;
	int64_t underpaid_total_cents; /* of all workers */
	int64_t owed_total_cents;      /* both */
	int deductions_judged; /* a rule measuring money (its check returns
				* amount_cents) ran */

	size_t n_mismatches;
	const struct fa_mismatch *mismatches; /* borrowed; may be NULL */
	/* the comparisons made, "cao/snf, cao/fec"; NULL: none was made
	 * (no declared pair loaded, or the paired rules did not run) */
	char *mismatch_sets;

	size_t n_reviews;
	struct fa_report_review *reviews;

	size_t n_cautions;
	struct fa_report_caution *cautions;

	size_t n_secondary; /* in rule order, rules in force only */
	struct fa_report_secondary *secondary;

	size_t n_people;
	struct fa_report_person *people; /* sorted by employee_id */

	/* the follow-up of the member's earlier run, or NULL (borrowed from
	 * the audit: set by the store) */
	const struct fa_report_follow_up *follow_up;

	/* the member's waivers on the audit date (set by the store; n_waivers
	 * 0: none), the open findings they waive, and the verdict with
	 * them: the failures they waive do not count (r->verdict stays the
	 * one without) */
	const struct fa_waived *waivers;
	size_t n_waivers;
	size_t n_waived;
	enum fa_verdict verdict_waived;
};

/*
 * Build the report model. Everything passed is borrowed and must outlive
 * the report; mismatches may be NULL (n 0); pairs are the rule pairs
 * whose mismatches were computed (NULL, 0: no comparison was made). *out is the
 * caller's (fa_report_free). Returns FA_OK, FA_ERR_NOMEM, FA_ERR_INTERNAL (a
 * summary query failed) or FA_ERR_INPUT: the amount_cents of the failing
 * findings, taken without their sign, add up past INT64_MAX, so a sum of
 * money the report makes might not fit in 64 bits (the message names the
 * largest amount); no sum is ever capped.
 */
enum fa_code
fa_report_new(struct fa_report **out, struct fa_evidence *ev,
	      const struct fa_rulesets *sets, const struct fa_eval *e,
	      const struct fa_sample *sample,
	      const struct fa_mismatch *mismatches, size_t n_mismatches,
	      const struct fa_rule_pair *pairs, size_t n_pairs,
	      const struct fa_report_options *opt, struct fa_error *err);
void fa_report_free(struct fa_report *r);

/* The location a housing rule's finding is about (its requirement's
 * object), or NULL: borrowed from f. */
const char *fa_report_object_of(const struct fa_finding *f);

/* report_group.c, for fa_report_new: requirements from deviations,
 * review items from the review findings. */
enum fa_code fa_report_build_requirements(struct fa_report *r,
					  struct fa_error *err);
enum fa_code fa_report_build_review_items(struct fa_report *r,
					  struct fa_error *err);

/* report_docs.c, for fa_report_new: the documents findings point at. */
enum fa_code fa_report_build_documents(struct fa_report *r,
				       struct fa_evidence *ev,
				       struct fa_error *err);
/*
 * The document f points at through a row of the documents index (its
 * ref_table is documents): path and SHA-256; NULL when it names none.
 * A check that names the document itself (ref_document) has it in
 * f->ref_file and f->ref_sha256 instead.
 */
const struct fa_report_document *fa_report_document(const struct fa_report *r,
						    const struct fa_finding *f);

/*
 * Every worker's personal data from ev's database, sorted by employee
 * number: *out (n entries) is the caller's (fa_report_people_free).
 * FA_ERR_NOMEM or FA_ERR_INTERNAL.
 */
enum fa_code fa_report_read_people(struct fa_report_person **out, size_t *n,
				   struct fa_evidence *ev,
				   struct fa_error *err);
void fa_report_people_free(struct fa_report_person *p, size_t n);

/* The personal data of a worker (only with reveal_personal), or NULL. */
const struct fa_report_person *fa_report_person(const struct fa_report *r,
						const char *employee_id);
/*
 * The same for a finding's subject: the subject up to its first '/' is the
 * employee number for worker, document and pay-period rules. NULL without
 * reveal_personal or when the subject names no worker.
 */
const struct fa_report_person *
fa_report_subject_person(const struct fa_report *r, const char *subject);

/* en or nl, whichever is the report's language (for labels). */
const char *fa_report_tr(const struct fa_report *r, const char *en,
			 const char *nl);
/* A finding's text in the report's language ("" if none). */
const char *fa_report_msg(const struct fa_report *r, const struct fa_text *t);
/* A data-quality finding's message in the report's language. */
const char *fa_report_dq_message(const struct fa_report *r,
				 const struct fa_dq_finding *d);
/* A location's housing form and certification (the package's codes:
 * "dwelling", "none") in the report's language; an unknown code as it
 * is. */
const char *fa_report_housing_form(const struct fa_report *r, const char *code);
const char *fa_report_certification(const struct fa_report *r,
				    const char *code);
/* A rule's article in the report's language. */
const char *fa_report_article(const struct fa_report *r,
			      const struct fa_rule *rule);
/* A finding's observed, expected and detail texts in the report's
 * language (the check's observed_nl, ... in Dutch when it gave them), or
 * NULL when the check gave none. */
const char *fa_report_observed(const struct fa_report *r,
			       const struct fa_finding *f);
const char *fa_report_expected(const struct fa_report *r,
			       const struct fa_finding *f);
const char *fa_report_detail(const struct fa_report *r,
			     const struct fa_finding *f);
/* Money in cents in the report's language: "€1,870.00", "€ 1.870,00"
 * (buf of at least FA_NUMFMT_LEN bytes). */
const char *fa_report_eur(const struct fa_report *r, char *buf, size_t size,
			  int64_t cents);
/*
 * 1 if the HTML report lists f: a finding that is not a pass or n/a, or
 * any with opt.all. JSON and CSV list those and the passes a summary
 * reads (rules with keep="all").
 */
int fa_report_listed_html(const struct fa_report *r,
			  const struct fa_finding *f);
int fa_report_listed(const struct fa_report *r, const struct fa_finding *f);
/* The verdict for that many major and minor failures, given what r
 * checked (a negative one stands whatever was not checked). */
enum fa_verdict fa_report_verdict_of(const struct fa_report *r, size_t n_major,
				     size_t n_minor);
/* The verdict's key: "positive", "positive-b", "negative", "incomplete". */
const char *fa_report_verdict_key(enum fa_verdict v);
/* Verdict v in words, in the report's language. */
const char *fa_report_verdict_words(const struct fa_report *r,
				    enum fa_verdict v);
/* The verdict in words, in the report's language. */
const char *fa_report_verdict_text(const struct fa_report *r);
/*
 * Why the audit is incomplete: reason i, for i below FA_REPORT_REASONS,
 * in the order every report gives them (one per FA_INCOMPLETE_* flag).
 * Its key in the JSON report into *key (key may be NULL), whether or not
 * it applies; a sentence in the report's language into buf. Returns buf,
 * or NULL ("" in buf) when the reason does not apply: its flag is not in
 * r->incomplete.
 */
#define FA_REPORT_REASONS 4
const char *fa_report_reason(const struct fa_report *r, size_t i,
			     const char **key, char *buf, size_t size);
/* 1 if the audit date lies before or after the package's audit period
 * (audit --allow-date-outside-period): the report must say so. */
int fa_report_date_outside_period(const struct fa_report *r);
/* Money in cents as "1234.50", "-0.05"; every int64 exactly, INT64_MIN
 * too (buf of at least 32 bytes). */
const char *fa_report_money(char *buf, size_t size, int64_t cents);
/* *sum += cents; -1 (and *sum unchanged) if that does not fit in 64
 * bits. A report's sums never do (fa_report_new refuses such money). */
int fa_report_add_cents(int64_t *sum, int64_t cents);

/*
 * Writers: the whole report to out. Return FA_OK, FA_ERR_IO when
 * writing failed (the caller discards the file), or FA_ERR_NOMEM (the
 * HTML writer's indexes).
 */
enum fa_code fa_report_write_text(FILE *out, const struct fa_report *r,
				  struct fa_error *err);
enum fa_code fa_report_write_html(FILE *out, const struct fa_report *r,
				  struct fa_error *err);
enum fa_code fa_report_write_csv(FILE *out, const struct fa_report *r,
				 struct fa_error *err);

#endif
