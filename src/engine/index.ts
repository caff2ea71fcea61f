import {
  type Assumption,
  type Contested,
  type ContestedFlip,
  type NotTriggered,
  RESULT_SCHEMA,
  type Result,
} from "../model/result.js";
import type { GeneralReading, Scenario } from "../model/scenario.js";
import type { Library } from "../treaties/library.js";
import {
  type CoreOutcome,
  type FoundObligation,
  type ProvisionVerdict,
  provisionSignature,
  runCore,
} from "./cascade.js";
import { conductViolations, conflictsOf } from "./conduct.js";
import { belligerentsOf, notInForceOf, toNotTriggered, toObligation } from "./explain.js";
import { assumptionsOf } from "./situation.js";
import type { RunConfig } from "./trigger.js";

export type { RunConfig } from "./trigger.js";

export interface WhatIfOptions {
  reading?: GeneralReading;
  readings?: string[];
  honourDiscretionary?: boolean;
  declines?: string[];
}

export function configFor(scenario: Scenario, options: WhatIfOptions = {}): RunConfig {
  const o = scenario.options ?? {};
  return {
    general: options.reading ?? o.reading ?? "victim",
    readings: new Set([...(o.readings ?? []), ...(options.readings ?? [])]),
    flips: new Set(),
    nonRetroactive: new Set(),
    honourDiscretionary: options.honourDiscretionary ?? o.honour_discretionary ?? true,
    declines: new Set([...(o.declines ?? []), ...(options.declines ?? [])]),
    sovereignty: new Map(),
  };
}

const other = (g: GeneralReading): GeneralReading => (g === "victim" ? "territorial" : "victim");

/**
 * Answers a scenario: who is bound to do what, toward whom, under which article — with the conditions,
 * the assumptions they rest on, and what changes under each contested reading or judgement.
 */
export function whatIf(library: Library, scenario: Scenario, options: WhatIfOptions = {}): Result {
  const config = configFor(scenario, options);
  const main = runCore(library, scenario, config);
  const disputed = new Set(
    [...main.situation.judgements.values()].filter((j) => j.disputed).map((j) => j.id),
  );
  const obligations = main.obligations.map((o) => toObligation(library, config, o, disputed));
  const assumptions: Assumption[] = [
    ...assumptionsOf(main.situation),
    {
      id: "theatre",
      text: `the theatre of war: ${[...main.situation.theatre].join(", ") || "none"}`,
      value: [...main.situation.theatre].join(","),
      disputed: false,
      origin: "derived",
    },
    {
      id: "reading",
      text: `defence clauses read under the "${config.general}" reading`,
      value: config.general,
      disputed: true,
      origin: "default",
    },
    {
      id: "honour_discretionary",
      text: config.honourDiscretionary
        ? "discretionary obligations are honoured (what the texts ask for)"
        : "discretionary obligations are not taken up",
      value: config.honourDiscretionary,
      disputed: false,
      origin: "default",
    },
  ];
  const notInForce = notInForceOf(library, config, main, disputed);
  const notTriggered = [
    ...main.notTriggered.map((n) => toNotTriggered(library, n)),
    ...notInForceRows(library, main),
  ];
  const contested = contest(library, scenario, config, main);
  const result: Result = {
    schema: RESULT_SCHEMA,
    title: scenario.title,
    as_of: scenario.as_of,
    reading: config.general,
    readings: [...config.readings],
    assumptions,
    obligations,
    belligerents: belligerentsOf(library, main),
    not_triggered: notTriggered,
    not_in_force: notInForce,
    conflicts: conflictsOf(library, main),
    violations: conductViolations(library, main),
    contested,
    bibliography: [],
  };
  result.bibliography = bibliography(result);
  return result;
}

/** Rows for instruments that do not bind on the date, so "why not?" has an answer for them too. */
function notInForceRows(library: Library, main: CoreOutcome): NotTriggered[] {
  const asOf = main.situation.asOf;
  const rows: NotTriggered[] = [];
  for (const [id, found] of main.asIfInForce) {
    const instrument = library.byId.get(id);
    const why = `not in force on ${asOf} (signed ${instrument?.dates.signed}${instrument?.dates.in_force ? `; in force from ${instrument.dates.in_force}` : ""})`;
    for (const o of found.obligations)
      rows.push({ ...toNotTriggered(library, { ...o, unmet: [] }), unmet: [why] });
    for (const n of found.notTriggered)
      rows.push({ ...toNotTriggered(library, n), unmet: [why, ...n.unmet] });
  }
  const involved = main.involved;
  for (const instrument of main.terminated) {
    const members = library.parties(instrument).map((p) => library.registry.canonical(p.party) ?? p.party);
    for (const article of library.articlesOn(instrument, asOf)) {
      for (const provision of article.provisions) {
        if (!provision.trigger) continue;
        for (const beneficiary of members.filter((m) => involved.has(m))) {
          for (const obligor of members.filter((m) => m !== beneficiary)) {
            rows.push({
              obligor: library.registry.ref(obligor),
              beneficiary: library.registry.ref(beneficiary),
              instrument: instrument.id,
              article: article.article.number,
              provision: provision.id,
              kind: provision.kind,
              unmet: [
                `not in force on ${asOf}: ended ${library.endOf(instrument)} (${instrument.dates.termination_reason ?? "end of its fixed term"})`,
              ],
            });
          }
        }
      }
    }
  }
  // One row per obligor, beneficiary and provision, however many party entries led to it.
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = JSON.stringify([r.obligor, r.beneficiary, r.instrument, r.article, r.provision]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface Point {
  point: Contested["point"];
  apply: (config: RunConfig) => RunConfig;
  /** Whether the point can change anything on a given run; the full re-run happens only if so. */
  /**
   * What the point flips, found without a full re-run where possible: [] when it changes nothing here, the
   * flips when it changes only how strongly the same states are bound (the cascade is then the same), and
   * null when only a full run can tell.
   */
  quick?: (base: CoreOutcome, baseConfig: RunConfig) => ContestedFlip[] | null;
}

/** Each contested reading or disputed judgement is run on its own; what it flips is reported. */
function contest(library: Library, scenario: Scenario, config: RunConfig, main: CoreOutcome): Contested[] {
  const points: Point[] = [];
  for (const j of main.situation.judgements.values()) {
    if (!j.disputed) continue;
    points.push({
      point: { kind: "characterisation", id: j.id, label: `if instead: ${j.opposite}`, held_by: [] },
      apply: (c) => ({ ...c, flips: new Set([...c.flips, j.id]) }),
    });
  }
  for (const [key, t] of main.touchedReadings) {
    const active =
      config.readings.has(key) ||
      config.readings.has(t.readingId) ||
      config.readings.has(`${t.instrument.id}/${t.readingId}`);
    const point: Point = {
      point: {
        kind: "instrument-reading",
        id: key,
        label: active ? `not adopting: ${t.label}` : t.label,
        held_by: t.heldBy,
      },
      apply: (c) => {
        const readings = new Set(c.readings);
        if (active)
          for (const k of [key, t.readingId, `${t.instrument.id}/${t.readingId}`]) readings.delete(k);
        else readings.add(key);
        return { ...c, readings };
      },
    };
    point.quick = (base, baseConfig) => {
      const before = provisionSignature(library, base, baseConfig, t.instrument, t.provision.id);
      const after = provisionSignature(library, base, point.apply(baseConfig), t.instrument, t.provision.id);
      const who = (v: ProvisionVerdict) => `${v.obligor}>${v.beneficiary}|${v.article}|${v.joinsWar}`;
      if (before.map(who).join() !== after.map(who).join()) return null;
      const describeVerdict = (v: ProvisionVerdict) =>
        `bound (${v.strength}${v.joinsWar ? ", joins the war" : ""})`;
      return before.flatMap((v, i) => {
        const w = after[i] as ProvisionVerdict;
        if (v.strength === w.strength) return [];
        return [
          {
            obligor: library.registry.ref(v.obligor),
            beneficiary: library.registry.ref(v.beneficiary),
            instrument: t.instrument.id,
            article: v.article,
            kind: v.kind,
            main: describeVerdict(v),
            alternative: describeVerdict(w),
          },
        ];
      });
    };
    points.push(point);
  }
  const claimed = new Set(main.attacks.map((a) => a.place));
  for (const place of claimed) {
    const territory = library.territories.get(place);
    for (const claimant of territory?.claimed_by ?? []) {
      const label = `${territory?.name} read by sovereignty as ${library.registry.name(claimant)}'s (its claim), not by administration (${library.registry.name(territory?.administered_by ?? "")})`;
      points.push({
        point: {
          kind: "sovereignty",
          id: `${place}.sovereignty.${claimant}`,
          label,
          held_by: [library.registry.name(claimant)],
        },
        apply: (c) => ({ ...c, sovereignty: new Map([...c.sovereignty, [place, claimant]]) }),
      });
    }
  }
  for (const id of main.retroactive) {
    points.push({
      point: {
        kind: "retroactivity",
        id: `${id}.retroactive`,
        label: `${id} does not apply to an attack that began before it entered into force`,
        held_by: [],
      },
      apply: (c) => ({ ...c, nonRetroactive: new Set([...c.nonRetroactive, id]) }),
    });
  }

  const out: Contested[] = [];
  const otherConfig = { ...config, general: other(config.general) };
  const otherRun = runCore(library, scenario, otherConfig);
  const generalFlips = diff(library, main, otherRun);
  if (generalFlips.length > 0) {
    out.push({
      point: {
        kind: "general-reading",
        id: other(config.general),
        label:
          other(config.general) === "territorial"
            ? "territorial reading: any armed attack on a party's territory or covered forces triggers its allies, whoever started the war"
            : "victim reading: only a party that is the victim of a war it did not start is owed defence",
        held_by: [],
      },
      under: config.general,
      flips: generalFlips,
    });
  }
  const flipsUnder = (p: Point, base: CoreOutcome, baseConfig: RunConfig) =>
    p.quick?.(base, baseConfig) ?? diff(library, base, runCore(library, scenario, p.apply(baseConfig)));
  for (const p of points) {
    const { point } = p;
    const underMain = flipsUnder(p, main, config);
    const underOther = flipsUnder(p, otherRun, otherConfig);
    if (underMain.length > 0) out.push({ point, under: config.general, flips: underMain });
    // Under the other general reading, report only what the main reading's answer did not already show.
    if (underOther.length > 0 && JSON.stringify(underOther) !== JSON.stringify(underMain)) {
      out.push({ point, under: otherConfig.general, flips: underOther });
    }
  }
  return out;
}

function describe(o: FoundObligation | undefined): string {
  if (!o) return "not bound";
  return `bound (${o.ep.strength}${o.joinsWar ? ", joins the war" : ""})`;
}

function diff(library: Library, base: CoreOutcome, alt: CoreOutcome): ContestedFlip[] {
  const index = (outcome: CoreOutcome) => new Map(outcome.obligations.map((o) => [o.key, o]));
  const a = index(base);
  const b = index(alt);
  const flips: ContestedFlip[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    const main = describe(x);
    const alternative = describe(y);
    if (main === alternative) continue;
    const o = (x ?? y) as FoundObligation;
    flips.push({
      obligor: library.registry.ref(o.obligor),
      beneficiary: library.registry.ref(o.beneficiary),
      instrument: o.ep.instrument.id,
      article: o.ep.article.article.number,
      kind: o.ep.provision.kind,
      main,
      alternative,
    });
  }
  return flips.sort((p, q) => p.instrument.localeCompare(q.instrument) || p.article.localeCompare(q.article));
}

function bibliography(result: Result): Result["bibliography"] {
  const seen = new Map<string, Result["bibliography"][number]>();
  const add = (c: { instrument: string; source: Result["bibliography"][number] }) => {
    if (c.source.id) seen.set(`${c.instrument}/${c.source.id}`, c.source);
  };
  result.obligations.forEach(add);
  result.violations.forEach(add);
  for (const n of result.not_in_force) n.would_bind.forEach(add);
  for (const c of result.conflicts) {
    if (c.prohibition) add(c.prohibition);
    for (const v of c.views) if (v.cites) add(v.cites);
  }
  return [...seen.values()];
}
