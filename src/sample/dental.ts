/**
 * A seeded dental practice for "Insert sample data": a patient list, a visit log and a
 * satisfaction survey, shaped like a real practice so every scorecard section has something
 * to show. Driven by {@link mulberry32} (./generate), never Math.random, and anchored on fixed
 * dates, so the same seed gives the same practice on every machine and every day.
 *
 * - Patients arrive evenly over three years (2022-07-01 … 2025-06-30). Each has an insurance
 *   plan (the segment); a quarter were referred by an earlier patient.
 * - Time with the practice is exponential with a mean that depends on the plan; patients whose
 *   time runs out before 2025-06-30 have a "Left practice" date, the others are still patients.
 * - Patients come back for a recall about every six months (some recalls are missed), plus
 *   occasional treatment visits; one in five current patients quietly stops coming, which is
 *   what the engagement queue is for.
 * - About 40% answer the survey once, after a visit; patients who later left score lower.
 */
import { dateToSerial } from "../core/dates";
import { mulberry32 } from "./generate";

export type SampleCell = string | number;

export interface SampleTable {
  /** Table (and sheet) name. */
  name: string;
  headers: string[];
  rows: SampleCell[][];
  /** Number formats per column ("" = General). */
  formats: string[];
}

export interface DentalPractice {
  patients: SampleTable;
  visits: SampleTable;
  survey: SampleTable;
  /** The last day of the data (2025-06-30). */
  asOf: number;
}

const PLANS: readonly { name: string; weight: number; meanDays: number }[] = [
  { name: "PPO", weight: 0.45, meanDays: 5000 },
  { name: "HMO", weight: 0.2, meanDays: 3500 },
  { name: "Medicaid", weight: 0.15, meanDays: 2000 },
  { name: "Self-pay", weight: 0.2, meanDays: 1500 },
];

const DATE_FORMAT = "yyyy-mm-dd";
const FEE_FORMAT = "$#,##0.00";

/**
 * Generate the practice.
 * @param seed PRNG seed; 2024 by default
 * @param patientCount number of patients; 480 by default
 * @example generateDentalPractice().patients.rows.length // 480
 */
export function generateDentalPractice(seed = 2024, patientCount = 480): DentalPractice {
  const random = mulberry32(seed);
  const first = dateToSerial(2022, 7, 1);
  const last = dateToSerial(2025, 6, 30);
  const span = last - first + 1;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const exponential = (mean: number): number => -mean * Math.log(1 - random());

  // Patients, numbered in order of their first visit.
  const starts = Array.from(
    { length: patientCount },
    () => first + Math.floor(random() * span)
  ).sort((a, b) => a - b);
  const patients: {
    id: string;
    start: number;
    end?: number;
    plan: string;
    referrer?: string;
    stopsAt?: number;
  }[] = [];
  for (let i = 0; i < patientCount; i++) {
    const id = `P${String(i + 1).padStart(4, "0")}`;
    let u = random();
    let plan = PLANS[PLANS.length - 1];
    for (const candidate of PLANS) {
      if (u < candidate.weight) {
        plan = candidate;
        break;
      }
      u -= candidate.weight;
    }
    const start = starts[i];
    const leaves = start + Math.max(1, Math.round(exponential(plan.meanDays)));
    const end = leaves <= last ? leaves : undefined;
    const referrer = i > 5 && random() < 0.25 ? patients[Math.floor(random() * i)].id : undefined;
    // One in five current patients stops coming without leaving (a lapse the queue should catch).
    const stopsAt =
      end === undefined && random() < 0.2
        ? start + Math.floor(random() * (last - start + 1))
        : undefined;
    patients.push({ id, start, end, plan: plan.name, referrer, stopsAt });
  }

  // Visits: the first visit, recalls about every 182 days (15% missed), and some treatment visits.
  const visits: [string, number, number][] = [];
  const visitDays = new Map<string, number[]>();
  for (const patient of patients) {
    const until = Math.min(patient.end ?? last, patient.stopsAt ?? last, last);
    const days: number[] = [];
    let day = patient.start;
    while (day <= until) {
      days.push(day);
      visits.push([patient.id, day, Math.round((95 + random() * 85) * 100) / 100]);
      if (random() < 0.12) {
        const treatment = day + 7 + Math.floor(random() * 40);
        if (treatment <= until) {
          days.push(treatment);
          visits.push([patient.id, treatment, Math.round((250 + random() * 950) * 100) / 100]);
        }
      }
      let next = day + 182 + Math.floor(random() * 61) - 30;
      while (random() < 0.15) next += 182; // a missed recall
      day = next;
    }
    visitDays.set(patient.id, days);
  }
  visits.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));

  // Survey: about 40% answer once, a few days after one of their visits.
  const survey: [string, number, number][] = [];
  for (const patient of patients) {
    const days = visitDays.get(patient.id) ?? [];
    if (days.length === 0 || random() >= 0.4) continue;
    const answered = Math.min(last, pick(days) + 1 + Math.floor(random() * 6));
    const left = patient.end !== undefined;
    const u = random();
    const [promoter, passive] = left ? [0.25, 0.3] : [0.55, 0.25];
    const score =
      u < promoter
        ? 9 + Math.floor(random() * 2)
        : u < promoter + passive
          ? 7 + Math.floor(random() * 2)
          : Math.floor(random() * 7);
    survey.push([patient.id, answered, score]);
  }
  survey.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));

  return {
    asOf: last,
    patients: {
      name: "Patients",
      headers: ["Patient ID", "First visit", "Left practice", "Insurance plan", "Referred by"],
      rows: patients.map((p) => [p.id, p.start, p.end ?? "", p.plan, p.referrer ?? ""]),
      formats: ["", DATE_FORMAT, DATE_FORMAT, "", ""],
    },
    visits: {
      name: "Visits",
      headers: ["Patient ID", "Visit date", "Fee"],
      rows: visits,
      formats: ["", DATE_FORMAT, FEE_FORMAT],
    },
    survey: {
      name: "Survey",
      headers: ["Patient ID", "Response date", "Score"],
      rows: survey,
      formats: ["", DATE_FORMAT, ""],
    },
  };
}
