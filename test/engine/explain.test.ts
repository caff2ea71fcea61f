// The answer as `casus.result/2`: structured values, each text and source once, every condition with the
// assumption it rests on, and the conditions an answer turns on.
import { describe, expect, it } from "vitest";
import { pivotal } from "../../src/engine/explain.js";
import { Result } from "../../src/model/result.js";
import { ask, code, event, franceInvadesItaly, one } from "./world.js";

const TRIPLE = "triple-alliance-1882";

describe("the result contract", () => {
  it("fits its schema and says what it answers", () => {
    const r = ask({ title: "France invades Italy", as_of: "1900-03-01", events: franceInvadesItaly });
    expect(Result.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({
      schema: "casus.result/2",
      title: "France invades Italy",
      as_of: "1900-03-01",
      general: ["victim", "forces-as-the-text-says"],
      adopted: [],
      options: { only_automatic: false, include_political: false, joins: [], declines: [] },
    });
  });

  it("each text once, with its source, and every row points at one", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    const ids = r.texts.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    const row = one(r.obligations, "DEU", "ITA", TRIPLE, "2");
    expect(row.text).toBe(`${TRIPLE}/2`);
    const text = r.texts.find((t) => t.id === row.text);
    expect(text).toMatchObject({
      instrument: TRIPLE,
      instrument_title: "Triple Alliance (1882)",
      legal_force: "binding",
      article: "2",
      label: "Art. 2",
      part: null,
      quote_confidence: "translation",
      lang: "en",
      source: `${TRIPLE}/byu-1912-en`,
      coded: null,
    });
    expect(text?.quote).toMatch(/^In case Italy, without direct provocation/);
    expect(r.sources.find((s) => s.id === text?.source)).toMatchObject({
      title: expect.stringMatching(/Triple Alliance/),
      publisher: "BYU World War I Document Archive",
      url: "https://net.lib.byu.edu/~rdh7/wwi/1914m/tripall2.html",
      date: null,
    });
    for (const o of [...r.obligations, ...r.not_triggered]) expect(ids).toContain(o.text);
    // An article in a part of the instrument carries the part in its id; a text in German says so.
    expect(r.texts.find((t) => t.id === "treaty-of-london-1839/annex/VII")?.part).toBe("annex");
    expect(r.texts.find((t) => t.instrument === "romania-austria-hungary-1883")?.lang).toBe("de");
  });

  it("an obligation names its provision, paragraph, qualifiers, event and wave", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    const row = one(r.obligations, "DEU", "ITA", TRIPLE, "2");
    expect(row).toMatchObject({
      provision: "aid-italy-against-france",
      kind: "defence",
      strength: "automatic",
      event: "inv",
      wave: 1,
      part: null,
      paragraph: null,
      qualifiers: [],
      // The victim test here is the text's own ("without direct provocation"), not the general reading's.
      readings: [],
      pivotal: "victim",
    });
    expect(one(r.obligations, "DEU", "ITA", TRIPLE, "5").readings).toEqual(["victim"]);
    expect(row.obligor).toEqual({ iso3: "DEU", cow: 255, name: "Germany" });
    const later = one(r.obligations, "ITA", "DEU", TRIPLE, "4");
    expect(later.wave).toBe(2);
  });

  it("wars and belligerents, with sides, waves and what brought each in", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    expect(r.wars).toHaveLength(1);
    expect(r.wars[0]?.theatre).toEqual([{ code: "ITA", name: "Italy" }]);
    const france = r.belligerents.find((b) => code(b.state) === "FRA");
    expect(france).toMatchObject({ war: "war-1", side: "initiator", wave: 0, basis: "event", via: null });
    const decision = r.joining.find((d) => code(d.state) === "DEU");
    expect(decision?.obligations).toMatchObject([
      { instrument: TRIPLE, article: "2", strength: "automatic" },
    ]);
    expect(code(decision?.obligations[0]?.beneficiary)).toBe("ITA");
  });

  it("the assumptions a war rests on: its judgements, who started it, the place and the theatre", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    const ids = r.assumptions.map((a) => a.id);
    expect(ids).toEqual([
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
    const war = r.assumptions.find((a) => a.id === "inv.state_of_war");
    expect(war).toMatchObject({ kind: "judgement", field: "state_of_war", value: true, origin: "default" });
    expect(code(war?.state)).toBe("FRA");
    expect(code(war?.target)).toBe("ITA");
    expect(r.assumptions.find((a) => a.id === "war-1.started_by")).toMatchObject({
      kind: "started-by",
      origin: "derived",
      event: "inv",
    });
    expect(r.assumptions.find((a) => a.id === "theatre")?.places).toEqual([{ code: "ITA", name: "Italy" }]);
    expect(r.assumptions.find((a) => a.id === "reading.who-is-owed")).toMatchObject({
      value: "victim",
      disputed: true,
    });
  });

  it("judgements the scenario gives are stated even where no verdict rests on them", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: [
        event("t", "threat-of-attack", "FRA", "ITA", "1900-02-01", {
          nuclear: false,
          threat: { value: true, note: "a note", held_by: ["Italy"] },
        }),
      ],
    });
    expect(r.assumptions.find((a) => a.id === "t.nuclear")).toMatchObject({
      value: false,
      origin: "scenario",
    });
    expect(r.assumptions.find((a) => a.id === "t.threat")).toMatchObject({
      value: true,
      note: "a note",
      held_by: ["Italy"],
    });
    expect(r.wars).toEqual([]);
    expect(r.assumptions.some((a) => a.id === "theatre")).toBe(false);
  });

  it("how an ambiguous code was read is stated", () => {
    const r = ask(
      { as_of: "1900-03-01", events: franceInvadesItaly },
      { codeReadings: [{ input: "200", code: "GBR", read_as: "cow", other: "ALB" }] },
    );
    const a = r.assumptions.find((x) => x.id === "code.200");
    expect(a).toMatchObject({ kind: "code-reading", value: "cow", note: "200", origin: "default" });
    expect(code(a?.state)).toBe("GBR");
    expect(code(a?.target)).toBe("ALB");
  });

  it("readings: the general ones, and each instrument reading an answer touches, with its source", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    expect(r.readings.filter((x) => x.kind === "general").map((x) => `${x.key}:${x.adopted}`)).toEqual([
      "victim:true",
      "territorial:false",
      "forces-as-the-text-says:true",
      "forces-abroad:false",
    ]);
    const reading = r.readings.find((x) => x.key === `${TRIPLE}/casus-foederis/one-or-more`);
    expect(reading).toMatchObject({
      kind: "instrument",
      axis: null,
      instrument: TRIPLE,
      provision: "casus-foederis",
      adopted: false,
      source: `${TRIPLE}/story-great-war-v`,
    });
    expect(reading?.description).toMatch(/^Unresolved/);
    expect(r.sources.some((s) => s.id === `${TRIPLE}/story-great-war-v`)).toBe(true);
  });

  it("places and regions are named once", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("a", "armed-attack", "MAR", "ESP", "2025-05-01", { at: "ESP-CE" })],
    });
    expect(r.places.find((p) => p.code === "ESP-CE")).toEqual({ code: "ESP-CE", name: "Ceuta" });
    expect(r.regions.find((x) => x.id === "nato-area-1952")?.name).toMatch(/North Atlantic/);
    const codes = r.places.map((p) => p.code);
    expect(codes).toEqual([...codes].sort());
  });

  it("conditions carry the words of the text they rest on, and an understanding its party's id", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("a", "armed-attack", "RUS", "EST", "2025-05-01"),
        event("call", "request-for-consultations", "EST", undefined, "2025-05-02"),
      ],
    });
    const call = one(r.obligations, "USA", "EST", "north-atlantic-treaty-1949", "4").conditions[0];
    expect(call).toMatchObject({
      code: "call",
      met: true,
      because: "whenever, in the opinion of any of them",
    });
    const korea = ask({
      as_of: "2025-06-01",
      events: [event("inv", "invasion", "PRK", "KOR", "2025-05-01")],
    });
    const external = one(korea.obligations, "USA", "KOR", "us-rok-1953", "III").conditions.find(
      (c) => c.code === "external",
    );
    expect(external).toMatchObject({ met: true, understanding: "us-understanding" });
    // The understanding is the United States' own: it does not narrow Korea's obligation.
    const rok = one(korea.not_triggered, "KOR", "USA", "us-rok-1953", "III");
    expect(rok.unmet.some((c) => c.code === "external")).toBe(false);
  });

  it("a clause nothing touched is listed only for the states the events name", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    const untouched = r.not_triggered.filter((n) => n.unmet.some((c) => c.detail === "none"));
    for (const n of untouched) expect(["FRA", "ITA"]).toContain(code(n.beneficiary));
  });
});

describe("pivotal: the held condition an answer turns on", () => {
  it("a held condition on a disputed judgement comes first", () => {
    const held = [
      { code: "victim" as const, met: true },
      { code: "armed-attack" as const, met: true, assumption: "a.armed_attack" },
    ];
    expect(pivotal(held, new Set(["a.armed_attack"]))).toBe("armed-attack");
    expect(pivotal(held, new Set())).toBe("victim");
  });

  it("then the first held code in order; unmet ones never; none at all gives null", () => {
    expect(
      pivotal(
        [
          { code: "place", met: true },
          { code: "request", met: true },
        ],
        new Set(),
      ),
    ).toBe("request");
    expect(
      pivotal(
        [
          { code: "victim", met: false },
          { code: "place", met: true },
        ],
        new Set(),
      ),
    ).toBe("place");
    expect(pivotal([{ code: "mobilisation", met: true }], new Set())).toBeNull();
    expect(pivotal([{ code: "victim", met: false, assumption: "x" }], new Set(["x"]))).toBeNull();
  });
});
