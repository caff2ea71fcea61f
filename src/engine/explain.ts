import type { Instrument } from "../model/instrument.js";
import {
  type Assumption,
  type Available,
  type Commitment,
  type Condition,
  type ConditionCode,
  type Conflict,
  type Contested,
  type JoiningDecision,
  type NotInForce,
  type NotTriggered,
  type Obligation,
  type PlaceRef,
  RESULT_SCHEMA,
  type ReadingInfo,
  type Result,
  type Source,
  type Text,
  type Violation,
} from "../model/result.js";
import type { Scenario } from "../model/scenario.js";
import { type ArticleText, findReading, type Library } from "../treaties/library.js";
import type { Found, Outcome } from "./cascade.js";
import type { Cited, FoundConflict, FoundViolation } from "./conduct.js";
import type { Contested as FoundContested, Stand } from "./contest.js";
import { holds, type WarFact } from "./facts.js";
import type { Verdict } from "./triggers/index.js";

/** Held conditions most worth naming as the one an answer turns on, in order. */
const PIVOT_ORDER: ConditionCode[] = [
  "victim",
  "request",
  "call",
  "invasion",
  "state-of-war",
  "retroactivity",
  "armed-attack",
  "nuclear",
  "threat",
  "place",
];

export function pivotal(conditions: readonly Verdict[], disputed: ReadonlySet<string>): ConditionCode | null {
  const held = conditions.filter((c) => c.met);
  const onDisputed = held.find((c) => c.assumption && disputed.has(c.assumption));
  if (onDisputed) return onDisputed.code;
  for (const code of PIVOT_ORDER) if (held.some((c) => c.code === code)) return code;
  return null;
}

export interface ExplainInput {
  library: Library;
  scenario: Scenario;
  main: Outcome;
  contested: FoundContested[];
  violations: FoundViolation[];
  conflicts: FoundConflict[];
  codeReadings: { input: string; code: string; read_as: "iso3" | "cow"; other: string | null }[];
}

/** Turns a run into the `casus.result/2` contract: structured values only, each text once. */
export function explain(input: ExplainInput): Result {
  return new Explainer(input).result();
}

class Explainer {
  private readonly texts = new Map<string, Text>();
  private readonly places = new Map<string, PlaceRef>();
  private readonly regions = new Map<string, string>();
  private readonly sources = new Map<string, Source>();
  private readonly assumptionIds = new Set<string>();
  private readonly readingKeys = new Set<string>();
  private readonly disputed: Set<string>;
  private readonly library: Library;
  private readonly main: Outcome;

  constructor(private readonly input: ExplainInput) {
    this.library = input.library;
    this.main = input.main;
    this.disputed = new Set(
      [...input.main.situation.judgements.values()].filter((j) => j.disputed).map((j) => j.id),
    );
  }

  private ref = (code: string) => this.library.registry.ref(code);

  private place(code: string): PlaceRef {
    const name =
      this.library.territories.get(code)?.name ??
      this.library.seas.get(code)?.name ??
      this.library.registry.name(code);
    const ref = { code, name };
    this.places.set(code, ref);
    return ref;
  }

  private condition(v: Verdict): Condition {
    if (v.assumption) this.assumptionIds.add(v.assumption);
    const c: Condition = { code: v.code, met: v.met };
    if (v.detail) c.detail = v.detail;
    if (v.event) c.event = v.event;
    if (v.state) c.state = this.ref(v.state);
    if (v.by) c.by = this.ref(v.by);
    if (v.states) c.states = v.states.map(this.ref);
    if (v.place) c.place = this.place(v.place).code;
    if (v.region) {
      c.region = v.region;
      this.regions.set(v.region, this.library.regions.get(v.region)?.name ?? v.region);
    }
    if (v.war) c.war = v.war;
    if (v.date) c.date = v.date;
    if (v.count !== undefined) c.count = v.count;
    if (v.needed !== undefined) c.needed = v.needed;
    if (v.assumption) c.assumption = v.assumption;
    if (v.because) c.because = v.because;
    if (v.understanding) c.understanding = v.understanding;
    if (v.readings) c.readings = v.readings;
    return c;
  }

  /** Registers an article's text and source once; returns the text's id. */
  private text(instrument: Instrument, article: ArticleText): string {
    const id = `${instrument.id}/${article.part ? `${article.part}/` : ""}${article.article.number}`;
    if (this.texts.has(id)) return id;
    const source = this.library.source(instrument, article.source);
    let sourceId: string | null = null;
    if (source) {
      sourceId = `${instrument.id}/${source.id}`;
      this.sources.set(sourceId, {
        id: sourceId,
        title: source.title,
        publisher: source.publisher ?? null,
        url: source.url ?? null,
        date: source.date ?? null,
      });
    }
    const lang = article.version?.lang ?? article.article.lang ?? "en";
    const coded = article.provisions.find((p) => p.coded)?.coded;
    this.texts.set(id, {
      id,
      instrument: instrument.id,
      instrument_title: instrument.short_title ?? instrument.title,
      legal_force: instrument.legal_force,
      article: article.article.number,
      label: article.article.label ?? `Art. ${article.article.number}`,
      part: article.part,
      quote: article.text ?? "",
      quote_confidence: article.quote_confidence ?? "paraphrase",
      lang,
      source: sourceId,
      coded: coded
        ? {
            dataset: coded.dataset,
            atopid: coded.atopid,
            phase: coded.phase ?? null,
            variables: coded.variables,
          }
        : null,
    });
    return id;
  }

  private readingsOf(f: Found): string[] {
    const general: string[] = [];
    const config = this.main.config;
    if (f.evaluation.deps.has("general:victim_test")) general.push(config.general.get("who-is-owed") ?? "");
    if (f.evaluation.deps.has("general:forces_abroad"))
      general.push(config.general.get("forces-abroad") ?? "");
    const adopted = f.ep.readings.map((r) => `${f.ep.instrument.id}/${f.ep.provision.id}/${r.id}`);
    for (const k of adopted) this.readingKeys.add(k);
    return [...general.filter(Boolean), ...adopted];
  }

  private core(f: Found) {
    return {
      obligor: this.ref(f.obligor),
      beneficiary: this.ref(f.beneficiary),
      against: f.evaluation.against.map(this.ref),
      instrument: f.ep.instrument.id,
      article: f.ep.article.article.number,
      part: f.ep.article.part,
      paragraph: f.ep.provision.paragraph ?? null,
      provision: f.ep.provision.id,
      kind: f.ep.provision.kind,
      strength: f.ep.strength,
      conditions: f.evaluation.conditions.map((c) => this.condition(c)),
      pivotal: pivotal(f.evaluation.conditions, this.disputed),
      event: f.evaluation.factId,
      readings: this.readingsOf(f),
      qualifiers: f.ep.qualifiers,
      text: this.text(f.ep.instrument, f.ep.article),
    };
  }

  private notTriggered(f: Found): NotTriggered {
    return {
      obligor: this.ref(f.obligor),
      beneficiary: this.ref(f.beneficiary),
      instrument: f.ep.instrument.id,
      article: f.ep.article.article.number,
      provision: f.ep.provision.id,
      kind: f.ep.provision.kind,
      unmet: f.evaluation.conditions.filter((c) => !c.met).map((c) => this.condition(c)),
      text: this.text(f.ep.instrument, f.ep.article),
    };
  }

  /**
   * A clause untouched by anything that happened (no attack, no threat on its beneficiary) is listed only
   * for the states the events name: "why is X not bound?" is asked of them, not of every joiner's ally.
   */
  private worthListing(f: Found): boolean {
    const nothing = f.evaluation.conditions.some((c) => !c.met && c.detail === "none");
    return !nothing || this.eventStates.has(f.beneficiary);
  }

  private get eventStates(): ReadonlySet<string> {
    this.named ??= new Set(
      this.main.situation.events.flatMap((e) =>
        [e.by, e.against, e.to].filter((c): c is string => Boolean(c)),
      ),
    );
    return this.named;
  }

  private named: Set<string> | undefined;

  result(): Result {
    const { main, library, scenario } = { ...this.input, library: this.library };
    const joinsVia = new Set(main.belligerents.map((b) => b.via?.key).filter((k): k is string => Boolean(k)));
    const obligations: Obligation[] = [];
    const commitments: Commitment[] = [];
    const available: Available[] = [];
    const notTriggered: NotTriggered[] = [];
    const sorted = [...main.verdicts.values()].sort((a, b) => a.wave - b.wave || a.key.localeCompare(b.key));
    for (const f of sorted) {
      if (f.evaluation.met) {
        if (f.ep.legalForce === "binding") {
          obligations.push({ ...this.core(f), wave: f.wave, joins_war: joinsVia.has(f.key) });
        } else {
          commitments.push({ ...this.core(f), legal_force: f.ep.legalForce, wave: f.wave });
        }
      } else if (f.evaluation.awaitingCall) {
        available.push({ ...this.core(f), caller: this.ref(f.beneficiary) });
      } else if (this.worthListing(f)) {
        notTriggered.push(this.notTriggered(f));
      }
    }
    const notInForce: NotInForce[] = [];
    for (const [id, found] of main.asIfInForce()) {
      const instrument = library.byId.get(id) as Instrument;
      notInForce.push({
        instrument: id,
        title: instrument.title,
        status: "signed",
        signed: instrument.dates.signed,
        in_force: instrument.dates.in_force ?? null,
        terminated: null,
        termination_reason: null,
        would_bind: found
          .filter((f) => f.evaluation.met)
          .map((f) => ({ ...this.core(f), wave: 1, joins_war: false })),
        not_triggered: found.filter((f) => !f.evaluation.met).map((f) => this.notTriggered(f)),
      });
    }
    for (const instrument of main.terminated) {
      notInForce.push({
        instrument: instrument.id,
        title: instrument.title,
        status: "terminated",
        signed: instrument.dates.signed,
        in_force: instrument.dates.in_force ?? null,
        terminated: library.endOf(instrument) ?? null,
        termination_reason: instrument.dates.termination_reason ?? null,
        would_bind: [],
        not_triggered: [],
      });
    }
    const violations = this.input.violations.map((v) => this.violation(v));
    const conflicts = this.input.conflicts.map((c) => this.conflict(c));
    const contested = this.input.contested.map((c) => this.contested(c));
    const joining = main.decisions.map((d) => this.decision(d));
    const config = main.config;
    const result: Result = {
      schema: RESULT_SCHEMA,
      title: scenario.title,
      as_of: scenario.as_of,
      events: scenario.events.map((e) => ({
        id: e.id,
        kind: e.kind,
        by: this.ref(e.by),
        against: e.against ? this.ref(e.against) : null,
        to: e.to ? this.ref(e.to) : null,
        start: e.start,
        description: e.description ?? null,
      })),
      general: [...config.general.values()],
      adopted: [...config.readings].sort(),
      options: {
        only_automatic: config.joining.onlyAutomatic,
        include_political: config.joining.includePolitical,
        joins: [...config.joining.joins.keys()].map(this.ref),
        declines: [...config.joining.declines].map(this.ref),
      },
      assumptions: [],
      wars: main.situation.wars.map((w) => ({
        id: w.id,
        initiator: this.ref(w.initiator),
        start: w.start,
        event: w.event,
        sides: [...w.sides].map(([state, side]) => ({
          state: this.ref(state),
          side: side === "A" ? ("initiator" as const) : ("defender" as const),
          wave: w.wave.get(state) ?? 0,
        })),
        theatre: this.theatre(w),
      })),
      obligations,
      commitments,
      available,
      belligerents: main.belligerents.map((b) => ({
        state: this.ref(b.state),
        war: b.war.id,
        side: b.war.sides.get(b.state) === "A" ? "initiator" : "defender",
        wave: b.wave,
        basis: b.basis,
        via: b.via
          ? {
              instrument: b.via.ep.instrument.id,
              article: b.via.ep.article.article.number,
              beneficiary: this.ref(b.via.beneficiary),
            }
          : null,
      })),
      joining,
      not_triggered: notTriggered,
      not_in_force: notInForce,
      conflicts,
      violations,
      contested,
      readings: [],
      texts: [],
      sources: [],
      places: [],
      regions: [],
    };
    result.assumptions = this.assumptions();
    result.readings = this.readings();
    result.texts = [...this.texts.values()];
    result.sources = [...this.sources.values()];
    result.places = [...this.places.values()].sort((a, b) => a.code.localeCompare(b.code));
    result.regions = [...this.regions].map(([id, name]) => ({ id, name }));
    return result;
  }

  /** The places of one war: where its attacks fell, its belligerents' forces abroad, and the scenario's. */
  private theatre(war: WarFact): PlaceRef[] {
    const places = new Set<string>();
    for (const a of this.main.attacks) if (a.war === war.id) places.add(a.place);
    for (const [state, list] of this.main.situation.stationed)
      if (war.sides.has(state)) for (const p of list) places.add(p);
    for (const p of this.main.situation.theatre) places.add(p);
    return [...places].sort().map((p) => this.place(p));
  }

  private decision(d: Outcome["decisions"][number]): JoiningDecision {
    return {
      state: this.ref(d.state),
      war: d.war?.id ?? null,
      decision: d.decision,
      reason: d.reason,
      obligations: [...d.calls, ...d.against].map((f) => ({
        instrument: f.ep.instrument.id,
        article: f.ep.article.article.number,
        beneficiary: this.ref(f.beneficiary),
        strength: f.ep.strength,
      })),
      pledges: d.pledges.map((p) => ({
        instrument: p.pledge.instrument.id,
        article: p.pledge.article.article.number,
        toward: this.ref(p.toward),
        kind: p.pledge.kind,
      })),
    };
  }

  private violation(v: FoundViolation): Violation {
    if (v.assumption) this.assumptionIds.add(v.assumption);
    return {
      by: this.ref(v.by),
      instrument: v.rule.instrument.id,
      article: v.rule.article.article.number,
      paragraph: v.rule.provision.paragraph ?? null,
      event: v.event,
      conduct: v.conduct,
      toward: v.toward ? this.ref(v.toward) : null,
      assumption: v.assumption,
      text: this.text(v.rule.instrument, v.rule.article),
    };
  }

  private cite = (c: Cited) => this.text(c.instrument, c.article);

  private conflict(c: FoundConflict): Conflict {
    return {
      kind: c.kind,
      state: this.ref(c.state),
      war: c.war,
      obligations: c.obligations.map((f) => ({
        instrument: f.ep.instrument.id,
        article: f.ep.article.article.number,
        beneficiary: this.ref(f.beneficiary),
      })),
      against: c.against
        ? {
            instrument: c.against.cited.instrument.id,
            article: c.against.cited.article.article.number,
            toward: c.against.toward ? this.ref(c.against.toward) : null,
            kind: c.against.kind,
            text: this.cite(c.against.cited),
          }
        : null,
      views: c.views.map((v) => {
        if (v.view.includes("/")) this.readingKeys.add(v.view);
        return { view: v.view, held_by: v.heldBy, cites: v.cites.map(this.cite) };
      }),
    };
  }

  private stand(s: Stand) {
    return {
      bound: s.bound,
      strength: s.strength,
      against: s.against.map(this.ref),
      joins: s.joins,
      unmet: s.unmet as ConditionCode[],
    };
  }

  private contested(c: FoundContested): Contested {
    const p = c.point;
    if (p.kind === "instrument-reading" && p.ref) this.readingKeys.add(p.ref);
    if (p.kind === "characterisation" && p.ref) this.assumptionIds.add(p.ref);
    return {
      point: {
        kind: p.kind,
        id: p.id,
        ref: p.ref,
        adopted: p.adopted,
        state: p.state ? this.ref(p.state) : null,
        place: p.place ? this.place(p.place) : null,
        instrument: p.instrument,
        held_by: p.heldBy,
      },
      under: c.under,
      flips: c.outcome.flips.map((f) => ({
        obligor: this.ref(f.found.obligor),
        beneficiary: this.ref(f.found.beneficiary),
        instrument: f.found.ep.instrument.id,
        article: f.found.ep.article.article.number,
        provision: f.found.ep.provision.id,
        kind: f.found.ep.provision.kind,
        main: this.stand(f.main),
        alternative: this.stand(f.alternative),
      })),
      joins: c.outcome.joins.map((j) => ({ ...j, state: this.ref(j.state) })),
      violations: c.outcome.violations.map((v) => ({
        by: this.ref(v.by),
        instrument: v.instrument,
        article: v.article,
        event: v.event,
        main: v.main,
        alternative: !v.main,
      })),
    };
  }

  private readings(): ReadingInfo[] {
    const out: ReadingInfo[] = [];
    const config = this.main.config;
    for (const g of this.library.generalReadings) {
      out.push({
        key: g.id,
        kind: "general",
        axis: g.axis,
        label: g.label,
        description: g.description,
        instrument: null,
        provision: null,
        held_by: g.held_by ?? [],
        source: null,
        because: null,
        adopted: config.general.get(g.axis) === g.id,
      });
    }
    for (const key of [...this.readingKeys, ...config.readings]) {
      if (out.some((r) => r.key === key)) continue;
      const [instrumentId, provisionId, readingId] = key.split("/") as [string, string, string];
      const instrument = this.library.byId.get(instrumentId);
      const reading = instrument && findReading(instrument, provisionId, readingId);
      if (!instrument || !reading) continue;
      out.push({
        key,
        kind: "instrument",
        axis: null,
        label: reading.label,
        description: reading.note ?? null,
        instrument: instrumentId,
        provision: provisionId,
        held_by: reading.held_by ?? [],
        source: reading.source ? `${instrumentId}/${reading.source}` : null,
        because: reading.because ?? null,
        adopted: config.readings.has(key),
      });
      const source = reading.source ? this.library.source(instrument, reading.source) : undefined;
      if (source) {
        this.sources.set(`${instrumentId}/${source.id}`, {
          id: `${instrumentId}/${source.id}`,
          title: source.title,
          publisher: source.publisher ?? null,
          url: source.url ?? null,
          date: source.date ?? null,
        });
      }
    }
    return out;
  }

  private assumptions(): Assumption[] {
    const { main, library } = this;
    const { situation, config } = main;
    const out: Assumption[] = [];
    const blank = {
      field: null,
      disputed: false,
      event: null,
      state: null,
      target: null,
      places: [] as PlaceRef[],
      note: null,
      held_by: [] as string[],
    };
    for (const j of situation.judgements.values()) {
      const worth = j.origin === "scenario" || j.disputed || this.assumptionIds.has(j.id);
      const war = situation.wars.some((w) => w.stateOfWar === j.id);
      if (!worth && !war) continue;
      out.push({
        ...blank,
        id: j.id,
        kind: j.field === "self_defence" ? "self-defence" : "judgement",
        field: j.field,
        value: holds(j, config),
        disputed: j.disputed,
        origin: j.origin,
        event: j.event,
        state: this.ref(j.by),
        target: j.target ? this.ref(j.target) : null,
        note: j.note,
        held_by: j.heldBy,
      });
    }
    for (const w of situation.wars) {
      out.push({
        ...blank,
        id: `${w.id}.started_by`,
        kind: "started-by",
        value: true,
        origin: "derived",
        event: w.event,
        state: this.ref(w.initiator),
      });
    }
    for (const p of situation.places) {
      out.push({
        ...blank,
        id: p.id,
        kind: p.kind,
        value: p.place,
        origin: p.kind === "place-default" ? "default" : "derived",
        event: p.event,
        target: p.target ? this.ref(p.target) : null,
        places: [this.place(p.place)],
        note: p.note,
      });
    }
    if (situation.wars.length) {
      const attacked = [...new Set(situation.given.map((a) => a.place))].sort();
      out.push({
        ...blank,
        id: "theatre",
        kind: "theatre",
        value: config.widen ? "homelands" : "attacked-places",
        origin: config.widen || situation.theatre.length ? "scenario" : "default",
        places: [...new Set([...attacked, ...situation.theatre])].map((p) => this.place(p)),
      });
    }
    for (const [state, places] of situation.stationed) {
      out.push({
        ...blank,
        id: `forces.${state}`,
        kind: "theatre",
        value: "stationed",
        origin: "scenario",
        state: this.ref(state),
        places: places.map((p) => this.place(p)),
      });
    }
    if (main.attacks.some((a) => a.derived === "engaged")) {
      for (const w of situation.wars) {
        out.push({
          ...blank,
          id: `${w.id}.engaged`,
          kind: "engagement",
          value: config.engaged,
          origin: "default",
        });
      }
    }
    if (config.widen) {
      out.push({
        ...blank,
        id: "theatre.homelands",
        kind: "theatre",
        value: "homelands",
        origin: "scenario",
      });
    }
    for (const p of situation.theatre) {
      out.push({
        ...blank,
        id: `theatre.${p}`,
        kind: "theatre",
        value: p,
        origin: "scenario",
        places: [this.place(p)],
      });
    }
    for (const id of this.assumptionIds) {
      if (out.some((a) => a.id === id)) continue;
      const sovereignty = /^(.+)\.sovereignty\.(.+)$/.exec(id);
      if (sovereignty) {
        out.push({
          ...blank,
          id,
          kind: "judgement",
          field: "sovereignty",
          value: true,
          origin: "scenario",
          state: this.ref(sovereignty[2] as string),
          places: [this.place(sovereignty[1] as string)],
        });
      }
      const retro = /^(.+)\.retroactive$/.exec(id);
      if (retro) {
        out.push({
          ...blank,
          id,
          kind: "judgement",
          field: "retroactive",
          value: !config.nonRetroactive.has(retro[1] as string),
          origin: "default",
          disputed: true,
        });
      }
    }
    out.push({
      ...blank,
      id: "joining",
      kind: "joining",
      value: config.joining.onlyAutomatic ? "automatic-binding-obligations" : "binding-obligations",
      origin: "default",
      disputed: true,
    });
    for (const [axis, id] of config.general) {
      out.push({
        ...blank,
        id: `reading.${axis}`,
        kind: "general-reading",
        value: id,
        origin: "default",
        disputed: true,
      });
    }
    for (const r of this.input.codeReadings) {
      out.push({
        ...blank,
        id: `code.${r.input}`,
        kind: "code-reading",
        value: r.read_as,
        origin: "default",
        state: this.ref(r.code),
        target: r.other ? this.ref(r.other) : null,
        note: r.input,
      });
    }
    void library;
    return out;
  }
}
