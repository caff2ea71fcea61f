import type {
  Instrument,
  InstrumentRow,
  Network,
  Problem,
  Result,
  SavedScenario,
  SavedSummary,
  Scenario,
  ShippedScenario,
  StateInfo,
} from "./types.js";

/** An answer other than 2xx, with the server's message and the fields it names. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problems: Problem[] = [],
    /** On 412: the scenario as it is now saved, by someone else. */
    readonly current?: SavedScenario,
    /** On 404 from the state resolver: names it might have meant. */
    readonly suggestions: string[] = [],
  ) {
    super(message);
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError("the casus server does not answer (is `casus serve` running?)", 0);
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body ?? {}) as {
      message?: string;
      problems?: Problem[];
      current?: SavedScenario;
      suggestions?: string[];
    };
    throw new ApiError(
      error.message ?? `${response.status} ${response.statusText}`,
      response.status,
      error.problems ?? [],
      error.current,
      error.suggestions ?? [],
    );
  }
  return body as T;
}

const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

/** The precondition for a change to a saved scenario: the version this page last saw. */
const ifMatch = (version: number) => ({ "if-match": `"${version}"` });

/** Where a what-if is asked: the saved copy on the server, or the scenario itself. */
export type Asked = { saved: string } | { scenario: Scenario };

export type AnswerFormat = "markdown" | "csv" | "svg" | "png" | "dot" | "graphml" | "bibtex";

function query(readings: readonly string[], format?: AnswerFormat): string {
  const params = new URLSearchParams();
  for (const r of readings) params.append("reading", r);
  if (format) params.set("format", format);
  const text = params.toString();
  return text ? `?${text}` : "";
}

function whatIfUrl(
  asked: Asked,
  readings: readonly string[],
  format?: AnswerFormat,
): [string, RequestInit | undefined] {
  return "saved" in asked
    ? [`/api/scenarios/${encodeURIComponent(asked.saved)}/what-if${query(readings, format)}`, undefined]
    : [`/api/what-if${query(readings, format)}`, json("POST", asked.scenario)];
}

function whatIf<T>(asked: Asked, readings: readonly string[], format?: AnswerFormat): Promise<T> {
  return call<T>(...whatIfUrl(asked, readings, format));
}

/** An answer as a file the server renders (PNG of the map, CSV, DOT...). */
async function whatIfFile(asked: Asked, readings: readonly string[], format: AnswerFormat): Promise<Blob> {
  const [url, init] = whatIfUrl(asked, readings, format);
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError("the casus server does not answer (is `casus serve` running?)", 0);
  }
  if (!response.ok) throw new ApiError(`${response.status} ${response.statusText}`, response.status);
  return response.blob();
}

/** GET /api/states/resolve */
export interface Resolved {
  code: string;
  name: string;
}

/** GET /api/search */
export interface SearchHit {
  instrument: string;
  instrument_title: string;
  article: string | null;
  label: string | null;
  field: "title" | "text" | "rendering" | "reading" | "note";
  snippet: string;
}

export const api = {
  states: () => call<StateInfo[]>("/api/states"),
  health: () => call<{ version: string; result_schema: string; instruments: number }>("/api/health"),
  shipped: () => call<ShippedScenario[]>("/api/shipped-scenarios"),
  instruments: () => call<InstrumentRow[]>("/api/instruments"),
  network: (on: string) => call<Network>(`/api/network?on=${encodeURIComponent(on)}`),
  saved: () => call<{ total: number; items: SavedSummary[] }>("/api/scenarios?limit=1000"),
  getSaved: (id: string) => call<SavedScenario>(`/api/scenarios/${encodeURIComponent(id)}`),
  save: (scenario: Scenario) => call<SavedScenario>("/api/scenarios", json("POST", scenario)),
  update: (id: string, scenario: Scenario, version: number) =>
    call<SavedScenario>(`/api/scenarios/${encodeURIComponent(id)}`, json("PUT", scenario, ifMatch(version))),
  remove: (id: string, version: number) =>
    call<null>(`/api/scenarios/${encodeURIComponent(id)}`, {
      method: "DELETE",
      headers: ifMatch(version),
    }).then(() => undefined),
  whatIf: (asked: Asked, readings: readonly string[]) => whatIf<Result>(asked, readings),
  /** The analyst's brief as Markdown (`format=markdown`). */
  brief: (asked: Asked, readings: readonly string[]) =>
    whatIf<{ markdown: string }>(asked, readings, "markdown"),
  file: whatIfFile,
  /** A state's name, alias or code through the CLI's normaliser; null when nothing matches. */
  resolve: async (q: string, on: string): Promise<{ state: Resolved | null; suggestions: string[] }> => {
    try {
      const state = await call<Resolved>(
        `/api/states/resolve?q=${encodeURIComponent(q)}&on=${encodeURIComponent(on)}`,
      );
      return { state, suggestions: [] };
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return { state: null, suggestions: e.suggestions };
      throw e;
    }
  },
  search: (q: string) => call<{ query: string; hits: SearchHit[] }>(`/api/search?q=${encodeURIComponent(q)}`),
  instrument: (id: string) => call<Instrument>(`/api/instruments/${encodeURIComponent(id)}`),
};
