import type { LocatedYaml, Path, Problem } from "../data/located.js";
import type { Instrument } from "../model/instrument.js";
import type { Registry } from "../states/registry.js";
import { endOf } from "./library.js";

const folded = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, " ")
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .trim();

/** Whether `words` occur in one of the texts, ignoring case, spacing and curly quotes. */
function quotes(texts: readonly string[], words: string): boolean {
  const needle = folded(words);
  return texts.some((text) => folded(text).includes(needle));
}

/** The semantic checks a schema cannot express: dates in order, known parties, cited quotes. */
export function checkInstrument(
  instrument: Instrument,
  yaml: LocatedYaml,
  registry: Registry,
  regionIds: ReadonlySet<string>,
  problems: Problem[],
): void {
  const push = (path: Path, message: string, fix?: string) => problems.push(yaml.problem(path, message, fix));
  const sourceIds = new Set(instrument.sources.map((s) => s.id));
  const checkSource = (path: Path, id: string | undefined) => {
    if (id !== undefined && !sourceIds.has(id))
      push(path, `no source with id ${id}`, "add it under sources: or fix the id");
  };
  const checkParty = (path: Path, code: string) => {
    if (!registry.resolve(code)) {
      push(
        path,
        `unknown state code ${code}`,
        "use an ISO 3166-1 alpha-3 code (KOR), cow:NNN, or an org:/actor: id from _actors.yaml",
      );
      return false;
    }
    return true;
  };

  const { signed, in_force, terminated } = instrument.dates;
  if (in_force && in_force < signed)
    push(["dates", "in_force"], `entry into force ${in_force} before signature ${signed}`);
  if (terminated && terminated < signed) {
    push(["dates", "terminated"], `termination ${terminated} before signature ${signed}`, "check both dates");
  } else if (terminated && in_force && terminated < in_force) {
    push(["dates", "terminated"], `termination ${terminated} before entry into force ${in_force}`);
  }
  if (!instrument.duration && !terminated) {
    push(
      [],
      "no duration and no termination: say how long it runs",
      "add duration: (kind: indefinite, fixed-term, automatic-renewal, until-agreed or unspecified) or dates.terminated",
    );
  }
  if (terminated && !instrument.dates.termination_reason) {
    push(["dates"], "a terminated instrument needs a termination_reason");
  }
  checkSource(["dates", "source"], instrument.dates.source);
  if (!instrument.parties && !instrument.parties_of) push([], "no parties", "add parties: or parties_of:");

  const end = endOf(instrument);
  /** When each listed party stops being bound: its leave date, or the day after its state ceased to exist. */
  const partyEnds: (string | undefined)[] = [];
  (instrument.parties ?? []).forEach((party, i) => {
    const path = ["parties", i];
    partyEnds.push(party.left);
    checkSource([...path, "source"], party.source);
    if ((party.joined || party.left) && !party.source)
      push(
        path,
        `a dated ${party.joined ? "join" : "leave"} with no source`,
        "add source: with the id of the document that gives the date",
      );
    if (!checkParty([...path, "party"], party.party)) return;
    const joined = party.joined ?? party.signed ?? in_force ?? signed;
    const isState = registry.existsOn(party.party, joined);
    if (party.left && party.left < joined) {
      partyEnds[i] = undefined;
      push([...path, "left"], `leave date ${party.left} before join date ${joined}`, "check both dates");
    } else if (!isState && !party.outside_state_system) {
      push(
        [...path, "party"],
        `${party.party} was not a state on ${joined}`,
        "check the date, use the code of the state then, or say why in outside_state_system:",
      );
    } else if (isState && party.outside_state_system && registry.isState(party.party)) {
      push(
        [...path, "outside_state_system"],
        `${party.party} was a state on ${joined}`,
        "remove outside_state_system:",
      );
    }
    const gone = ceasedToExist(registry, party.party, end);
    if (gone && gone >= joined) {
      if (!party.left || party.left > gone)
        push(
          party.left ? [...path, "left"] : path,
          `${party.party} ceased to be a state on ${gone}, while this instrument was in force${end ? "" : " (it still is)"}`,
          `give its left: date (${gone} at the latest) and a left_reason:`,
        );
      else if (!party.left_reason) push([...path, "left"], "a leave date needs a left_reason");
      partyEnds[i] = party.left && party.left < gone ? party.left : gone;
    }
  });
  // An instrument in force needs two parties: one that outlives all the others is over.
  const ends = partyEnds.map((d) => d ?? "9999-12-31").sort((a, b) => b.localeCompare(a));
  const lastPair = ends[1];
  if (lastPair && lastPair !== "9999-12-31" && (!end || end > lastPair)) {
    push(
      terminated ? ["dates", "terminated"] : ["dates"],
      `in force after ${lastPair}, when all but one of its parties had left or ceased to exist`,
      "set dates.terminated (with termination_reason and a source) to when the texts or events ended it",
    );
  }
  (instrument.suspensions ?? []).forEach((s, i) => {
    checkParty(["suspensions", i, "obligor"], s.obligor);
    checkParty(["suspensions", i, "toward"], s.toward);
    checkSource(["suspensions", i, "source"], s.source);
    if (s.to && s.to < s.from) push(["suspensions", i, "to"], `end ${s.to} before start ${s.from}`);
  });
  (instrument.supersedes ?? []).forEach((s, i) => checkSource(["supersedes", i, "source"], s.source));

  const articleNumbers = new Set<string>();
  const checkArticles = (articles: Instrument["articles"], base: Path, part: string | null) => {
    const seenNumbers = new Set<string>();
    articles.forEach((article, a) => {
      const path = [...base, a];
      if (seenNumbers.has(article.number))
        push([...path, "number"], `article ${article.number} appears twice`);
      seenNumbers.add(article.number);
      articleNumbers.add(part ? `${part}/${article.number}` : article.number);
      const texts = article.versions
        ? article.versions.map((v, i) => ({ t: v, p: [...path, "versions", i] as Path }))
        : [{ t: article, p: path }];
      if (article.versions && (article.text || article.provisions)) {
        push(path, "an article with versions keeps its text and provisions inside each version");
      }
      for (const { t, p } of texts) {
        checkSource([...p, "source"], t.source);
        if (t.text && !t.source)
          push(
            [...p, "text"],
            "a quote with no source",
            "add source: with the id of the document it was read in",
          );
        else if (t.text && !t.quote_confidence) {
          push(
            [...p, "quote_confidence"],
            "text without quote_confidence",
            "mark it verbatim, translation or paraphrase",
          );
        }
        (t.renderings ?? []).forEach((r, i) => checkSource([...p, "renderings", i, "source"], r.source));
        const provisions = t.provisions ?? [];
        // Provisions coded from a dataset cite its variables instead of a quote.
        if (provisions.length > 0 && !t.text && !provisions.every((p) => p.coded)) {
          push(
            [...p, "provisions"],
            "provisions need the article's text (quoted, or marked paraphrase)",
            "add text:, source: and quote_confidence:",
          );
        }
        const provisionIds = new Set<string>();
        provisions.forEach((provision, i) => {
          const pp = [...p, "provisions", i];
          if (provisionIds.has(provision.id))
            push([...pp, "id"], `provision id ${provision.id} appears twice in this article`);
          provisionIds.add(provision.id);
          for (const field of ["obligors", "beneficiaries"] as const) {
            const list = provision[field];
            if (Array.isArray(list)) list.forEach((code, k) => checkParty([...pp, field, k], code));
          }
          (provision.trigger?.by?.states ?? []).forEach((code, k) =>
            checkParty([...pp, "trigger", "by", "states", k], code),
          );
          const where = provision.trigger?.where;
          for (const key of ["region", "forces_region"] as const) {
            const region = where?.[key];
            if (region && !regionIds.has(region))
              push(
                [...pp, "trigger", "where", key],
                `no region with id ${region}`,
                "define it in _places.yaml",
              );
          }
          if (provision.kind === "prohibition" && !provision.prohibits)
            push(pp, "a prohibition needs prohibits:");
          if (
            !["prohibition", "non-aggression", "no-hostile-third-party-commitments"].includes(
              provision.kind,
            ) &&
            !provision.trigger
          ) {
            push(pp, `a ${provision.kind} provision needs a trigger`);
          }
          const wording = [t.text ?? "", ...(t.renderings ?? []).map((r) => r.text)];
          for (const [field, words] of Object.entries(provision.trigger?.because ?? {})) {
            if (!quotes(wording, words))
              push(
                [...pp, "trigger", "because", field],
                `"${words}" does not occur in the article's text or renderings`,
                "quote the words of the article that justify this field",
              );
          }
          (provision.readings ?? []).forEach((r, k) => {
            checkSource([...pp, "readings", k, "source"], r.source);
            if (!r.source && !r.relies_on)
              push(
                [...pp, "readings", k],
                `reading ${r.id} has no source`,
                "add source: (where the reading is held or argued) or relies_on: (the article it rests on)",
              );
            if (r.because && !quotes(wording, r.because))
              push(
                [...pp, "readings", k, "because"],
                `"${r.because}" does not occur in the article's text or renderings`,
                "quote the words of the article the reading rests on",
              );
          });
        });
      }
    });
  };
  checkArticles(instrument.articles, ["articles"], null);
  (instrument.parts ?? []).forEach((part, i) => {
    checkSource(["parts", i, "source"], part.source);
    checkArticles(part.articles, ["parts", i, "articles"], part.id);
  });

  // References to articles: scope definitions and understandings must name articles that exist.
  const forEachProvision = (
    visit: (provision: NonNullable<Instrument["articles"][number]["provisions"]>[number], path: Path) => void,
  ) => {
    instrument.articles.forEach((article, a) => {
      (article.provisions ?? []).forEach((p, i) => visit(p, ["articles", a, "provisions", i]));
      (article.versions ?? []).forEach((v, k) =>
        (v.provisions ?? []).forEach((p, i) => visit(p, ["articles", a, "versions", k, "provisions", i])),
      );
    });
  };
  forEachProvision((provision, path) => {
    const ref = provision.trigger?.where?.defined_in;
    if (ref && !articleNumbers.has(ref)) {
      push(
        [...path, "trigger", "where", "defined_in"],
        `provision points at article ${ref}, which this instrument does not have`,
      );
    }
  });
  (instrument.understandings ?? []).forEach((u, i) => {
    checkParty(["understandings", i, "by"], u.by);
    checkSource(["understandings", i, "source"], u.source);
    u.applies_to.forEach((ref, k) => {
      if (!articleNumbers.has(ref))
        push(["understandings", i, "applies_to", k], `no article ${ref} in this instrument`);
    });
  });
}

/**
 * The day a state dropped out of the state system without coming back before `end` (the instrument's end, or
 * never): the day after the spell that covered it last. Undefined while it still exists then.
 */
function ceasedToExist(registry: Registry, code: string, end: string | undefined): string | undefined {
  const resolved = registry.resolve(code);
  if (resolved?.kind !== "state") return undefined;
  const lastDay = end ? shiftDay(end, -1) : "9999-12-31";
  if (registry.existsOn(code, lastDay)) return undefined;
  const before = resolved.state.spells.filter((spell) => spell.to !== null && spell.to < lastDay);
  const last = before.at(-1)?.to;
  return last ? shiftDay(last, 1) : undefined;
}

function shiftDay(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}
