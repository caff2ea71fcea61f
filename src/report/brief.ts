import type { ActorRef } from "../model/common.js";
import type { Obligation, Result } from "../model/result.js";

const label = (a: ActorRef) => ("iso3" in a ? `${a.name}${a.iso3 ? ` (${a.iso3})` : ""}` : a.name);
const short = (a: ActorRef) => ("iso3" in a ? (a.iso3 ?? `cow:${a.cow}`) : a.id);

function article(o: {
  instrument: string;
  article: string;
  part: string | null;
  paragraph: string | null;
}): string {
  return `${o.instrument}${o.part ? ` ${o.part}` : ""} Art. ${o.article}${o.paragraph ? ` ¶${o.paragraph}` : ""}`;
}

function quote(o: Obligation | Result["violations"][number]): string {
  const mark = o.quote_confidence === "paraphrase" ? "(paraphrase) " : "";
  return `${mark}"${o.quote}" — ${o.source.title}${o.source.url ? ` <${o.source.url}>` : ""} [${o.quote_confidence}]`;
}

/** The answer as an analyst's brief. `markdown` adds headings and a bibliography. */
export function renderBrief(result: Result, markdown: boolean, explainFor?: string): string {
  const lines: string[] = [];
  const h = (level: number, text: string) =>
    lines.push(markdown ? `${"#".repeat(level)} ${text}` : level === 1 ? text.toUpperCase() : `\n${text}`);
  const item = (text: string, depth = 0) =>
    lines.push(`${"  ".repeat(depth)}${markdown ? "- " : depth ? "· " : "• "}${text}`);

  h(1, result.title);
  lines.push(
    `As of ${result.as_of}; defence clauses read under the "${result.reading}" reading${result.readings.length ? `, with ${result.readings.join(", ")}` : ""}.`,
  );

  const obligations = explainFor
    ? result.obligations.filter((o) => short(o.obligor) === explainFor)
    : result.obligations;
  const military = obligations.filter((o) => o.kind === "defence" || o.kind === "offence");
  h(2, "Answer");
  if (military.length === 0) item("No state is bound to give military assistance.");
  for (const o of military) {
    item(
      `${label(o.obligor)} is bound (${o.strength}) to assist ${label(o.beneficiary)}${o.against.length ? ` against ${o.against.map(label).join(", ")}` : ""} under ${article(o)}${o.joins_war ? `; joins the war (wave ${o.wave})` : ""}.`,
    );
  }
  const others = obligations.filter((o) => o.kind !== "defence" && o.kind !== "offence");
  for (const o of others)
    item(`${label(o.obligor)} → ${label(o.beneficiary)}: ${o.kind} (${o.strength}) under ${article(o)}.`);

  if (obligations.length) h(2, "Why");
  for (const o of obligations) {
    item(`${short(o.obligor)} → ${short(o.beneficiary)}, ${article(o)} (${o.kind}, ${o.strength})`);
    item(quote(o), 1);
    for (const c of o.conditions)
      item(`${c.met ? "✓" : "✗"} ${c.text}${c.assumption ? ` [assumption: ${c.assumption}]` : ""}`, 1);
    if (o.pivotal) item(`pivotal: ${o.pivotal}`, 1);
  }

  if (result.belligerents.length) {
    h(2, "Belligerents");
    for (const b of result.belligerents) {
      item(
        `${label(b.state)} — ${b.war}, ${b.side}, wave ${b.wave}${b.via ? ` via ${b.via.instrument} Art. ${b.via.article} toward ${label(b.via.beneficiary)}` : " (initial)"}`,
      );
    }
  }

  const notTriggered = explainFor
    ? result.not_triggered.filter(
        (n) => short(n.obligor) === explainFor || short(n.beneficiary) === explainFor,
      )
    : result.not_triggered;
  if (notTriggered.length) {
    h(2, "Not triggered");
    for (const n of notTriggered)
      item(
        `${short(n.obligor)} → ${short(n.beneficiary)}, ${n.instrument} Art. ${n.article} (${n.kind}): ${n.unmet.join("; ")}`,
      );
  }
  const signed = result.not_in_force.filter((n) => n.status === "signed");
  if (signed.length) {
    h(2, "Signed but not in force (evaluated as if in force)");
    for (const n of signed) {
      item(
        `${n.instrument} — signed ${n.signed}, in force ${n.in_force ?? "not yet"}: ${n.would_bind.length ? n.would_bind.map((o) => `would bind ${short(o.obligor)} → ${short(o.beneficiary)} (Art. ${o.article}, ${o.kind})`).join("; ") : "would bind no one"}`,
      );
    }
  }
  if (result.conflicts.length) {
    h(2, "Conflicts");
    for (const c of result.conflicts) {
      item(`${c.kind}: ${c.description}`);
      for (const v of c.views)
        item(`view: ${v.view}${v.cites ? ` (${article(v.cites)}: "${v.cites.quote}")` : ""}`, 1);
    }
  }
  if (result.violations.length) {
    h(2, "Conduct against prohibitions in force");
    for (const v of result.violations) {
      item(v.description);
      item(quote(v), 1);
    }
  }
  if (result.contested.length) {
    h(2, "Contested");
    for (const c of result.contested) {
      item(
        `${c.point.label} (${c.point.kind}${c.point.held_by.length ? `; held by ${c.point.held_by.join(", ")}` : ""}; under the ${c.under} reading):`,
      );
      for (const f of c.flips)
        item(
          `${short(f.obligor)} → ${short(f.beneficiary)} ${f.instrument} Art. ${f.article}: ${f.main} → ${f.alternative}`,
          1,
        );
    }
  }
  h(2, "Assumptions");
  for (const a of result.assumptions) item(`${a.text}${a.disputed ? " (disputed)" : ""} [${a.origin}]`);
  if (markdown) {
    h(2, "Sources");
    for (const s of result.bibliography)
      item(`${s.title}${s.date ? `, ${s.date}` : ""}${s.url ? `. <${s.url}>` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}
