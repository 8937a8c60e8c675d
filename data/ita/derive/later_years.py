#!/usr/bin/env python3
"""Writes data/ita/2567.json … 2570.json from the reference facts of later ITA years.

    python3 data/ita/derive/later_years.py ../shared/ita/ita-2567-2570-reference.json

Used once per new reference file by a developer; the files it writes are the project's data
and are then corrected by administrators (the framework workshop, or by hand), not by running
this again. What a source does not confirm is written with "verified": false:
  - 2567: the 2566 list (43 items, same numbering), as the sources say, with their confidence;
  - 2568, 2569: the items, titles, periods and sources of the reference; the grouping into
    sub-indicators 9.x/10.x is ours (the official assignment was not found);
  - EIT and IIT questions of 2567 on: no list was found, so 2566's, each unverified;
  - result levels since 2567: labels confirmed, thresholds not;
  - 2570: nothing is published: 2569 carried over, every item unverified, provisional.
"""
import copy
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # data/ita

LEVELS = [
    {"name_th": "ผ่านดีเยี่ยม", "name_en": "Pass, excellent", "min_total": 95, "min_each_tool": 95, "passes": True},
    {"name_th": "ผ่านดี", "name_en": "Pass, good", "min_total": 85, "min_each_tool": 85, "passes": True},
    {"name_th": "ผ่าน", "name_en": "Pass", "min_total": 85, "passes": True},
    {"name_th": "ต้องปรับปรุง", "name_en": "Needs improvement", "min_total": 70, "passes": False},
    {"name_th": "ต้องปรับปรุงโดยด่วน", "name_en": "Needs urgent improvement", "min_total": 0, "passes": False},
]
LEVELS_NOTE = ("Levels reported since ITA 2567. Labels confirmed by news of NACC statements (an agency at 94.64 "
               "stayed at ผ่าน because its EIT was under 85); the thresholds come from a university's ITA system "
               "and are unverified: check against the year's manual.")

# Groups of 2568 and 2569 that belong to indicator 10 (corruption prevention), as in 2566.
PREVENTION = ("สินบน", "ความเสี่ยง", "แผนป้องกัน", "มาตรการส่งเสริม")

ROLES = {  # what of Prongsai's own answers each item (framework::role)
    2567: {"O1": ["structure"], "O2": ["executives"], "O3": ["duties"], "O4": ["development_plan"], "O5": ["contact"],
           "O6": ["laws"], "O14": ["work_manual"], "O15": ["service_manual"], "O27": ["complaint_guideline"], "O7": ["news"], "O8": ["questions"], "O9": ["social_network"],
           "O16": ["service_statistics"], "O17": ["satisfaction"], "O18": ["e_service"], "O28": ["corruption_channel"],
           "O29": ["corruption_statistics"], "O30": ["participation"], "O10": ["privacy"], "O19": ["procurement_plan"],
           "O20": ["procurement_announcements"], "O21": ["procurement_monthly"], "O22": ["procurement_annual"], "O42": ["measures_plan"],
           "O43": ["measures_report"]},
    2568: {"O1": ["structure", "duties"], "O2": ["executives"], "O3": ["contact"], "O4": ["news"], "O5": ["development_plan"],
           "O8": ["work_manual"], "O9": ["service_manual"], "O17": ["complaint_guideline"], "O10": ["e_service"], "O11": ["service_statistics"],
           "O18": ["corruption_channel"], "O19": ["corruption_statistics"], "O20": ["participation"],
           "O12": ["procurement_monthly"], "O13": ["procurement_annual"], "O27": ["measures_plan"], "O28": ["measures_report"]},
    2569: {"O1": ["structure", "duties"], "O2": ["executives"], "O3": ["contact", "questions"], "O4": ["news"],
           "O5": ["development_plan"], "O8": ["work_manual"], "O9": ["service_manual"], "O16": ["complaint_guideline"], "O10": ["e_service", "service_statistics"],
           "O17": ["corruption_channel"], "O18": ["corruption_statistics"], "O19": ["participation"],
           "O11": ["procurement_monthly"], "O12": ["procurement_annual"], "O25": ["measures_plan"], "O26": ["measures_report"]},
}

def source_text(ref, item):
    parts = ", ".join(item.get("source", []))
    text = f"{parts} (confidence {item.get('confidence', 'unknown')})"
    if item.get("note"):
        text += ": " + item["note"]
    return text


def cadence(period, note=""):
    c = {"kind": period["kind"]}
    if period.get("fiscal_year"):
        c["fiscal_year"] = period["fiscal_year"]
    if note:
        c["note"] = note
    return c


def assessment(year):
    ce = year - 543
    return {"oit_opens": f"{ce}-03-01", "oit_closes": f"{ce}-04-30",
            "clarification_opens": f"{ce}-06-01", "clarification_closes": f"{ce}-06-15", "verified": False,
            "note": f"Assumed as in 2565 (evidence 1 March – 30 April, clarification 1–15 June); the NACC's {year} schedule is not in the reference data: check and correct."}


def surveys_of(base, year):
    out = []
    for it in base["items"]:
        if it["tool"] == "OIT":
            continue
        it = copy.deepcopy(it)
        it["verified"] = False
        it["source"] = f"question of ITA {base['year']}: no EIT/IIT list of {year} was found"
        out.append(it)
    return out


def survey_identity(doc):
    """EIT and IIT keep their codes: 2565 to 2566 the questions are the same, and 2567 on carry 2566's."""
    return {i["code"]: i["code"] for i in doc["items"] if i["tool"] != "OIT"}


def header(base, year, note):
    doc = {k: copy.deepcopy(base[k]) for k in ("format", "answer_scales", "tools", "survey_scoring", "oit_scoring")}
    doc["year"] = year
    doc["title_th"] = f"การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. {year}"
    doc["title_en"] = f"Integrity and Transparency Assessment, fiscal year {year} BE"
    doc["note"] = note + " " + LEVELS_NOTE
    doc["pass_mark"] = 85
    doc["levels"] = copy.deepcopy(LEVELS)
    doc["assessment"] = assessment(year)
    return doc


def year_2567(ref, base):
    doc = header(base, 2567, "ITA 2567 kept the 2566 OIT list unchanged (43 items, same numbering; high confidence). "
                             "Gathered from public sources; entries with verified=false are unconfirmed.")
    doc["indicators"] = copy.deepcopy(base["indicators"])
    by_code = {i["code"]: i for i in base["items"]}
    items = []
    for r in ref["years"]["2567"]["oit_items"]:
        it = copy.deepcopy(by_code[r["code"]])
        it.pop("roles", None)
        it["name_th"] = r["title_th"]
        it["verified"] = bool(r["verified"])
        it["source"] = source_text(ref, r)
        it["cadence"] = cadence(r["period"], it.get("cadence", {}).get("note", ""))
        if r["code"] in ROLES[2567]:
            it["roles"] = ROLES[2567][r["code"]]
        items.append(it)
    doc["items"] = items + surveys_of(base, 2567)
    doc["crosswalk"] = {"from_year": 2566, "verified": True,
                        "note": "the same 43 items and numbering as 2566; EIT and IIT codes kept",
                        "map": {i["code"]: i["code"] for i in items} | survey_identity(doc)}
    return doc


def restructured(ref, base, prev, year, crosswalk_key, sources_note):
    ry = ref["years"][str(year)]
    groups = []
    for r in ry["oit_items"]:
        if r["sub_indicator"] not in groups:
            groups.append(r["sub_indicator"])
    nine = [g for g in groups if not any(p in g for p in PREVENTION)]
    ten = [g for g in groups if any(p in g for p in PREVENTION)]
    code_of = {g: f"9.{n}" for n, g in enumerate(nine, 1)} | {g: f"10.{n}" for n, g in enumerate(ten, 1)}
    indicators = [copy.deepcopy(i) for i in base["indicators"] if i["tool"] != "OIT"]
    for number, gs in ((9, nine), (10, ten)):
        old = next(i for i in base["indicators"] if i["number"] == number)
        indicators.append({"number": number, "tool": "OIT", "name_th": old["name_th"], "name_en": old["name_en"],
                           "verified": False,
                           "sub_indicators": [{"code": code_of[g], "name_th": g} for g in gs]})
    doc = header(base, year, sources_note + " The grouping of items into sub-indicators 9.x and 10.x is Prongsai's, "
                                            "from the headings agencies show: the official assignment was not found.")
    doc["indicators"] = indicators
    cw = ref["crosswalk"][crosswalk_key]
    preds = {}
    for old, new in cw["map"].items():
        if new:
            preds.setdefault(new, []).append(old)
    prev_items = {i["code"]: i for i in prev["items"]}
    items = []
    for r in ry["oit_items"]:
        it = {"code": r["code"], "tool": "OIT", "sub_indicator": code_of[r["sub_indicator"]], "name_th": r["title_th"]}
        before = [prev_items[c] for c in preds.get(r["code"], []) if c in prev_items]
        if len(before) == 1 and before[0].get("name_en"):
            it["name_en"] = before[0]["name_en"]
        reqs = [b["requirement"] for b in before if b.get("requirement")]
        if reqs:
            it["requirement"] = (f"As {prev['year']} {', '.join(b['code'] for b in before)} (unverified for {year}): "
                                 + " / ".join(reqs))
        it["cadence"] = cadence(r["period"])
        it["verified"] = bool(r["verified"]) and r.get("confidence") in ("high", "medium")
        it["source"] = source_text(ref, r)
        if r["code"] in ROLES[year]:
            it["roles"] = ROLES[year][r["code"]]
        items.append(it)
    doc["items"] = items + surveys_of(base, year)
    doc["crosswalk"] = {"from_year": year - 1, "verified": False, "note": cw["note"] + "; EIT and IIT codes kept",
                        "map": cw["map"] | survey_identity(doc)}
    return doc


def year_2570(y2569):
    doc = copy.deepcopy(y2569)
    doc["year"] = 2570
    doc["title_th"] = doc["title_th"].replace("2569", "2570") + " (ร่าง)"
    doc["title_en"] = doc["title_en"].replace("2569", "2570") + " (draft)"
    doc["provisional"] = True
    doc["provisional_note"] = "ร่าง — รอคู่มือ ITA 2570 ของ ป.ป.ช."
    doc["note"] = ("Nothing of ITA 2570 was published when this was written (2026-12-05): ITA 2569 carried over, "
                   "every item unverified, until an administrator publishes the year's manual. " + LEVELS_NOTE)
    doc["assessment"] = assessment(2570)
    for it in doc["items"]:
        it["verified"] = False
        it["source"] = "carried over from ITA 2569: " + it.get("source", "")
    doc["crosswalk"] = {"from_year": 2569, "verified": False, "note": "2569 carried over unchanged",
                        "map": {i["code"]: i["code"] for i in doc["items"]}}
    return doc


ORDER = ["format", "year", "title_th", "title_en", "note", "sources", "provisional", "provisional_note", "pass_mark",
         "levels", "assessment", "answer_scales", "tools", "survey_scoring", "oit_scoring", "indicators", "items",
         "crosswalk"]


def write(doc):
    ordered = {k: doc[k] for k in ORDER if k in doc}
    path = HERE / f"{doc['year']}.json"
    path.write_text(json.dumps(ordered, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def main():
    ref = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    base = json.loads((HERE / "2566.json").read_text(encoding="utf-8"))
    y2567 = year_2567(ref, base)
    y2568 = restructured(ref, base, y2567, 2568, "2566_2567_to_2568",
                         "ITA 2568 cut the OIT list to 28 items; the measures report (O28) covers the previous fiscal year.")
    y2569 = restructured(ref, base, y2568, 2569, "2568_to_2569",
                         "ITA 2569: 26 items (one complete agency list: medium-low confidence).")
    sources = {k: v["address"] for k, v in ref["sources"].items()}
    for doc in (y2567, y2568, y2569, year_2570(y2569)):
        doc["sources"] = sources
        write(doc)


if __name__ == "__main__":
    main()
