#!/usr/bin/env python3
"""Compares `proofbox check --json` on an anchors volume with the defects gen.py planted.

usage: check_vs_planted.py VOL.json CHECK.json
"""
import json, sys
from collections import Counter

head, rep = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
gt = head["ground_truth"]
f = rep["findings"]
by = Counter(x["check"] for x in f)
ok = True

def report(name, good, detail):
    global ok
    ok &= good
    print(("  ok   " if good else "  FAIL ") + name + ": " + detail)

conn = rep["parameters"]["connectivity"]
split = {int(k): v for k, v in gt["ids_with_multiple_components_%d" % (6 if conn == 6 else 26)].items()}
disc = Counter(x["segment"] for x in f if x["check"] == "disconnected")
report("disconnected", disc == Counter({k: v - 1 for k, v in split.items()}),
       "%d findings on %d ids; planted %d extra pieces on %d ids" % (sum(disc.values()), len(disc), sum(v - 1 for v in split.values()), len(split)))
holes = {(h["host_id"], h["voxels"]) for h in head["planted"]["hole"]}
found = {(x["segment"], x["voxels"]) for x in f if x["check"] == "hole" and x["section"] is None}
report("hole (3D cavities)", found == holes, "%d found, %d planted" % (len(found), len(holes)))
strays = {s["donor_id"] for s in head["planted"]["stray"]}
frag = {x["segment"] for x in f if x["check"] == "small_fragment" and x["voxels"] == 1}
report("small_fragment (strays)", strays <= frag, "%d of %d planted stray voxels found" % (len(strays & frag), len(strays)))
other = {k: v for k, v in by.items() if k not in ("disconnected", "hole", "small_fragment")}
sections = [x for x in f if x["check"] == "hole" and x["section"] is not None]
extra_frag = [x for x in f if x["check"] == "small_fragment" and x["segment"] not in split]
report("no other findings", not other and not sections and not extra_frag,
       "other checks %s, 2D holes %d, small fragments of unsplit ids %d" % (dict(other), len(sections), len(extra_frag)))
print("membrane style:", rep["membraneStyle"])
sys.exit(0 if ok else 1)
