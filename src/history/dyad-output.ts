import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { parquetWriteBuffer } from "hyparquet-writer";
import { ATOP_DATASET, ATOP_FILES, ATOP_LAST_YEAR } from "../data/atop.js";
import {
  ATOP_COLUMNS,
  CASUS_KINDS,
  type CasusColumns,
  CONDITIONAL_KINDS,
  type DyadColumns,
  MISSING,
  sourceName,
} from "./dyads.js";

/** What the output was built from and how: the sidecar, the Parquet metadata and the summary say it. */
export interface DyadProvenance {
  from: number;
  to: number;
  directed: boolean;
  carryForward: boolean;
  casusVersion: string;
  atopVersion: string;
  atopChecksums: Record<string, string>;
  /** ATOP alliances left out because the library encodes them from their text. */
  libraryWins: number[];
  unknownMembers: { atopid: number; member: number; years: string }[];
  directionUnknownRows: number;
}

/** Every column, in order, with what it means: `--help`, the sidecar and the README quote this table. */
export const DYAD_COLUMNS: [string, string][] = [
  ["ccode1", "COW state code of the first state (in directed data, the one that owes)"],
  ["ccode2", "COW state code of the second state (in directed data, the one owed)"],
  ["year", "calendar year; both states are COW system members at some time in it"],
  [
    "atop_defense",
    `ATOP's own coding, from its member file alone: 1 if ccode1 promises active military support if ccode2 is attacked (non-directed: either way); missing outside ${1816}–${ATOP_LAST_YEAR}`,
  ],
  [
    "atop_offense",
    "ATOP: active military support not conditioned on an attack on the ally; missing outside 1816–2018",
  ],
  ["atop_neutral", "ATOP: neutrality (no help to the ally's adversary); missing outside 1816–2018"],
  ["atop_nonagg", "ATOP: non-aggression; missing outside 1816–2018"],
  ["atop_consul", "ATOP: consultation in a crisis; missing outside 1816–2018"],
  [
    "atop_direction_unknown",
    "1 where a flag comes from an alliance whose direction the member file cannot give: the member's obligations vary by partner (obvary) or the alliance is asymmetric with more than two members (asymm); missing outside 1816–2018",
  ],
  [
    "casus_defense",
    "casus's reading: defence owed (the library's text where it has the alliance, ATOP's coding otherwise)",
  ],
  ["casus_offense", "casus: offensive support owed"],
  ["casus_neutral", "casus: neutrality owed"],
  ["casus_nonagg", "casus: non-aggression owed"],
  ["casus_consul", "casus: consultation owed"],
  [
    "casus_defense_conditional",
    "1 if every defence obligation of the row is conditional (named adversary, place, provocation, request, number of attackers, or a limit ATOP flags without naming it); 0 if one is not; missing where there is none",
  ],
  ["casus_offense_conditional", "the same for offensive support"],
  ["casus_neutral_conditional", "the same for neutrality"],
  ["casus_consul_conditional", "the same for consultation"],
  [
    "casus_source",
    "where the casus columns come from: library (a text-based encoding), atop (ATOP's coding, to 2018), carried_forward (ATOP's coding of an alliance in force at the end of 2018, carried past it and NOT re-verified); the weakest of them where several instruments count; empty where there is no obligation",
  ],
  [
    "casus_instruments",
    "the casus instrument ids behind the row (atop-N for ATOP alliance N), space-separated",
  ],
];

export const CARRY_FORWARD_NOTE =
  "After 2018 the casus_* columns carry forward the ATOP alliances in force on 31 Dec 2018 (casus_source = carried_forward), NOT re-verified, with the casus library's known changes applied on their own dates (new members such as Finland 2023 and Sweden 2024 in NATO, terminations, new treaties such as Russia–DPRK 2024). --no-carry-forward turns this off. The atop_* columns stop in 2018.";

export const BIBTEX = {
  atop: `@article{leeds2002atop,
  author  = {Leeds, Brett Ashley and Ritter, Jeffrey M. and Mitchell, Sara McLaughlin and Long, Andrew G.},
  title   = {Alliance Treaty Obligations and Provisions, 1815-1944},
  journal = {International Interactions},
  volume  = {28},
  pages   = {237--260},
  year    = {2002}
}`,
  atopCodebook: `@manual{leeds2022atopcodebook,
  author = {Leeds, Brett Ashley},
  title  = {Alliance Treaty Obligations and Provisions ({ATOP}) Codebook},
  note   = {Version 5.1, 9 August 2022},
  year   = {2022},
  url    = {http://www.atopdata.org}
}`,
  cow: `@misc{cow2025states,
  author = {{Correlates of War Project}},
  title  = {State System Membership, v2024},
  year   = {2025},
  url    = {https://correlatesofwar.org}
}`,
};

/** Plain CSV: one header row, then rows; missing is an empty field. Written in chunks, not one big string. */
export function writeDyadsCsv(
  path: string,
  dyads: DyadColumns,
  casus: CasusColumns,
  onRows?: (done: number) => void,
): void {
  const fd = openSync(path, "w");
  try {
    writeSync(fd, `${DYAD_COLUMNS.map(([name]) => name).join(",")}\n`);
    // One template string per row from local column references: several times faster than map/join per row.
    const cell = (v: number) => (v === MISSING ? "" : v === 1 ? "1" : "0");
    const [d, o, n, g, c] = dyads.atop as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    const [cd, co, cn, cg, cc] = casus.obligations as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const [kd, ko, kn, kc] = casus.conditional as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    const { ccode1, ccode2, year, atopDirectionUnknown: unknown } = dyads;
    let chunk = "";
    for (let k = 0; k < dyads.length; k++) {
      const bits = casus.sources[k] as number;
      const casusCells =
        bits === 0
          ? "0,0,0,0,0,,,,,,"
          : `${cd[k]},${co[k]},${cn[k]},${cg[k]},${cc[k]},${cell(kd[k] as number)},${cell(ko[k] as number)},${cell(kn[k] as number)},${cell(kc[k] as number)},${sourceName(bits)},${casus.instruments.get(k) ?? ""}`;
      chunk += `${ccode1[k]},${ccode2[k]},${year[k]},${cell(d[k] as number)},${cell(o[k] as number)},${cell(n[k] as number)},${cell(g[k] as number)},${cell(c[k] as number)},${cell(unknown[k] as number)},${casusCells}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = "";
        onRows?.(k + 1);
      }
    }
    if (chunk) writeSync(fd, chunk);
    onRows?.(dyads.length);
  } finally {
    closeSync(fd);
  }
}

/** Parquet with typed columns (nullable where missing) and the provenance in the schema's key-value metadata. */
export function writeDyadsParquet(
  path: string,
  dyads: DyadColumns,
  casus: CasusColumns,
  provenance: DyadProvenance,
): void {
  const nullable = (column: Uint8Array) => Array.from(column, (v) => (v === MISSING ? null : v));
  const int = (column: Int16Array) => Int32Array.from(column);
  const sources = Array.from(casus.sources, (bits) => sourceName(bits));
  const instruments = Array.from({ length: dyads.length }, (_, k) => casus.instruments.get(k) ?? null);
  const columnData = [
    { name: "ccode1", data: int(dyads.ccode1), type: "INT32" as const, nullable: false },
    { name: "ccode2", data: int(dyads.ccode2), type: "INT32" as const, nullable: false },
    { name: "year", data: int(dyads.year), type: "INT32" as const, nullable: false },
    ...ATOP_COLUMNS.map((name, i) => ({
      name,
      data: nullable(dyads.atop[i] as Uint8Array),
      type: "INT32" as const,
    })),
    { name: "atop_direction_unknown", data: nullable(dyads.atopDirectionUnknown), type: "INT32" as const },
    ...CASUS_KINDS.map(([, name], i) => ({
      name,
      data: Int32Array.from(casus.obligations[i] as Uint8Array),
      type: "INT32" as const,
      nullable: false,
    })),
    ...CONDITIONAL_KINDS.map((name, i) => ({
      name: `${name}_conditional`,
      data: nullable(casus.conditional[i] as Uint8Array),
      type: "INT32" as const,
    })),
    { name: "casus_source", data: sources, type: "STRING" as const },
    { name: "casus_instruments", data: instruments, type: "STRING" as const },
  ];
  const buffer = parquetWriteBuffer({
    columnData,
    kvMetadata: [
      { key: "casus.dyads", value: JSON.stringify(metadata(provenance)) },
      { key: "casus.carry_forward", value: provenance.carryForward ? CARRY_FORWARD_NOTE : "off" },
    ],
    createdBy: `casus ${provenance.casusVersion}`,
  });
  writeFileSync(path, new Uint8Array(buffer));
}

/** The machine-readable provenance (Parquet metadata). */
export function metadata(p: DyadProvenance) {
  return {
    years: [p.from, p.to],
    directed: p.directed,
    carry_forward: p.carryForward,
    carry_forward_note: p.carryForward
      ? CARRY_FORWARD_NOTE
      : "not carried forward: every column stops in 2018",
    datasets: [
      {
        name: ATOP_DATASET,
        version: p.atopVersion,
        files: p.atopChecksums,
        bibtex: [BIBTEX.atop, BIBTEX.atopCodebook],
      },
      { name: "COW State System Membership", version: "v2024", bibtex: [BIBTEX.cow] },
      { name: "casus treaty library", version: p.casusVersion },
    ],
    library_wins_over_atop: p.libraryWins,
    unknown_atop_members: p.unknownMembers,
    atop_direction_unknown_rows: p.directionUnknownRows,
    columns: Object.fromEntries(DYAD_COLUMNS),
  };
}

/** The sidecar: data versions, what the columns mean, the carry-forward, and a BibTeX entry per dataset. */
export function sidecar(p: DyadProvenance, rows: number, file: string): string {
  const lines = [
    `# ${file}`,
    "",
    `${rows.toLocaleString("en-US")} ${p.directed ? "directed" : "non-directed"} dyad-years, ${p.from}–${p.to}, written by casus ${p.casusVersion} (\`casus dyads\`).`,
    "",
    "## Data",
    "",
    "| dataset | version | files (SHA-256) |",
    "| --- | --- | --- |",
    `| ${ATOP_DATASET} (Leeds et al.) | ${p.atopVersion} | ${Object.values(ATOP_FILES)
      .map((f) => `\`${f}\` ${p.atopChecksums[f]?.slice(0, 16)}…`)
      .join("; ")} |`,
    "| COW State System Membership | v2024 (casus's state registry) | compiled into casus (`src/states/states.json`) |",
    `| casus treaty library | ${p.casusVersion} | \`treaties/\` |`,
    "",
    "## After 2018",
    "",
    p.carryForward
      ? CARRY_FORWARD_NOTE
      : "Not carried forward (--no-carry-forward): no column has values of ATOP's after 2018.",
    "",
    "## Where the library wins",
    "",
    `The library encodes these ATOP alliances from their texts, and its encoding is used in the casus_* columns: ${p.libraryWins.join(", ") || "none"}.`,
    "",
    "## Direction",
    "",
    `${p.directionUnknownRows.toLocaleString("en-US")} rows carry an ATOP flag whose direction the member file cannot give (column atop_direction_unknown).`,
    "",
    ...(p.unknownMembers.length
      ? [
          "## ATOP member codes COW does not know",
          "",
          ...p.unknownMembers.map(
            (u) =>
              `- ${u.member} in alliance ${u.atopid} (${u.years}): kept in the derived instruments; no dyad-years, since it is in no COW system year`,
          ),
          "",
        ]
      : []),
    "## Columns",
    "",
    ...DYAD_COLUMNS.map(([name, meaning]) => `- \`${name}\`: ${meaning}`),
    "",
    "## Cite",
    "",
    "```bibtex",
    BIBTEX.atop,
    "",
    BIBTEX.atopCodebook,
    "",
    BIBTEX.cow,
    "```",
    "",
  ];
  return lines.join("\n");
}
