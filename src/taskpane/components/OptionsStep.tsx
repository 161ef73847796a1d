/** Step 2: reporting period, as-of date, trend length, segment column, targets and formula mode. */
import { Field, Input, Radio, RadioGroup, Select, SpinButton } from "@fluentui/react-components";
import type { Dispatch, Ref } from "react";
import { coverageOf } from "../../scorecard/mapping";
import { presetSources } from "../../scorecard/targets";
import type { FormulaMode, Industry, ReportingPeriod } from "../../scorecard/types";
import {
  AVAILABLE_MODES,
  CURRENCY_FORMATS,
  INDUSTRIES,
  INDUSTRY_LABELS,
  KPI_DISPLAY,
  KPI_IDS,
  MODE_LABELS,
  PERIOD_LABELS,
  TREND_PERIODS_MAX,
  TREND_PERIODS_MIN,
  optionsProblems,
  presetTargetTexts,
  type PaneAction,
  type PaneState,
  type TargetUnit,
} from "../state";
import { useStepStyles } from "./styles";

export interface OptionsStepProps {
  state: PaneState;
  dispatch: Dispatch<PaneAction>;
  headingRef: Ref<HTMLHeadingElement>;
}

const NO_SEGMENT = "";
const UNIT_SUFFIX: Record<TargetUnit, string> = { percent: "%", points: "points", currency: "", periods: "periods" };
const MODES: FormulaMode[] = ["live", "portable", "values"];

export function OptionsStep({ state, dispatch, headingRef }: OptionsStepProps) {
  const styles = useStepStyles();
  const { options } = state;
  const problems = optionsProblems(options);
  // Targets only for the KPIs the chosen data can produce; all of them before any data is mapped.
  const enabledKpis = coverageOf(state.chosen).kpis;
  const targetKpis = enabledKpis.length === 0 ? KPI_IDS : KPI_IDS.filter((kpi) => enabledKpis.includes(kpi));
  const sources = presetSources(options.industry, options.period);
  const presetTexts = presetTargetTexts(options.industry, options.period);
  const segmentValue = options.segment ? `${options.segment.sourceId}\u0000${options.segment.column}` : NO_SEGMENT;

  return (
    <section className={styles.step} aria-labelledby="options-heading">
      <h2 id="options-heading" className={styles.heading} ref={headingRef} tabIndex={-1}>
        2. Options
      </h2>

      <Field label="Reporting period">
        <RadioGroup
          layout="horizontal"
          value={options.period}
          onChange={(_, data) => dispatch({ type: "setPeriod", period: data.value as ReportingPeriod })}
        >
          {(Object.keys(PERIOD_LABELS) as ReportingPeriod[]).map((period) => (
            <Radio key={period} value={period} label={PERIOD_LABELS[period]} />
          ))}
        </RadioGroup>
      </Field>

      <Field
        label="As-of date"
        hint="Leave empty to use the latest date in the data."
        validationState={problems.asOf ? "error" : "none"}
        validationMessage={problems.asOf}
      >
        <Input type="date" value={options.asOfText} onChange={(_, data) => dispatch({ type: "setAsOf", text: data.value })} />
      </Field>

      <Field
        label="Periods in the trend"
        validationState={problems.trendPeriods ? "error" : "none"}
        validationMessage={problems.trendPeriods}
      >
        <SpinButton
          min={TREND_PERIODS_MIN}
          max={TREND_PERIODS_MAX}
          value={Number.isFinite(options.trendPeriods) ? options.trendPeriods : null}
          onChange={(_, data) => {
            // Arrow keys and the buttons give `value`; typed text arrives as `displayValue` only.
            let value = Number.NaN;
            if (data.value !== undefined && data.value !== null) value = data.value;
            else if (data.displayValue !== undefined && data.displayValue.trim() !== "") value = Number(data.displayValue.trim());
            dispatch({ type: "setTrendPeriods", value });
          }}
        />
      </Field>

      <Field label="Segment column (optional)" hint="Adds a breakdown of the KPIs per segment.">
        <Select
          value={segmentValue}
          onChange={(_, data) => {
            if (data.value === NO_SEGMENT) return dispatch({ type: "setSegment", segment: undefined });
            const [sourceId, column] = data.value.split("\u0000");
            dispatch({ type: "setSegment", segment: { sourceId, column: Number(column) } });
          }}
        >
          <option value={NO_SEGMENT}>No segment breakdown</option>
          {state.chosen.flatMap((mapping) =>
            mapping.source.headers.map((header, column) => (
              <option key={`${mapping.source.id}/${column}`} value={`${mapping.source.id}\u0000${column}`}>
                {`${mapping.source.label} › ${header.trim() === "" ? `Column ${column + 1}` : header}`}
              </option>
            )),
          )}
        </Select>
      </Field>

      <Field label="Industry preset" hint="Fills in typical targets below; you can edit each one.">
        <Select
          value={options.industry}
          onChange={(_, data) => dispatch({ type: "setIndustry", industry: data.value as Industry })}
        >
          {INDUSTRIES.map((industry) => (
            <option key={industry} value={industry}>
              {INDUSTRY_LABELS[industry]}
            </option>
          ))}
        </Select>
      </Field>

      <Field label="Currency" hint="The money format for LTV.">
        <Select
          value={options.currencyFormat}
          onChange={(_, data) => dispatch({ type: "setCurrencyFormat", format: data.value })}
        >
          {CURRENCY_FORMATS.map(({ format, label }) => (
            <option key={format} value={format}>
              {label}
            </option>
          ))}
        </Select>
      </Field>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Targets</legend>
        <p className={styles.note}>Leave a box empty for no target. Rates are percentages.</p>
        {targetKpis.map((kpi) => {
          const { label, unit } = KPI_DISPLAY[kpi];
          const text = options.targetTexts[kpi] ?? "";
          // Cite the preset while the box still holds it; an edited target is the user's own.
          const cited = text !== "" && text === presetTexts[kpi] ? sources[kpi]?.source : undefined;
          return (
            <Field
              key={kpi}
              label={`${label} target`}
              hint={cited === undefined ? undefined : `Preset: ${cited}`}
              validationState={problems[kpi] ? "error" : "none"}
              validationMessage={problems[kpi]}
            >
              <Input
                inputMode="decimal"
                value={text}
                contentAfter={UNIT_SUFFIX[unit] === "" ? undefined : <span aria-hidden="true">{UNIT_SUFFIX[unit]}</span>}
                onChange={(_, data) => dispatch({ type: "setTarget", kpi, text: data.value })}
              />
            </Field>
          );
        })}
      </fieldset>

      <Field label="Formula mode">
        <RadioGroup value={options.mode} onChange={(_, data) => dispatch({ type: "setMode", mode: data.value as FormulaMode })}>
          {MODES.map((mode) => {
            const available = AVAILABLE_MODES.includes(mode);
            return (
              <Radio
                key={mode}
                value={mode}
                disabled={!available}
                label={available ? MODE_LABELS[mode] : `${MODE_LABELS[mode]} — coming in a later release`}
              />
            );
          })}
        </RadioGroup>
      </Field>
      <p className={styles.note}>
        Live formulas refer to your source columns, so the scorecard recalculates when the data changes. Values writes
        the numbers only.
      </p>
    </section>
  );
}
