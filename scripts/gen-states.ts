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
const codelist = parseCsv(readFileSync(join(dir, "countrycode_codelist_without_cldr.csv"), "utf8"));
// Continents for treaty areas ("territory of any of the Parties in Europe or North America"). The code list
// lumps the Americas together; its UN sub-regions split them.
const continentOf = new Map<string, string>();
for (const row of codelist) {
  if (!row.iso3c) continue;
  const sub = row["un.regionsub.name"] ?? "";
  const inter = row["un.regionintermediate.name"] ?? "";
  const continent =
    row.continent === "Americas"
      ? sub === "Northern America" || inter === "Central America"
        ? "north-america"
        : inter === "Caribbean"
          ? "caribbean"
          : "south-america"
      : (row.continent ?? "").toLowerCase();
  continentOf.set(row.iso3c, continent);
}
const numericOf = new Map<string, number>();
for (const row of crosswalk) if (row.iso3c && row.iso3n) numericOf.set(row.iso3c, Number(row.iso3n));
const isoByCow = new Map<number, { iso3: string; name: string }>();
for (const row of crosswalk) {
  if (row.iso3c && row.cown)
    isoByCow.set(Number(row.cown), { iso3: row.iso3c, name: row["country.name.en"] ?? "" });
}
// COW 345 is Yugoslavia until 2006 and Serbia after; the crosswalk leaves it without ISO.
const isoFrom: Record<number, { iso3: string; from: string }> = { 345: { iso3: "SRB", from: "2006-06-05" } };
// States that no longer exist have no ISO row: place them by their COW code block.
function historicContinent(cow: number): string | null {
  if (cow >= 200 && cow < 400) return "europe";
  if (cow >= 400 && cow < 600) return "africa";
  if (cow >= 600 && cow < 900) return "asia";
  return null;
}
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
    iso_numeric: numericOf.get(iso?.iso3 ?? late?.iso3 ?? "") ?? null,
    continent: continentOf.get(iso?.iso3 ?? late?.iso3 ?? "") ?? historicContinent(s.cow),
    ...(late ? { iso3_from: late.from } : {}),
    spells: s.spells,
  };
});
writeFileSync(
  new URL("../src/states/states.json", import.meta.url),
  `[\n${out.map((s) => JSON.stringify(s)).join(",\n")}\n]\n`,
);
console.log(`wrote ${out.length} states`);
