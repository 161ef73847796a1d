# Kaplan–Meier reference for test/survival.test.ts: R's survival::survfit with the log-log
# confidence interval (the same definition RETAIN.SURVIVAL uses).
#
# Usage: Rscript scripts/reference/km.R input.csv [confidence]
#   input.csv has a header and two columns: duration, event (1 = churned, 0 = censored).
# Prints JSON to stdout: one entry per time with at least one event (the rows RETAIN.SURVIVAL
# shows), every number with 17 significant digits, NA as null.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1])
confidence <- if (length(args) >= 2) as.numeric(args[2]) else 0.95
# timefix = FALSE: compare times exactly, as Retain does (R's default merges times that differ
# only by rounding error; the inputs here are exact decimals, so it changes nothing either way).
fit <- survfit(Surv(data[[1]], data[[2]]) ~ 1, conf.type = "log-log", conf.int = confidence, timefix = FALSE)
rows <- fit$n.event > 0
number <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
column <- function(name, x) sprintf('"%s": [%s]', name, paste(number(x), collapse = ", "))
median <- unname(summary(fit)$table["median"])
cat("{\n  ", paste(c(
  column("time", fit$time[rows]),
  column("n_risk", fit$n.risk[rows]),
  column("n_event", fit$n.event[rows]),
  column("n_censor", fit$n.censor[rows]),
  column("surv", fit$surv[rows]),
  column("lower", fit$lower[rows]),
  column("upper", fit$upper[rows]),
  sprintf('"r_version": "%s", "survival_version": "%s"', R.version.string, as.character(packageVersion("survival")))
), collapse = ",\n  "), "\n}\n", sep = "")
