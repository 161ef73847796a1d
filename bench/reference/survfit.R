# Outside reference for the SURVIVAL benchmark: R's survfit on the same durations.
# Reads the worker's binary columns from DIR; prints the best of 3 timings in milliseconds.
suppressMessages(library(survival))
d <- commandArgs(trailingOnly = TRUE)[1]
n <- file.info(file.path(d, "durations.f64"))$size / 8
t <- readBin(file.path(d, "durations.f64"), "double", n = n)
e <- readBin(file.path(d, "churned.u8"), "integer", n = n, size = 1, signed = FALSE)
best <- Inf
for (i in 1:3) {
  start <- proc.time()[["elapsed"]]
  fit <- survfit(Surv(t, e) ~ 1, conf.type = "log-log")
  table <- summary(fit)
  best <- min(best, (proc.time()[["elapsed"]] - start) * 1000)
}
cat(sprintf("%.1f %d\n", best, length(table$time)))
