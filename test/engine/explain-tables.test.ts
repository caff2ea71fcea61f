// The `casus.result/2` object, field by field, on real treaties: pivotal's order, joins_war, the readings an
// obligation was read under, texts and sources once, the tables of readings, assumptions and places, and the
// instruments not in force.
import { describe, expect, it } from "vitest";
import { pivotal } from "../../src/engine/explain.js";
import type { ConditionCode } from "../../src/model/result.js";
import { ask, code, event, franceInvadesItaly, one, perTest } from "./world.js";

const TRIPLE = "triple-alliance-1882";
const RUSSIA_DPRK = "russia-dprk-2024";

describe("pivotal: every code in docs/result.md's order", () => {
  const order: ConditionCode[] = [
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
  it("each code alone is the pivot, and each comes before every code after it", () => {
    for (const [i, first] of order.entries()) {
      expect(pivotal([{ code: first, met: true }], new Set())).toBe(first);
      for (const later of order.slice(i + 1))
        expect(
          pivotal(
            [
              { code: later, met: true },
              { code: first, met: true },
            ],
            new Set(),
          ),
        ).toBe(first);
    }
  });
});

describe("France invades Italy, 1900", () => {
  const r = perTest(() => ask({ as_of: "1900-03-01", events: franceInvadesItaly }));

  it("only the obligation that brings a state into the war joins it; each carries the readings it rests on", () => {
    // Art. 2 (aid to Italy attacked by France) brings Germany in; Arts. 4 and 5 are also bound but do not.
    expect(one(r.obligations, "DEU", "ITA", TRIPLE, "2").joins_war).toBe(true);
    expect(one(r.obligations, "DEU", "ITA", TRIPLE, "4").joins_war).toBe(false);
    expect(one(r.obligations, "DEU", "ITA", TRIPLE, "5").joins_war).toBe(false);
    // Art. 5 has no victim test of its own: it rests on the general `victim` reading, and only on it.
    expect(one(r.obligations, "DEU", "ITA", TRIPLE, "5").readings).toEqual(["victim"]);
    // Art. 2 carries its own ("without direct provocation"): no reading at all, not even the forces axis.
    expect(one(r.obligations, "DEU", "ITA", TRIPLE, "2").readings).toEqual([]);
    expect(one(r.obligations, "DEU", "ITA", TRIPLE, "4").readings).toEqual([]);
  });

  it("with no judgement disputed, the victim test is what an obligation turns on, before the threat it answers", () => {
    // Art. 5 ("if the peace of any of the High Contracting Parties should be threatened") holds on the threat,
    // an undisputed judgement of the invasion, and on the victim test: the victim test comes first.
    expect(one(r.obligations, "DEU", "ITA", TRIPLE, "5").pivotal).toBe("victim");
    expect(one(r.obligations, "DEU", "ITA", "romania-austria-hungary-1883", "3").pivotal).toBe("victim");
    expect(one(r.obligations, "DEU", "ITA", TRIPLE, "2").pivotal).toBe("victim");
  });

  it("a text is written once with its source, its label and its language", () => {
    expect(r.texts.filter((t) => t.id === `${TRIPLE}/2`)).toHaveLength(1);
    expect(r.texts.find((t) => t.id === `${TRIPLE}/2`)).toMatchObject({
      instrument_title: "Triple Alliance (1882)",
      label: "Art. 2",
      quote_confidence: "translation",
      lang: "en",
      source: `${TRIPLE}/byu-1912-en`,
      quote: expect.stringMatching(/^In case Italy/),
    });
    expect(r.sources.filter((s) => s.id === `${TRIPLE}/byu-1912-en`)).toHaveLength(1);
    expect(r.sources.find((s) => s.id === `${TRIPLE}/byu-1912-en`)).toMatchObject({
      publisher: "BYU World War I Document Archive",
      url: "https://net.lib.byu.edu/~rdh7/wwi/1914m/tripall2.html",
    });
    const german = r.texts.find((t) => t.id === "romania-austria-hungary-1883/3");
    expect(german).toMatchObject({
      lang: "de",
      label: "Art. 3",
      source: "romania-austria-hungary-1883/schwertfeger-de",
    });
    // An article of a later treaty within the instrument is named by its part.
    expect(r.texts.find((t) => t.id === `${TRIPLE}/german-italian-treaty-1887/3`)?.part).toBe(
      "german-italian-treaty-1887",
    );
    for (const t of r.texts) if (t.source) expect(r.sources.map((s) => s.id)).toContain(t.source);
  });

  it("untouched clauses are listed only toward the states the events name", () => {
    // Russia's Art. 1 toward France is listed: France is the attacker, named by the event.
    const untouched = r.not_triggered.filter((n) => n.unmet.some((c) => c.detail === "none"));
    expect(
      untouched.map((n) => `${code(n.obligor)}>${code(n.beneficiary)} ${n.instrument} ${n.article}`),
    ).toContain("RUS>FRA franco-russian-alliance-1894 1");
    for (const n of untouched) expect(["FRA", "ITA"]).toContain(code(n.beneficiary));
    // A clause that failed on another condition is listed whoever its beneficiary: Italy's Art. 2 toward Germany.
    expect(one(r.not_triggered, "ITA", "DEU", TRIPLE, "2").unmet.map((c) => c.code)).toEqual(["place"]);
  });

  it("wars name each side's wave; the theatre is the place attacked", () => {
    const war = r.wars[0];
    const sides = Object.fromEntries((war?.sides ?? []).map((s) => [code(s.state), `${s.side}:${s.wave}`]));
    expect(sides).toMatchObject({ FRA: "initiator:0", ITA: "defender:0", DEU: "defender:1" });
    expect(war?.theatre.map((p) => p.code)).toEqual(["ITA"]);
  });

  it("assumptions: who started the war, where the event happened, the theatre and engagement", () => {
    const byId = new Map(r.assumptions.map((a) => [a.id, a]));
    expect(byId.get("inv.state_of_war")).toMatchObject({ kind: "judgement", value: true, origin: "default" });
    expect(byId.get("war-1.started_by")).toMatchObject({
      kind: "started-by",
      value: true,
      origin: "derived",
    });
    expect(code(byId.get("war-1.started_by")?.state)).toBe("FRA");
    expect(byId.get("inv.place")).toMatchObject({
      kind: "place-default",
      value: "ITA",
      origin: "default",
      places: [{ code: "ITA", name: "Italy" }],
    });
    expect(code(byId.get("inv.place")?.target)).toBe("ITA");
    expect(byId.get("theatre")).toMatchObject({
      kind: "theatre",
      value: "attacked-places",
      origin: "default",
      places: [{ code: "ITA", name: "Italy" }],
    });
    expect(byId.get("war-1.engaged")).toMatchObject({ kind: "engagement", value: true, origin: "default" });
    expect(byId.get("joining")).toMatchObject({ value: "binding-obligations", disputed: true });
    expect(byId.get("reading.forces-abroad")).toMatchObject({
      kind: "general-reading",
      value: "forces-as-the-text-says",
      origin: "default",
      disputed: true,
    });
    expect(byId.has("theatre.homelands")).toBe(false);
    // What the events show and casus's defaults for places are stated, not disputed.
    for (const id of ["war-1.started_by", "inv.place", "theatre", "inv.state_of_war"])
      expect(byId.get(id)?.disputed, id).toBe(false);
  });

  it("the general readings are each listed once, adopted on their axis, with their holders", () => {
    const general = r.readings.filter((x) => x.kind === "general");
    expect(general.map((x) => x.key)).toEqual([
      "victim",
      "territorial",
      "forces-as-the-text-says",
      "forces-abroad",
    ]);
    expect(general.find((x) => x.key === "victim")).toMatchObject({ axis: "who-is-owed", adopted: true });
    expect(general.find((x) => x.key === "territorial")).toMatchObject({
      axis: "who-is-owed",
      adopted: false,
    });
    // The library records no holders or sources for the general readings; they read no instrument.
    for (const g of general)
      expect(g).toMatchObject({
        held_by: [],
        source: null,
        because: null,
        instrument: null,
        provision: null,
      });
    const keys = r.readings.map((x) => x.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("places are named once, in order of their codes", () => {
    const codes = r.places.map((p) => p.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toContain("ITA");
  });
});

describe("widening to the homelands", () => {
  const r = perTest(() => ask({ as_of: "1900-03-01", events: franceInvadesItaly, theatre: ["homelands"] }));

  it("is the scenario's assumption, and the war's theatre takes in the belligerents' homelands", () => {
    const byId = new Map(r.assumptions.map((a) => [a.id, a]));
    expect(byId.get("theatre.homelands")).toMatchObject({
      kind: "theatre",
      value: "homelands",
      origin: "scenario",
    });
    expect(byId.get("theatre")).toMatchObject({ value: "homelands", origin: "scenario" });
    expect(r.wars[0]?.theatre.map((p) => p.code)).toEqual(expect.arrayContaining(["DEU", "FRA", "ITA"]));
  });
});

describe("Ukraine in Kursk, December 2024", () => {
  const r = perTest(() =>
    ask({ as_of: "2024-12-05", events: [event("kursk", "invasion", "UKR", "RUS", "2024-08-06")] }),
  );

  it("the DPRK's obligation brings it into the war, on the default that an ongoing attack counts", () => {
    expect(one(r.obligations, "PRK", "RUS", RUSSIA_DPRK, "4").joins_war).toBe(true);
    expect(r.assumptions.find((a) => a.id === `${RUSSIA_DPRK}.retroactive`)).toMatchObject({
      kind: "judgement",
      field: "retroactive",
      value: true,
      origin: "default",
      disputed: true,
    });
  });

  it("an instrument reading a contested point or a conflict's view names is in the table, with its source", () => {
    const contested = r.contested.find((c) => c.point.kind === "instrument-reading");
    const key = contested?.point.ref;
    expect(key).toBe(`${RUSSIA_DPRK}/mutual-assistance/laws-of-the-parties`);
    expect(r.readings.find((x) => x.key === key)).toMatchObject({
      kind: "instrument",
      axis: null,
      instrument: RUSSIA_DPRK,
      provision: "mutual-assistance",
      adopted: false,
      source: `${RUSSIA_DPRK}/seed-001`,
      held_by: ["experts cited in the press after signature"],
    });
    expect(r.sources.filter((s) => s.id === `${RUSSIA_DPRK}/seed-001`)).toHaveLength(1);
    const places = r.places.map((p) => p.code);
    expect(places).toEqual([...places].sort());
    expect(r.sources.find((s) => s.id === `${RUSSIA_DPRK}/seed-001`)).toMatchObject({
      publisher: null,
      url: null,
    });
    const views = r.conflicts.flatMap((c) => c.views.map((v) => v.view)).filter((v) => v.includes("/"));
    expect(views.length).toBeGreaterThan(0);
    for (const view of views)
      expect(r.readings.find((x) => x.key === view)).toMatchObject({
        kind: "instrument",
        description: null,
        source: null,
      });
  });
});

describe("an instrument reading the scenario adopts", () => {
  const key = `${RUSSIA_DPRK}/mutual-assistance/laws-of-the-parties`;
  const r = perTest(() =>
    ask({
      as_of: "2024-12-05",
      events: [event("kursk", "invasion", "UKR", "RUS", "2024-08-06")],
      options: { readings: [key] },
    }),
  );

  it("is listed once in the table, adopted, and named in the header", () => {
    expect(r.adopted).toEqual([key]);
    expect(r.readings.filter((x) => x.key === key)).toHaveLength(1);
    expect(r.readings.find((x) => x.key === key)?.adopted).toBe(true);
  });
});

describe("instruments not in force on the date", () => {
  const r = perTest(() =>
    ask({ as_of: "2025-06-01", events: [event("a", "armed-attack", "ISR", "IRN", "2025-05-01")] }),
  );

  it("a signed instrument's clauses that would bind are apart, in wave 1, joining no war", () => {
    const pending = r.not_in_force.find((n) => n.instrument === "russia-iran-2025");
    expect(
      pending?.would_bind.map(
        (o) => `${code(o.obligor)}>${code(o.beneficiary)} ${o.article} ${o.wave} ${o.joins_war}`,
      ),
    ).toEqual(["RUS>IRN 3(3) 1 false"]);
    expect(pending?.not_triggered).toEqual([]);
  });

  it("an ended instrument has nothing that would bind and nothing untriggered", () => {
    const k = ask({
      as_of: "2025-06-01",
      events: [event("a", "armed-attack", "KOR", "PRK", "2025-05-01")],
    });
    const ended = k.not_in_force.find((n) => n.instrument === "russia-dprk-2000");
    expect(ended).toMatchObject({
      status: "terminated",
      would_bind: [],
      not_triggered: [],
      terminated: "2024-12-04",
    });
    expect(ended?.termination_reason).toEqual(expect.any(String));
    expect(ended?.in_force).toEqual(expect.any(String));
  });
});

describe("a disputed judgement is what an obligation turns on", () => {
  const r = perTest(() =>
    ask({
      as_of: "2025-06-01",
      events: [
        event("b", "border-incident", "RUS", "EST", "2025-05-01", {
          armed_attack: { value: true, disputed: true },
        }),
      ],
    }),
  );

  it("NATO Art. 5 toward Estonia turns on the disputed armed attack, before the victim test", () => {
    const row = one(r.obligations, "USA", "EST", "north-atlantic-treaty-1949", "5");
    expect(row.conditions.find((c) => c.code === "armed-attack")).toMatchObject({
      met: true,
      assumption: "b.armed_attack",
    });
    expect(row.pivotal).toBe("armed-attack");
  });
});

describe("conditions name the states they tested", () => {
  const r = perTest(() => ask({ as_of: "1900-03-01", events: franceInvadesItaly }));

  it("the state at war, and the attacker a clause names", () => {
    const war = one(r.obligations, "DEU", "ITA", TRIPLE, "4").conditions.find(
      (c) => c.code === "state-of-war",
    );
    expect(code(war?.state)).toBe("ITA");
    expect(war).toMatchObject({ met: true, war: "war-1", assumption: "inv.state_of_war" });
    // Dual Alliance Art. I: "Should ... one of the two Empires be attacked by Russia": France is not Russia.
    const named = one(r.not_triggered, "DEU", "cow:300", "dual-alliance-1879", "I").unmet.find(
      (c) => c.code === "attacker-named",
    );
    expect(named?.states?.map(code)).toEqual(["RUS"]);
    expect(code(named?.by)).toBe("FRA");
  });

  it("every judgement a war or a verdict rests on is stated, and no other", () => {
    expect(r.assumptions.map((a) => a.id)).toEqual([
      "inv.state_of_war",
      "inv.armed_attack",
      "war-1.started_by",
      "inv.place",
      "theatre",
      "war-1.engaged",
      "joining",
      "reading.who-is-owed",
      "reading.forces-abroad",
    ]);
  });
});

describe("the theatre of each war", () => {
  // Two wars (France–Italy, Russia–China) and an attack judged not to be war (the United States on Mexico).
  const r = perTest(() =>
    ask({
      as_of: "1900-03-01",
      events: [
        event("inv", "invasion", "FRA", "ITA", "1900-02-01"),
        event("s", "armed-attack", "USA", "MEX", "1900-02-10", { state_of_war: false }),
        event("w2", "invasion", "RUS", "CHN", "1900-02-15"),
      ],
    }),
  );

  it("holds the places attacked in that war, not those attacked outside any war nor the other war's", () => {
    // The strike on Mexico is in the answer's theatre assumption (every place attacked), in no war's theatre.
    expect(r.wars.map((w) => `${w.id}: ${w.theatre.map((p) => p.code).join(" ")}`)).toEqual([
      "war-1: ITA",
      "war-2: CHN",
    ]);
    expect(r.assumptions.find((a) => a.id === "theatre")?.places.map((p) => p.code)).toEqual([
      "CHN",
      "ITA",
      "MEX",
    ]);
    const codes = r.places.map((p) => p.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toEqual(expect.arrayContaining(["CHN", "ITA", "MEX"]));
    expect(r.assumptions.filter((a) => a.kind === "started-by").map((a) => a.id)).toEqual([
      "war-1.started_by",
      "war-2.started_by",
    ]);
  });

  it("a war nobody joins assumes nothing of joiners' engagement", () => {
    const alone = ask({
      as_of: "1900-03-01",
      events: [event("w2", "invasion", "RUS", "CHN", "1900-02-15")],
    });
    expect(alone.belligerents.map((b) => b.basis)).toEqual(["event", "event"]);
    expect(alone.assumptions.some((a) => a.kind === "engagement")).toBe(false);
    // The war's state of war is stated though no verdict rests on it; the armed attack, resting nowhere, is not.
    expect(alone.assumptions.map((a) => a.id)).toEqual([
      "w2.state_of_war",
      "war-1.started_by",
      "w2.place",
      "theatre",
      "joining",
      "reading.who-is-owed",
      "reading.forces-abroad",
    ]);
    expect(alone.assumptions.find((a) => a.id === "theatre")?.places.map((p) => p.code)).toEqual(["CHN"]);
  });

  it("a place the scenario adds is its own assumption, and joins the theatre", () => {
    const added = ask({ as_of: "1900-03-01", events: franceInvadesItaly, theatre: ["DEU"] });
    expect(added.wars[0]?.theatre.map((p) => p.code)).toEqual(["DEU", "ITA"]);
    expect(added.assumptions.find((a) => a.id === "theatre")).toMatchObject({
      value: "attacked-places",
      origin: "scenario",
      places: [
        { code: "ITA", name: "Italy" },
        { code: "DEU", name: "Germany" },
      ],
    });
    expect(added.assumptions.find((a) => a.id === "theatre.DEU")).toMatchObject({
      kind: "theatre",
      value: "DEU",
      origin: "scenario",
      places: [{ code: "DEU", name: "Germany" }],
    });
  });

  it("forces the scenario stations abroad are an assumption of their own, and in the theatre", () => {
    const stationed = ask({
      as_of: "1900-03-01",
      events: franceInvadesItaly,
      forces: [{ state: "DEU", at: ["AUS"] }],
    });
    expect(stationed.wars[0]?.theatre.map((p) => p.code)).toEqual(["AUS", "ITA"]);
    const forces = stationed.assumptions.find((a) => a.id === "forces.DEU");
    expect(forces).toMatchObject({ kind: "theatre", value: "stationed", origin: "scenario" });
    expect(forces?.places.map((p) => p.code)).toEqual(["AUS"]);
    expect(code(forces?.state)).toBe("DEU");
  });
});
