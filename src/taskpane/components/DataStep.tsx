/** Step 1: choose the workbook's tables, named ranges or the selection, and map their columns. */
import { Button, Checkbox, MessageBar, MessageBarBody, MessageBarTitle, useId } from "@fluentui/react-components";
import type { Dispatch, Ref } from "react";
import { coverageOf } from "../../scorecard/mapping";
import type { SourceInfo } from "../../scorecard/types";
import { dataProblems, describeCoverage, unusedMappings, type PaneAction, type PaneState } from "../state";
import { SourceMappingCard } from "./SourceMappingCard";
import { useStepStyles } from "./styles";

export interface DataStepProps {
  state: PaneState;
  dispatch: Dispatch<PaneAction>;
  headingRef: Ref<HTMLHeadingElement>;
  onRefresh(): void;
  onUseSelection(): void;
  onInsertSample(): void;
}

const ORIGIN_LABELS: Record<SourceInfo["origin"], string> = { table: "Table", name: "Named range", selection: "Selection" };

function describeSource(source: SourceInfo): string {
  const rows = `${source.rowCount.toLocaleString("en-US")} row${source.rowCount === 1 ? "" : "s"}`;
  return `${ORIGIN_LABELS[source.origin]} on ${source.sheet}, ${rows}`;
}

function SourceChoice(props: { source: SourceInfo; chosen: boolean; onChange: Dispatch<boolean> }) {
  const styles = useStepStyles();
  const descriptionId = useId("source-description");
  return (
    <div>
      <Checkbox
        label={props.source.label}
        checked={props.chosen}
        aria-describedby={descriptionId}
        onChange={(_, data) => props.onChange(data.checked === true)}
      />
      <p id={descriptionId} className={styles.note} style={{ paddingLeft: 32 }}>
        {describeSource(props.source)}
      </p>
    </div>
  );
}

export function DataStep({ state, dispatch, headingRef, onRefresh, onUseSelection, onInsertSample }: DataStepProps) {
  const styles = useStepStyles();
  const busy = state.dataTask !== undefined;
  const chosenIds = new Set(state.chosen.map((m) => m.source.id));
  const included = describeCoverage(coverageOf(state.chosen));
  const unused = unusedMappings(state.chosen);
  const problems = dataProblems(state);
  return (
    <section className={styles.step} aria-labelledby="data-heading">
      <h2 id="data-heading" className={styles.heading} ref={headingRef} tabIndex={-1}>
        1. Data
      </h2>
      <p className={styles.intro}>
        Choose the tables or named ranges that hold your data. Retain reads only their header rows here; nothing leaves
        this workbook.
      </p>
      <div className={styles.buttonRow}>
        <Button onClick={onUseSelection} disabled={busy}>
          Use current selection
        </Button>
        <Button onClick={onInsertSample} disabled={busy}>
          Insert sample data
        </Button>
        <Button appearance="subtle" onClick={onRefresh} disabled={busy}>
          Refresh list
        </Button>
      </div>
      <p className={styles.note} role="status">
        {state.dataTask === "list"
          ? "Reading the workbook…"
          : state.dataTask === "selection"
            ? "Reading the selection…"
            : state.dataTask === "sample"
              ? "Adding sample tables…"
              : ""}
      </p>
      {state.dataError !== undefined && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Could not read the workbook</MessageBarTitle>
            {state.dataError}
          </MessageBarBody>
        </MessageBar>
      )}
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Sources</legend>
        {state.sources.length === 0 && state.dataTask !== "list" ? (
          <p className={styles.note}>
            This workbook has no tables or named ranges yet. Select a range whose first row holds the column names and
            choose “Use current selection”, or insert the sample data.
          </p>
        ) : (
          state.sources.map((source) => (
            <SourceChoice
              key={source.id}
              source={source}
              chosen={chosenIds.has(source.id)}
              onChange={(chosen) => dispatch({ type: "toggleSource", sourceId: source.id, chosen })}
            />
          ))
        )}
      </fieldset>
      {state.chosen.map((mapping) => (
        <SourceMappingCard
          key={mapping.source.id}
          mapping={mapping}
          chosen={state.chosen}
          used={!unused.includes(mapping)}
          dispatch={dispatch}
        />
      ))}
      {state.chosen.length > 0 && (
        <p className={styles.intro} aria-live="polite">
          {included === "" ? "Map the required columns to build a scorecard." : `The scorecard will include: ${included}.`}
        </p>
      )}
      {state.chosen.length > 0 && problems.length > 0 && (
        <MessageBar intent="warning" id="data-problems">
          <MessageBarBody>
            <MessageBarTitle>Before you continue</MessageBarTitle>
            <ul className={styles.list}>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
