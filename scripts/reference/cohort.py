"""Cohort-matrix reference for test/cohort.test.ts: the same matrices RETAIN.COHORT computes,
built with pandas (groupby and integer period arithmetic, independent of Retain's code).

Usage:
  /usr/bin/python3 scripts/reference/cohort.py cdnow PATH   # CDNOW_master.txt: id, yyyymmdd, cds, dollars
  /usr/bin/python3 scripts/reference/cohort.py csv PATH     # CSV with header: id,serial (Excel serials)

Prints JSON: for each of month/classic, month/unbounded, week/classic, quarter/classic the
cohort start serials, cohort sizes and the distinct-customer count matrix, with null for cells
after the last period in the data.

Definitions (issue 3): a customer's cohort is the period of their first transaction;
classic cell (c, k) = distinct customers of cohort c active in period c + k;
unbounded cell (c, k) = customers of cohort c whose last period is >= c + k.
Weeks start on Monday (pandas "W-SUN" periods end on Sunday).
"""
import json
import sys

import pandas as pd

EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def load(kind, path):
    if kind == "cdnow":
        frame = pd.read_csv(path, sep=r"\s+", header=0, names=["id", "ymd", "cds", "dollars"], dtype={"id": str, "ymd": str})
        dates = pd.to_datetime(frame["ymd"], format="%Y%m%d")
    else:
        frame = pd.read_csv(path, dtype={"id": str})
        dates = EXCEL_EPOCH + pd.to_timedelta(frame["serial"].astype("int64"), unit="D")
    return pd.DataFrame({"id": frame["id"].str.strip().str.lower(), "date": dates})


def period_numbers(dates, period):
    """An integer per period, consecutive periods consecutive; and each period's first day."""
    if period == "month":
        number = dates.dt.year * 12 + dates.dt.month - 1
        start = pd.to_datetime({"year": number // 12, "month": number % 12 + 1, "day": 1})
    elif period == "quarter":
        p = dates.dt.to_period("Q")
        number = dates.dt.year * 4 + (dates.dt.month - 1) // 3
        start = p.dt.start_time
    elif period == "week":
        p = dates.dt.to_period("W-SUN")
        start = p.dt.start_time
        number = (start - EXCEL_EPOCH).dt.days // 7
    else:
        raise ValueError(period)
    return number.astype("int64"), start


def matrix(data, period, mode):
    number, start = period_numbers(data["date"], period)
    frame = pd.DataFrame({"id": data["id"], "p": number, "start": start})
    first = frame.groupby("id")["p"].transform("min")
    frame["cohort"] = first
    frame["offset"] = frame["p"] - first
    last_period = int(frame["p"].max())
    first_period = int(frame["p"].min())
    width = last_period - first_period + 1
    customers = frame.drop_duplicates("id")[["id", "cohort"]]
    sizes = customers.groupby("cohort").size()
    if mode == "classic":
        counts = frame.drop_duplicates(["id", "p"]).groupby(["cohort", "offset"]).size().unstack(fill_value=0)
    else:
        span = frame.groupby("id").agg(cohort=("cohort", "first"), last=("offset", "max"))
        rows = {}
        for cohort, group in span.groupby("cohort"):
            lasts = group["last"].to_numpy()
            rows[cohort] = {k: int((lasts >= k).sum()) for k in range(width)}
        counts = pd.DataFrame.from_dict(rows, orient="index")
    starts = frame.groupby("cohort")["start"].min()
    out_rows = []
    for cohort in sorted(sizes.index):
        available = last_period - int(cohort) + 1
        row = []
        for k in range(width):
            if k >= available:
                row.append(None)
            else:
                row.append(int(counts.loc[cohort, k]) if k in counts.columns else 0)
        out_rows.append(row)
    cohort_starts = [int((starts[c] - EXCEL_EPOCH).days) for c in sorted(sizes.index)]
    return {"cohortStarts": cohort_starts, "sizes": [int(sizes[c]) for c in sorted(sizes.index)], "counts": out_rows}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    data = load(kind, path)
    result = {
        "rows": int(len(data)),
        "pandas_version": pd.__version__,
        "month_classic": matrix(data, "month", "classic"),
        "month_unbounded": matrix(data, "month", "unbounded"),
        "week_classic": matrix(data, "week", "classic"),
        "quarter_classic": matrix(data, "quarter", "classic"),
    }
    json.dump(result, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
