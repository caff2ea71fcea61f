import type {
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
    const error = (body ?? {}) as { message?: string; problems?: Problem[]; current?: SavedScenario };
    throw new ApiError(
      error.message ?? `${response.status} ${response.statusText}`,
      response.status,
      error.problems ?? [],
      error.current,
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

function query(readings: readonly string[], format?: "markdown"): string {
  const params = new URLSearchParams();
  for (const r of readings) params.append("reading", r);
  if (format) params.set("format", format);
  const text = params.toString();
  return text ? `?${text}` : "";
}

function whatIf<T>(asked: Asked, readings: readonly string[], format?: "markdown"): Promise<T> {
  return "saved" in asked
    ? call<T>(`/api/scenarios/${encodeURIComponent(asked.saved)}/what-if${query(readings, format)}`)
    : call<T>(`/api/what-if${query(readings, format)}`, json("POST", asked.scenario));
}

export const api = {
  states: () => call<StateInfo[]>("/api/states"),
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
};
