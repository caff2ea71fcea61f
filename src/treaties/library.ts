import type {
  Article,
  ArticleVersion,
  Instrument,
  Party,
  Provision,
  Reading,
  Source,
} from "../model/instrument.js";
import type { GeneralReading, Region, Sea, Territory } from "../model/place.js";
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

/** Library-wide data that is not an instrument. */
export interface Places {
  territories: readonly Territory[];
  regions: readonly Region[];
  seas: readonly Sea[];
  generalReadings: readonly GeneralReading[];
}

/**
 * The loaded, checked library. Immutable once built; answers "what is in force between whom on date D"
 * and knows nothing about scenarios.
 */
export class Library {
  readonly byId: ReadonlyMap<string, Instrument>;
  readonly territories: ReadonlyMap<string, Territory>;
  readonly regions: ReadonlyMap<string, Region>;
  readonly seas: ReadonlyMap<string, Sea>;
  private readonly byParty = new Map<string, Instrument[]>();
  // The library is immutable, so per-date answers are computed once.
  private readonly articleCache = new Map<string, ArticleText[]>();
  private readonly memberCache = new Map<string, string[]>();

  readonly generalReadings: readonly GeneralReading[];

  constructor(
    readonly instruments: readonly Instrument[],
    readonly places: Places,
    readonly registry: Registry,
  ) {
    this.seas = new Map(places.seas.map((sea) => [sea.id, sea]));
    this.byId = new Map(instruments.map((i) => [i.id, i]));
    this.territories = new Map(places.territories.map((t) => [t.code, t]));
    this.regions = new Map(places.regions.map((r) => [r.id, r]));
    this.generalReadings = places.generalReadings;
    for (const instrument of instruments) {
      for (const party of this.parties(instrument)) {
        const list = this.byParty.get(party.party) ?? [];
        list.push(instrument);
        this.byParty.set(party.party, list);
      }
    }
  }

  /** The same places, registry and readings with other instruments (ATOP-derived, synthetic, a subset). */
  withInstruments(instruments: readonly Instrument[]): Library {
    return new Library(instruments, this.places, this.registry);
  }

  /** A library with more instruments (ATOP-derived ones), sharing the places and registry. */
  with(instruments: readonly Instrument[], registry: Registry = this.registry): Library {
    return new Library([...this.instruments, ...instruments], this.places, registry);
  }

  /** The same library printing the names states had on the date (Prussia in 1870). */
  namedOn(date: string): Library {
    return this.registry.namesOn === date ? this : this.with([], this.registry.on(date));
  }

  /** The parties as listed, or those of the instrument named by `parties_of` (all UN members). */
  parties(instrument: Instrument): readonly Party[] {
    if (instrument.parties) return instrument.parties;
    if (instrument.parties_of) return this.byId.get(instrument.parties_of)?.parties ?? [];
    return [];
  }

  /** When it ends: its recorded termination, or the end of a fixed term that has no renewal. */
  endOf(instrument: Instrument): string | undefined {
    return endOf(instrument);
  }

  status(instrument: Instrument, date: string): Status {
    const { signed, in_force } = instrument.dates;
    const terminated = this.endOf(instrument);
    if (date < signed) return "not-yet-signed";
    if (terminated && date >= terminated) return "terminated";
    if (in_force && date >= in_force) return "in-force";
    return "signed";
  }

  /**
   * Parties bound on the date. With `asIfInForce`, a signed instrument counts from its signature. With
   * `outsideSystem`, parties that are not state-system members that day count too (ATOP codes some: the
   * network and the dyad-years list them, the engine does not bind them).
   */
  membersOn(instrument: Instrument, date: string, asIfInForce = false, outsideSystem = false): string[] {
    const key = `${instrument.id}|${date}|${asIfInForce}|${outsideSystem}`;
    let members = this.memberCache.get(key);
    if (!members) {
      members = this.computeMembers(instrument, date, asIfInForce, outsideSystem);
      this.memberCache.set(key, members);
    }
    return members;
  }

  private computeMembers(
    instrument: Instrument,
    date: string,
    asIfInForce: boolean,
    outsideSystem: boolean,
  ): string[] {
    const start = instrument.dates.in_force ?? (asIfInForce ? instrument.dates.signed : undefined);
    return this.parties(instrument)
      .filter((p) => {
        const joined = p.joined ?? (asIfInForce ? (p.signed ?? start) : start);
        if (!joined || (date < joined && !asIfInForce)) return false;
        if (p.left && date >= p.left) return false;
        // A state that has left the state system (Austria-Hungary after 1918) is bound to nothing.
        return outsideSystem || !this.registry.isState(p.party) || this.registry.existsOn(p.party, date);
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

  /** The continent a place lies on: its own entry's, else its administering state's. */
  continentOf(place: string): string | null {
    const territory = this.territories.get(place);
    if (territory?.continent) return territory.continent;
    const state = this.registry.resolve(territory?.administered_by ?? place);
    return state?.kind === "state" ? state.state.continent : null;
  }

  /** A sea and every larger body of water it is part of. */
  private waters(sea: string): string[] {
    const out = [sea];
    for (const parent of this.seas.get(sea)?.part_of ?? []) out.push(...this.waters(parent));
    return out;
  }

  /**
   * Whether a place (state, territory or `sea:` code) lies in a named region. `ownerOf` lets a reading of a
   * disputed place (sovereignty instead of administration) decide whose territory it is.
   */
  inRegion(
    place: string,
    regionId: string,
    ownerOf: (place: string) => string = (p) => this.administrator(p),
  ): boolean {
    const region = this.regions.get(regionId);
    if (!region || region.exclude?.includes(place)) return false;
    if (place.startsWith("sea:")) {
      const waters = this.waters(place);
      return (region.seas ?? []).some((s) => waters.includes(s));
    }
    if (region.territories?.includes(place)) return true;
    if (region.administered_by && ownerOf(place) === region.administered_by) return true;
    const continent = this.continentOf(place);
    if (continent && region.continents?.includes(continent)) return true;
    const territory = this.territories.get(place);
    const islands = region.islands_in;
    if (
      islands &&
      territory?.island_in &&
      islands.seas.some((s) => this.waters(territory.island_in as string).includes(s))
    ) {
      return islands.north_of === undefined || (territory.anchor?.lat ?? -90) > islands.north_of;
    }
    return false;
  }
}

/** Every provision an instrument has ever had: each article of the text and its parts, in every version. */
export function allProvisions(instrument: Instrument): Provision[] {
  const articles = [...instrument.articles, ...(instrument.parts ?? []).flatMap((p) => p.articles)];
  return articles.flatMap((a) => [
    ...(a.provisions ?? []),
    ...(a.versions ?? []).flatMap((v) => v.provisions ?? []),
  ]);
}

/** A reading of one of an instrument's provisions, by ids. */
export function findReading(
  instrument: Instrument,
  provisionId: string,
  readingId: string,
): Reading | undefined {
  for (const provision of allProvisions(instrument)) {
    if (provision.id !== provisionId) continue;
    const reading = provision.readings?.find((r) => r.id === readingId);
    if (reading) return reading;
  }
  return undefined;
}

function pickVersion(article: Article, date: string): ArticleVersion | null {
  if (!article.versions?.length) return null;
  const inEffect = article.versions.filter((v) => v.from <= date && (!v.to || date < v.to));
  // Before the first version took effect (a what-if on an early date), the earliest text applies.
  return inEffect.at(-1) ?? article.versions[0] ?? null;
}

/** When an instrument ends: its recorded termination, or the end of a fixed term that has no renewal. */
export function endOf(instrument: Instrument): string | undefined {
  if (instrument.dates.terminated) return instrument.dates.terminated;
  const { kind, years } = instrument.duration ?? {};
  const start = instrument.dates.in_force;
  if (kind !== "fixed-term" || !years || !start) return undefined;
  return `${String(Number(start.slice(0, 4)) + years).padStart(4, "0")}${start.slice(4)}`;
}
