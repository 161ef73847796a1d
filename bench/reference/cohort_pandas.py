"""Outside reference for the COHORT benchmark: the same classic cohort matrix in pandas.

Reads the worker's columns (the same text customer ids Retain gets, one per line, and the
Excel serials as float64) from DIR and prints the best of 3 timings in milliseconds of the
computation alone (not the file read).
Month arithmetic is integer arithmetic on datetime64 components, not .apply, as a pandas user
would write it for speed.
"""
import sys, time
import numpy as np
import pandas as pd

d = sys.argv[1]
with open(f"{d}/ids.txt") as f:
    customer = np.array(f.read().splitlines(), dtype=object)
serial = np.fromfile(f"{d}/serial.f64", dtype=np.float64)

def cohort_matrix():
    dates = pd.to_datetime(serial - 25569, unit="D")
    month = dates.year.values * 12 + dates.month.values - 1
    df = pd.DataFrame({"customer": customer, "month": month})
    df["cohort"] = df.groupby("customer")["month"].transform("min")
    df = df.drop_duplicates(["customer", "month"])
    df["offset"] = df["month"] - df["cohort"]
    counts = df.groupby(["cohort", "offset"]).size().unstack(fill_value=0)
    sizes = counts[0]
    return counts.div(sizes, axis=0)

best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    matrix = cohort_matrix()
    best = min(best, (time.perf_counter() - start) * 1000)
print(f"{best:.1f} {matrix.shape[0]}x{matrix.shape[1]}")
