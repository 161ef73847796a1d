/** One chosen source: what kind of data it holds and which column plays each role. */
import { Field, Select, useId } from "@fluentui/react-components";
import type { Dispatch } from "react";
import { columnOf, isComplete } from "../../scorecard/mapping";
import type { SourceMapping } from "../../scorecard/types";
import { KIND_LABELS, ROLE_LABELS, SOURCE_KINDS, addedBy, describeCoverage, rolesOf, type PaneAction } from "../state";
import { useStepStyles } from "./styles";

const NOT_MAPPED = "";

export interface SourceMappingCardProps {
  mapping: SourceMapping;
  /** Every chosen mapping, to say what this one adds to the others. */
  chosen: readonly SourceMapping[];
  /** False when another complete source of the same kind comes first (the scorecard uses one per kind). */
  used: boolean;
  dispatch: Dispatch<PaneAction>;
}

/** One line on what this source contributes, or what it still needs. */
function contribution({ mapping, chosen, used }: SourceMappingCardProps): string {
  if (!isComplete(mapping)) return "Map the required columns to see what this source adds.";
  if (!used) return `Not used: the scorecard takes the first complete ${mapping.kind} source.`;
  const added = describeCoverage(addedBy(chosen, mapping));
  if (added !== "") return `Adds: ${added}.`;
  if (mapping.kind === "customers" && columnOf(mapping, "endDate") === undefined) {
    return "Map an end date: without one nobody has left, so churn cannot be measured.";
  }
  return "Adds nothing the other sources do not already give.";
}

export function SourceMappingCard(props: SourceMappingCardProps) {
  const { mapping, dispatch } = props;
  const styles = useStepStyles();
  const headingId = useId("source-heading");
  const { source } = mapping;
  return (
    <section className={styles.group} role="group" aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.subheading}>
        {source.label}
      </h3>
      <Field label="Kind of data" className={styles.field}>
        <Select
          value={mapping.kind}
          onChange={(_, data) =>
            dispatch({ type: "setKind", sourceId: source.id, kind: data.value as SourceMapping["kind"] })
          }
        >
          {SOURCE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </Select>
      </Field>
      {rolesOf(mapping.kind).map(({ role, required }) => {
        const column = mapping.columns[role];
        const missing = required && column === undefined;
        return (
          <Field
            key={role}
            className={styles.field}
            label={`${ROLE_LABELS[role]}${required ? "" : " (optional)"}`}
            required={required}
            validationState={missing ? "error" : "none"}
            validationMessage={missing ? `Choose the ${ROLE_LABELS[role]} column.` : undefined}
          >
            <Select
              value={column === undefined ? NOT_MAPPED : String(column)}
              onChange={(_, data) =>
                dispatch({
                  type: "setColumn",
                  sourceId: source.id,
                  role,
                  column: data.value === NOT_MAPPED ? undefined : Number(data.value),
                })
              }
            >
              <option value={NOT_MAPPED}>{required ? "Choose a column…" : "Not used"}</option>
              {source.headers.map((header, index) => (
                <option key={index} value={String(index)}>
                  {header.trim() === "" ? `Column ${index + 1}` : header}
                </option>
              ))}
            </Select>
          </Field>
        );
      })}
      <p className={styles.note} aria-live="polite">
        {contribution(props)}
      </p>
    </section>
  );
}
