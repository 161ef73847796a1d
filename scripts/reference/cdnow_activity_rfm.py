"""Outside reference for test/rfm.test.ts and test/activity.test.ts, computed with pandas on the
real CDNOW transactions (../shared/data/reference/CDNOW_master.txt: customer id, yyyymmdd date,
CDs, dollars; 69,659 rows, 23,570 customers).

Usage: /usr/bin/python3 scripts/reference/cdnow_activity_rfm.py [CDNOW_master.txt] > out.json
The committed copy is test/reference/fixtures/cdnow-activity-rfm.json; the tests re-run this
script when python3 with pandas is installed and check that both agree.

It computes, independently of Retain's TypeScript, with as_of = the latest date in the data:
- RFM (the CRAN rfm package's rfm_table_order): per customer, recency = days from the last
  purchase to as_of, frequency = purchases, monetary = total dollars; scores 1-5 from cut points
  Q(p) + 1, Q = R's type-7 quantile at p = k * 0.2 (written out below as R computes it), R reversed;
- ACTIVEUSERS: distinct customers with a purchase in (as_of - w, as_of] for several w;
- DISENGAGED: customers whose last purchase is more than d days before as_of.
"""
import json
import math
import sys

import pandas as pd

PATH = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/reference/CDNOW_master.txt"

data = pd.read_csv(PATH, sep=r"\s+", header=None, skiprows=1, names=["id", "date", "cds", "dollars"], dtype={"id": str, "date": str})
data["day"] = pd.to_datetime(data["date"], format="%Y%m%d")
as_of = data["day"].max()

per = data.groupby("id", sort=False).agg(last=("day", "max"), frequency=("day", "size"), monetary=("dollars", "sum"))
per["recency"] = (as_of - per["last"]).dt.days


def quantile_type7(sorted_values, p):
    """R's quantile(type = 7): index = 1 + (n - 1) p; (1 - h) x[lo] + h x[hi] when h > 0 and they differ."""
    n = len(sorted_values)
    index = 1 + max(n - 1, 0) * p
    lo = math.floor(index)
    hi = math.ceil(index)
    low = sorted_values[lo - 1]
    high = sorted_values[hi - 1]
    if index > lo and high != low:
        h = index - lo
        return (1 - h) * low + h * high
    return low


def cut_points(values):
    ordered = sorted(float(v) for v in values)
    return [quantile_type7(ordered, k * (1 / 5)) + 1 for k in (1, 2, 3, 4)]


def bins(values, cuts):
    return [1 + sum(1 for cut in cuts if v >= cut) for v in values]


cuts = {name: cut_points(per[name]) for name in ("recency", "frequency", "monetary")}
per["r"] = [6 - b for b in bins(per["recency"], cuts["recency"])]
per["f"] = bins(per["frequency"], cuts["frequency"])
per["m"] = bins(per["monetary"], cuts["monetary"])


def nearest_cut_distance(values, cut_list):
    return min(abs(float(v) - c) for v in values for c in cut_list)


def score_counts(column):
    counts = per[column].value_counts()
    return [int(counts.get(score, 0)) for score in (1, 2, 3, 4, 5)]


sample_ids = list(per.index[:12]) + list(per.sort_values(["monetary"], ascending=False).index[:3])
excel_epoch = pd.Timestamp("1899-12-30")

last_day = per["last"]
active = {}
for window in (1, 7, 30, 90, 365):
    in_window = data[(data["day"] > as_of - pd.Timedelta(days=window)) & (data["day"] <= as_of)]
    active[str(window)] = int(in_window["id"].nunique())
disengaged = {}
for days in (90, 365):
    inactive = per[(as_of - last_day).dt.days > days]
    longest = inactive.sort_values("recency", ascending=False, kind="stable")
    disengaged[str(days)] = {"count": int(len(inactive)), "maxDaysInactive": int(longest["recency"].iloc[0]) if len(longest) else None}

result = {
    "source": "scripts/reference/cdnow_activity_rfm.py (pandas %s) on CDNOW_master.txt" % pd.__version__,
    "rows": int(len(data)),
    "asOf": int((as_of - excel_epoch).days),
    "customers": int(len(per)),
    "totals": {
        "recency": int(per["recency"].sum()),
        "frequency": int(per["frequency"].sum()),
        "monetary": round(float(per["monetary"].sum()), 6),
    },
    "cuts": {name: [float("%.15g" % c) for c in values] for name, values in cuts.items()},
    "scoreCounts": {"r": score_counts("r"), "f": score_counts("f"), "m": score_counts("m")},
    "monetaryNearestCut": round(nearest_cut_distance(per["monetary"], cuts["monetary"]), 9),
    "sample": [
        {
            "id": customer,
            "recency": int(per.at[customer, "recency"]),
            "frequency": int(per.at[customer, "frequency"]),
            "monetary": round(float(per.at[customer, "monetary"]), 6),
            "r": int(per.at[customer, "r"]),
            "f": int(per.at[customer, "f"]),
            "m": int(per.at[customer, "m"]),
        }
        for customer in sample_ids
    ],
    "activeUsers": active,
    "disengaged": disengaged,
}
json.dump(result, sys.stdout, indent=1)
sys.stdout.write("\n")
