/** Step 3: build the scorecard sheet, with named progress stages, Cancel, and a clear outcome. */
import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar } from "@fluentui/react-components";
import type { Dispatch, Ref } from "react";
import { serialToIso } from "../../core/dates";
import {
  INDUSTRY_LABELS,
  KIND_LABELS,
  MODE_LABELS,
  PERIOD_LABELS,
  canBuild,
  dataProblems,
  optionsProblems,
  toScorecardOptions,
  type PaneState,
  type Step,
} from "../state";
import { useStepStyles } from "./styles";

export interface BuildStepProps {
  state: PaneState;
  headingRef: Ref<HTMLHeadingElement>;
  onBuild(): void;
  onCancel(): void;
  onGoTo: Dispatch<Step>;
}

const LEFT_AS_IT_WAS = "Your workbook was left as it was.";

/** The failure with the reassurance that nothing changed, unless the message already says so. */
function withReassurance(message: string): string {
  return /workbook (?:is|was) (?:unchanged|left as it was)/i.test(message) ? message : `${message} ${LEFT_AS_IT_WAS}`;
}

export function BuildStep({ state, headingRef, onBuild, onCancel, onGoTo }: BuildStepProps) {
  const styles = useStepStyles();
  const { build } = state;
  const missingData = dataProblems(state);
  const optionErrors = Object.values(optionsProblems(state.options));
  const running = build.status === "running";
  const options = missingData.length === 0 && optionErrors.length === 0 ? toScorecardOptions(state.options) : undefined;

  return (
    <section className={styles.step} aria-labelledby="build-heading">
      <h2 id="build-heading" className={styles.heading} ref={headingRef} tabIndex={-1}>
        3. Build
      </h2>

      {options && (
        <ul className={styles.list} aria-label="Summary">
          {state.chosen.map((m) => (
            <li key={m.source.id}>{`${m.source.label}: ${KIND_LABELS[m.kind].replace(/ \(.*\)$/, "").toLowerCase()}`}</li>
          ))}
          <li>{`Reporting period: ${PERIOD_LABELS[options.period].toLowerCase()}, ${options.trendPeriods} in the trend`}</li>
          <li>{`As of ${options.asOf === undefined ? "the latest date in the data" : serialToIso(options.asOf)}`}</li>
          <li>{`Targets: ${INDUSTRY_LABELS[options.industry]}`}</li>
          <li>{`Formulas: ${MODE_LABELS[options.mode]}`}</li>
        </ul>
      )}

      {missingData.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>The Data step is not finished</MessageBarTitle>
            {missingData[0]}{" "}
            <Button appearance="transparent" size="small" onClick={() => onGoTo("data")}>
              Go to Data
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {missingData.length === 0 && optionErrors.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>An option needs attention</MessageBarTitle>
            {optionErrors[0]}{" "}
            <Button appearance="transparent" size="small" onClick={() => onGoTo("options")}>
              Go to Options
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.buttonRow}>
        <Button appearance="primary" onClick={onBuild} disabledFocusable={!canBuild(state)}>
          {build.status === "succeeded" ? "Build another scorecard" : "Build scorecard"}
        </Button>
        {running && (
          <Button onClick={onCancel} disabled={build.cancelling}>
            {build.cancelling ? "Cancelling…" : "Cancel"}
          </Button>
        )}
      </div>

      {running && (
        <Field label="Build progress">
          <ProgressBar value={build.fraction} max={1} thickness="large" />
        </Field>
      )}

      <div role="status" aria-live="polite">
        {running && <span className={styles.note}>{build.cancelling ? "Cancelling…" : build.stage}</span>}
        {build.status === "succeeded" && (
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>Scorecard built</MessageBarTitle>
              {`The sheet “${build.sheetName}” is ready and now active.`}
              {build.warnings.length > 0 && (
                <ul className={styles.list}>
                  {build.warnings.map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        {build.status === "cancelled" && (
          <MessageBar intent="info">
            <MessageBarBody>
              <MessageBarTitle>Build cancelled</MessageBarTitle>
              {LEFT_AS_IT_WAS}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <div role="alert">
        {build.status === "failed" && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>The scorecard was not built</MessageBarTitle>
              {withReassurance(build.message)}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
