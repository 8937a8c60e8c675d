#!/usr/bin/env bash
# The procurement register at a national department's size: importing 10,000 e-GP projects
# (cgdcontract JSON, one or two contracts each, over the twelve months of FY2567) into a fresh
# register, importing the same file again (every project compared, nothing written), and
# making a month's summary (about 830 purchases) and the year's report as PDF and XLSX. Each
# whole process, the median of `runs` (a fresh database for each first import), beside two
# baselines measured in the same run: the same command on a file of no projects (start-up,
# migrations checked, the agency read), and sqlite3 writing the same rows (projects, contracts
# and one audit row each) in one transaction: the storage floor.
# Writes bench/results/procurement-<date>.txt and bench/results/latest-procurement.txt.
#
#   bench/procurement.sh build/prongsai [projects] [runs]
set -euo pipefail
bin=$(realpath "${1:?usage: $0 path/to/prongsai [projects] [runs]}")
n=${2:-10000}
runs=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/prongsai-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 - "$n" "$work" <<'PY'
import json, random, sys
n, work = int(sys.argv[1]), sys.argv[2]
rng = random.Random(2567)
months = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
methods = ["เฉพาะเจาะจง", "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "ตลาดอิเล็กทรอนิกส์ (e-market)", "คัดเลือก"]
result, sql = [], ["BEGIN;", "CREATE TABLE p (id INTEGER PRIMARY KEY, agency_id, fiscal_year, egp_number, name, method, budget, agreed, status, created_at, updated_at);",
                   "CREATE TABLE c (id INTEGER PRIMARY KEY, agency_id, project_id, ordinal, number, vendor, price, signed_on);",
                   "CREATE TABLE a (id INTEGER PRIMARY KEY, agency_id, entity, action, after, at);",
                   "CREATE UNIQUE INDEX pn ON p (agency_id, egp_number);"]
for i in range(n):
    fiscal_month = i % 12                      # October first
    month = (fiscal_month + 9) % 12 + 1
    year = 2023 if month >= 10 else 2024
    day = 1 + i % 28
    date = f"{day} {months[month - 1]} {(year + 543) % 100:02d}"
    price = rng.randrange(5_000, 5_000_000)
    contracts = [{"contract_no": f"{i}/{k}", "winner": f"ร้านค้าที่ {i % 500}", "price_agree": price,
                  "contract_date": date} for k in range(1 + (i % 2))]
    result.append({"project_id": str(67000000000 + i), "project_name": f"จัดซื้อวัสดุสำนักงาน รายการที่ {i}",
                   "purchase_method_name": methods[i % 4], "project_money": price + 1000, "contract": contracts})
    sql.append(f"INSERT INTO p VALUES (NULL, 1, 2567, '{67000000000 + i}', 'จัดซื้อวัสดุสำนักงาน รายการที่ {i}', 'specific', {price + 1000}, {price * len(contracts)}, 'contracted', 0, 0);")
    for k in range(len(contracts)):
        sql.append(f"INSERT INTO c VALUES (NULL, 1, {i + 1}, {k + 1}, '{i}/{k}', 'ร้านค้าที่ {i % 500}', {price}, '{year}-{month:02d}-{day:02d}');")
    sql.append(f"INSERT INTO a VALUES (NULL, 1, 'procurement_project', 'create', '{json.dumps(result[-1], ensure_ascii=False)}', 0);")
sql.append("COMMIT;")
json.dump({"result": result}, open(f"{work}/egp.json", "w"), ensure_ascii=False)
json.dump({"result": []}, open(f"{work}/empty.json", "w"))
open(f"{work}/floor.sql", "w").write("\n".join(sql))
PY

fresh() {  # a new database with the demo agency, its path
  local db="$work/db-$1"
  rm -f "$db"*
  "$bin" init --db "sqlite:$db" --agency "องค์การบริหารส่วนตำบลนาหม่อม" --demo --password-file "$work/pw" >/dev/null 2>&1
  echo "$db"
}
ms() { python3 -c 'import sys,time; print(f"{(time.monotonic_ns() - int(sys.argv[1])) / 1e6:.0f}")' "$1"; }
now() { python3 -c 'import time; print(time.monotonic_ns())'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A t
for r in $(seq "$runs"); do
  db=$(fresh "$r")
  s=$(now); "$bin" procurement import "$work/empty.json" --year 2567 --db "sqlite:$db" >/dev/null; t[empty]+="$(ms "$s") "
  s=$(now); "$bin" procurement import "$work/egp.json" --year 2567 --db "sqlite:$db" >/dev/null; t[first]+="$(ms "$s") "
  s=$(now); "$bin" procurement import "$work/egp.json" --year 2567 --db "sqlite:$db" >/dev/null; t[again]+="$(ms "$s") "
  rm -f "$work/floor.db"
  s=$(now); sqlite3 "$work/floor.db" < "$work/floor.sql"; t[floor]+="$(ms "$s") "
  for f in pdf xlsx; do
    s=$(now); "$bin" report procurement --year 2567 --month 10 --format "$f" --out "$work/month.$f" --db "sqlite:$db" >/dev/null 2>&1
    t[month_$f]+="$(ms "$s") "
    s=$(now); "$bin" report procurement --year 2567 --format "$f" --out "$work/year.$f" --db "sqlite:$db" >/dev/null 2>&1
    t[year_$f]+="$(ms "$s") "
  done
done
med() { tr ' ' '\n' <<<"${t[$1]}" | grep . | median; }
pages=$(pdfinfo "$work/month.pdf" | awk '/^Pages/ {print $2}')
in_month=$(python3 -c "import sys; print(sum(1 for i in range(int(sys.argv[1])) if i % 12 == 0))" "$n")

mkdir -p "$here/results"
result="$here/results/procurement-$(date -u +%Y%m%d).txt"
{
  echo "Procurement at $n projects (FY2567), whole process, median of $runs runs, $(date -u +%FT%TZ), $(nproc) cores"
  printf '%-58s %8s\n' "measure" "ms"
  printf '%-58s %8s\n' "baseline: import of a file with no projects (start-up)" "$(med empty)"
  printf '%-58s %8s\n' "import $n projects into a fresh register" "$(med first)"
  printf '%-58s %8s\n' "import the same file again (all compared, none written)" "$(med again)"
  printf '%-58s %8s\n' "baseline: sqlite3, the same rows in one transaction" "$(med floor)"
  printf '%-58s %8s\n' "October's summary, PDF ($in_month purchases, $pages pages)" "$(med month_pdf)"
  printf '%-58s %8s\n' "October's summary, XLSX" "$(med month_xlsx)"
  printf '%-58s %8s\n' "the year's report, PDF" "$(med year_pdf)"
  printf '%-58s %8s\n' "the year's report, XLSX" "$(med year_xlsx)"
} | tee "$result"
cp "$result" "$here/results/latest-procurement.txt"
