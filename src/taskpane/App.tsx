/**
 * The Retain task pane: Data → Options → Build. All workbook access goes through the
 * injected {@link ScorecardService}, so tests render the pane against a double.
 */
import { Button, FluentProvider, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { useCallback, useEffect, useReducer, useRef } from "react";
import type { ScorecardService, SourceInfo } from "../scorecard/types";
import { BuildStep } from "./components/BuildStep";
import { DataStep } from "./components/DataStep";
import { OptionsStep } from "./components/OptionsStep";
import {
  STEPS,
  dataProblems,
  failureMessage,
  initialState,
  optionsProblems,
  reducer,
  toScorecardOptions,
  type DataTask,
  type Step,
} from "./state";

const useAppStyles = makeStyles({
  root: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2 },
  main: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "520px",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXXL}`,
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
  },
  tagline: { margin: 0, color: tokens.colorNeutralForeground2 },
  steps: { display: "flex", gap: tokens.spacingHorizontalXS, listStyleType: "none", margin: 0, padding: 0 },
  nav: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
});

const STEP_TITLES: Record<Step, string> = { data: "1 Data", options: "2 Options", build: "3 Build" };

export interface AppProps {
  service: ScorecardService;
}

export function App({ service }: AppProps) {
  const styles = useAppStyles();
  const [state, dispatch] = useReducer(reducer, undefined, () => initialState());
  const abortRef = useRef<AbortController | undefined>(undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Focus moves to the new step's heading, so keyboard and screen-reader users land at its start.
  const focusHeadingOnStep = useRef(false);

  useEffect(() => {
    if (focusHeadingOnStep.current) headingRef.current?.focus();
    focusHeadingOnStep.current = false;
  }, [state.step]);

  const runDataTask = useCallback(
    async (task: DataTask, read: () => Promise<SourceInfo[]>, isCurrent: () => boolean = () => true) => {
      dispatch({ type: "dataTaskStarted", task });
      try {
        const sources = await read();
        if (isCurrent()) dispatch(task === "list" ? { type: "sourcesListed", sources } : { type: "sourcesAdded", sources });
      } catch (error) {
        if (isCurrent()) dispatch({ type: "dataTaskFailed", message: failureMessage(error) });
      }
    },
    [],
  );

  useEffect(() => {
    let current = true;
    void runDataTask("list", () => service.listSources(), () => current);
    return () => {
      current = false;
    };
  }, [service, runDataTask]);

  // Closing the pane mid-build cancels the build, so the service can clean up its partial sheet.
  useEffect(() => () => abortRef.current?.abort(), []);

  const goTo = (step: Step, focusHeading: boolean) => {
    focusHeadingOnStep.current = focusHeading;
    dispatch({ type: "goTo", step });
  };

  const build = async () => {
    if (abortRef.current) return;
    const controller = new AbortController();
    abortRef.current = controller;
    dispatch({ type: "buildStarted" });
    try {
      const result = await service.build(
        state.chosen,
        toScorecardOptions(state.options),
        (progress) => dispatch({ type: "buildProgress", progress }),
        controller.signal,
      );
      // A build that finished before it noticed the cancel did build its sheet: say so.
      dispatch({ type: "buildSucceeded", sheetName: result.sheetName, warnings: result.warnings });
    } catch (error) {
      dispatch(controller.signal.aborted ? { type: "buildCancelled" } : { type: "buildFailed", message: failureMessage(error) });
    } finally {
      abortRef.current = undefined;
    }
  };

  const cancel = () => {
    dispatch({ type: "cancelRequested" });
    abortRef.current?.abort();
  };

  const index = STEPS.indexOf(state.step);
  const previous = index > 0 ? STEPS[index - 1] : undefined;
  const next = index < STEPS.length - 1 ? STEPS[index + 1] : undefined;
  const building = state.build.status === "running";
  const stepBlocked =
    (state.step === "data" && dataProblems(state).length > 0) ||
    (state.step === "options" && Object.keys(optionsProblems(state.options)).length > 0);

  return (
    <FluentProvider theme={webLightTheme} className={styles.root}>
      <main className={styles.main}>
        <header>
          <h1 className={styles.title}>Retention scorecard</h1>
          <p className={styles.tagline}>Point Retain at your data and build a scorecard sheet that recalculates.</p>
        </header>
        {/* A step list rather than tabs: the steps are a sequence, and plain buttons keep the bundle small. */}
        <nav aria-label="Steps">
          <ol className={styles.steps}>
            {STEPS.map((step) => (
              <li key={step}>
                <Button
                  appearance={step === state.step ? "primary" : "subtle"}
                  aria-current={step === state.step ? "step" : undefined}
                  disabled={building && step !== state.step}
                  onClick={() => goTo(step, true)}
                >
                  {STEP_TITLES[step]}
                </Button>
              </li>
            ))}
          </ol>
        </nav>
        <div>
          {state.step === "data" && (
            <DataStep
              state={state}
              dispatch={dispatch}
              headingRef={headingRef}
              onRefresh={() => void runDataTask("list", () => service.listSources())}
              onUseSelection={() => void runDataTask("selection", async () => [await service.selectionSource()])}
              onInsertSample={() => void runDataTask("sample", () => service.insertSampleData())}
            />
          )}
          {state.step === "options" && <OptionsStep state={state} dispatch={dispatch} headingRef={headingRef} />}
          {state.step === "build" && (
            <BuildStep
              state={state}
              headingRef={headingRef}
              onBuild={() => void build()}
              onCancel={cancel}
              onGoTo={(step) => goTo(step, true)}
            />
          )}
        </div>
        <nav className={styles.nav} aria-label="Step navigation">
          {previous ? (
            <Button onClick={() => goTo(previous, true)} disabled={building}>
              Back
            </Button>
          ) : (
            <span />
          )}
          {next && (
            <Button appearance="primary" onClick={() => goTo(next, true)} disabledFocusable={stepBlocked}>
              {`Next: ${next === "options" ? "Options" : "Build"}`}
            </Button>
          )}
        </nav>
      </main>
    </FluentProvider>
  );
}
