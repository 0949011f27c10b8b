/* SPDX-License-Identifier: MIT */
/*
 * The evidence schema v1 as data. Norm references point at the sections of
 * the domain fact sheet the rule sets are built from (FEC, SNF, CAO, PKS,
 * WML). Changing a column here changes the loader, the database and the
 * documentation together; libc only.
 */
#include <string.h>
#include <strings.h>

#include "schema.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define REQ FA_COL_REQUIRED
#define UNQ FA_COL_UNIQUE
#define PII FA_COL_PERSONAL
#define NN FA_COL_NONNEG

static const struct fa_column_spec workers[] = {
	{ "employee_id", "personeelsnummer", FA_COL_ID, REQ | UNQ, NULL, NULL,
	  NULL, "W0001", "all per-worker checks",
	  "the member's employee number, without '/'; the key other tables "
	  "refer to",
	  NULL },
	{ "name", "naam", FA_COL_TEXT, REQ | PII, NULL, NULL, NULL,
	  "Anna Kowalska", "inspection sample, interviews",
	  "full name; shown only where the audience needs it", NULL },
	{ "birth_date", "geboortedatum", FA_COL_DATE, PII, NULL, NULL, NULL,
	  "1994-05-17", "identity check (SNA); masked in reports",
	  "date of birth", NULL },
	{ "nationality", "nationaliteit", FA_COL_COUNTRY, REQ, NULL, NULL, NULL,
	  "PL", "FEC scope (labour migrant), Wgv definition",
	  "nationality as ISO 3166-1 alpha-2 code", NULL },
	{ "native_language", "moedertaal", FA_COL_LANG, REQ, NULL, NULL, NULL,
	  "pl", "FEC 3a (contract in the worker's language), CAO art. 38",
	  "language the worker understands best, ISO 639-1 code", NULL },
	{ "bsn", "bsn", FA_COL_ID, PII, NULL, NULL, NULL, "123456782",
	  "FEC 5 (registration), WML payroll",
	  "citizen service number; checked with the elfproef", NULL },
	{ "registration", "inschrijving", FA_COL_ENUM, REQ, "brp|rni|none",
	  NULL, NULL, "rni", "FEC 5 (BRP/RNI), CAO art. 36.3",
	  "registration in the Dutch population register: BRP (resident), "
	  "RNI (non-resident) or none yet",
	  NULL },
	{ "registration_date", "inschrijfdatum", FA_COL_DATE, 0, NULL, NULL,
	  NULL, "2025-02-03", "FEC 5", "date of the BRP or RNI registration",
	  NULL },
	{ "social_security", "sociale_zekerheid", FA_COL_ENUM, REQ,
	  "nl-payroll|a1", NULL, NULL, "nl-payroll", "FEC preamble (no A1)",
	  "Dutch wage tax and social insurance, or paid under a foreign A1 "
	  "certificate",
	  NULL },
	{ "employment_start", "datum_in_dienst", FA_COL_DATE, REQ, NULL, NULL,
	  NULL, "2025-01-13",
	  "FEC signed code (from 2025), FEC 3b (from 2023-04-01)",
	  "first day of the current employment", NULL },
	{ "employment_end", "datum_uit_dienst", FA_COL_DATE, 0, NULL, NULL,
	  NULL, "2025-10-31", "FEC housing after the job, CAO art. 36.5",
	  "last day of employment; empty while employed", NULL },
	{ "recruiter_id", "werver", FA_COL_ID, 0, NULL, NULL,
	  "recruiters.recruiter_id", "R01", "FEC 2 (Fair Recruitment Charter)",
	  "recruitment agency that recruited the worker; empty if none", NULL },
	{ "housed_by_agency", "huisvesting_via_bureau", FA_COL_BOOL, REQ, NULL,
	  NULL, NULL, "ja", "FEC 3b, CAO art. 36.2",
	  "whether the member (or a party it arranged) houses the worker",
	  NULL },
	{ "arrival_date", "aankomstdatum", FA_COL_DATE, 0, NULL, NULL, NULL,
	  "2025-01-10", "FEC 2b (pre-departure information before arrival)",
	  "date the worker arrived in the Netherlands", NULL },
	{ "aged_21_or_over", "21_of_ouder", FA_COL_BOOL, 0, NULL, NULL, NULL,
	  "ja", "WML (adult minimum wage without a birth date)",
	  "whether the worker was 21 or older in every pay period of the "
	  "package; read only where birth_date is empty, so that the "
	  "minimum wage can be judged without a date of birth",
	  NULL },
};

static const struct fa_column_spec recruiters[] = {
	{ "recruiter_id", "werver", FA_COL_ID, REQ | UNQ, NULL, NULL, NULL,
	  "R01", "FEC 2", "the member's code for the recruitment agency",
	  NULL },
	{ "name", "naam", FA_COL_TEXT, REQ, NULL, NULL, NULL,
	  "Agencja Pracy Baltic Sp. z o.o.", "FEC 2",
	  "registered name of the recruiter", NULL },
	{ "country", "land", FA_COL_COUNTRY, REQ, NULL, NULL, NULL, "PL",
	  "FEC 2", "country where the recruiter is established", NULL },
	{ "charter_bound", "gebonden_aan_charter", FA_COL_BOOL, REQ, NULL, NULL,
	  NULL, "ja", "FEC 2 (Fair Recruitment Charter)",
	  "whether an agreement binds the recruiter to the Fair Recruitment "
	  "Charter",
	  NULL },
	{ "agreement_document_id", "overeenkomst_document", FA_COL_ID, 0, NULL,
	  NULL, "company_documents.document_id", "CD-R01", "FEC 2, FEC 2a",
	  "the recruiter agreement in company_documents", NULL },
};

static const struct fa_column_spec company_documents[] = {
	{ "document_id", "document_id", FA_COL_ID, REQ | UNQ, NULL, NULL, NULL,
	  "CD-FEC-PROC", "FEC audit element, FEC 2, SNF registration",
	  "the member's identifier of the document", NULL },
	{ "type", "soort", FA_COL_ENUM, REQ,
	  "fec-information-procedure|fec-signed-declaration|"
	  "recruiter-agreement|complaints-procedure|snf-certificate|"
	  "akf-certificate|deductions-overview|id-retention-policy|other",
	  NULL, NULL, "fec-information-procedure",
	  "FEC audit element (procedure), FEC preamble, FEC 2, SNF",
	  "what the document is", NULL },
	{ "title", "titel", FA_COL_TEXT, REQ, NULL, NULL, NULL,
	  "Procedure informeren FEC en Fair Recruitment Charter", NULL,
	  "title as it appears on the document", NULL },
	{ "language", "taal", FA_COL_LANG, REQ, NULL, NULL, NULL, "nl",
	  "FEC 3a", "language of this copy, ISO 639-1", NULL },
	{ "version", "versie", FA_COL_TEXT, 0, NULL, NULL, NULL, "3.1", NULL,
	  "version label", NULL },
	{ "valid_from", "geldig_vanaf", FA_COL_DATE, 0, NULL, NULL, NULL,
	  "2024-12-01", "FEC audit element (set up)",
	  "date the document was adopted or issued", NULL },
	{ "last_reviewed_on", "laatst_herzien", FA_COL_DATE, 0, NULL, NULL,
	  NULL, "2025-11-20", "FEC audit element (maintained)",
	  "date of the last review or update", NULL },
	{ "valid_until", "geldig_tot", FA_COL_DATE, 0, NULL, NULL, NULL,
	  "2026-06-30", "SNF/AKF certificate validity",
	  "expiry date, for certificates and agreements", NULL },
	{ "related_id", "betreft", FA_COL_ID, 0, NULL, NULL, NULL, "R01",
	  "FEC 2 (which recruiter), SNF (which location)",
	  "recruiter_id or location_id the document is about", NULL },
	{ "path", "pad", FA_COL_TEXT, 0, NULL, NULL, NULL,
	  "documents/company/fec-procedure-nl.pdf", "evidence reference",
	  "path of the file in the package; empty if not supplied", NULL },
};

static const struct fa_column_spec locations[] = {
	{ "location_id", "locatie", FA_COL_ID, REQ | UNQ, NULL, NULL, NULL,
	  "L01", "all housing checks", "the member's location code", NULL },
	{ "address", "adres", FA_COL_TEXT, REQ, NULL, NULL, NULL,
	  "Dorpsstraat 12", "SNF information card, location register",
	  "street and number", NULL },
	{ "postcode", "postcode", FA_COL_TEXT, REQ, NULL, NULL, NULL, "5912 AB",
	  "PKS region", "postcode", NULL },
	{ "municipality", "gemeente", FA_COL_TEXT, REQ, NULL, NULL, NULL,
	  "Venlo", "zoning and permits", "municipality", NULL },
	{ "country", "land", FA_COL_COUNTRY, 0, NULL, NULL, NULL, "NL",
	  "SNF (locations in BE/DE registered from 2024)",
	  "country of the location; empty means NL", "NL" },
	{ "certification", "keurmerk", FA_COL_ENUM, REQ, "snf|akf|none", NULL,
	  NULL, "snf", "SNF registration, WML housing deduction, CAO 3.6",
	  "housing quality mark the location is registered under", NULL },
	{ "snf_register_number", "snf_registratienummer", FA_COL_TEXT, 0, NULL,
	  NULL, NULL, "SNF-12345-L01", "SNF location register",
	  "registration number of the location or company in the SNF "
	  "(or AKF) register",
	  NULL },
	{ "role", "rol", FA_COL_ENUM, REQ, "ev|ab", NULL, NULL, "ev",
	  "SNF 2.4 (EV/AB)",
	  "ev: first responsible (inspected); ab: other stakeholder", NULL },
	{ "certificate_valid_until", "certificaat_geldig_tot", FA_COL_DATE, 0,
	  NULL, NULL, NULL, "2026-03-31",
	  "SNF registration valid on audit date",
	  "end of validity of the certificate covering the location", NULL },
	{ "housing_form", "woonvorm", FA_COL_ENUM, REQ,
	  "dwelling|hotel-pension|complex-units|stand-alone-units|"
	  "recreation-site",
	  NULL, NULL, "dwelling",
	  "SNF allowed forms, SNF 2.2/2.3 (hotel), bedroom exception",
	  "a) regular dwelling, b) hotel/pension, c) units in a building "
	  "complex, d) stand-alone units, e) recreation site",
	  NULL },
	{ "zoning", "bestemming", FA_COL_ENUM, REQ, "logies|wonen", NULL, NULL,
	  "wonen", "SNF GBO 10 m2 (logies) / 12 m2 (wonen)",
	  "municipal zoning of the location", NULL },
	{ "permit_applied_on", "vergunning_aangevraagd", FA_COL_DATE, 0, NULL,
	  NULL, NULL, "2025-09-01", "SNF 2.2/2.3 new-build from 2025-07-01",
	  "date the first environmental permit was applied for", NULL },
	{ "new_build", "nieuwbouw", FA_COL_BOOL, REQ, NULL, NULL, NULL, "nee",
	  "SNF 2.2/2.3", "whether the location is new-build", NULL },
	{ "gbo_m2", "gbo_m2", FA_COL_DECIMAL, REQ | NN, NULL, "m2", NULL,
	  "96,5", "SNF GBO per person, PKS",
	  "usable floor area (gebruiksoppervlakte wonen) of the location",
	  NULL },
	{ "registered_beds", "geregistreerde_bedden", FA_COL_INT, REQ | NN,
	  NULL, "beds", NULL, "8", "SNF occupancy vs register, info card",
	  "beds allowed in the SNF location register / information card",
	  NULL },
	{ "manager_on_site", "beheerder_aanwezig", FA_COL_BOOL, 0, NULL, NULL,
	  NULL, "nee", "SNF toezicht en beheer, PKS extra points",
	  "whether a manager is present on site", NULL },
	{ "energy_label", "energielabel", FA_COL_ENUM, 0,
	  "A++++|A+++|A++|A+|A|B|C|D|E|F|G", NULL, NULL, "B", "PKS points",
	  "energy label of the building", NULL },
	{ "cooking_facilities", "kookgelegenheid", FA_COL_BOOL, 0, NULL, NULL,
	  NULL, "ja", "SNF hotel without kitchen: at most 6 weeks",
	  "whether residents can cook; empty means yes", "ja" },
	{ "pks_region", "pks_regio", FA_COL_TEXT, 0, NULL, NULL, NULL,
	  "Limburg", "PKS maximum rent per region",
	  "PKS (NVM) region of the location", NULL },
};

static const struct fa_column_spec rooms[] = {
	{ "room_id", "ruimte", FA_COL_ID, REQ | UNQ, NULL, NULL, NULL, "L01-S1",
	  "SNF bedroom checks", "the member's room code", NULL },
	{ "location_id", "locatie", FA_COL_ID, REQ, NULL, NULL,
	  "locations.location_id", "L01", "all housing checks",
	  "location the room is in", NULL },
	{ "kind", "soort", FA_COL_ENUM, REQ,
	  "bedroom|living|kitchen|bathroom|toilet|laundry|other", NULL, NULL,
	  "bedroom", "SNF 2.3, PKS", "use of the room", NULL },
	{ "area_m2", "oppervlakte_m2", FA_COL_DECIMAL, REQ | NN, NULL, "m2",
	  NULL, "11,2", "SNF bedroom 3.5 m2 per person, PKS",
	  "floor area of the room", NULL },
	{ "height_m", "hoogte_m", FA_COL_DECIMAL, NN, NULL, "m", NULL, "2,60",
	  "SNF standing height 2.1 m",
	  "free height from floor to ceiling (a sloping ceiling: its highest "
	  "point); empty if not measured",
	  NULL },
	{ "beds", "bedden", FA_COL_INT, NN, NULL, "beds", NULL, "2",
	  "SNF one bed per resident", "number of beds; empty means 0", "0" },
	{ "bunk_beds", "stapelbedden", FA_COL_INT, NN, NULL, "beds", NULL, "0",
	  "SNF no bunk beds from 2024-01-01",
	  "number of bunk beds (each counted once); empty means 0", "0" },
	{ "written_choice_to_share", "schriftelijke_keuze_delen", FA_COL_BOOL,
	  0, NULL, NULL, NULL, "nee", "SNF 2.3 new-build/hotel from 2025-07-01",
	  "whether every resident chose in writing to share the bedroom",
	  NULL },
};

static const struct fa_column_spec facilities[] = {
	{ "location_id", "locatie", FA_COL_ID, REQ | UNQ, NULL, NULL,
	  "locations.location_id", "L01", "SNF facilities",
	  "location the row describes (one row per location)", NULL },
	{ "surveyed_on", "opgenomen_op", FA_COL_DATE, 0, NULL, NULL, NULL,
	  "2025-11-03", "evidence date", "date the facilities were recorded",
	  NULL },
	{ "toilets", "toiletten", FA_COL_INT, REQ | NN, NULL, NULL, NULL, "2",
	  "SNF 1 toilet per 8 persons", "number of toilets", NULL },
	{ "showers", "douches", FA_COL_INT, REQ | NN, NULL, NULL, NULL, "2",
	  "SNF 1 shower per 8 persons", "number of showers", NULL },
	{ "burners", "kookpitten", FA_COL_INT, NN, NULL, NULL, NULL, "4",
	  "SNF cooking (uncertain values)", "number of cooking burners", NULL },
	{ "fridge_litres", "koelkast_liters", FA_COL_INT, NN, NULL, "litres",
	  NULL, "240", "SNF 30 litres per person (uncertain)",
	  "fridge and freezer space", NULL },
	{ "washing_machines", "wasmachines", FA_COL_INT, NN, NULL, NULL, NULL,
	  "1", "SNF washing machine from 2021-06-01",
	  "washing machines available (0 with a laundry service: see next)",
	  NULL },
	{ "laundry_service", "wasservice", FA_COL_BOOL, 0, NULL, NULL, NULL,
	  "nee", "SNF washing machine or laundry option",
	  "whether a laundry service replaces a machine", NULL },
	{ "drying_outside_bedroom", "drogen_buiten_slaapkamer", FA_COL_BOOL, 0,
	  NULL, NULL, NULL, "ja", "SNF drying place from 2021-06-01",
	  "whether laundry can dry outside the bedrooms", NULL },
	{ "sockets", "stopcontacten", FA_COL_INT, NN, NULL, NULL, NULL, "12",
	  "SNF 1 socket per resident from 2021-06-01",
	  "wall sockets available to residents", NULL },
	{ "smoke_detectors", "rookmelders", FA_COL_INT, NN, NULL, NULL, NULL,
	  "3", "SNF smoke detectors", "working smoke detectors", NULL },
	{ "smoke_detectors_expire_on", "rookmelders_vervaldatum", FA_COL_DATE,
	  0, NULL, NULL, NULL, "2031-05-01", "SNF detector expiry",
	  "earliest expiry date of the smoke detectors", NULL },
	{ "co_detectors", "co_melders", FA_COL_INT, NN, NULL, NULL, NULL, "1",
	  "SNF CO detectors", "working carbon monoxide detectors", NULL },
	{ "co_detectors_expire_on", "co_melders_vervaldatum", FA_COL_DATE, 0,
	  NULL, NULL, NULL, "2030-01-01", "SNF detector expiry",
	  "earliest expiry date of the CO detectors", NULL },
	{ "extinguisher_inspected_on", "blusser_gekeurd_op", FA_COL_DATE, 0,
	  NULL, NULL, NULL, "2025-04-14", "SNF fire extinguisher (REOB)",
	  "date of the last fire extinguisher inspection", NULL },
	{ "extinguisher_valid_until", "blusser_geldig_tot", FA_COL_DATE, 0,
	  NULL, NULL, NULL, "2026-04-14", "SNF inspection valid on the date",
	  "end of validity of that inspection", NULL },
	{ "fire_blanket", "blusdeken", FA_COL_BOOL, 0, NULL, NULL, NULL, "ja",
	  "SNF fire blanket", "fire blanket in the kitchen", NULL },
	{ "fire_alarm_installation", "brandmeldinstallatie", FA_COL_BOOL, 0,
	  NULL, NULL, NULL, "nee", "SNF fire alarm maintained (2021-06-01)",
	  "whether a fire-alarm installation is present", NULL },
	{ "fire_alarm_inspected_on", "brandmeldinstallatie_gekeurd_op",
	  FA_COL_DATE, 0, NULL, NULL, NULL, "", "SNF fire alarm maintained",
	  "date of the last inspection of the installation", NULL },
	{ "information_card", "informatiekaart", FA_COL_BOOL, REQ, NULL, NULL,
	  NULL, "ja", "SNF information card (from 2021-09-01)",
	  "whether the SNF information card hangs at the location", NULL },
};

static const struct fa_column_spec documents[] = {
	{ "document_id", "document_id", FA_COL_ID, REQ | UNQ, NULL, NULL, NULL,
	  "D-W0001-01", "evidence reference",
	  "the member's identifier of the document", NULL },
	{ "employee_id", "personeelsnummer", FA_COL_ID, REQ, NULL, NULL,
	  "workers.employee_id", "W0001", "all personnel-file checks",
	  "worker whose personnel file holds the document", NULL },
	{ "type", "soort", FA_COL_ENUM, REQ,
	  "employment-contract|rental-agreement|fec-signed|fec-information|"
	  "charter-information|pre-departure-information|"
	  "deduction-authorisation|deductions-overview|brp-rni-information|"
	  "complaints-procedure|housing-choice|housing-information|"
	  "health-insurance-policy|id-copy|other",
	  NULL, NULL, "employment-contract",
	  "FEC 2b, 3a, 3b, 5, signed code, complaints; CAO art. 38",
	  "what the document is", NULL },
	{ "deduction_kind", "soort_inhouding", FA_COL_ENUM, 0,
	  "housing|health-insurance|travel|transport-to-work|meals|advance|"
	  "recruitment-fee|administration|social-guidance|fine|other",
	  NULL, NULL, "housing", "CAO art. 38 (authorisation per kind)",
	  "for a deduction authorisation: the deduction it allows", NULL },
	{ "language", "taal", FA_COL_LANG, REQ, NULL, NULL, NULL, "pl",
	  "FEC 3a (Dutch and the worker's language)",
	  "language of this copy, ISO 639-1", NULL },
	{ "version", "versie", FA_COL_TEXT, 0, NULL, NULL, NULL, "2025-01",
	  "FEC 3a (same version in both languages)",
	  "version label of the text", NULL },
	{ "signed_on", "getekend_op", FA_COL_DATE, 0, NULL, NULL, NULL,
	  "2025-01-13", "signed code, contracts, authorisations",
	  "date the worker signed; empty if not signed", NULL },
	{ "handed_over_on", "uitgereikt_op", FA_COL_DATE, 0, NULL, NULL, NULL,
	  "2025-01-13", "FEC information, pre-departure, BRP/RNI, complaints",
	  "date the document was handed over or sent", NULL },
	{ "revoked_on", "ingetrokken_op", FA_COL_DATE, 0, NULL, NULL, NULL, "",
	  "CAO art. 38 (revocable authorisation)",
	  "date the worker revoked it (authorisations)", NULL },
	{ "path", "pad", FA_COL_TEXT, 0, NULL, NULL, NULL,
	  "documents/W0001/contract-nl.pdf", "evidence reference",
	  "path of the file in the package; empty if not supplied", NULL },
};

static const struct fa_column_spec occupancy[] = {
	{ "employee_id", "personeelsnummer", FA_COL_ID, REQ, NULL, NULL,
	  "workers.employee_id", "W0001", "SNF persons per bedroom, deductions",
	  "the resident", NULL },
	{ "room_id", "ruimte", FA_COL_ID, REQ, NULL, NULL, "rooms.room_id",
	  "L01-S1", "SNF persons per bedroom, m2 per person",
	  "the bedroom the worker sleeps in", NULL },
	{ "from_date", "van", FA_COL_DATE, REQ, NULL, NULL, NULL, "2025-01-10",
	  "occupancy on a date", "first night", NULL },
	{ "to_date", "tot", FA_COL_DATE, 0, NULL, NULL, NULL, "2025-11-28",
	  "occupancy on a date, housing after the job",
	  "last night; empty while living there", NULL },
};

static const struct fa_column_spec rental_agreements[] = {
	{ "agreement_id", "overeenkomst", FA_COL_ID, REQ | UNQ, NULL, NULL,
	  NULL, "H-W0001", "FEC 3b", "the member's agreement number", NULL },
	{ "employee_id", "personeelsnummer", FA_COL_ID, REQ, NULL, NULL,
	  "workers.employee_id", "W0001", "FEC 3b, CAO art. 36", "the tenant",
	  NULL },
	{ "location_id", "locatie", FA_COL_ID, REQ, NULL, NULL,
	  "locations.location_id", "L01", "PKS maximum rent",
	  "the location rented", NULL },
	{ "start_date", "begin", FA_COL_DATE, REQ, NULL, NULL, NULL,
	  "2025-01-10", "Wgv separate contract from 2023-07-01",
	  "start of the agreement", NULL },
	{ "end_date", "einde", FA_COL_DATE, 0, NULL, NULL, NULL, "",
	  "FEC housing after the job", "end date; empty if open-ended", NULL },
	{ "weekly_rent", "huur_per_week", FA_COL_MONEY, REQ | NN, NULL, "EUR",
	  NULL, "112,50", "PKS maximum, 25% WML cap, CAO art. 36.4",
	  "rent per week as agreed", NULL },
	{ "actual_weekly_cost", "werkelijke_kosten_per_week", FA_COL_MONEY, NN,
	  NULL, "EUR", NULL, "98,00", "CAO art. 36.4 / 38 actual costs",
	  "the member's actual housing cost per person per week", NULL },
	{ "deposit", "waarborgsom", FA_COL_MONEY, NN, NULL, "EUR", NULL,
	  "450,00", "Wgv: deposit at most two months' rent",
	  "deposit (waarborgsom) the agreement asks; empty if none or not "
	  "known",
	  NULL },
	{ "notice_days_after_employment", "opzegtermijn_na_einde_dienst",
	  FA_COL_INT, NN, NULL, "days", NULL, "31",
	  "FEC at least one month, CAO art. 36.5 four weeks",
	  "days the worker may stay after the employment ends", NULL },
	{ "ends_with_employment", "eindigt_met_dienstverband", FA_COL_BOOL, REQ,
	  NULL, NULL, NULL, "nee", "FEC 3b",
	  "whether the agreement ends automatically with the job", NULL },
	{ "document_id", "document_id", FA_COL_ID, 0, NULL, NULL,
	  "documents.document_id", "D-W0001-03", "FEC 3b (separate document)",
	  "the signed agreement in the personnel file", NULL },
};

static const struct fa_column_spec pay_periods[] = {
	{ "employee_id", "personeelsnummer", FA_COL_ID, REQ, NULL, NULL,
	  "workers.employee_id", "W0001", "WML, CAO art. 38, PKS caps",
	  "the worker paid", NULL },
	{ "period_start", "periode_begin", FA_COL_DATE, REQ, NULL, NULL, NULL,
	  "2025-03-03", "parameters by the period's own date",
	  "first day of the pay period", NULL },
	{ "period_end", "periode_einde", FA_COL_DATE, REQ, NULL, NULL, NULL,
	  "2025-03-09", "weekly caps", "last day of the pay period", NULL },
	{ "hours", "uren", FA_COL_DECIMAL, REQ | NN, NULL, "hours", NULL, "40",
	  "WML", "hours paid in the period", NULL },
	{ "hourly_base_wage", "uurloon", FA_COL_MONEY, REQ | NN, NULL, "EUR",
	  NULL, "14,71", "140% WML exception, WML", "gross hourly base wage",
	  NULL },
	{ "housing_deduction", "inhouding_huisvesting", FA_COL_MONEY, NN, NULL,
	  "EUR", NULL, "112,50", "25% WML cap, PKS maximum, CAO 3.6",
	  "housing cost deducted in the period; empty means 0", "0" },
	{ "housing_location_id", "huisvesting_locatie", FA_COL_ID, 0, NULL,
	  NULL, "locations.location_id", "L01",
	  "no deduction without SNF/AKF certification",
	  "location the housing deduction is for", NULL },
	{ "housing_authorisation_id", "volmacht_huisvesting", FA_COL_ID, 0,
	  NULL, NULL, "documents.document_id", "D-W0001-05",
	  "CAO art. 38 written authorisation",
	  "the authorisation document for the housing deduction", NULL },
};

static const struct fa_column_spec deductions[] = {
	{ "employee_id", "personeelsnummer", FA_COL_ID, REQ, NULL, NULL,
	  "workers.employee_id", "W0001", "CAO art. 38", "the worker", NULL },
	{ "period_start", "periode_begin", FA_COL_DATE, REQ, NULL, NULL, NULL,
	  "2025-03-03", "CAO art. 38",
	  "first day of the pay period the deduction belongs to", NULL },
	{ "kind", "soort", FA_COL_ENUM, REQ,
	  "health-insurance|travel|transport-to-work|meals|advance|"
	  "recruitment-fee|administration|social-guidance|fine|other",
	  NULL, NULL, "health-insurance",
	  "FEC 2a (no recruitment fees), CAO art. 38 (no administration or "
	  "social guidance)",
	  "kind of deduction (housing is in pay_periods)", NULL },
	{ "amount", "bedrag", FA_COL_MONEY, REQ, NULL, "EUR", NULL, "35,20",
	  "CAO art. 38, WML health-insurance premium", "amount deducted",
	  NULL },
	{ "actual_cost", "werkelijke_kosten", FA_COL_MONEY, NN, NULL, "EUR",
	  NULL, "79,00", "CAO art. 38 travel home at most actual cost",
	  "for a trip home (kind travel): the member's actual cost of what "
	  "the deduction pays for (ticket, fuel and tolls; the part of it "
	  "this row pays if a trip is deducted in parts); empty if not known",
	  NULL },
	{ "specified_on_payslip", "gespecificeerd_op_loonstrook", FA_COL_BOOL,
	  0, NULL, NULL, NULL, "ja", "CAO art. 38 (every deduction specified)",
	  "whether the payslip shows the deduction separately; empty means yes",
	  "ja" },
	{ "authorisation_id", "volmacht", FA_COL_ID, 0, NULL, NULL,
	  "documents.document_id", "D-W0001-06",
	  "CAO art. 38 written authorisation",
	  "the authorisation document for this deduction", NULL },
};

#define T(n, f, fl, d, c)            \
	{                            \
		n, f, fl, d, c, N(c) \
	}
static const struct fa_table_spec tables[] = {
	T("company_documents", "company-documents.csv", 0,
	  "documents at company level: FEC procedure, recruiter agreements, "
	  "complaints procedure, certificates",
	  company_documents),
	T("recruiters", "recruiters.csv", 0,
	  "one row per foreign recruitment agency the member used", recruiters),
	T("workers", "workers.csv", FA_TABLE_REQUIRED,
	  "one row per worker in the audit period (labour migrants placed by "
	  "the member)",
	  workers),
	T("locations", "locations.csv", 0,
	  "one row per housing location used in the audit period", locations),
	T("rooms", "rooms.csv", 0, "one row per room of every location", rooms),
	T("facilities", "facilities.csv", 0,
	  "one row per location: sanitary, kitchen, laundry and fire safety",
	  facilities),
	T("documents", "documents.csv", FA_TABLE_REQUIRED,
	  "the personnel-file index: one row per document per worker",
	  documents),
	T("occupancy", "occupancy.csv", 0,
	  "who slept in which bedroom from when to when", occupancy),
	T("rental_agreements", "rental-agreements.csv", 0,
	  "one row per rental agreement with a worker", rental_agreements),
	T("pay_periods", "pay-periods.csv", 0,
	  "one row per worker per pay period (week or 4 weeks)", pay_periods),
	T("deductions", "deductions.csv", 0,
	  "wage deductions other than housing, one row per kind per period",
	  deductions),
};
#undef T

size_t fa_schema_count(void)
{
	return N(tables);
}

const struct fa_table_spec *fa_schema_table_at(size_t i)
{
	return i < N(tables) ? &tables[i] : NULL;
}

const struct fa_table_spec *fa_schema_table(const char *name)
{
	size_t i;

	for (i = 0; i < N(tables); i++)
		if (strcmp(tables[i].name, name) == 0)
			return &tables[i];
	return NULL;
}

const char *const *fa_schema_table_names(void)
{
	static const char *const names[] = {
		"company_documents", "recruiters", "workers",
		"locations",	     "rooms",	   "facilities",
		"documents",	     "occupancy",  "rental_agreements",
		"pay_periods",	     "deductions", NULL,
	};
	_Static_assert(sizeof(names) / sizeof(names[0]) == N(tables) + 1,
		       "names does not list every table");
	return names;
}

int fa_schema_is_table(const char *name)
{
	return fa_schema_table(name) != NULL;
}

static int same_header(const char *want, const char *s, size_t len)
{
	return want && strlen(want) == len && strncasecmp(want, s, len) == 0;
}

int fa_schema_column_index(const struct fa_table_spec *t, const char *s,
			   size_t len)
{
	size_t i;

	for (i = 0; i < t->n_cols; i++)
		if (same_header(t->cols[i].name, s, len) ||
		    same_header(t->cols[i].name_nl, s, len))
			return (int)i;
	return -1;
}

const char *fa_schema_type_name(enum fa_coltype type)
{
	static const char *const names[] = {
		"text",	 "id",	 "enum",   "integer",  "decimal",
		"money", "date", "yes/no", "language", "country",
	};

	return (size_t)type < N(names) ? names[type] : "?";
}

const char *fa_schema_enum_match(const struct fa_column_spec *c, const char *s,
				 size_t len, size_t *canon_len)
{
	const char *p = c->values;

	while (p && *p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);

		if (n == len && strncasecmp(p, s, len) == 0) {
			*canon_len = n;
			return p;
		}
		p = bar ? bar + 1 : NULL;
	}
	return NULL;
}
