import type { Instrument, Provision, ProvisionKind, Strength } from "../model/instrument.js";
import type { Library } from "../treaties/library.js";
import { type Provenance, provenance } from "./derive.js";

/** The obligation kinds of an alliance network (ATOP's five). Prohibitions and the like are not edges. */
export const NETWORK_KINDS = ["defence", "offence", "neutrality", "non-aggression", "consultation"] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

/** One directed obligation in force on a date: who owes what to whom, under which instrument. */
export interface ObligationEdge {
  obligor: string;
  beneficiary: string;
  kind: NetworkKind;
  strength: Strength;
  instrument: string;
  instrument_title: string;
  atopid: number | null;
  article: string;
  provision: string;
  /** The conditions the text (or ATOP's coding) puts on it, as codes: `named-adversary:RUS`, `unprovoked`. */
  conditions: string[];
  /** Contested readings under which it would not bind (ATOP flags a limit it does not name). */
  contested: string[];
  source: Provenance;
}

/**
 * Instruments that are not alliances: the UN Charter's general prohibition binds every member, and Council
 * measures bind them toward no one in particular; neither is an edge of the network (ATOP leaves them out too).
 * Political and domestic commitments are not legal obligations.
 */
export function isAllianceInstrument(instrument: Instrument): boolean {
  return (
    instrument.legal_force === "binding" &&
    !instrument.parties_of &&
    instrument.kind !== "charter" &&
    instrument.kind !== "security-council-resolution"
  );
}

/** The conditions of a provision's trigger, as codes (empty: it binds on any armed attack on a partner). */
export function conditionsOf(provision: Provision): string[] {
  const t = provision.trigger;
  if (!t) return [];
  const out: string[] = [];
  if (t.by?.kind === "named") out.push(`named-adversary:${(t.by.states ?? []).join("+")}`);
  if (t.by?.min_count) out.push(`min-attackers:${t.by.min_count}`);
  if (t.by?.exclude?.length) out.push(`excludes:${t.by.exclude.join("+")}`);
  if (t.by?.supported_by?.length) out.push(`supported-by:${t.by.supported_by.join("+")}`);
  if (t.where?.region) out.push(`region:${t.where.region}`);
  if (t.where?.territory_of === "any-party") out.push("territory-of:any-party");
  if (t.state_of_war) out.push("state-of-war");
  if (t.unprovoked) out.push("unprovoked");
  if (t.request) out.push("request");
  if (t.on_call) out.push(`on-call:${t.on_call}`);
  return out;
}

/** Every directed obligation of one instrument in force on the date, between states. */
export function edgesOn(library: Library, instrument: Instrument, date: string): ObligationEdge[] {
  if (!isAllianceInstrument(instrument) || library.status(instrument, date) !== "in-force") return [];
  const registry = library.registry;
  const members = library.membersOn(instrument, date, false, true);
  const canon = (c: string) => registry.canonical(c) ?? c;
  // ATOP member codes COW does not know (cow:8152) stay in, so that they are seen.
  const stateLike = (c: string) => registry.isState(c) || /^cow:\d+$/.test(c);
  const suspended = (a: string, b: string) =>
    (instrument.suspensions ?? []).some(
      (s) => canon(s.obligor) === a && canon(s.toward) === b && s.from <= date && (!s.to || date < s.to),
    );
  const out: ObligationEdge[] = [];
  for (const article of library.articlesOn(instrument, date)) {
    for (const provision of article.provisions) {
      if (!(NETWORK_KINDS as readonly ProvisionKind[]).includes(provision.kind)) continue;
      // An obligor listed by name binds only while it is a party; a beneficiary named in the text (a guaranteed
      // state) need not be one. Organisations and non-state actors are not nodes.
      const obligors = (Array.isArray(provision.obligors) ? provision.obligors.map(canon) : members).filter(
        (a) => members.includes(a) && stateLike(a),
      );
      const beneficiaries = Array.isArray(provision.beneficiaries)
        ? provision.beneficiaries.map(canon).filter((b) => registry.isState(b))
        : members.filter(stateLike);
      const conditions = conditionsOf(provision);
      const contested = (provision.readings ?? []).filter((r) => r.changes.void).map((r) => r.id);
      for (const a of obligors) {
        for (const b of beneficiaries) {
          if (a === b || suspended(a, b)) continue;
          out.push({
            obligor: a,
            beneficiary: b,
            kind: provision.kind as NetworkKind,
            strength: provision.strength,
            instrument: instrument.id,
            instrument_title: instrument.short_title ?? instrument.title,
            atopid: instrument.atopid ?? null,
            article: article.article.number,
            provision: provision.id,
            conditions,
            contested,
            source: provenance(instrument, date),
          });
        }
      }
    }
  }
  return out;
}

export interface NetworkState {
  code: string;
  cow: number | null;
  iso3: string | null;
  /** The name it had on the date (Prussia in 1870). */
  name: string;
  /** False for parties ATOP lists that are not COW system members that day (or not known to COW at all). */
  in_system: boolean;
}

export interface HistoricalNetwork {
  on: string;
  states: NetworkState[];
  obligations: ObligationEdge[];
  /** Obligations by kind. */
  counts: Record<NetworkKind, number>;
}

/** The states of the COW system on a date and every obligation in force between them (and any other party). */
export function networkOn(library: Library, on: string): HistoricalNetwork {
  const registry = library.registry;
  const obligations = library.instruments.flatMap((i) => edgesOn(library, i, on));
  const states = new Map<string, NetworkState>();
  const add = (code: string) => {
    if (states.has(code)) return;
    const resolved = registry.resolve(code);
    const state = resolved?.kind === "state" ? resolved.state : null;
    states.set(code, {
      code,
      cow: state?.cow ?? (code.startsWith("cow:") ? Number(code.slice(4)) : null),
      iso3: state?.iso3 ?? null,
      name: registry.nameOn(code, on),
      in_system: state !== null && registry.existsOn(code, on),
    });
  };
  for (const s of registry.states) if (registry.existsOn(s.code, on)) add(s.code);
  for (const o of obligations) {
    add(o.obligor);
    add(o.beneficiary);
  }
  const counts = Object.fromEntries(NETWORK_KINDS.map((k) => [k, 0])) as Record<NetworkKind, number>;
  for (const o of obligations) counts[o.kind]++;
  obligations.sort(
    (a, b) =>
      NETWORK_KINDS.indexOf(a.kind) - NETWORK_KINDS.indexOf(b.kind) ||
      a.obligor.localeCompare(b.obligor) ||
      a.beneficiary.localeCompare(b.beneficiary) ||
      a.instrument.localeCompare(b.instrument),
  );
  return {
    on,
    states: [...states.values()].sort((a, b) => (a.cow ?? 0) - (b.cow ?? 0) || a.code.localeCompare(b.code)),
    obligations,
    counts,
  };
}

const csvCell = (v: unknown) => {
  const text = v === null || v === undefined ? "" : String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One row per directed obligation; plain CSV, one header row. */
export function networkCsv(network: HistoricalNetwork): string {
  const states = new Map(network.states.map((s) => [s.code, s]));
  const header = [
    "date",
    "obligor_ccode",
    "obligor",
    "obligor_name",
    "beneficiary_ccode",
    "beneficiary",
    "beneficiary_name",
    "kind",
    "strength",
    "conditional",
    "conditions",
    "contested",
    "instrument",
    "atopid",
    "article",
    "provision",
    "source",
  ];
  const rows = network.obligations.map((o) => {
    const a = states.get(o.obligor);
    const b = states.get(o.beneficiary);
    return [
      network.on,
      a?.cow,
      o.obligor,
      a?.name,
      b?.cow,
      o.beneficiary,
      b?.name,
      o.kind,
      o.strength,
      o.conditions.length + o.contested.length > 0 ? 1 : 0,
      o.conditions.join(";"),
      o.contested.join(";"),
      o.instrument,
      o.atopid,
      o.article,
      o.provision,
      o.source,
    ]
      .map(csvCell)
      .join(",");
  });
  return [header.join(","), ...rows].join("\n");
}

const xml = (v: unknown) =>
  String(v ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

/** GraphML: states as nodes, obligations as directed edges, for Gephi, Cytoscape, igraph and networkx. */
export function networkGraphml(network: HistoricalNetwork): string {
  const nodeKeys = ["name", "ccode", "iso3", "in_system"];
  const edgeKeys = [
    "kind",
    "strength",
    "conditions",
    "contested",
    "instrument",
    "atopid",
    "article",
    "source",
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...nodeKeys.map((k) => `  <key id="n_${k}" for="node" attr.name="${k}" attr.type="string"/>`),
    ...edgeKeys.map((k) => `  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="string"/>`),
    `  <graph id="casus-network-${network.on}" edgedefault="directed">`,
  ];
  for (const s of network.states) {
    const data = { name: s.name, ccode: s.cow, iso3: s.iso3, in_system: s.in_system };
    lines.push(`    <node id="${xml(s.code)}">`);
    for (const k of nodeKeys)
      lines.push(`      <data key="n_${k}">${xml(data[k as keyof typeof data])}</data>`);
    lines.push("    </node>");
  }
  network.obligations.forEach((o, i) => {
    const data = { ...o, conditions: o.conditions.join(";"), contested: o.contested.join(";") };
    lines.push(`    <edge id="e${i}" source="${xml(o.obligor)}" target="${xml(o.beneficiary)}">`);
    for (const k of edgeKeys)
      lines.push(`      <data key="e_${k}">${xml(data[k as keyof typeof data])}</data>`);
    lines.push("    </edge>");
  });
  lines.push("  </graph>", "</graphml>");
  return lines.join("\n");
}
