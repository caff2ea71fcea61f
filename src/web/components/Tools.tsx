import { useState } from "react";
import { bibtex, obligationsCsv } from "../../report/exports.js";
import { type Asked, api } from "../lib/api.js";
import { download, standaloneSvg } from "../lib/download.js";
import type { Result } from "../lib/types.js";

interface Props {
  asked: Asked | null;
  readings: readonly string[];
  result: Result | null;
  /** The file names' stem: casus-<scenario>[-<readings>]. */
  stem: string;
  link: string;
  onNotice: (text: string) => void;
}

/** Everything to take away: the brief, the sources, the table, the map as SVG and PNG, print, the link. */
export function Tools({ asked, readings, result, stem, link, onNotice }: Props) {
  const [copied, setCopied] = useState(false);
  const run = (what: string, job: () => Promise<void> | void) => async () => {
    try {
      await job();
    } catch (e) {
      onNotice(`The ${what} could not be made: ${(e as Error).message}`);
    }
  };
  const mapSvg = () => {
    const svg = document.querySelector<SVGSVGElement>("svg.map-svg");
    if (!svg) throw new Error("the map is not drawn yet");
    download(`${stem}-map.svg`, standaloneSvg(svg), "image/svg+xml");
  };
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      onNotice("Copy the link from the field beside the button.");
    }
  };
  return (
    <section className="tools" aria-label="Take this answer away">
      <button
        type="button"
        disabled={!asked}
        onClick={run("brief", async () => {
          if (!asked) return;
          const { markdown } = await api.brief(asked, readings);
          download(`${stem}.md`, markdown, "text/markdown;charset=utf-8");
          onNotice("Brief downloaded.");
        })}
      >
        Download brief (Markdown)
      </button>
      <button type="button" disabled={!result} onClick={run("map", mapSvg)}>
        Map (SVG)
      </button>
      <button
        type="button"
        disabled={!asked}
        onClick={run("map", async () => {
          if (asked) download(`${stem}-map.png`, await api.file(asked, readings, "png"));
        })}
      >
        Map (PNG)
      </button>
      <button
        type="button"
        disabled={!result}
        onClick={run("table", () => {
          if (result) download(`${stem}.csv`, obligationsCsv(result), "text/csv;charset=utf-8");
        })}
      >
        Obligations (CSV)
      </button>
      <button
        type="button"
        disabled={!result}
        onClick={run("bibliography", () => {
          if (result) download(`${stem}.bib`, bibtex(result), "application/x-bibtex;charset=utf-8");
        })}
      >
        Sources (BibTeX)
      </button>
      <button type="button" onClick={() => window.print()}>
        Print
      </button>
      <button type="button" onClick={copyLink}>
        {copied ? "Link copied" : "Copy link"}
      </button>
      <input className="link" readOnly value={link} aria-label="Link to this scenario and reading" />
    </section>
  );
}
