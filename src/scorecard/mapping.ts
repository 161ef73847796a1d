/**
 * Guessing what a source's columns mean from its header row, and checking a mapping.
 *
 * Headers are compared after normalising them (lower case, punctuation and underscores as
 * spaces, runs of spaces collapsed), so "Patient_ID", "patient id" and "Patient ID:" are one
 * header. A header that IS a synonym scores higher than one that merely contains it as whole
 * words ("Patient ID (internal)"), and each column gets at most one role.
 */
import { Errors } from "../core/errors";
import {
  KPI_IDS,
  SOURCE_KIND_ROLES,
  type ColumnRole,
  type Coverage,
  type KpiId,
  type ScorecardSection,
  type SourceKind,
  type SourceMapping,
} from "./types";

export type { Coverage, ScorecardSection } from "./types";

/** Synonyms per role, already normalised. The first ones are the most specific. */
export const ROLE_SYNONYMS: Record<ColumnRole, readonly string[]> = {
  customerId: [
    "customer id",
    "customer",
    "client id",
    "client",
    "patient id",
    "patient",
    "member id",
    "member",
    "account id",
    "account",
    "user id",
    "user",
    "subscriber id",
    "subscriber",
    "cust id",
    "customer number",
    "customer no",
    "client number",
    "patient number",
    "customer email",
    "email",
    "household",
    "id",
  ],
  date: [
    "date",
    "visit date",
    "order date",
    "transaction date",
    "purchase date",
    "invoice date",
    "appointment date",
    "service date",
    "payment date",
    "sale date",
    "booking date",
    "job date",
    "visit",
    "order",
    "created at",
  ],
  amount: [
    "amount",
    "fee",
    "fees",
    "revenue",
    "total",
    "price",
    "value",
    "sales",
    "charge",
    "charges",
    "payment",
    "spend",
    "order total",
    "invoice amount",
    "net amount",
    "gross amount",
    "billed",
    "paid",
  ],
  startDate: [
    "start",
    "start date",
    "joined",
    "join date",
    "date joined",
    "signup date",
    "sign up date",
    "signed up",
    "first visit",
    "first purchase",
    "first order",
    "customer since",
    "client since",
    "patient since",
    "since",
    "subscription start",
    "enrolled",
    "enrollment date",
    "registered",
    "registration date",
    "acquired",
    "onboarded",
    "created",
    "opened",
  ],
  endDate: [
    "end",
    "end date",
    "cancelled",
    "canceled",
    "cancellation date",
    "cancelled on",
    "canceled on",
    "churn date",
    "churned",
    "churned on",
    "left",
    "left on",
    "left practice",
    "date left",
    "ended",
    "closed",
    "terminated",
    "termination date",
    "subscription end",
    "lost on",
  ],
  segment: [
    "segment",
    "plan",
    "tier",
    "insurance",
    "insurance plan",
    "payer",
    "category",
    "type",
    "region",
    "channel",
    "group",
    "product",
    "package",
    "membership",
    "location",
    "branch",
    "office",
    "clinic",
    "practice",
    "site",
    "store",
    "industry",
    "service line",
  ],
  referredBy: [
    "referred by",
    "referrer",
    "referrer id",
    "referred by id",
    "referral",
    "referral source",
    "referred",
    "referring customer",
    "referring patient",
    "referring client",
  ],
  score: [
    "score",
    "nps",
    "nps score",
    "rating",
    "likelihood to recommend",
    "recommend",
    "ltr",
    "survey score",
    "how likely",
    "promoter score",
  ],
  activityDate: [
    "last login",
    "login",
    "login date",
    "logged in",
    "activity date",
    "activity",
    "event date",
    "event time",
    "last active",
    "last seen",
    "session date",
    "session",
    "timestamp",
    "used on",
    "usage date",
    "event",
  ],
};

/**
 * Roles that may also take another role's synonyms, at a lower score: an activity log's
 * date is often just "Date", and a survey's date too.
 */
const FALLBACK_SYNONYMS: Partial<Record<ColumnRole, ColumnRole>> = {
  activityDate: "date",
  date: "activityDate",
};

/**
 * A header as words: camel case split ("PatientID" → "patient id"), lower case, anything but
 * letters and digits as a space, single spaces, trimmed.
 * @example normalizeHeader("  Visit_Date ") // "visit date"
 */
export function normalizeHeader(header: string): string {
  return String(header)
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** How well a header names a role: 3 = is a synonym, 2 = contains one as whole words, 0 = no. */
function synonymScore(header: string, synonyms: readonly string[]): number {
  if (header === "") return 0;
  let best = 0;
  for (const synonym of synonyms) {
    if (header === synonym) return 3;
    // "id" alone is too short to count inside longer headers ("paid" contains no word "id",
    // but "video id" would wrongly be a customer id).
    if (synonym.length > 2 && ` ${header} `.includes(` ${synonym} `)) best = Math.max(best, 2);
  }
  return best;
}

/** The score of a header for a role, counting fallback synonyms one point lower. */
function roleScore(header: string, role: ColumnRole): number {
  const own = synonymScore(header, ROLE_SYNONYMS[role]);
  const fallbackRole = FALLBACK_SYNONYMS[role];
  const fallback =
    fallbackRole === undefined
      ? 0
      : Math.max(0, synonymScore(header, ROLE_SYNONYMS[fallbackRole]) - 1);
  return Math.max(own, fallback);
}

/**
 * Guess the column of each role of a source kind. Each column gets at most one role: the
 * strongest (role, column) matches are taken first, required roles before optional ones.
 * @example guessColumns(["Patient ID", "Visit date", "Fee"], "transactions") // { customerId: 0, date: 1, amount: 2 }
 */
export function guessColumns(
  headers: readonly string[],
  kind: SourceKind
): Partial<Record<ColumnRole, number>> {
  const { required, optional } = SOURCE_KIND_ROLES[kind];
  const roles = [...required, ...optional];
  const normalised = headers.map(normalizeHeader);
  const candidates: { role: ColumnRole; column: number; score: number; priority: number }[] = [];
  roles.forEach((role, priority) => {
    normalised.forEach((header, column) => {
      const score = roleScore(header, role);
      if (score > 0) candidates.push({ role, column, score, priority });
    });
  });
  // Strongest first; among equals, the role listed first, then the leftmost column.
  candidates.sort((a, b) => b.score - a.score || a.priority - b.priority || a.column - b.column);
  const columns: Partial<Record<ColumnRole, number>> = {};
  const taken = new Set<number>();
  for (const candidate of candidates) {
    if (columns[candidate.role] !== undefined || taken.has(candidate.column)) continue;
    columns[candidate.role] = candidate.column;
    taken.add(candidate.column);
  }
  return columns;
}

/**
 * True when some header clearly names the role: it is one of the role's synonyms, or contains
 * a multi-word one. A single generic word inside a longer header ("created" in "Created at")
 * is not enough to decide what a whole source is, except for survey scores ("NPS (0-10)").
 */
function hasHeaderFor(normalised: readonly string[], role: ColumnRole): boolean {
  const synonyms = ROLE_SYNONYMS[role];
  return normalised.some((header) => {
    if (synonyms.includes(header)) return true;
    return synonyms.some(
      (synonym) =>
        (role === "score" || synonym.includes(" ")) &&
        synonym.length > 2 &&
        ` ${header} `.includes(` ${synonym} `)
    );
  });
}

/**
 * Guess what a source holds from its headers:
 * a score column makes it a survey; a start or end date, a customer list; a login or event
 * date, an activity log; anything else is read as transactions (id, date, amount).
 * @example guessKind(["Patient ID", "First visit", "Left practice", "Plan"]) // "customers"
 */
export function guessKind(headers: readonly string[]): SourceKind {
  const normalised = headers.map(normalizeHeader);
  if (hasHeaderFor(normalised, "score")) return "survey";
  if (hasHeaderFor(normalised, "startDate") || hasHeaderFor(normalised, "endDate"))
    return "customers";
  if (hasHeaderFor(normalised, "activityDate") && !hasHeaderFor(normalised, "amount"))
    return "activity";
  return "transactions";
}

/** The roles a kind still needs in this mapping (required roles with no column). */
export function missingRoles(mapping: SourceMapping): ColumnRole[] {
  return SOURCE_KIND_ROLES[mapping.kind].required.filter(
    (role) => mapping.columns[role] === undefined
  );
}

/** Plain-language role names for messages; the pane has its own labels for its controls. */
export const ROLE_NAMES: Record<ColumnRole, string> = {
  customerId: "customer id",
  date: "date",
  amount: "amount",
  startDate: "start date",
  endDate: "end date",
  segment: "segment",
  referredBy: "referred by",
  score: "score",
  activityDate: "activity date",
};

/**
 * What is wrong with a mapping, as messages for the pane (empty when it can be built):
 * a required role without a column, a column index outside the header row, one column
 * used for two roles, or a source with no data rows.
 */
export function validateMapping(mapping: SourceMapping): string[] {
  const problems: string[] = [];
  const label = mapping.source.label;
  const missing = missingRoles(mapping);
  if (missing.length > 0) {
    problems.push(
      Errors.mappingMissingRoles(
        label,
        mapping.kind,
        missing.map((role) => ROLE_NAMES[role])
      ).message
    );
  }
  const allowed = new Set<ColumnRole>([
    ...SOURCE_KIND_ROLES[mapping.kind].required,
    ...SOURCE_KIND_ROLES[mapping.kind].optional,
  ]);
  const usedBy = new Map<number, ColumnRole>();
  for (const [role, column] of Object.entries(mapping.columns) as [
    ColumnRole,
    number | undefined,
  ][]) {
    if (column === undefined || !allowed.has(role)) continue;
    if (!Number.isInteger(column) || column < 0 || column >= mapping.source.headers.length) {
      problems.push(
        Errors.mappingColumnOutOfRange(
          label,
          ROLE_NAMES[role],
          column,
          mapping.source.headers.length
        ).message
      );
      continue;
    }
    const other = usedBy.get(column);
    if (other !== undefined) {
      problems.push(
        Errors.mappingColumnTwice(
          label,
          mapping.source.headers[column],
          ROLE_NAMES[other],
          ROLE_NAMES[role]
        ).message
      );
    }
    usedBy.set(column, role);
  }
  if (mapping.source.rowCount === 0) problems.push(Errors.sourceEmpty(label).message);
  return problems;
}

/** True when the mapping has every required role of its kind. */
export function isComplete(mapping: SourceMapping): boolean {
  return missingRoles(mapping).length === 0;
}

/** A role's column, only when the mapping's kind uses that role (a stale column for another kind is ignored). */
export function columnOf(mapping: SourceMapping, role: ColumnRole): number | undefined {
  const { required, optional } = SOURCE_KIND_ROLES[mapping.kind];
  if (!required.includes(role) && !optional.includes(role)) return undefined;
  return mapping.columns[role];
}

/** The first complete mapping of a kind: the one the scorecard uses for that kind. */
export function firstOfKind(
  mappings: readonly SourceMapping[],
  kind: SourceKind
): SourceMapping | undefined {
  return mappings.find((mapping) => mapping.kind === kind && isComplete(mapping));
}

const SECTION_ORDER: readonly ScorecardSection[] = [
  "kpis",
  "trend",
  "cohorts",
  "survival",
  "segments",
  "engagement",
];

/**
 * What a set of mappings feeds: the KPI tiles and the sections that will appear. This is the
 * scorecard's own rule (src/scorecard/plan.ts builds exactly these), so the pane can say in
 * advance what a choice of sources gives. Incomplete mappings feed nothing, and only the first
 * complete mapping of each kind is used.
 * - customers with an end date: CRR, churn (period and annualized), median lifetime; trend and survival.
 *   Without an end date nobody has left, so churn cannot be measured.
 * - customers with "referred by": referral rate.
 * - transactions: repeat purchase rate and the cohort heatmap; they also count as activity
 *   (active rate, engagement queue) when no activity log is chosen. With an amount, RFM joins
 *   the engagement queue, and LTV appears when churn is known (customers with an end date).
 * - survey: NPS (± margin of error).
 * - activity: active rate, stickiness, the engagement queue, and the cohort heatmap when no transactions are chosen.
 * - a segment column on any chosen source: the segment breakdown.
 * @example coverageOf([{ source, kind: "survey", columns: { score: 2 } }]) // { kpis: ["nps"], sections: ["kpis"] }
 */
export function coverageOf(mappings: readonly SourceMapping[]): Coverage {
  const customers = firstOfKind(mappings, "customers");
  const transactions = firstOfKind(mappings, "transactions");
  const survey = firstOfKind(mappings, "survey");
  const activity = firstOfKind(mappings, "activity");
  const kpis = new Set<KpiId>();
  const sections = new Set<ScorecardSection>();
  const churnKnown = customers !== undefined && columnOf(customers, "endDate") !== undefined;
  if (churnKnown) {
    ["crr", "churn", "churnAnnual", "medianLifetime"].forEach((kpi) => kpis.add(kpi as KpiId));
    sections.add("trend").add("survival");
  }
  if (customers !== undefined && columnOf(customers, "referredBy") !== undefined)
    kpis.add("referralRate");
  if (transactions !== undefined) {
    kpis.add("repeatRate");
    sections.add("cohorts");
    if (churnKnown && columnOf(transactions, "amount") !== undefined) kpis.add("ltv");
  }
  if (survey !== undefined) kpis.add("nps");
  if (activity !== undefined) {
    kpis.add("stickiness");
    sections.add("cohorts");
  }
  if (activity !== undefined || transactions !== undefined) {
    kpis.add("activeRate");
    sections.add("engagement");
  }
  for (const mapping of [customers, transactions, survey, activity]) {
    if (mapping !== undefined && columnOf(mapping, "segment") !== undefined)
      sections.add("segments");
  }
  if (kpis.size > 0) sections.add("kpis");
  return {
    kpis: KPI_IDS.filter((kpi) => kpis.has(kpi)),
    sections: SECTION_ORDER.filter((section) => sections.has(section)),
  };
}
