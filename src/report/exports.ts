import type { Result, StateRef } from "../model/result.js";
import { groupedObligations } from "./digest.js";
import { KIND_COLOR, ROLE, rolesOf } from "./roles.js";
import { citation, codeOf, name, strengthText, warName } from "./words.js";

/**
 * The answer in other people's formats: CSV (one row per obligation), the cascade as DOT and GraphML,
 * and BibTeX for the sources. Each is a pure function of the result.
 */

const csvCell = (value: string | number | boolean | null) => {
  const text = value === null ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const iso = (s: StateRef) => ("iso3" in s ? (s.iso3 ?? "") : "");
const cow = (s: StateRef) => ("cow" in s ? s.cow : null);

export const CSV_COLUMNS = [
  "obligor",
  "obligor_iso3",
  "obligor_cow",
  "beneficiary",
  "beneficiary_iso3",
  "beneficiary_cow",
  "instrument",
  "instrument_title",
  "article",
  "article_label",
  "kind",
  "strength",
  "wave",
  "joins_war",
  "against",
  "pivotal",
  "readings",
] as const;

/** One row per obligation (every one: CSV, like --json, is not trimmed). */
export function obligationsCsv(result: Result): string {
  const rows = [CSV_COLUMNS.join(",")];
  for (const o of result.obligations) {
    const text = result.texts.find((t) => t.id === o.text);
    rows.push(
      [
        o.obligor.name,
        iso(o.obligor),
        cow(o.obligor),
        o.beneficiary.name,
        iso(o.beneficiary),
        cow(o.beneficiary),
        o.instrument,
        text?.instrument_title ?? o.instrument,
        o.article,
        text?.label ?? `Art. ${o.article}`,
        o.kind,
        o.strength,
        o.wave,
        o.joins_war,
        o.against.map((s) => s.name).join("; "),
        o.pivotal,
        o.readings.join("; "),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${rows.join("\r\n")}\r\n`;
}

/** The states the cascade involves, and the edges between them: wars, then grouped obligations. */
function cascade(result: Result) {
  const roles = rolesOf(result);
  const nodes = new Map<string, { id: string; label: string; role: string; color: string }>();
  const node = (s: StateRef) => {
    const id = codeOf(s);
    const role = roles.get(id)?.role ?? "not-bound";
    if (!nodes.has(id)) nodes.set(id, { id, label: name(s), role, color: ROLE[role].color });
    return id;
  };
  const edges: {
    from: string;
    to: string;
    label: string;
    color: string;
    kind: string;
    wave: number;
    style: string;
  }[] = [];
  for (const w of result.wars) {
    const initiators = w.sides.filter((s) => s.side === "initiator" && s.wave === 0);
    const defenders = w.sides.filter((s) => s.side === "defender" && s.wave === 0);
    for (const a of initiators)
      for (const b of defenders)
        edges.push({
          from: node(a.state),
          to: node(b.state),
          label: `starts ${warName(result, w.id)}`,
          color: ROLE.aggressor.color,
          kind: "war",
          wave: 0,
          style: "bold",
        });
  }
  for (const g of groupedObligations(result.obligations)) {
    for (const obligor of g.obligors) {
      const o = g.head;
      edges.push({
        from: node(obligor),
        to: node(o.beneficiary),
        label: `${citation(result, o)} (${strengthText(o.strength)}, wave ${o.wave})`,
        color: KIND_COLOR[o.kind],
        kind: o.kind,
        wave: o.wave,
        style: o.joins_war ? "solid" : "dashed",
      });
    }
  }
  return { nodes: [...nodes.values()], edges };
}

const dotString = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

/** The cascade as a Graphviz DOT digraph: states coloured by role, obligations as edges by wave. */
export function cascadeDot(result: Result): string {
  const { nodes, edges } = cascade(result);
  const lines = [
    `digraph casus {`,
    `  label=${dotString(`${result.title} (as of ${result.as_of})`)};`,
    `  labelloc=t; rankdir=LR;`,
    `  node [shape=box, style="rounded,filled", fontname="sans-serif"];`,
    `  edge [fontname="sans-serif", fontsize=10];`,
  ];
  for (const n of nodes)
    lines.push(
      `  ${dotString(n.id)} [label=${dotString(n.label)}, fillcolor=${dotString(n.color)}, tooltip=${dotString(ROLE[n.role as keyof typeof ROLE].label)}];`,
    );
  for (const e of edges)
    lines.push(
      `  ${dotString(e.from)} -> ${dotString(e.to)} [label=${dotString(e.label)}, color=${dotString(e.color)}, style=${e.style}];`,
    );
  lines.push("}", "");
  return lines.join("\n");
}

const xml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The cascade as GraphML (yEd, Gephi, networkx). */
export function cascadeGraphml(result: Result): string {
  const { nodes, edges } = cascade(result);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<graphml xmlns="http://graphml.graphdrawing.org/xmlns">`,
    `  <key id="label" for="all" attr.name="label" attr.type="string"/>`,
    `  <key id="role" for="node" attr.name="role" attr.type="string"/>`,
    `  <key id="color" for="all" attr.name="color" attr.type="string"/>`,
    `  <key id="kind" for="edge" attr.name="kind" attr.type="string"/>`,
    `  <key id="wave" for="edge" attr.name="wave" attr.type="int"/>`,
    `  <graph id="cascade" edgedefault="directed">`,
  ];
  for (const n of nodes)
    lines.push(
      `    <node id="${xml(n.id)}"><data key="label">${xml(n.label)}</data><data key="role">${n.role}</data><data key="color">${n.color}</data></node>`,
    );
  edges.forEach((e, i) =>
    lines.push(
      `    <edge id="e${i}" source="${xml(e.from)}" target="${xml(e.to)}"><data key="label">${xml(e.label)}</data><data key="kind">${e.kind}</data><data key="wave">${e.wave}</data><data key="color">${e.color}</data></edge>`,
    ),
  );
  lines.push("  </graph>", "</graphml>", "");
  return lines.join("\n");
}

const bib = (s: string) => s.replace(/[{}]/g, "").replace(/([&%$#_])/g, "\\$1");

/** BibTeX for the sources the answer quotes: one @misc entry each. */
export function bibtex(result: Pick<Result, "sources">): string {
  const used = new Set<string>();
  return result.sources
    .map((s) => {
      let key = s.id.replace(/[^A-Za-z0-9:-]+/g, "-");
      while (used.has(key)) key = `${key}-x`;
      used.add(key);
      const fields = [
        `  title = {${bib(s.title)}}`,
        s.publisher ? `  organization = {${bib(s.publisher)}}` : null,
        s.date ? `  year = {${s.date.slice(0, 4)}}` : null,
        s.date ? `  date = {${s.date}}` : null,
        s.url ? `  url = {${s.url}}` : null,
        s.url ? `  howpublished = {\\url{${s.url}}}` : null,
      ].filter((f): f is string => f !== null);
      return `@misc{${key},\n${fields.join(",\n")}\n}`;
    })
    .join("\n\n")
    .concat("\n");
}
