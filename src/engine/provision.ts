import type {
  Instrument,
  LegalForce,
  Provision,
  Reading,
  Trigger,
  Understanding,
} from "../model/instrument.js";
import type { ArticleText } from "../treaties/library.js";
import type { RunConfig } from "./config.js";

/** A provision as one run reads it for one obligor: the text's default with readings and understandings. */
export interface EffectiveProvision {
  /** `instrument|part+article|provision`, the same for every reading. */
  key: string;
  instrument: Instrument;
  article: ArticleText;
  provision: Provision;
  trigger: Trigger | undefined;
  strength: Provision["strength"];
  qualifiers: string[];
  legalForce: LegalForce;
  /** Adopted readings, in the order the file lists them. */
  readings: Reading[];
  void: boolean;
  /** Trigger fields a ratification understanding added, with its id. */
  fromUnderstanding: ReadonlyMap<string, string>;
  /** The dependency keys of its readings (`reading:instrument/provision/reading`), for contested points. */
  readingDeps: readonly string[];
}

export function readingKey(instrument: Instrument, provision: Provision, reading: Reading): string {
  return `${instrument.id}/${provision.id}/${reading.id}`;
}

/** The readings of a provision a run adopts, in the order the file lists them. */
export function adoptedReadings(
  instrument: Instrument,
  provision: Provision,
  readings: ReadonlySet<string>,
): Reading[] {
  return (provision.readings ?? []).filter((r) => readings.has(readingKey(instrument, provision, r)));
}

/** The instrument's legal force, unless an adopted reading changes it (the last one listed wins). */
export function legalForceUnder(instrument: Instrument, adopted: readonly Reading[]): LegalForce {
  let legalForce = instrument.legal_force;
  for (const reading of adopted) if (reading.changes.legal_force) legalForce = reading.changes.legal_force;
  return legalForce;
}

export function provisionKey(instrument: Instrument, article: ArticleText, provision: Provision): string {
  return `${instrument.id}|${article.part ?? ""}${article.article.number}|${provision.id}`;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The one merge rule for readings and understandings: a change names only what it changes. Objects
 * (`by`, `where`, `because`) merge field by field, so a reading that widens `where.region` keeps
 * `where.forces`; scalars and lists replace what was there.
 */
export function mergeTrigger(base: Trigger, change: Partial<Trigger>): Trigger {
  const out: Record<string, unknown> = { ...base };
  for (const [field, value] of Object.entries(change)) {
    const current = out[field];
    out[field] = isObject(current) && isObject(value) ? { ...current, ...value } : value;
  }
  return out as Trigger;
}

function applies(
  u: Understanding,
  article: ArticleText,
  obligor: string,
  canon: (c: string) => string,
): boolean {
  // An understanding binds the party that made it: it narrows that party's obligations only.
  return u.applies_to.includes(article.article.number) && canon(u.by) === obligor;
}

/** Builds the effective provision; cached per key, adopted readings and understanding-holder. */
export class Provisions {
  private readonly cache = new Map<string, EffectiveProvision>();
  /** Provisions no reading or understanding can change: one effective form each. */
  private readonly plain = new Map<Provision, EffectiveProvision>();

  constructor(private readonly canon: (code: string) => string) {}

  get(
    instrument: Instrument,
    article: ArticleText,
    provision: Provision,
    config: RunConfig,
    obligor: string,
  ): EffectiveProvision {
    if (!provision.readings?.length && !instrument.understandings?.length) {
      let ep = this.plain.get(provision);
      if (!ep) {
        ep = build(provisionKey(instrument, article, provision), instrument, article, provision, [], []);
        this.plain.set(provision, ep);
      }
      return ep;
    }
    // Within one set of adopted readings, the answer depends only on the provision and the obligor.
    let forReadings = this.byReadings.get(config.readings);
    if (!forReadings) {
      forReadings = new Map();
      this.byReadings.set(config.readings, forReadings);
    }
    let forProvision = forReadings.get(provision);
    if (!forProvision) {
      forProvision = new Map();
      forReadings.set(provision, forProvision);
    }
    const memoKey = `${obligor}|${article.part ?? ""}${article.article.number}`;
    let ep = forProvision.get(memoKey);
    if (!ep) {
      ep = this.build(instrument, article, provision, config, obligor);
      forProvision.set(memoKey, ep);
    }
    return ep;
  }

  private readonly byReadings = new WeakMap<
    ReadonlySet<string>,
    Map<Provision, Map<string, EffectiveProvision>>
  >();

  private build(
    instrument: Instrument,
    article: ArticleText,
    provision: Provision,
    config: RunConfig,
    obligor: string,
  ): EffectiveProvision {
    const key = provisionKey(instrument, article, provision);
    const adopted = adoptedReadings(instrument, provision, config.readings);
    const understandings = (instrument.understandings ?? []).filter((u) =>
      applies(u, article, obligor, this.canon),
    );
    const cacheKey = `${key}|${adopted.map((r) => r.id).join(",")}|${understandings.map((u) => u.id).join(",")}`;
    let ep = this.cache.get(cacheKey);
    if (!ep) {
      ep = build(key, instrument, article, provision, adopted, understandings);
      this.cache.set(cacheKey, ep);
    }
    return ep;
  }
}

function build(
  key: string,
  instrument: Instrument,
  article: ArticleText,
  provision: Provision,
  adopted: Reading[],
  understandings: Understanding[],
): EffectiveProvision {
  let trigger = provision.trigger;
  let strength = provision.strength;
  let qualifiers = [...(provision.qualifiers ?? [])];
  const legalForce = legalForceUnder(instrument, adopted);
  let isVoid = false;
  for (const reading of adopted) {
    const c = reading.changes;
    if (c.trigger && trigger) trigger = mergeTrigger(trigger, c.trigger);
    if (c.strength) strength = c.strength;
    if (c.qualifiers) qualifiers = c.qualifiers;
    if (c.void) isVoid = true;
  }
  const fromUnderstanding = new Map<string, string>();
  for (const u of understandings) {
    if (!trigger) continue;
    trigger = mergeTrigger(trigger, u.adds);
    for (const field of Object.keys(u.adds)) fromUnderstanding.set(field, u.id);
  }
  return {
    key,
    instrument,
    article,
    provision,
    trigger,
    strength,
    qualifiers,
    legalForce,
    readings: adopted,
    void: isVoid,
    fromUnderstanding,
    readingDeps: (provision.readings ?? []).map((r) => `reading:${readingKey(instrument, provision, r)}`),
  };
}
