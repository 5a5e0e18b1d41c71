#!/usr/bin/env python3
"""Synthesize single MVTU processing elements with Yosys synth_xilinx over a
(pruned) precision x SIMD grid and record cell counts.

  python3 scripts/yosys/sweep.py [--out resources/calibration/yosys_pe.csv]
                                 [--list] [--only PLAN] [--fresh]

Runs ONE yosys at a time (shared 2-core box), appends a CSV row after every run
and skips rows already present, so it can be interrupted and resumed.

Yosys command per point (FAMILY in xc7, xcup):
  yosys -q -p "read_verilog pe.v;
               synth_xilinx -family FAMILY -nowidelut -flatten [-nodsp] -top pe;
               tee -q -o stat.json stat -json"

CSV columns: family,w,a,simd,mw,acc_bits,thresholds,lut,ff,carry,dsp,dsp_mode,
             variant,lut6,secs
  lut      all LUT1..LUT6 plus INV (Vivado implements INV as LUT1)
  ff       FDRE/FDSE/FDCE/FDPE
  carry    CARRY4/CARRY8 cells (yosys 0.23 emits CARRY4 also for xcup)
  dsp      DSP48E1/DSP48E2
  dsp_mode 'lut' (-nodsp) or 'dsp' (DSP inference enabled)
  variant  'pe'       full PE (lanes, tree, accumulator, 2^A-1 comparators)
           'pe_nothr' same without the threshold unit (acc is the output)
           'thr_only' threshold unit alone (registered acc in, comparators,
                      popcount, registered A-bit out); w=simd=mw=0
  secs     yosys wall time
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_pe  # noqa: E402

COLS = ["family", "w", "a", "simd", "mw", "acc_bits", "thresholds", "lut", "ff",
        "carry", "dsp", "dsp_mode", "variant", "lut6", "secs"]
FAMS = ["xc7", "xcup"]
WS = [1, 2, 3, 4, 5, 6, 8]
AS = [1, 2, 3, 4, 8]
SWEEP_WA = [(1, 1), (2, 2), (4, 4), (8, 8), (1, 2), (2, 4)]
SIMDS = [1, 2, 4, 8, 16, 32, 64]


def plan():
    """Ordered list of points: (family, variant, dsp_mode, w, a, simd, acc_for_thr_only).
    Pruning (CPU budget ~40 min): the 255-comparator threshold unit of A=8 costs
    30-70 s per run, so A=8 is measured mostly without thresholds (pe_nothr) and
    the comparator cost is swept separately (thr_only)."""
    P = []
    # 1. full PE, W x A (A<=4) grid at SIMD 8 and 32, both families
    for simd in (8, 32):
        for fam in FAMS:
            for w in WS:
                for a in AS:
                    if a <= 4:
                        P.append((fam, "pe", "lut", w, a, simd, 0))
    # xcup gave LUT/FF/CARRY counts identical to xc7 for all 56 '-nodsp' points of
    # section 1 (yosys 0.23 maps both to the same LUT6/CARRY4 library), so the
    # remaining '-nodsp' sections run xc7 only, plus a few xcup spot checks.
    # 2. lanes without thresholds: full W x A grid (incl. A=8) at SIMD 8, 32
    for simd in (8, 32):
        for w in WS:
            for a in AS:
                P.append(("xc7", "pe_nothr", "lut", w, a, simd, 0))
    # 3. SIMD sweeps
    for (w, a) in SWEEP_WA:
        for simd in SIMDS:
            if simd in (8, 32) and a <= 4:
                continue  # already in 1.
            if a <= 4:
                P.append(("xc7", "pe", "lut", w, a, simd, 0))
            else:
                P.append(("xc7", "pe_nothr", "lut", w, a, simd, 0))
    # 4. threshold unit alone: comparators vs count and accumulator width
    for a in (1, 2, 3, 4, 8):
        for acc in (8, 16, 24, 32):
            P.append(("xc7", "thr_only", "lut", 0, a, 0, acc))
    # xcup spot checks
    P += [("xcup", "thr_only", "lut", 0, 4, 0, 16), ("xcup", "thr_only", "lut", 0, 4, 0, 32),
          ("xcup", "pe_nothr", "lut", 8, 8, 32, 0), ("xcup", "pe_nothr", "lut", 8, 8, 64, 0),
          ("xcup", "pe_nothr", "lut", 1, 8, 32, 0)]
    # 5. DSP mode (multiplier may go to DSP48), W,A >= 4
    for fam in FAMS:
        for simd in (8, 32):
            for w in (4, 5, 6, 8):
                for a in (4, 8):
                    P.append((fam, "pe_nothr", "dsp", w, a, simd, 0))
                    if a == 4:
                        P.append((fam, "pe", "dsp", w, a, simd, 0))
        for (w, a) in ((8, 4), (8, 8)):
            for simd in SIMDS:
                if simd not in (8, 32):
                    P.append((fam, "pe_nothr", "dsp", w, a, simd, 0))
    # 6. a few full A=8 PEs (255 comparators) to check additivity
    for (fam, w, simd) in (("xc7", 1, 8), ("xc7", 8, 8), ("xc7", 8, 32)):
        P.append((fam, "pe", "lut", w, 8, simd, 0))
    seen, out = set(), []
    for p in P:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def key_of_row(r):
    return (r["family"], r["variant"], r["dsp_mode"], int(r["w"]), int(r["a"]),
            int(r["simd"]), int(r["acc_bits"]) if r["variant"] == "thr_only" else 0)


def synth(point, tmp):
    fam, variant, dsp_mode, w, a, simd, acc = point
    if variant == "thr_only":
        v, info = gen_pe.gen_thr_only(a, acc)
    else:
        v, info = gen_pe.gen(w, a, simd, None, variant == "pe")
    vf = os.path.join(tmp, "pe.v")
    sf = os.path.join(tmp, "stat.json")
    with open(vf, "w") as f:
        f.write(v)
    if os.path.exists(sf):
        os.remove(sf)
    nodsp = "-nodsp " if dsp_mode == "lut" else ""
    script = (f"read_verilog {vf}; synth_xilinx -family {fam} -nowidelut -flatten "
              f"{nodsp}-top pe; tee -q -o {sf} stat -json")
    t0 = time.time()
    subprocess.run(["yosys", "-q", "-p", script], check=True, cwd=tmp,
                   stdout=subprocess.DEVNULL)
    secs = time.time() - t0
    cells = json.load(open(sf))["design"]["num_cells_by_type"]
    lut = sum(n for c, n in cells.items() if c.startswith("LUT") or c == "INV")
    ff = sum(n for c, n in cells.items() if c in ("FDRE", "FDSE", "FDCE", "FDPE"))
    carry = sum(n for c, n in cells.items() if c.startswith("CARRY"))
    dsp = sum(n for c, n in cells.items() if c.startswith("DSP48"))
    other = {c: n for c, n in cells.items()
             if not (c.startswith(("LUT", "FD", "CARRY", "DSP48")) or c in
                     ("INV", "IBUF", "OBUF", "BUFG"))}
    if other:
        print("  note: unclassified cells", other, file=sys.stderr)
    return dict(family=fam, w=w, a=a, simd=simd, mw=info["mw"], acc_bits=info["acc_bits"],
                thresholds=info["thresholds"], lut=lut, ff=ff, carry=carry, dsp=dsp,
                dsp_mode=dsp_mode, variant=variant, lut6=cells.get("LUT6", 0),
                secs=round(secs, 1))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "resources",
                                                  "calibration", "yosys_pe.csv"))
    ap.add_argument("--list", action="store_true", help="print the plan and exit")
    ap.add_argument("--fresh", action="store_true", help="ignore existing rows")
    ap.add_argument("--max", type=int, default=0, help="stop after N new runs")
    o = ap.parse_args()
    P = plan()
    if o.list:
        for p in P:
            print(*p)
        print(len(P), "points", file=sys.stderr)
        return
    out = os.path.normpath(o.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    done = set()
    if os.path.exists(out) and not o.fresh:
        with open(out) as f:
            for r in csv.DictReader(f):
                done.add(key_of_row(r))
    else:
        with open(out, "w", newline="") as f:
            csv.writer(f).writerow(COLS)
    todo = [p for p in P if p not in done]
    print(f"{len(P)} points, {len(todo)} to run", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="bitfold_yosys_") as tmp:
        for i, p in enumerate(todo):
            if o.max and i >= o.max:
                break
            r = synth(p, tmp)
            with open(out, "a", newline="") as f:
                csv.DictWriter(f, COLS).writerow(r)
            print(f"[{i+1}/{len(todo)}] {p} lut={r['lut']} ff={r['ff']} carry={r['carry']} "
                  f"dsp={r['dsp']} {r['secs']}s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
