// Regenerates src/states/states.json, the embedded state registry, from a user's copy of the COW
// State System Membership list (v2024) and the countrycode crosswalk. The output is a small factual
// table (codes, names, membership spells) so that `npm start` needs no data directory.
// Usage: node --import tsx scripts/gen-states.ts ../shared/data/alliances
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../src/data/csv.js";

const dir = process.argv[2];
if (!dir) throw new Error("usage: gen-states.ts DATA_DIR");
const states = parseCsv(readFileSync(join(dir, "statelist2024.csv"), "utf8"));
const crosswalk = parseCsv(readFileSync(join(dir, "cow_iso3_crosswalk.csv"), "utf8"));
const isoByCow = new Map<number, { iso3: string; name: string }>();
for (const row of crosswalk) {
  if (row.iso3c && row.cown)
    isoByCow.set(Number(row.cown), { iso3: row.iso3c, name: row["country.name.en"] ?? "" });
}
// COW 345 is Yugoslavia until 2006 and Serbia after; the crosswalk leaves it without ISO.
const isoFrom: Record<number, { iso3: string; from: string }> = { 345: { iso3: "SRB", from: "2006-06-05" } };
const pad = (n: string) => n.padStart(2, "0");
const byCow = new Map<
  number,
  { cow: number; cow_abb: string; name: string; spells: { from: string; to: string | null }[] }
>();
for (const row of states) {
  const cow = Number(row.ccode);
  const entry = byCow.get(cow) ?? { cow, cow_abb: row.stateabb ?? "", name: row.statenme ?? "", spells: [] };
  const to =
    row.endyear === "2024" && row.endmonth === "12" && row.endday === "31"
      ? null
      : `${row.endyear}-${pad(row.endmonth ?? "")}-${pad(row.endday ?? "")}`;
  entry.spells.push({ from: `${row.styear}-${pad(row.stmonth ?? "")}-${pad(row.stday ?? "")}`, to });
  entry.name = row.statenme ?? entry.name;
  byCow.set(cow, entry);
}
const out = [...byCow.values()].map((s) => {
  const iso = isoByCow.get(s.cow);
  const late = isoFrom[s.cow];
  return {
    code: iso ? iso.iso3 : `cow:${s.cow}`,
    name: iso ? iso.name : s.name,
    cow_name: s.name,
    cow: s.cow,
    cow_abb: s.cow_abb,
    iso3: iso?.iso3 ?? late?.iso3 ?? null,
    ...(late ? { iso3_from: late.from } : {}),
    spells: s.spells,
  };
});
writeFileSync(
  new URL("../src/states/states.json", import.meta.url),
  `[\n${out.map((s) => JSON.stringify(s)).join(",\n")}\n]\n`,
);
console.log(`wrote ${out.length} states`);
