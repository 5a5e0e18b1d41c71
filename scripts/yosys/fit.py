#!/usr/bin/env python3
"""Fit a physically shaped LUT/FF model of one MVTU processing element to the
Yosys synth_xilinx counts in resources/calibration/yosys_pe.csv.

  python3 scripts/yosys/fit.py [--csv ...] [--json resources/calibration/yosys_fit.json]
                               [--md FILE]   (markdown tables for the report)

Model (xc7 rows, '-nodsp'; xcup gives identical LUT counts in yosys 0.23):

  LUT(PE)      = SIMD * mult(W,A) + k_tree * tree_bits(SIMD, P)       lanes + adder tree
               + o_acc * ACC + o_0                                     accumulator / PE overhead
               + [thresholds] * N * (k_cmp * ACC + k_pop)               N = 2^A-1 comparators
  LUT(thr_only)= N * (k_cmp * ACC + k_pop) + t_0

  mult(W,A): W=1,A=1          x_xnor   (XNOR + its share of the popcount; tree_bits not used)
             W=1 xor A=1      s_1 * B + s_0, B = bits of the multi-bit operand (+-x, 'sign flip')
             W>=2, A>=2       c_1 * W*A + c_2 * (W+A) + c_0   (signed W x unsigned A array)
  P = product bits (1 for XNOR, W+A otherwise); tree_bits = sum of output widths of the
  adders of the balanced tree built by gen_pe.py (~ SIMD*(P+1) for large SIMD);
  ACC = ceil(log2(MW)) + W + A with MW = 16*SIMD.

  FF(PE) = SIMD*(W+A) + ACC + 1 + [thresholds]*A   (by construction; checked, not fitted)

Weighted least squares with weight 1/LUT (i.e. relative error is minimised).
k_tree and o_acc are FIXED at 1 LUT per adder output bit (carry-chain adders);
an all-free fit is reported alongside (it drives both negative: collinear with
the per-lane terms, because abc merges the first tree levels into the products).
"""
import argparse
import csv
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import gen_pe  # noqa: E402


def tree_bits(n, width):
    """Sum of adder output widths of gen_pe.adder_tree over n leaves of `width` bits."""
    tot, cw = 0, width
    while n > 1:
        pairs = n // 2
        tot += pairs * (cw + 1)
        n = pairs + (n % 2)
        cw += 1
    return tot


def lstsq(X, y, wts):
    """Weighted least squares via normal equations + Gauss-Jordan (small problems)."""
    k = len(X[0])
    A = [[0.0] * k for _ in range(k)]
    b = [0.0] * k
    for xi, yi, wi in zip(X, y, wts):
        w2 = wi * wi
        for p in range(k):
            b[p] += w2 * xi[p] * yi
            for q in range(k):
                A[p][q] += w2 * xi[p] * xi[q]
    M = [A[i] + [b[i]] for i in range(k)]
    for c in range(k):
        piv = max(range(c, k), key=lambda r: abs(M[r][c]))
        M[c], M[piv] = M[piv], M[c]
        if abs(M[c][c]) < 1e-12:
            raise SystemExit(f"singular fit (column {c})")
        for r in range(k):
            if r != c:
                f = M[r][c] / M[c][c]
                M[r] = [a - f * bb for a, bb in zip(M[r], M[c])]
    return [M[i][k] / M[i][i] for i in range(k)]


FIXED = {"k_tree": 1.0, "o_acc": 1.0}
PARAMS = ["x_xnor", "s_1", "s_0", "c_1", "c_2", "c_0", "k_tree", "o_acc", "o_0",
          "k_cmp", "k_pop", "t_0"]


def features(r):
    w, a, s, acc, nthr, var = r["w"], r["a"], r["simd"], r["acc_bits"], r["thresholds"], r["variant"]
    f = dict.fromkeys(PARAMS, 0.0)
    if var == "thr_only":
        f["k_cmp"] = nthr * acc
        f["k_pop"] = nthr
        f["t_0"] = 1
        return [f[p] for p in PARAMS]
    if w == 1 and a == 1:
        f["x_xnor"] = s
    elif w == 1 or a == 1:
        f["s_1"] = s * (w + a - 1)
        f["s_0"] = s
        f["k_tree"] = tree_bits(s, w + a)
    else:
        f["c_1"] = s * w * a
        f["c_2"] = s * (w + a)
        f["c_0"] = s
        f["k_tree"] = tree_bits(s, w + a)
    f["o_acc"] = acc
    f["o_0"] = 1
    if var == "pe":
        f["k_cmp"] = nthr * acc
        f["k_pop"] = nthr
    return [f[p] for p in PARAMS]


def mult_lut(c, w, a):
    if w == 1 and a == 1:
        return c["x_xnor"]
    if w == 1 or a == 1:
        return c["s_1"] * (w + a - 1) + c["s_0"]
    return c["c_1"] * w * a + c["c_2"] * (w + a) + c["c_0"]


def lane_lut(c, w, a, simd=None):
    """LUT per lane incl. its share of the adder tree (asymptotic share P+1 bits
    if simd is None, else the exact share at that SIMD)."""
    if w == 1 and a == 1:
        return c["x_xnor"]
    p = w + a
    share = (p + 1) if simd is None else tree_bits(simd, p) / simd
    return mult_lut(c, w, a) + c["k_tree"] * share


def predict(c, r):
    return sum(ci * fi for ci, fi in zip([c[p] for p in PARAMS], features(r)))


def ff_model(r):
    if r["variant"] == "thr_only":
        return r["acc_bits"] + r["a"]
    return r["simd"] * (r["w"] + r["a"]) + r["acc_bits"] + 1 + (r["a"] if r["variant"] == "pe" else 0)


def stats(pairs):
    """pairs of (measured, predicted)"""
    if not pairs:
        return {}
    rel = [(p - m) / m for m, p in pairs]
    ab = [abs(p - m) for m, p in pairs]
    return dict(n=len(pairs),
                rms_lut=round(math.sqrt(sum(x * x for x in ab) / len(ab)), 2),
                mean_abs_rel=round(sum(abs(x) for x in rel) / len(rel), 4),
                rms_rel=round(math.sqrt(sum(x * x for x in rel) / len(rel)), 4),
                max_abs_rel=round(max(abs(x) for x in rel), 4),
                mean_rel_bias=round(sum(rel) / len(rel), 4))


def load(path):
    rows = []
    for r in csv.DictReader(open(path)):
        for k in ("w", "a", "simd", "mw", "acc_bits", "thresholds", "lut", "ff", "carry", "dsp"):
            r[k] = int(r[k])
        rows.append(r)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", default=os.path.join(ROOT, "resources/calibration/yosys_pe.csv"))
    ap.add_argument("--json", default=os.path.join(ROOT, "resources/calibration/yosys_fit.json"))
    ap.add_argument("--md", default=None, help="write markdown tables here")
    o = ap.parse_args()
    rows = load(o.csv)
    lutrows = [r for r in rows if r["dsp_mode"] == "lut" and r["family"] == "xc7"]
    wts = [1.0 / max(r["lut"], 20) for r in lutrows]

    def fit_with(fixed):
        free = [p for p in PARAMS if p not in fixed]
        X, y = [], []
        for r in lutrows:
            f = dict(zip(PARAMS, features(r)))
            X.append([f[p] for p in free])
            y.append(r["lut"] - sum(v * f[k] for k, v in fixed.items()))
        c = dict(zip(free, lstsq(X, y, wts)))
        c.update(fixed)
        return c

    # primary: adders (tree, accumulator) fixed at 1 LUT per output bit (one LUT
    # per bit feeding a CARRY4 chain), everything else fitted
    coef = fit_with(FIXED)
    # alternative: everything free (slightly lower residual, but the tree and
    # accumulator coefficients come out unphysical: negative)
    coef_free = fit_with({})
    res_free = stats([(r["lut"], predict(coef_free, r)) for r in lutrows])

    # residuals
    groups = {}
    worst = []
    for r in lutrows:
        p = predict(coef, r)
        groups.setdefault(r["variant"], []).append((r["lut"], p))
        groups.setdefault("all", []).append((r["lut"], p))
        worst.append(((p - r["lut"]) / r["lut"], r, p))
    worst.sort(key=lambda t: -abs(t[0]))
    res = {g: stats(v) for g, v in groups.items()}

    # xc7 vs xcup identity check
    idx = {(r["family"], r["variant"], r["dsp_mode"], r["w"], r["a"], r["simd"], r["acc_bits"]): r
           for r in rows}
    same = diff = 0
    for k, r in idx.items():
        if k[0] == "xcup" and k[2] == "lut":
            o7 = idx.get(("xc7",) + k[1:])
            if o7:
                if (o7["lut"], o7["ff"], o7["carry"]) == (r["lut"], r["ff"], r["carry"]):
                    same += 1
                else:
                    diff += 1

    # FF check
    ffbad = [r for r in lutrows if r["ff"] != ff_model(r)]

    # empirical lane slopes from pe_nothr at SIMD 8 and 32 (xc7)
    nth = {(r["w"], r["a"], r["simd"]): r for r in lutrows if r["variant"] == "pe_nothr"}
    emp = {}
    for (w, a, s), r8 in nth.items():
        if s == 8 and (w, a, 32) in nth:
            r32 = nth[(w, a, 32)]
            slope = (r32["lut"] - r8["lut"] - coef["o_acc"] * (r32["acc_bits"] - r8["acc_bits"])) / 24
            emp[(w, a)] = dict(lut=round(slope, 2), ff=(r32["ff"] - r8["ff"] - 2) / 24,
                               carry=round((r32["carry"] - r8["carry"]) / 24, 2))

    # in-situ threshold cost: pe - pe_nothr at the same point
    pe = {(r["w"], r["a"], r["simd"]): r for r in lutrows if r["variant"] == "pe"}
    insitu = []
    for k, r in pe.items():
        if k in nth:
            m = r["lut"] - nth[k]["lut"]
            pr = r["thresholds"] * (coef["k_cmp"] * r["acc_bits"] + coef["k_pop"])
            insitu.append(dict(w=k[0], a=k[1], simd=k[2], acc_bits=r["acc_bits"],
                               thresholds=r["thresholds"], measured=m, model=round(pr, 1)))

    # DSP mode
    dsp = {}
    for r in rows:
        if r["dsp_mode"] == "dsp":
            dsp[(r["family"], r["variant"], r["w"], r["a"], r["simd"])] = r
    lutnothr = {(r["family"], r["w"], r["a"], r["simd"]): r for r in rows
                if r["dsp_mode"] == "lut" and r["variant"] == "pe_nothr"}
    dsp_tab = []
    for fam in ("xc7", "xcup"):
        for (w, a) in ((4, 4), (5, 4), (6, 4), (8, 4), (4, 8), (5, 8), (6, 8), (8, 8)):
            k8, k32 = (fam, "pe_nothr", w, a, 8), (fam, "pe_nothr", w, a, 32)
            if k8 in dsp and k32 in dsp:
                r8, r32 = dsp[k8], dsp[k32]
                ent = dict(family=fam, w=w, a=a,
                           lut_per_lane=round((r32["lut"] - r8["lut"] - coef["o_acc"] * 2) / 24, 2),
                           ff_per_lane=round((r32["ff"] - r8["ff"]) / 24, 2),
                           dsp_per_lane=round((r32["dsp"] - r8["dsp"]) / 24, 3),
                           carry_per_lane=round((r32["carry"] - r8["carry"]) / 24, 2),
                           lut_simd8=r8["lut"], lut_simd32=r32["lut"], ff_simd32=r32["ff"],
                           dsp_simd32=r32["dsp"])
                l8 = lutnothr.get(("xc7", w, a, 8))
                l32 = lutnothr.get(("xc7", w, a, 32))
                if l8 and l32:
                    ent["lut_per_lane_nodsp"] = round((l32["lut"] - l8["lut"] - coef["o_acc"] * 2) / 24, 2)
                dsp_tab.append(ent)
    # fit for DSP lanes that do map to DSPs: LUT/lane = d_1*(W+A) + d_0, FF/lane likewise
    dfit = {}
    for fam in ("xc7", "xcup"):
        dl = [e for e in dsp_tab if e["dsp_per_lane"] > 0.5 and e["family"] == fam]
        if len(dl) >= 2:
            d = lstsq([[e["w"] + e["a"], 1] for e in dl], [e["lut_per_lane"] for e in dl], [1] * len(dl))
            g = lstsq([[e["w"] + e["a"], 1] for e in dl], [e["ff_per_lane"] for e in dl], [1] * len(dl))
            dfit[fam] = dict(
                lut_per_lane="d_1*(W+A) + d_0", d_1=round(d[0], 3), d_0=round(d[1], 3),
                lut_residual_max=round(max(abs(d[0] * (e["w"] + e["a"]) + d[1] - e["lut_per_lane"]) for e in dl), 2),
                ff_per_lane="f_1*(W+A) + f_0", f_1=round(g[0], 3), f_0=round(g[1], 3),
                dsp_per_lane=1.0)
    # SIMD sweep check table
    sweep = []
    for r in lutrows:
        if r["variant"] != "thr_only" and (r["w"], r["a"]) in ((1, 1), (2, 2), (4, 4), (8, 8), (1, 2), (2, 4)):
            if r["variant"] == "pe" or r["a"] == 8:
                sweep.append(r)
    sweep.sort(key=lambda r: (r["w"], r["a"], r["simd"]))

    # Published comparison (Xilinx MPSoC 2017 deck via published.json): LUT/op, MAC = 2 ops
    pub = {1: 2.5, 4: 16, 8: 45}
    pubcmp = {}
    for b, lpo in pub.items():
        lane = lane_lut(coef, b, b)
        pubcmp[f"w{b}a{b}"] = dict(published_lut_per_mac=2 * lpo, yosys_lane_lut=round(lane, 2),
                                   ratio_published_over_yosys=round(2 * lpo / lane, 3))

    table = {}
    for w in (1, 2, 3, 4, 5, 6, 8):
        for a in (1, 2, 3, 4, 8):
            table[f"w{w}a{a}"] = dict(
                lane_lut=round(lane_lut(coef, w, a), 2),
                mult_lut=round(mult_lut(coef, w, a), 2),
                lane_lut_measured=emp.get((w, a), {}).get("lut"),
                lane_ff=w + a,
                lane_carry_measured=emp.get((w, a), {}).get("carry"))

    out = {
        "about": "Yosys 0.23 synth_xilinx (-nowidelut -flatten -nodsp unless noted) cost model of one "
                 "FINN-style MVTU processing element; generated by scripts/yosys/fit.py from "
                 "resources/calibration/yosys_pe.csv; see docs/calibration-yosys.md. Counts are yosys "
                 "LUT1-6(+INV) cells, not Vivado LUTs: use the shape, scale with vivado_factor.",
        "units": {
            "x_xnor": "LUT per lane, W1A1 XNOR incl. popcount share",
            "s_1, s_0": "LUT per lane per bit / per lane, one operand 1-bit (sign flip of the other, B bits): s_1*B+s_0",
            "c_1, c_2, c_0": "LUT per lane: c_1*W*A + c_2*(W+A) + c_0 for W,A>=2 (product only)",
            "k_tree": "LUT per adder-tree output bit (tree_bits ~ SIMD*(W+A+1))",
            "o_acc, o_0": "LUT per accumulator bit, LUT per PE",
            "k_cmp": "LUT per threshold per accumulator bit (comparator, thresholds as inputs)",
            "k_pop": "LUT per threshold (counting comparator outputs into A bits)",
            "t_0": "LUT intercept of the stand-alone threshold unit (thr_only rows only)",
            "lane_lut": "mult + k_tree*(W+A+1): asymptotic LUT per SIMD lane incl. tree share",
            "ff": "FF(PE) = SIMD*(W+A) + ACC + 1 + A (input regs, acc, first flag, output reg)",
        },
        "formula": {
            "lut_pe": "SIMD*mult(W,A) + k_tree*tree_bits(SIMD,W+A) + o_acc*ACC + o_0 + (2^A-1)*(k_cmp*ACC + k_pop)",
            "lut_pe_approx": "SIMD*lane_lut(W,A) + o_acc*ACC + o_0 + (2^A-1)*(k_cmp*ACC + k_pop)",
            "acc_bits": "ceil(log2(MW)) + W + A, MW = 16*SIMD in the sweep",
            "ff_pe": "SIMD*(W+A) + ACC + 1 + A",
        },
        "coefficients": {k: round(coef[k], 4) for k in PARAMS},
        "fixed_not_fitted": FIXED,
        "coefficients_all_free": {k: round(coef_free[k], 4) for k in PARAMS},
        "residuals_lut_all_free": res_free,
        "residuals_lut": res,
        "worst_points": [dict(w=r["w"], a=r["a"], simd=r["simd"], variant=r["variant"],
                              acc_bits=r["acc_bits"], measured=r["lut"], model=round(p, 1),
                              rel=round(e, 3)) for e, r, p in worst[:8]],
        "ff_model_exact": {"rows": len(lutrows), "mismatches": len(ffbad)},
        "xcup_vs_xc7_nodsp": {"identical_points": same, "different_points": diff},
        "lane_table": table,
        "threshold_in_situ": insitu,
        "dsp_mode": {"per_lane": dsp_tab,
                     "lut_per_lane_fit_when_mapped": dfit,
                     "note": "yosys maps a product to a DSP only if its width >= 9 bits "
                             "(DSP_Y_MINWIDTH=9): W4A4 (8-bit product) stays in LUTs."},
        "lane_formula_expanded": {
            "xnor (W=1,A=1)": f"{coef['x_xnor']:.3f}",
            "sign flip (W=1 xor A=1), B = bits of other operand":
                f"{coef['s_1'] + coef['k_tree']:.3f}*B + {coef['s_0'] + 2 * coef['k_tree']:.3f}",
            "multiply (W,A>=2)":
                f"{coef['c_1']:.3f}*W*A + {coef['c_2'] + coef['k_tree']:.3f}*(W+A) + {coef['c_0'] + coef['k_tree']:.3f}",
            "pe_overhead": f"{coef['o_acc']:.3f}*ACC + {coef['o_0']:.3f}",
            "thresholds": f"(2^A-1)*({coef['k_cmp']:.3f}*ACC + {coef['k_pop']:.3f})",
        },
        "published_comparison": pubcmp,
        "vivado_factor": {
            "about": "ratio published Xilinx LUT per MAC (2 x lut_per_op) / yosys lane_lut; the published "
                     "numbers are whole-design averages (include thresholds, control, LUTRAM), so this is a "
                     "rough bound, not a packing factor. Multi-bit: Vivado ~0.67-0.92 x yosys; 1-bit: "
                     "published > yosys lane because per-PE overhead dominates there.",
            "w1a1": pubcmp["w1a1"]["ratio_published_over_yosys"],
            "w4a4": pubcmp["w4a4"]["ratio_published_over_yosys"],
            "w8a8": pubcmp["w8a8"]["ratio_published_over_yosys"],
        },
        "n_rows": len(rows),
    }
    os.makedirs(os.path.dirname(o.json), exist_ok=True)
    with open(o.json, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")

    print("coefficients:", json.dumps(out["coefficients"]))
    print("all free:", json.dumps(out["coefficients_all_free"]), res_free)
    for g, s in res.items():
        print("residuals", g, s)
    print("ff mismatches", len(ffbad), "xcup==xc7", same, "diff", diff)
    print("worst:", [(x["w"], x["a"], x["simd"], x["variant"], x["measured"], x["model"]) for x in out["worst_points"]])
    print("dsp fit", dfit)
    print("published", pubcmp)

    if o.md:
        L = []
        L.append("| W \\ A | " + " | ".join(f"A={a}" for a in (1, 2, 3, 4, 8)) + " |")
        L.append("|---" * 6 + "|")
        for w in (1, 2, 3, 4, 5, 6, 8):
            cells = []
            for a in (1, 2, 3, 4, 8):
                t = table[f"w{w}a{a}"]
                m = t["lane_lut_measured"]
                cells.append(f"{t['lane_lut']:.1f} ({m:.1f})" if m is not None else f"{t['lane_lut']:.1f}")
            L.append(f"| W={w} | " + " | ".join(cells) + " |")
        L.append("")
        L.append("SIMD sweeps (xc7, -nodsp; `pe` = with thresholds, A=8 rows without):")
        L.append("")
        L.append("| W | A | variant | SIMD | ACC | LUT | model | err | FF | CARRY4 |")
        L.append("|---|---|---|---|---|---|---|---|---|---|")
        for r in sweep:
            p = predict(coef, r)
            L.append(f"| {r['w']} | {r['a']} | {r['variant']} | {r['simd']} | {r['acc_bits']} | {r['lut']} | "
                     f"{p:.0f} | {100*(p-r['lut'])/r['lut']:+.0f}% | {r['ff']} | {r['carry']} |")
        L.append("")
        L.append("Threshold unit alone (xc7, `thr_only`): LUT measured / model")
        L.append("")
        accs = sorted({r["acc_bits"] for r in lutrows if r["variant"] == "thr_only"})
        L.append("| A (N) | " + " | ".join(f"ACC={x}" for x in accs) + " |")
        L.append("|---" * (len(accs) + 1) + "|")
        tho = {(r["a"], r["acc_bits"]): r for r in lutrows if r["variant"] == "thr_only"}
        for a in (1, 2, 3, 4, 8):
            cells = []
            for x in accs:
                r = tho.get((a, x))
                cells.append(f"{r['lut']} / {predict(coef, r):.0f} (C{r['carry']})" if r else "-")
            L.append(f"| {a} ({(1<<a)-1}) | " + " | ".join(cells) + " |")
        L.append("")
        L.append("DSP mode (no `-nodsp`, pe_nothr, per-lane slopes between SIMD 8 and 32):")
        L.append("")
        L.append("| family | W | A | LUT/lane | LUT/lane -nodsp | FF/lane | DSP/lane | CARRY4/lane | LUT@32 | FF@32 |")
        L.append("|---|---|---|---|---|---|---|---|---|---|")
        for e in dsp_tab:
            L.append(f"| {e['family']} | {e['w']} | {e['a']} | {e['lut_per_lane']} | {e.get('lut_per_lane_nodsp','-')} | "
                     f"{e['ff_per_lane']} | {e['dsp_per_lane']} | {e['carry_per_lane']} | {e['lut_simd32']} | {e['ff_simd32']} |")
        L.append("")
        L.append("Threshold cost in situ (pe - pe_nothr, xc7) vs model N*(k_cmp*ACC+k_pop):")
        L.append("")
        L.append("| W | A | SIMD | ACC | N | measured | model |")
        L.append("|---|---|---|---|---|---|---|")
        for e in sorted(insitu, key=lambda e: (e["a"], e["simd"], e["w"])):
            L.append(f"| {e['w']} | {e['a']} | {e['simd']} | {e['acc_bits']} | {e['thresholds']} | {e['measured']} | {e['model']} |")
        with open(o.md, "w") as f:
            f.write("\n".join(L) + "\n")


if __name__ == "__main__":
    main()
