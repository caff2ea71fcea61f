import type { Article, ArticleVersion, Instrument, Party, Source } from "../model/instrument.js";
import type { Region, Territory } from "../model/place.js";
import type { Registry } from "../states/registry.js";

export type Status = "not-yet-signed" | "signed" | "in-force" | "terminated";

/** An article as it read on a date: the version in effect, with its part. */
export interface ArticleText {
  part: string | null;
  article: Article;
  version: ArticleVersion | null;
  text: string | undefined;
  quote_confidence: Article["quote_confidence"];
  source: string | undefined;
  provisions: NonNullable<Article["provisions"]>;
}

/**
 * The loaded, checked library. Immutable once built; answers "what is in force between whom on date D"
 * and knows nothing about scenarios.
 */
export class Library {
  readonly byId: ReadonlyMap<string, Instrument>;
  readonly territories: ReadonlyMap<string, Territory>;
  readonly regions: ReadonlyMap<string, Region>;
  private readonly byParty = new Map<string, Instrument[]>();
  private readonly regionSets = new Map<string, Set<string>>();
  // The library is immutable, so per-date answers are computed once.
  private readonly articleCache = new Map<string, ArticleText[]>();
  private readonly memberCache = new Map<string, string[]>();

  constructor(
    readonly instruments: readonly Instrument[],
    territories: readonly Territory[],
    regions: readonly Region[],
    readonly registry: Registry,
  ) {
    this.byId = new Map(instruments.map((i) => [i.id, i]));
    this.territories = new Map(territories.map((t) => [t.code, t]));
    this.regions = new Map(regions.map((r) => [r.id, r]));
    for (const instrument of instruments) {
      for (const party of this.parties(instrument)) {
        const list = this.byParty.get(party.party) ?? [];
        list.push(instrument);
        this.byParty.set(party.party, list);
      }
    }
  }

  /** The parties as listed, or those of the instrument named by `parties_of` (all UN members). */
  parties(instrument: Instrument): readonly Party[] {
    if (instrument.parties) return instrument.parties;
    if (instrument.parties_of) return this.byId.get(instrument.parties_of)?.parties ?? [];
    return [];
  }

  status(instrument: Instrument, date: string): Status {
    const { signed, in_force, terminated } = instrument.dates;
    if (date < signed) return "not-yet-signed";
    if (terminated && date >= terminated) return "terminated";
    if (in_force && date >= in_force) return "in-force";
    return "signed";
  }

  /** Parties bound on the date. With `asIfInForce`, a signed instrument counts from its signature. */
  membersOn(instrument: Instrument, date: string, asIfInForce = false): string[] {
    const key = `${instrument.id}|${date}|${asIfInForce}`;
    let members = this.memberCache.get(key);
    if (!members) {
      members = this.computeMembers(instrument, date, asIfInForce);
      this.memberCache.set(key, members);
    }
    return members;
  }

  private computeMembers(instrument: Instrument, date: string, asIfInForce: boolean): string[] {
    const start = instrument.dates.in_force ?? (asIfInForce ? instrument.dates.signed : undefined);
    return this.parties(instrument)
      .filter((p) => {
        const joined = p.joined ?? (asIfInForce ? (p.signed ?? start) : start);
        if (!joined || (date < joined && !asIfInForce)) return false;
        return !p.left || date < p.left;
      })
      .map((p) => this.registry.canonical(p.party) ?? p.party);
  }

  instrumentsOf(party: string): readonly Instrument[] {
    return this.byParty.get(party) ?? [];
  }

  source(instrument: Instrument, id: string | undefined): Source | undefined {
    return id ? instrument.sources.find((s) => s.id === id) : undefined;
  }

  /** Every article of the instrument (main text and parts) as it read on the date. */
  articlesOn(instrument: Instrument, date: string): ArticleText[] {
    const key = `${instrument.id}|${date}`;
    const cached = this.articleCache.get(key);
    if (cached) return cached;
    const out: ArticleText[] = [];
    const add = (part: string | null, article: Article) => {
      const version = pickVersion(article, date);
      out.push({
        part,
        article,
        version,
        text: version ? version.text : article.text,
        quote_confidence: version ? version.quote_confidence : article.quote_confidence,
        source: version ? version.source : article.source,
        provisions: (version ? version.provisions : article.provisions) ?? [],
      });
    };
    for (const article of instrument.articles) add(null, article);
    for (const part of instrument.parts ?? []) for (const article of part.articles) add(part.id, article);
    this.articleCache.set(key, out);
    return out;
  }

  /** The territory an event at `place` hits: a listed dependency, else a state's own territory. */
  administrator(place: string): string {
    return this.territories.get(place)?.administered_by ?? this.registry.canonical(place) ?? place;
  }

  inRegion(place: string, regionId: string): boolean {
    let set = this.regionSets.get(regionId);
    if (!set) {
      set = new Set();
      const region = this.regions.get(regionId);
      for (const code of region?.territories ?? []) set.add(code);
      if (region?.administered_by) {
        set.add(region.administered_by);
        for (const t of this.territories.values())
          if (t.administered_by === region.administered_by) set.add(t.code);
      }
      this.regionSets.set(regionId, set);
    }
    return set.has(place);
  }
}

function pickVersion(article: Article, date: string): ArticleVersion | null {
  if (!article.versions?.length) return null;
  const inEffect = article.versions.filter((v) => v.from <= date && (!v.to || date < v.to));
  // Before the first version took effect (a what-if on an early date), the earliest text applies.
  return inEffect.at(-1) ?? article.versions[0] ?? null;
}
