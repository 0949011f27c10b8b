/* SPDX-License-Identifier: MIT */
/*
 * fa-gen: write a synthetic evidence package directory (every table of the
 * schema, the document files and manifest.xml with their SHA-256) for
 * benchmarks and tests. The data is plausible: valid enum values, dates in
 * order, no more residents than beds, references that resolve, so that the
 * package loads without data-quality findings. Output is a function of the
 * arguments only (own PRNG, no clock): the same arguments give the same
 * bytes. Tables are streamed through fixed buffers and hashed while they are
 * written; nothing is allocated per row. Uses the library's hash module and
 * POSIX file calls.
 *
 * The member it describes is a realistic one: every personnel file holds
 * the documents the norms ask for (contracts in Dutch and the worker's
 * language, FEC and charter information, authorisations for each kind of
 * deduction, rental agreement and tenancy information for housed workers,
 * the health-insurance policy for insured ones), rents stay below the
 * rent caps, and a few deviations are planted at realistic rates (about 2%
 * of personnel files miss one document, about 1% of locations charge more
 * than the lowest PKS maximum), so an audit finds a few percent of
 * failures, not a failing member.
 *
 * Wages follow the statutory minimum hourly wage of each pay week's dates
 * and the worker's age (norms.md 11.1): about 3% of workers are 18 when
 * the pay history starts and are paid the youth minimum (the higher of the
 * week's first and last day) until they turn 21. Deductions other than
 * housing and health insurance come out of the wage above the minimum
 * (transport to work: at least 0.55 an hour above it), and a housing
 * deduction is cut to what the minimum wage allows (25% of the minimum
 * owed for the hours, plus what the wage above it leaves). Planted: about
 * 2% of workers (those without transport) are paid the old minimum for
 * four weeks after each raise (a new amount or a birthday), and about 2%
 * are paid exactly the minimum with a daily meals deduction (about 2% more
 * have one, out of a wage 1.50 or more above the minimum).
 *
 * Pay weeks run Monday to Sunday. With W weeks they are spread evenly over
 * 2024-01-01 (the first day of the hourly minimum wage) to the last Sunday
 * of the audit period (2026-10-25), one every ~3 weeks with the default 52,
 * so that every minimum-wage amount is used; with more weeks than fit,
 * they are consecutive and end on that Sunday.
 *
 * Usage: fa-gen --workers N --locations M [--rooms R] [--weeks W]
 *               [--docs-per-worker D] [--file-per-document] [--seed S]
 *               -o DIR
 * Exit codes: 0 written, 1 I/O failure, 2 usage.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "date.h"
#include "hash.h"

/* Argument bounds: beyond them the IDs would lose their fixed width or the
 * package could not be loaded anyway (limits.h). */
#define GEN_MAX_WORKERS 999999ULL
#define GEN_MAX_LOCATIONS 99999ULL
#define GEN_MAX_ROOMS 9999999ULL
#define GEN_MAX_WEEKS 520ULL
#define GEN_MAX_DOCS 99ULL
/* Documents of a complete personnel file (doc_list). */
#define GEN_FILE_DOCS 18

/* Per-table write buffer: large enough that write calls and hash updates
 * work on big blocks. */
#define OUT_BUFFER_BYTES (1024 * 1024)
/* Longest path written: DIR plus a package path of at most ~40 bytes. */
#define GEN_PATH_MAX 4096
/* Dates are looked up in a table of day strings covering these years. */
#define FIRST_YEAR 1950
#define LAST_YEAR 2035

#define EXIT_WRITTEN 0
#define EXIT_IO 1
#define EXIT_USAGE 2

static const char usage_text[] =
    "usage: fa-gen --workers N --locations M [--rooms R] [--weeks W]\n"
    "              [--docs-per-worker D] [--file-per-document] [--seed S]\n"
    "              -o DIR\n"
    "\n"
    "Write a synthetic evidence package directory DIR (created; must be\n"
    "empty or absent). Defaults: --rooms 4 x M, --weeks 52 (spread evenly\n"
    "from 2024-01-01 to 2026-10-25; consecutive if more do not fit),\n"
    "--docs-per-worker 99 (the whole personnel file), --seed 1. A worker's\n"
    "documents are one scanned file (documents/WNNNNNN.pdf), or one file\n"
    "each with --file-per-document. Zip DIR's contents to load it.\n"
    "Exit codes: 0 written, 1 I/O failure, 2 usage.\n";

/* ---- arguments ----------------------------------------------------------- */

struct args {
	uint64_t workers, locations, rooms, weeks, docs, seed;
	int file_per_document;
	const char *dir;
};

/* Print "fa-gen: PRE 'ARG'POST" and the usage, and exit 2. */
static void usage_error(const char *pre, const char *arg, const char *post)
{
	fprintf(stderr, "fa-gen: %s '%s'%s\n%s", pre, arg, post, usage_text);
	exit(EXIT_USAGE);
}

static uint64_t parse_count(const char *opt, const char *s, uint64_t lo,
			    uint64_t hi)
{
	unsigned long long v;
	char *end;

	if (!s)
		usage_error("option", opt, " needs a value");
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*s < '0' || *s > '9' || errno || *end || v < lo || v > hi) {
		fprintf(stderr,
			"fa-gen: '%s' for '%s' is not a number from %llu to "
			"%llu\n%s",
			s, opt, (unsigned long long)lo, (unsigned long long)hi,
			usage_text);
		exit(EXIT_USAGE);
	}
	return v;
}

static void parse_args(struct args *a, int argc, char **argv)
{
	struct {
		const char *name;
		uint64_t *field;
		uint64_t lo, hi;
		int seen;
	} opts[] = {
		{ "--workers", &a->workers, 1, GEN_MAX_WORKERS, 0 },
		{ "--locations", &a->locations, 1, GEN_MAX_LOCATIONS, 0 },
		{ "--rooms", &a->rooms, 1, GEN_MAX_ROOMS, 0 },
		{ "--weeks", &a->weeks, 1, GEN_MAX_WEEKS, 0 },
		{ "--docs-per-worker", &a->docs, 0, GEN_MAX_DOCS, 0 },
		{ "--seed", &a->seed, 0, UINT64_MAX, 0 },
	};
	size_t n_opts = sizeof(opts) / sizeof(opts[0]);
	int i;

	a->weeks = 52;
	a->docs = GEN_MAX_DOCS;
	a->seed = 1;
	a->file_per_document = 0;
	a->dir = NULL;
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *val = NULL, *eq;
		size_t k, n;

		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			fputs(usage_text, stdout);
			exit(EXIT_WRITTEN);
		}
		if (strcmp(arg, "--file-per-document") == 0) {
			a->file_per_document = 1;
			continue;
		}
		if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
			if (i + 1 >= argc)
				usage_error("option", arg, " needs a value");
			a->dir = argv[++i];
			continue;
		}
		eq = strchr(arg, '=');
		n = eq ? (size_t)(eq - arg) : strlen(arg);
		for (k = 0; k < n_opts; k++)
			if (strlen(opts[k].name) == n &&
			    strncmp(opts[k].name, arg, n) == 0)
				break;
		if (k == n_opts)
			usage_error("unknown argument", arg, "");
		if (eq)
			val = eq + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		*opts[k].field =
		    parse_count(opts[k].name, val, opts[k].lo, opts[k].hi);
		opts[k].seen = 1;
	}
	if (!opts[0].seen)
		usage_error("missing", "--workers", "");
	if (!opts[1].seen)
		usage_error("missing", "--locations", "");
	if (!a->dir || !*a->dir)
		usage_error("missing", "-o DIR", "");
	if (!opts[2].seen)
		a->rooms = 4 * a->locations;
	if (a->rooms < a->locations)
		usage_error("option", "--rooms",
			    " must be at least --locations (every location "
			    "needs a bedroom)");
}

/* ---- I/O ----------------------------------------------------------------- */

static const char *out_dir;

static void die_io(const char *verb, const char *path)
{
	fprintf(stderr, "fa-gen: cannot %s '%s': %s\n", verb, path,
		strerror(errno));
	exit(EXIT_IO);
}

static void full_path(char *buf, const char *rel)
{
	int n = snprintf(buf, GEN_PATH_MAX, "%s/%s", out_dir, rel);

	if (n < 0 || n >= GEN_PATH_MAX) {
		errno = ENAMETOOLONG;
		die_io("write", rel);
	}
}

static void make_dir(const char *rel)
{
	char path[GEN_PATH_MAX];

	full_path(path, rel);
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		die_io("create directory", path);
}

/* Write a small file in one go (the document files). */
static void write_small(const char *rel, const char *data, size_t len)
{
	char path[GEN_PATH_MAX];
	ssize_t w;
	int fd;

	full_path(path, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0)
		die_io("create", path);
	w = write(fd, data, len);
	if (w < 0 || (size_t)w != len) {
		if (w >= 0)
			errno = EIO;
		die_io("write", path);
	}
	if (close(fd) != 0)
		die_io("write", path);
}

/* A buffered output file, hashed as it is written (hash NULL: not hashed). */
struct out {
	FILE *f;
	char *buf;
	size_t len;
	struct fa_sha256 *hash;
	char path[GEN_PATH_MAX];
	const char *rel;   /* package path */
	const char *table; /* schema table name, or NULL */
	char hex[FA_SHA256_HEX_LEN];
};

static void out_open(struct out *o, const char *rel, const char *table,
		     int hashed)
{
	struct fa_error err;

	memset(o, 0, sizeof(*o));
	o->rel = rel;
	o->table = table;
	full_path(o->path, rel);
	o->buf = malloc(OUT_BUFFER_BYTES);
	if (!o->buf) {
		fputs("fa-gen: out of memory\n", stderr);
		exit(EXIT_IO);
	}
	fa_error_init(&err);
	if (hashed && fa_sha256_new(&o->hash, &err) != FA_OK) {
		fputs("fa-gen: out of memory\n", stderr);
		exit(EXIT_IO);
	}
	o->f = fopen(o->path, "wb");
	if (!o->f)
		die_io("create", o->path);
}

static void out_flush(struct out *o)
{
	if (o->len == 0)
		return;
	if (o->hash)
		fa_sha256_update(o->hash, o->buf, o->len);
	if (fwrite(o->buf, 1, o->len, o->f) != o->len)
		die_io("write", o->path);
	o->len = 0;
}

static void out_close(struct out *o)
{
	out_flush(o);
	if (fclose(o->f) != 0)
		die_io("write", o->path);
	o->f = NULL;
	if (o->hash) {
		fa_sha256_hex(o->hex, o->hash);
		fa_sha256_free(o->hash);
		o->hash = NULL;
	}
	free(o->buf);
	o->buf = NULL;
}

static void put(struct out *o, const char *s, size_t n)
{
	assert(n <= OUT_BUFFER_BYTES);
	if (o->len + n > OUT_BUFFER_BYTES)
		out_flush(o);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void put_str(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_ch(struct out *o, char c)
{
	if (o->len == OUT_BUFFER_BYTES)
		out_flush(o);
	o->buf[o->len++] = c;
}

/* Unsigned number, at least width digits (zero-padded). */
static void put_u(struct out *o, uint64_t v, int width)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		tmp[n++] = '0';
	if (o->len + (size_t)n > OUT_BUFFER_BYTES)
		out_flush(o);
	while (n)
		o->buf[o->len++] = tmp[--n];
}

/* Fixed point with two decimals: cents as euros, or 1/100 m2. */
static void put_cents(struct out *o, int64_t v)
{
	if (v < 0) {
		put_ch(o, '-');
		v = -v;
	}
	put_u(o, (uint64_t)v / 100, 1);
	put_ch(o, '.');
	put_u(o, (uint64_t)v % 100, 2);
}

/* ---- dates --------------------------------------------------------------- */

static long day_first, day_last;
static char (*day_text)[FA_DATE_LEN];

static void dates_init(void)
{
	long n, i;

	day_first = fa_date_day_number(FIRST_YEAR, 1, 1);
	day_last = fa_date_day_number(LAST_YEAR, 12, 31);
	n = day_last - day_first + 1;
	day_text = malloc((size_t)n * sizeof(*day_text));
	if (!day_text) {
		fputs("fa-gen: out of memory\n", stderr);
		exit(EXIT_IO);
	}
	for (i = 0; i < n; i++) {
		int y, m, d;

		fa_date_from_day_number(&y, &m, &d, day_first + i);
		fa_date_format(day_text[i], y, m, d);
	}
}

static void put_date(struct out *o, long day)
{
	if (day < day_first)
		day = day_first;
	if (day > day_last)
		day = day_last;
	put(o, day_text[day - day_first], 10);
}

/* Monday = 0 (1970-01-01 was a Thursday). */
static int weekday(long day)
{
	return (int)(((day % 7) + 10) % 7);
}

/* ---- PRNG ---------------------------------------------------------------- */

static uint64_t rng_state;

/* splitmix64: tiny, fast and good enough for plausible data. */
static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n) (n small, bias negligible). */
static uint64_t below(uint64_t n)
{
	return rnd() % n;
}

/* Uniform in [lo, hi]; lo if the range is empty. */
static long between(long lo, long hi)
{
	return hi <= lo ? lo : lo + (long)below((uint64_t)(hi - lo + 1));
}

/* 1 with probability percent/100. */
static int chance(unsigned percent)
{
	return below(100) < percent;
}

/* ---- reference data ------------------------------------------------------ */

struct nation {
	const char *country, *lang;
	const char *first[8], *last[8];
};

static const struct nation nations[] = {
	{ "PL",
	  "pl",
	  { "Piotr", "Anna", "Tomasz", "Katarzyna", "Marcin", "Agnieszka",
	    "Kamil", "Monika" },
	  { "Nowak", "Kowalczyk", "Wojcik", "Mazur", "Krawczyk", "Zajac",
	    "Sikora", "Baran" } },
	{ "RO",
	  "ro",
	  { "Ion", "Elena", "Andrei", "Ioana", "Mihai", "Alina", "Florin",
	    "Cristina" },
	  { "Popescu", "Ionescu", "Dumitru", "Stan", "Munteanu", "Rusu",
	    "Lungu", "Matei" } },
	{ "BG",
	  "bg",
	  { "Georgi", "Maria", "Ivan", "Gergana", "Dimitar", "Yana", "Petar",
	    "Desislava" },
	  { "Dimitrov", "Petrov", "Ivanov", "Georgiev", "Todorov", "Kolev",
	    "Iliev", "Marinov" } },
	{ "LT",
	  "lt",
	  { "Tomas", "Rasa", "Darius", "Laura", "Andrius", "Vaida", "Saulius",
	    "Kristina" },
	  { "Kazlauskas", "Jankauskas", "Petrauskas", "Butkus", "Urbonas",
	    "Navickas", "Paulauskas", "Zukauskas" } },
	{ "HU",
	  "hu",
	  { "Laszlo", "Katalin", "Zoltan", "Eszter", "Gabor", "Zsofia",
	    "Attila", "Ildiko" },
	  { "Nagy", "Kovacs", "Toth", "Szabo", "Horvath", "Varga", "Kiss",
	    "Molnar" } },
	{ "PT",
	  "pt",
	  { "Joao", "Ana", "Pedro", "Mariana", "Rui", "Sofia", "Tiago",
	    "Ines" },
	  { "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa",
	    "Martins", "Sousa" } },
};
#define N_NATIONS (sizeof(nations) / sizeof(nations[0]))

static const struct {
	const char *name, *region, *postcode;
} places[] = {
	{ "Venlo", "Noord-Limburg", "59" },
	{ "Horst aan de Maas", "Noord-Limburg", "59" },
	{ "Westland", "Westland", "26" },
	{ "Tilburg", "Midden-Brabant", "50" },
	{ "Zwolle", "Regio Zwolle", "80" },
	{ "Roosendaal", "West-Brabant", "47" },
	{ "Rotterdam", "Rijnmond", "30" },
	{ "Venray", "Noord-Limburg", "58" },
	{ "Oss", "Noordoost-Brabant", "53" },
	{ "Almere", "Flevoland", "13" },
};
#define N_PLACES (sizeof(places) / sizeof(places[0]))

static const char *const streets[] = {
	"Dorpsstraat", "Kerkstraat",  "Molenweg",    "Industrieweg",
	"Stationsweg", "Hoofdstraat", "Nieuwstraat", "Julianastraat",
	"Beatrixlaan", "Parallelweg", "Kasweg",	     "Dijkweg",
};

static const char *const forms[] = { "dwelling", "hotel-pension",
				     "complex-units", "stand-alone-units",
				     "recreation-site" };
static const char *const labels[] = { "A+++", "A++", "A+", "A",
				      "B",    "C",   "D",  "E" };
/* Hours of a full week, as written and in tenths. */
static const struct {
	const char *text;
	unsigned tenths;
} hours_full[] = {
	{ "36", 360 }, { "38", 380 }, { "38.5", 385 }, { "40", 400 },
	{ "40", 400 }, { "40", 400 }, { "40", 400 },   { "42", 420 },
	{ "44", 440 }, { "45", 450 },
};

/* Statutory minimum hourly wage in cents from a date; the newest first. */
static const struct {
	int y, m, d;
	unsigned cents;
} wml_table[] = {
	{ 2026, 1, 1, 1471 }, { 2025, 7, 1, 1440 }, { 2025, 1, 1, 1406 },
	{ 2024, 7, 1, 1368 }, { 2024, 1, 1, 1327 },
};

#define N_WML (sizeof(wml_table) / sizeof(wml_table[0]))
/* The first day of the hourly minimum wage (before it: month, week and
 * day amounts, which the rules do not judge); the pay weeks start here. */
#define WML_FIRST_Y 2024

static long wml_day[N_WML];

static void wml_init(void)
{
	size_t i;

	for (i = 0; i < N_WML; i++)
		wml_day[i] = fa_date_day_number(wml_table[i].y, wml_table[i].m,
						wml_table[i].d);
}

/* The 21+ minimum hourly wage in cents on day. */
static unsigned wml_on(long day)
{
	size_t i;

	for (i = 0; i < N_WML; i++)
		if (day >= wml_day[i])
			return wml_table[i].cents;
	return wml_table[N_WML - 1].cents; /* earlier rates were lower */
}

/* Youth minimum wage: basis points of the 21+ amount of the same day by
 * age on that day; 0 below 15 (no minimum). */
static unsigned youth_bp(int age)
{
	static const unsigned bp[] = { 3000, 3450, 3950, 5000, 6000, 8000 };

	return age >= 15 && age <= 20 ? bp[age - 15] : 0;
}

struct birth {
	int y, m, d;
};

static int age_on(const struct birth *b, long day)
{
	int y, m, d;

	fa_date_from_day_number(&y, &m, &d, day);
	return y - b->y - (m < b->m || (m == b->m && d < b->d));
}

/* The minimum hourly wage in cents for the worker's age on day, the youth
 * amount rounded to the cent, half up. */
static unsigned min_wage(const struct birth *b, long day)
{
	unsigned adult = wml_on(day);
	int age = age_on(b, day);

	if (age >= 21)
		return adult;
	return (adult * youth_bp(age) + 5000) / 10000;
}

/* hours (in tenths) x cents an hour, rounded to the cent, half up. */
static unsigned long times_hours(unsigned tenths, unsigned cents)
{
	return ((unsigned long)tenths * cents + 5) / 10;
}

/* ---- the package --------------------------------------------------------- */

enum {
	T_WORKERS,
	T_RECRUITERS,
	T_COMPANY_DOCS,
	T_LOCATIONS,
	T_ROOMS,
	T_FACILITIES,
	T_DOCUMENTS,
	T_OCCUPANCY,
	T_RENTAL,
	T_PAY,
	T_DEDUCTIONS,
	N_TABLES
};

static const struct {
	const char *file, *table, *header;
} table_files[N_TABLES] = {
	{ "workers.csv", "workers",
	  "employee_id,name,birth_date,nationality,native_language,bsn,"
	  "registration,registration_date,social_security,employment_start,"
	  "employment_end,recruiter_id,housed_by_agency,arrival_date\n" },
	{ "recruiters.csv", "recruiters",
	  "recruiter_id,name,country,charter_bound,agreement_document_id\n" },
	{ "company-documents.csv", "company_documents",
	  "document_id,type,title,language,version,valid_from,"
	  "last_reviewed_on,valid_until,related_id,path\n" },
	{ "locations.csv", "locations",
	  "location_id,address,postcode,municipality,country,certification,"
	  "snf_register_number,role,certificate_valid_until,housing_form,"
	  "zoning,permit_applied_on,new_build,gbo_m2,registered_beds,"
	  "manager_on_site,energy_label,cooking_facilities,pks_region\n" },
	{ "rooms.csv", "rooms",
	  "room_id,location_id,kind,area_m2,beds,bunk_beds,"
	  "written_choice_to_share\n" },
	{ "facilities.csv", "facilities",
	  "location_id,surveyed_on,toilets,showers,burners,fridge_litres,"
	  "washing_machines,laundry_service,drying_outside_bedroom,sockets,"
	  "smoke_detectors,smoke_detectors_expire_on,co_detectors,"
	  "co_detectors_expire_on,extinguisher_inspected_on,"
	  "extinguisher_valid_until,fire_blanket,fire_alarm_installation,"
	  "fire_alarm_inspected_on,information_card\n" },
	{ "documents.csv", "documents",
	  "document_id,employee_id,type,deduction_kind,language,version,"
	  "signed_on,handed_over_on,revoked_on,path\n" },
	{ "occupancy.csv", "occupancy",
	  "employee_id,room_id,from_date,to_date\n" },
	{ "rental-agreements.csv", "rental_agreements",
	  "agreement_id,employee_id,location_id,start_date,end_date,"
	  "weekly_rent,actual_weekly_cost,notice_days_after_employment,"
	  "ends_with_employment,document_id\n" },
	{ "pay-periods.csv", "pay_periods",
	  "employee_id,period_start,period_end,hours,hourly_base_wage,"
	  "housing_deduction,housing_location_id,housing_authorisation_id\n" },
	{ "deductions.csv", "deductions",
	  "employee_id,period_start,kind,amount,specified_on_payslip,"
	  "authorisation_id\n" },
};

struct location {
	unsigned place;
	unsigned rent, cost; /* cents per person per week */
	unsigned beds;
	unsigned form;
};

struct room {
	uint32_t loc;
	uint32_t nth; /* 1-based number within the location */
	uint8_t beds; /* 0: not a bedroom */
	uint8_t used;
};

struct gen {
	struct args a;
	struct out t[N_TABLES];
	struct out manifest;
	struct location *locs;
	struct room *rooms;
	size_t bed_cursor; /* next room to look for a free bed in */
	long audit_from, audit_to, first_2025;
	long *week_mon;	    /* per pay week: its Monday */
	unsigned *week_wml; /* per pay week: the higher WML of its days */
	char rel[GEN_PATH_MAX];
};

#define N_RECRUITERS 3

static void put_wid(struct out *o, uint64_t i)
{
	put_ch(o, 'W');
	put_u(o, i + 1, 6);
}

static void put_lid(struct out *o, uint64_t i)
{
	put_ch(o, 'L');
	put_u(o, i + 1, 5);
}

static void put_rid(struct out *o, uint32_t loc, uint64_t nth)
{
	put_lid(o, loc);
	put_str(o, "-R");
	put_u(o, nth, 2);
}

static void put_did(struct out *o, uint64_t w, unsigned n)
{
	put_str(o, "D-");
	put_wid(o, w);
	put_ch(o, '-');
	put_u(o, n, 2);
}

static void manifest_file(struct gen *g, const char *rel, const char *table,
			  const char hex[FA_SHA256_HEX_LEN])
{
	struct out *m = &g->manifest;

	put_str(m, "    <file path=\"");
	put_str(m, rel);
	if (table) {
		put_str(m, "\" role=\"table\" table=\"");
		put_str(m, table);
	} else {
		put_str(m, "\" role=\"document");
	}
	put_str(m, "\" sha256=\"");
	put_str(m, hex);
	put_str(m, "\"/>\n");
}

/*
 * A tiny valid PDF: one empty A4 page, the title in the document
 * information dictionary (no parentheses or backslashes, which would need
 * escaping). Returns its length in buf.
 */
static size_t make_pdf(char *buf, size_t size, const char *title)
{
	static const char *const objs[] = {
		"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
		"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
		"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 "
		"842] >>\nendobj\n",
	};
	size_t off[4], len, i;
	int n;

	assert(!strpbrk(title, "()\\"));
	len = (size_t)snprintf(buf, size, "%%PDF-1.4\n");
	for (i = 0; i < 3; i++) {
		off[i] = len;
		len += (size_t)snprintf(buf + len, size - len, "%s", objs[i]);
	}
	off[3] = len;
	len += (size_t)snprintf(buf + len, size - len,
				"4 0 obj\n<< /Title (%s) >>\nendobj\n", title);
	n = snprintf(buf + len, size - len,
		     "xref\n0 5\n0000000000 65535 f \n%010zu 00000 n \n"
		     "%010zu 00000 n \n%010zu 00000 n \n%010zu 00000 n \n"
		     "trailer\n<< /Size 5 /Root 1 0 R /Info 4 0 R >>\n"
		     "startxref\n%zu\n%%%%EOF\n",
		     off[0], off[1], off[2], off[3], len);
	len += (size_t)n;
	return len < size ? len : size - 1;
}

static void write_document(struct gen *g, const char *rel, const char *title)
{
	char pdf[1024], hex[FA_SHA256_HEX_LEN];
	size_t len = make_pdf(pdf, sizeof(pdf), title);

	write_small(rel, pdf, len);
	fa_sha256_buf_hex(hex, pdf, len);
	manifest_file(g, rel, NULL, hex);
}

/* ---- fixed tables: recruiters, company documents ------------------------- */

static void gen_company(struct gen *g)
{
	static const struct {
		const char *type, *title, *lang, *related;
	} cdocs[] = {
		{ "fec-information-procedure",
		  "Procedure informeren over FEC en Fair Recruitment Charter",
		  "nl", "" },
		{ "fec-signed-declaration", "Ondertekende verklaring FEC", "nl",
		  "" },
		{ "recruiter-agreement", "Recruitment agreement incl. charter",
		  "en", "R01" },
		{ "recruiter-agreement", "Recruitment agreement incl. charter",
		  "en", "R02" },
		{ "recruiter-agreement", "Recruitment agreement incl. charter",
		  "en", "R03" },
		{ "complaints-procedure", "Klachtenprocedure", "nl", "" },
		{ "snf-certificate", "Bewijs van registratie SNF", "nl", "" },
		{ "deductions-overview", "Overzicht mogelijke inhoudingen",
		  "nl", "" },
	};
	static const char *const rec_country[N_RECRUITERS] = { "PL", "RO",
							       "BG" };
	struct out *r = &g->t[T_RECRUITERS], *c = &g->t[T_COMPANY_DOCS];
	char title[160];
	size_t i;

	make_dir("documents/company");
	for (i = 0; i < sizeof(cdocs) / sizeof(cdocs[0]); i++) {
		int snf = strcmp(cdocs[i].type, "snf-certificate") == 0;

		snprintf(g->rel, sizeof(g->rel), "documents/company/%zu.pdf",
			 i + 1);
		put_str(c, "CD-");
		put_u(c, i + 1, 2);
		put_ch(c, ',');
		put_str(c, cdocs[i].type);
		put_ch(c, ',');
		put_str(c, cdocs[i].title);
		put_ch(c, ',');
		put_str(c, cdocs[i].lang);
		put_str(c, ",1.0,");
		put_date(c, g->audit_from - 400);
		put_ch(c, ',');
		if (!snf)
			put_date(c, g->audit_to - 60);
		put_ch(c, ',');
		if (snf || cdocs[i].related[0])
			put_date(c, g->audit_to + 365);
		put_ch(c, ',');
		put_str(c, cdocs[i].related);
		put_ch(c, ',');
		put_str(c, g->rel);
		put_ch(c, '\n');
		snprintf(title, sizeof(title), "CD-%02zu %s", i + 1,
			 cdocs[i].title);
		write_document(g, g->rel, title);
	}
	for (i = 0; i < N_RECRUITERS; i++) {
		put_str(r, "R0");
		put_u(r, i + 1, 1);
		put_str(r, ",Recruiter ");
		put_u(r, i + 1, 1);
		put_str(r, " Ltd,");
		put_str(r, rec_country[i]);
		put_str(r, ",yes,CD-");
		put_u(r, i + 3, 2);
		put_ch(r, '\n');
	}
}

/* ---- locations, rooms, facilities ---------------------------------------- */

static void gen_housing(struct gen *g)
{
	struct out *lo = &g->t[T_LOCATIONS], *ro = &g->t[T_ROOMS],
		   *fa = &g->t[T_FACILITIES];
	uint64_t nl = g->a.locations, nr = g->a.rooms, i, r = 0;

	g->locs = calloc(nl, sizeof(*g->locs));
	g->rooms = calloc(nr, sizeof(*g->rooms));
	if (!g->locs || !g->rooms) {
		fputs("fa-gen: out of memory\n", stderr);
		exit(EXIT_IO);
	}
	for (i = 0; i < nl; i++) {
		struct location *l = &g->locs[i];
		uint64_t n = nr / nl + (i < nr % nl), k, bedrooms;
		unsigned beds = 0, gbo;
		int hotel, ev = chance(85), akf = chance(5);

		l->place = (unsigned)below(N_PLACES);
		l->form = (unsigned)below(sizeof(forms) / sizeof(forms[0]));
		hotel = l->form == 1;
		/* Rents below the lowest PKS maximum (placeholder tables) and
		 * the 25% cap; about one location in 100 charges more. */
		l->rent = chance(1) ? (unsigned)between(9000, 11000)
				    : (unsigned)between(6500, 8000);
		l->cost = l->rent + (unsigned)between(0, 800);
		/* Bedrooms first; the last rooms are a kitchen, a bathroom
		 * and a living room when there are enough rooms. */
		bedrooms = n <= 2 ? 1 : n - (n >= 5 ? 3 : 2);
		for (k = 0; k < n; k++, r++) {
			unsigned kind_beds = 0, area;
			const char *kind;

			g->rooms[r].loc = (uint32_t)i;
			g->rooms[r].nth = (uint32_t)(k + 1);
			if (k < bedrooms) {
				kind = "bedroom";
				kind_beds = 1 + (unsigned)chance(55);
				area = kind_beds * 350 +
				       (unsigned)between(150, 700);
			} else if (k == bedrooms) {
				kind = n == 2 ? "bathroom" : "kitchen";
				area = (unsigned)between(600, 1400);
			} else if (k == bedrooms + 1) {
				kind = "bathroom";
				area = (unsigned)between(300, 600);
			} else {
				kind = "living";
				area = (unsigned)between(1400, 3200);
			}
			g->rooms[r].beds = (uint8_t)kind_beds;
			beds += kind_beds;
			put_rid(ro, (uint32_t)i, k + 1);
			put_ch(ro, ',');
			put_lid(ro, i);
			put_ch(ro, ',');
			put_str(ro, kind);
			put_ch(ro, ',');
			put_cents(ro, area);
			put_ch(ro, ',');
			if (kind_beds) {
				put_u(ro, kind_beds, 1);
				put_str(ro, ",0,");
				if (kind_beds == 2)
					put_str(ro, hotel ? "yes" : "no");
			} else {
				put_str(ro, ",,");
			}
			put_ch(ro, '\n');
		}
		l->beds = beds;
		gbo = beds * (unsigned)between(1550, 2200);

		put_lid(lo, i);
		put_ch(lo, ',');
		put_str(lo,
			streets[below(sizeof(streets) / sizeof(streets[0]))]);
		put_ch(lo, ' ');
		put_u(lo, (uint64_t)between(1, 240), 1);
		put_ch(lo, ',');
		put_str(lo, places[l->place].postcode);
		put_u(lo, (uint64_t)between(0, 99), 2);
		put_ch(lo, ' ');
		put_ch(lo, (char)('A' + below(26)));
		put_ch(lo, (char)('B' + below(24)));
		put_ch(lo, ',');
		put_str(lo, places[l->place].name);
		put_str(lo, ",NL,");
		put_str(lo, akf ? "akf,AKF-" : "snf,SNF-");
		put_u(lo, 10000 + i, 5);
		put_str(lo, ev ? ",ev," : ",ab,");
		put_date(lo, g->audit_to + between(30, 500));
		put_ch(lo, ',');
		put_str(lo, forms[l->form]);
		put_str(lo, chance(60) ? ",logies,," : ",wonen,,");
		put_str(lo, "no,");
		put_cents(lo, gbo);
		put_ch(lo, ',');
		put_u(lo, beds, 1);
		put_str(lo, beds >= 12 ? ",yes," : ",no,");
		put_str(lo, labels[below(sizeof(labels) / sizeof(labels[0]))]);
		put_str(lo, ",yes,");
		put_str(lo, places[l->place].region);
		put_ch(lo, '\n');

		put_lid(fa, i);
		put_ch(fa, ',');
		put_date(fa, g->audit_to - between(10, 200));
		put_ch(fa, ',');
		put_u(fa, beds / 8 + 1, 1);
		put_ch(fa, ',');
		put_u(fa, beds / 8 + 1, 1);
		put_ch(fa, ',');
		put_u(fa, beds / 2 > 4 ? beds / 2 + 1 : 4, 1);
		put_ch(fa, ',');
		put_u(fa, 30 * beds + 60, 1);
		put_ch(fa, ',');
		put_u(fa, beds / 10 + 1, 1);
		put_str(fa, ",no,yes,");
		put_u(fa, beds + (unsigned)between(2, 8), 1);
		put_ch(fa, ',');
		put_u(fa, n / 2 + 1, 1);
		put_ch(fa, ',');
		put_date(fa, g->audit_to + between(365, 3000));
		put_str(fa, ",1,");
		put_date(fa, g->audit_to + between(365, 2500));
		put_ch(fa, ',');
		put_date(fa, g->audit_to - between(20, 300));
		put_ch(fa, ',');
		put_date(fa, g->audit_to + between(60, 345));
		put_str(fa, ",yes,no,,yes\n");
	}
}

/* The next free bed, or -1 when every bed is taken. */
static long take_bed(struct gen *g)
{
	while (g->bed_cursor < g->a.rooms) {
		struct room *rm = &g->rooms[g->bed_cursor];

		if (rm->used < rm->beds) {
			rm->used++;
			return (long)g->bed_cursor;
		}
		g->bed_cursor++;
	}
	return -1;
}

/* ---- workers and everything per worker ----------------------------------- */

struct doc_kind {
	const char *type, *kind; /* kind: deduction kind or NULL */
	int native;		 /* in the worker's language (else nl) */
};

/*
 * The documents of a complete personnel file, in order: what every worker
 * gets, then what housing, the health insurance, transport to work and
 * meals add.
 * Returns how many (at most GEN_FILE_DOCS).
 */
static unsigned doc_list(struct doc_kind out[GEN_FILE_DOCS], int housed,
			 int insured, int transport, int meals)
{
	static const struct doc_kind every[] = {
		{ "employment-contract", NULL, 0 },
		{ "employment-contract", NULL, 1 },
		{ "fec-signed", NULL, 1 },
		{ "fec-information", NULL, 1 },
		{ "charter-information", NULL, 1 },
		{ "pre-departure-information", NULL, 1 },
		{ "complaints-procedure", NULL, 1 },
		{ "brp-rni-information", NULL, 1 },
		{ "deductions-overview", NULL, 1 },
		{ "housing-choice", NULL, 1 },
	},
				     housing[] = {
					     { "rental-agreement", NULL, 0 },
					     { "rental-agreement", NULL, 1 },
					     { "housing-information", NULL, 1 },
					     { "deduction-authorisation",
					       "housing", 1 },
				     },
				     insurance[] = {
					     { "deduction-authorisation",
					       "health-insurance", 1 },
					     { "health-insurance-policy", NULL,
					       1 },
				     },
				     ride = { "deduction-authorisation",
					      "transport-to-work", 1 },
				     food = { "deduction-authorisation",
					      "meals", 1 };
	unsigned n = 0, k;

	for (k = 0; k < sizeof(every) / sizeof(every[0]); k++)
		out[n++] = every[k];
	for (k = 0; housed && k < sizeof(housing) / sizeof(housing[0]); k++)
		out[n++] = housing[k];
	for (k = 0; insured && k < sizeof(insurance) / sizeof(insurance[0]);
	     k++)
		out[n++] = insurance[k];
	if (transport)
		out[n++] = ride;
	if (meals)
		out[n++] = food;
	assert(n <= GEN_FILE_DOCS);
	return n;
}

/* The number (1-based) of the first document of type and kind in list, or 0. */
static unsigned doc_number(const struct doc_kind *list, unsigned n,
			   const char *type, const char *kind)
{
	unsigned k;

	for (k = 0; k < n; k++)
		if (strcmp(list[k].type, type) == 0 &&
		    (!kind ||
		     (list[k].kind && strcmp(list[k].kind, kind) == 0)))
			return k + 1;
	return 0;
}

static void gen_worker(struct gen *g, uint64_t i)
{
	const struct nation *nat = &nations[below(N_NATIONS)];
	struct out *wo = &g->t[T_WORKERS], *dd = &g->t[T_DOCUMENTS],
		   *oc = &g->t[T_OCCUPANCY], *ra = &g->t[T_RENTAL],
		   *pp = &g->t[T_PAY], *de = &g->t[T_DEDUCTIONS];
	long start, end = -1, arrival, occ_to = -1, bed = -1, w, born;
	long first_mon = g->week_mon[0];
	long last_sunday = g->week_mon[g->a.weeks - 1] + 6;
	unsigned premium = chance(60) ? 0 : (unsigned)between(5, 200);
	int housed, insured = chance(55), transport = chance(15);
	unsigned rec = (unsigned)below(N_RECRUITERS + 2), n, d9, sum;
	unsigned rent = 0, docs = (unsigned)g->a.docs, n_docs, skip = 0;
	unsigned rental_doc, housing_auth, health_auth, transport_auth;
	unsigned meals_auth;
	/* The minimum-wage kinds: a youth worker, a worker paid the old
	 * minimum after a raise, a daily meals deduction (out of the minimum
	 * wage itself for about half of them). */
	int youth = chance(3), underpaid = !transport && chance(2);
	int meals = chance(4), meals_bad = meals && chance(50);
	unsigned meals_day = meals ? (unsigned)between(300, 600) : 0;
	struct birth birth;
	struct doc_kind list[GEN_FILE_DOCS];
	char digits[10], title[128];
	const struct location *loc = NULL;

	/* Most workers are employed for the whole pay history, having
	 * started up to four years before it; a youth worker started at 18
	 * in the year before it. */
	if (youth)
		start = between(first_mon - 7 - 300, first_mon - 7);
	else if (chance(99))
		start = between(first_mon - 7 - 4 * 365, first_mon - 7);
	else
		start = between(first_mon, last_sunday - 7);
	/* An adult is 21 or older in every pay week. */
	born = youth ? start - between(18 * 365 + 5, 18 * 365 + 300)
		     : start - between(21 * 365 + 6, 58 * 365);
	fa_date_from_day_number(&birth.y, &birth.m, &birth.d, born);
	/* Only housing and health insurance may come out of the minimum
	 * wage: a worker with other deductions earns enough above it (transport
	 * 12.50 a week from 3 days = 24 hours; meals at most 6.00 a day). */
	if (underpaid || meals_bad)
		premium = 0;
	else if (meals && premium < 150)
		premium = 150;
	else if (transport && premium < 55)
		premium = 55;
	if (chance(4)) {
		long lo =
		    start + 28 > g->audit_from ? start + 28 : g->audit_from;

		if (lo <= g->audit_to)
			end = between(lo, g->audit_to);
	}
	arrival = start - 2;
	if (chance(85)) {
		bed = take_bed(g);
		if (bed >= 0) {
			loc = &g->locs[g->rooms[bed].loc];
			rent = loc->rent;
			if (end >= 0)
				occ_to = end + between(7, 21);
		}
	}
	housed = bed >= 0;
	n_docs = doc_list(list, housed, insured, transport, meals);
	if (n_docs > docs)
		n_docs = docs;
	/* About one personnel file in 50 misses one of its documents. */
	if (n_docs > 0 && chance(2))
		skip = 1 + (unsigned)below(n_docs);
	rental_doc = doc_number(list, n_docs, "rental-agreement", NULL);
	housing_auth =
	    doc_number(list, n_docs, "deduction-authorisation", "housing");
	health_auth = doc_number(list, n_docs, "deduction-authorisation",
				 "health-insurance");
	transport_auth = doc_number(list, n_docs, "deduction-authorisation",
				    "transport-to-work");
	meals_auth =
	    doc_number(list, n_docs, "deduction-authorisation", "meals");
	if (rental_doc == skip)
		rental_doc = 0;
	if (housing_auth == skip)
		housing_auth = 0;
	if (health_auth == skip)
		health_auth = 0;
	if (transport_auth == skip)
		transport_auth = 0;
	if (meals_auth == skip)
		meals_auth = 0;

	/* workers.csv */
	do {
		sum = 0;
		digits[0] = (char)('1' + below(3));
		for (n = 1; n < 8; n++)
			digits[n] = (char)('0' + below(10));
		for (n = 0; n < 8; n++)
			sum += (unsigned)(digits[n] - '0') * (9 - n);
		d9 = sum % 11;
	} while (d9 == 10);
	digits[8] = (char)('0' + d9);
	digits[9] = '\0';
	put_wid(wo, i);
	put_ch(wo, ',');
	put_str(wo, nat->first[below(8)]);
	put_ch(wo, ' ');
	put_str(wo, nat->last[below(8)]);
	put_ch(wo, ',');
	put_date(wo, born);
	put_ch(wo, ',');
	put_str(wo, nat->country);
	put_ch(wo, ',');
	put_str(wo, nat->lang);
	put_ch(wo, ',');
	put(wo, digits, 9);
	put_str(wo, housed && chance(70) ? ",rni," : ",brp,");
	put_date(wo, arrival + between(2, 9));
	put_str(wo, ",nl-payroll,");
	put_date(wo, start);
	put_ch(wo, ',');
	if (end >= 0)
		put_date(wo, end);
	put_ch(wo, ',');
	if (rec < N_RECRUITERS) {
		put_str(wo, "R0");
		put_u(wo, rec + 1, 1);
	}
	put_str(wo, housed ? ",yes," : ",no,");
	put_date(wo, arrival);
	put_ch(wo, '\n');

	/* documents.csv and the files: one scanned personnel file per worker,
	 * or one file per document */
	if (n_docs > 0 && g->a.file_per_document) {
		snprintf(g->rel, sizeof(g->rel), "documents/W%06llu",
			 (unsigned long long)(i + 1));
		make_dir(g->rel);
	} else if (n_docs > 0) {
		snprintf(g->rel, sizeof(g->rel), "documents/W%06llu.pdf",
			 (unsigned long long)(i + 1));
		snprintf(title, sizeof(title), "W%06llu personnel file",
			 (unsigned long long)(i + 1));
		write_document(g, g->rel, title);
	}
	for (n = 1; n <= n_docs; n++) {
		struct doc_kind k = list[n - 1];
		const char *lang = k.native ? nat->lang : "nl";
		int signed_doc = strcmp(k.type, "employment-contract") == 0 ||
				 strcmp(k.type, "rental-agreement") == 0 ||
				 strcmp(k.type, "fec-signed") == 0 ||
				 strcmp(k.type, "housing-choice") == 0 ||
				 k.kind != NULL;
		long when = strcmp(k.type, "pre-departure-information") == 0
				? arrival - 10
				: arrival;

		if (n == skip)
			continue;
		if (g->a.file_per_document)
			snprintf(g->rel, sizeof(g->rel),
				 "documents/W%06llu/%u.pdf",
				 (unsigned long long)(i + 1), n);
		put_did(dd, i, n);
		put_ch(dd, ',');
		put_wid(dd, i);
		put_ch(dd, ',');
		put_str(dd, k.type);
		put_ch(dd, ',');
		if (k.kind)
			put_str(dd, k.kind);
		put_ch(dd, ',');
		put_str(dd, lang);
		put_str(dd, ",2025.1,");
		if (signed_doc)
			put_date(dd, when);
		put_ch(dd, ',');
		if (!signed_doc)
			put_date(dd, when);
		put_str(dd, ",,");
		put_str(dd, g->rel);
		put_ch(dd, '\n');
		if (g->a.file_per_document) {
			snprintf(title, sizeof(title), "D-W%06llu-%02u %s %s",
				 (unsigned long long)(i + 1), n, k.type, lang);
			write_document(g, g->rel, title);
		}
	}

	/* occupancy and rental agreement */
	if (housed) {
		put_wid(oc, i);
		put_ch(oc, ',');
		put_rid(oc, g->rooms[bed].loc, g->rooms[bed].nth);
		put_ch(oc, ',');
		put_date(oc, arrival);
		put_ch(oc, ',');
		if (occ_to >= 0)
			put_date(oc, occ_to);
		put_ch(oc, '\n');

		put_str(ra, "H-");
		put_wid(ra, i);
		put_ch(ra, ',');
		put_wid(ra, i);
		put_ch(ra, ',');
		put_lid(ra, g->rooms[bed].loc);
		put_ch(ra, ',');
		put_date(ra, arrival);
		put_ch(ra, ',');
		if (occ_to >= 0)
			put_date(ra, occ_to);
		put_ch(ra, ',');
		put_cents(ra, rent);
		put_ch(ra, ',');
		put_cents(ra, loc->cost);
		put_str(ra, chance(75) ? ",31,no," : ",42,no,");
		if (rental_doc)
			put_did(ra, i, rental_doc);
		put_ch(ra, '\n');
	}

	/* pay periods and deductions, week by week */
	for (w = 0; w < (long)g->a.weeks; w++) {
		long mon = g->week_mon[w], sun = mon + 6, a, b, dday;
		unsigned days = 0, wage, lo, hi, tenths, ins = 0, other = 0;
		unsigned long gross, owed, allowed, housing = 0, v;
		int k;

		if (start > sun || (end >= 0 && end < mon))
			continue;
		a = start > mon ? start : mon;
		b = end >= 0 && end < sun ? end : sun;
		for (dday = a; dday <= b; dday++)
			days += weekday(dday) < 5;
		if (days == 0)
			continue;
		/* The minimum for the age on the week's first and last day
		 * (for an adult: the higher WML of its days); paid the higher
		 * one, or by an underpaid worker the one of four weeks before
		 * where it has risen since. */
		lo = min_wage(&birth, mon);
		hi = min_wage(&birth, sun);
		if (lo > hi) {
			wage = lo;
			lo = hi;
			hi = wage;
		}
		wage = hi + premium;
		if (underpaid && min_wage(&birth, mon - 28) < hi)
			wage = min_wage(&birth, mon - 28);

		put_wid(pp, i);
		put_ch(pp, ',');
		put_date(pp, mon);
		put_ch(pp, ',');
		put_date(pp, sun);
		put_ch(pp, ',');
		if (days == 5) {
			k = (int)below(sizeof(hours_full) /
				       sizeof(hours_full[0]));
			put_str(pp, hours_full[k].text);
			tenths = hours_full[k].tenths;
		} else {
			put_u(pp, 8 * days, 1);
			tenths = 80 * days;
		}
		put_ch(pp, ',');
		put_cents(pp, wage);
		put_ch(pp, ',');

		/* The deductions, and the housing deduction the minimum wage
		 * allows with them: 25% of the minimum owed (rounded half up)
		 * plus what the wage above it leaves after the other
		 * deductions, with the lower and with the higher minimum of
		 * the week. Health insurance stays within its cap (the yearly
		 * maximum / 52: 34.46 in 2024, 38.46 from 2025). */
		if (insured)
			ins = mon < g->first_2025      ? 3390
			      : g->week_wml[w] >= 1471 ? 3620
						       : 3450;
		if (transport && days >= 3)
			other += 1250;
		if (meals)
			other += meals_day * days;
		gross = times_hours(tenths, wage);
		allowed = (unsigned long)-1;
		for (k = 0; k < 2; k++) {
			owed = times_hours(tenths, k ? hi : lo);
			v = (owed + 2) / 4;
			if (gross > owed && gross - owed > other)
				v += gross - owed - other;
			if (v < allowed)
				allowed = v;
		}
		if (housed) {
			long oa = arrival > mon ? arrival : mon;
			long ob = occ_to >= 0 && occ_to < sun ? occ_to : sun;

			if (ob >= oa) {
				housing =
				    (rent * (unsigned)(ob - oa + 1) + 3) / 7;
				if (housing > allowed)
					housing = allowed;
				put_cents(pp, (int64_t)housing);
				put_ch(pp, ',');
				put_lid(pp, g->rooms[bed].loc);
				put_ch(pp, ',');
				if (housing_auth)
					put_did(pp, i, housing_auth);
			} else {
				put_ch(pp, ',');
				put_ch(pp, ',');
			}
		} else {
			put_ch(pp, ',');
			put_ch(pp, ',');
		}
		put_ch(pp, '\n');

		if (insured) {
			put_wid(de, i);
			put_ch(de, ',');
			put_date(de, mon);
			put_str(de, ",health-insurance,");
			put_cents(de, ins);
			put_str(de, ",yes,");
			if (health_auth)
				put_did(de, i, health_auth);
			put_ch(de, '\n');
		}
		if (transport && days >= 3) {
			put_wid(de, i);
			put_ch(de, ',');
			put_date(de, mon);
			put_str(de, ",transport-to-work,12.50,yes,");
			if (transport_auth)
				put_did(de, i, transport_auth);
			put_ch(de, '\n');
		}
		if (meals) {
			put_wid(de, i);
			put_ch(de, ',');
			put_date(de, mon);
			put_str(de, ",meals,");
			put_cents(de, meals_day * days);
			put_str(de, ",yes,");
			if (meals_auth)
				put_did(de, i, meals_auth);
			put_ch(de, '\n');
		}
	}
}

/* ---- manifest ------------------------------------------------------------ */

static void manifest_head(struct gen *g)
{
	struct out *m = &g->manifest;

	put_str(m, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<package xmlns=\"urn:flexaudit:evidence-package:1\" "
		   "format=\"1\">\n"
		   "  <member>\n"
		   "    <name>Synthetisch Uitzendbureau B.V.</name>\n"
		   "    <kvk>");
	put_u(m, 10000000 + g->a.seed % 90000000, 8);
	put_str(m, "</kvk>\n    <abu-number>ABU-");
	put_u(m, g->a.seed % 100000, 5);
	put_str(m, "</abu-number>\n  </member>\n  <audit-period from=\"");
	put_date(m, g->audit_from);
	put_str(m, "\" to=\"");
	put_date(m, g->audit_to);
	put_str(m, "\"/>\n  <producer>\n"
		   "    <name>fa-gen synthetic data</name>\n"
		   "    <system>fa-gen seed ");
	put_u(m, g->a.seed, 1);
	put_str(m, "</system>\n  </producer>\n"
		   "  <produced-at>2026-11-10T16:45:00+01:00</produced-at>\n"
		   "  <files>\n");
}

/* DIR must not exist or be empty, so that no stale file ends up in the
 * package unlisted. */
static void prepare_dir(const char *dir)
{
	DIR *d;
	struct dirent *e;

	if (mkdir(dir, 0777) == 0)
		return;
	if (errno != EEXIST)
		die_io("create directory", dir);
	d = opendir(dir);
	if (!d)
		die_io("open directory", dir);
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0) {
			closedir(d);
			fprintf(stderr,
				"fa-gen: output directory '%s' is not empty\n",
				dir);
			exit(EXIT_IO);
		}
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	static struct gen g;
	uint64_t i;
	size_t k;

	parse_args(&g.a, argc, argv);
	out_dir = g.a.dir;
	rng_state = g.a.seed;
	dates_init();

	g.audit_to = fa_date_day_number(2026, 10, 31);
	g.first_2025 = fa_date_day_number(2025, 1, 1);
	wml_init();
	g.week_mon = malloc(g.a.weeks * sizeof(*g.week_mon));
	g.week_wml = malloc(g.a.weeks * sizeof(*g.week_wml));
	if (!g.week_mon || !g.week_wml) {
		fputs("fa-gen: out of memory\n", stderr);
		return EXIT_IO;
	}
	{
		/* The pay weeks: spread evenly from the first Monday of the
		 * hourly minimum wage to the week that ends on the last
		 * Sunday of the audit period, or consecutive up to that week
		 * when more are asked for than fit. */
		long last = g.audit_to - weekday(g.audit_to) - 7;
		long first = fa_date_day_number(WML_FIRST_Y, 1, 1);
		uint64_t span;

		first += (7 - weekday(first)) % 7;
		span = (uint64_t)((last - first) / 7);
		for (i = 0; i < g.a.weeks; i++) {
			uint64_t back = g.a.weeks - 1 - i;

			if (g.a.weeks > span + 1 || g.a.weeks == 1)
				g.week_mon[i] = last - 7 * (long)back;
			else
				g.week_mon[i] =
				    first +
				    7 * (long)(i * span / (g.a.weeks - 1));
		}
	}
	g.audit_from = fa_date_day_number(2025, 1, 1);
	if (g.week_mon[0] < g.audit_from)
		g.audit_from = g.week_mon[0];
	for (i = 0; i < g.a.weeks; i++) {
		long mon = g.week_mon[i];
		unsigned a = wml_on(mon), b = wml_on(mon + 6);

		/* A week that spans a rate change pays the new rate. */
		g.week_wml[i] = a > b ? a : b;
	}

	prepare_dir(g.a.dir);
	make_dir("documents");
	out_open(&g.manifest, "manifest.xml", NULL, 0);
	manifest_head(&g);
	for (k = 0; k < N_TABLES; k++) {
		out_open(&g.t[k], table_files[k].file, table_files[k].table, 1);
		put_str(&g.t[k], table_files[k].header);
	}

	gen_company(&g);
	gen_housing(&g);
	for (i = 0; i < g.a.workers; i++)
		gen_worker(&g, i);

	for (k = 0; k < N_TABLES; k++) {
		out_close(&g.t[k]);
		manifest_file(&g, g.t[k].rel, g.t[k].table, g.t[k].hex);
	}
	put_str(&g.manifest, "  </files>\n</package>\n");
	out_close(&g.manifest);

	free(g.week_wml);
	free(g.week_mon);
	free(g.locs);
	free(g.rooms);
	free(day_text);
	return EXIT_WRITTEN;
}
