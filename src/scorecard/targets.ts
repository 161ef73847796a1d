/**
 * Default KPI targets per industry preset, each with the published figure it comes from.
 * The pane fills its editable target boxes from {@link presetTargets}; the scorecard colours
 * each tile against the target. The README's targets section cites these same sources.
 *
 * Units follow ScorecardOptions.targets: rates as fractions, NPS in points.
 * - `crr` is customer retention over the last 12 months and `churnAnnual` is annualized churn,
 *   so both are yearly figures, as the benchmarks quote them.
 * - `churn` is per reporting period: it is derived from the yearly figure with the same
 *   constant-churn conversion as RETAIN.RATECONVERT (1 − (1 − annual)^(period / year)).
 * - LTV and median lifetime have no preset: they depend on the client's prices and periods.
 *
 * Benchmarks are what typical businesses achieve, so they are a reasonable first target;
 * the user can edit every number in the pane.
 */
import { convertRate } from "../core/retention";
import type { Industry, KpiDirection, KpiId, ReportingPeriod } from "./types";

/** A preset number and where it comes from. */
export interface TargetSource {
  value: number;
  /** Publisher, title and year, as the README cites it. */
  source: string;
  url?: string;
}

/** Whether each KPI is better high or low (decides the status colours). */
export const KPI_DIRECTION: Record<KpiId, KpiDirection> = {
  crr: "higher",
  churn: "lower",
  churnAnnual: "lower",
  repeatRate: "higher",
  nps: "higher",
  referralRate: "higher",
  activeRate: "higher",
  stickiness: "higher",
  ltv: "higher",
  medianLifetime: "higher",
};

/** Presets as published. `churn` is not listed: it is derived per period from `churnAnnual`. */
export const INDUSTRY_PRESETS: Record<Industry, Partial<Record<KpiId, TargetSource>>> = {
  saas: {
    churnAnnual: {
      value: 0.1,
      source:
        "KeyBanc Capital Markets (KBCM) 2016 Private SaaS Company Survey: median annual customer (unit) churn 10%",
      url: "https://www.insivia.com/quoter/the-median-annual-unit-churn-for-saas-companies-was-10-in-2016/",
    },
    crr: {
      value: 0.9,
      source: "1 − the KBCM 2016 median annual unit churn of 10%",
      url: "https://www.insivia.com/quoter/the-median-annual-unit-churn-for-saas-companies-was-10-in-2016/",
    },
    nps: {
      value: 34,
      source: 'QuestionPro, "NPS benchmarks": software industry average +34',
      url: "https://www.questionpro.com/blog/nps-benchmarks/",
    },
    stickiness: {
      value: 0.2,
      source:
        'June, "Stickiness benchmark" (after Mixpanel and Sequoia Capital): SaaS DAU/MAU average 15%, good 20%',
      url: "https://help.june.so/en/articles/4752354-stickiness-benchmark",
    },
  },
  medical: {
    crr: {
      value: 0.85,
      source:
        'HPA, "Retention Rate Considerations" (2025): 85%+ of last year\'s active patients returning is good retention',
      url: "https://portal.hpamembers.com/topic/retention-rate-considerations",
    },
    churnAnnual: {
      value: 0.15,
      source: "1 − HPA's 85% patient retention goal",
      url: "https://portal.hpamembers.com/topic/retention-rate-considerations",
    },
    repeatRate: {
      value: 0.6,
      source:
        'HPA, "Retention Rate Considerations" (2025): 60%+ of new patients returning for a second visit within 12 months',
      url: "https://portal.hpamembers.com/topic/retention-rate-considerations",
    },
    nps: {
      value: 27,
      source:
        'Centaur Software, "Demystifying the concept of Net Promoter Score for dental practices" (2022): health industry average NPS 27',
      url: "https://www.centaursoftware.com.au/blogs/business-of-dentistry/demystifying-the-concept-of-net-promoter-score-for-dental-practices-march2022/",
    },
  },
  professional: {
    crr: {
      value: 0.85,
      source:
        'First Page Sage, "Customer Retention Rates by Industry" (2025): business consulting 85% a year',
      url: "https://firstpagesage.com/seo-blog/customer-retention-rates-by-industry/",
    },
    churnAnnual: {
      value: 0.15,
      source: "1 − First Page Sage's 85% business-consulting retention",
      url: "https://firstpagesage.com/seo-blog/customer-retention-rates-by-industry/",
    },
    nps: {
      value: 51,
      source: 'QuestionPro, "NPS benchmarks": consulting +51',
      url: "https://www.questionpro.com/blog/nps-benchmarks/",
    },
  },
  homeServices: {
    crr: {
      value: 0.66,
      source:
        'First Page Sage, "Customer Retention Rates by Industry" (2025): HVAC services 66% a year',
      url: "https://firstpagesage.com/seo-blog/customer-retention-rates-by-industry/",
    },
    churnAnnual: {
      value: 0.34,
      source: "1 − First Page Sage's 66% HVAC-services retention",
      url: "https://firstpagesage.com/seo-blog/customer-retention-rates-by-industry/",
    },
    repeatRate: {
      value: 0.27,
      source:
        "SumAll, as reported by Hudson Ink for contractors: a one-time customer has a 27% chance of a second purchase",
      url: "https://hudsonink.com/resources/articles/repeat-this-over-and-over",
    },
    nps: {
      value: 43,
      source: 'QuestionPro, "NPS benchmarks": construction +43 (the nearest trade listed)',
      url: "https://www.questionpro.com/blog/nps-benchmarks/",
    },
  },
};

/**
 * Where each preset number comes from, including the derived per-period churn.
 * @example presetSources("saas", "month").churn?.source // "KBCM … converted to a month …"
 */
export function presetSources(
  industry: Industry,
  period: ReportingPeriod = "month"
): Partial<Record<KpiId, TargetSource>> {
  const published = INDUSTRY_PRESETS[industry];
  const sources: Partial<Record<KpiId, TargetSource>> = { ...published };
  const annual = published.churnAnnual;
  if (annual !== undefined) {
    sources.churn = {
      value: convertRate(annual.value, "year", period),
      source: `${annual.source}, converted to one ${period} at a constant churn rate`,
      url: annual.url,
    };
  }
  return sources;
}

/**
 * The default targets of an industry preset, for a reporting period (a fresh copy the caller
 * may edit). Per-period churn depends on the period; everything else is yearly or unitless.
 * @example presetTargets("saas").churn // 0.00874… (10% a year is 0.874% a month)
 * @example presetTargets("medical").crr // 0.85
 */
export function presetTargets(
  industry: Industry,
  period: ReportingPeriod = "month"
): Partial<Record<KpiId, number>> {
  const targets: Partial<Record<KpiId, number>> = {};
  for (const [kpi, entry] of Object.entries(presetSources(industry, period)) as [
    KpiId,
    TargetSource,
  ][]) {
    targets[kpi] = entry.value;
  }
  return targets;
}
