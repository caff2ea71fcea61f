import { useEffect, useRef, useState } from "react";
import { ApiError, type Asked, api } from "./api.js";
import type { Problem, Result } from "./types.js";

export interface Answer {
  /** What this answers (a route key), so a late answer to an old question is never shown as current. */
  key: string;
  result: Result | null;
  error: string | null;
  problems: Problem[];
  /** From the question to the answer, in the browser. */
  ms: number;
}

/** Asks the server for an answer whenever the question (its key) changes. */
export function useAnswer(
  asked: Asked | null,
  readings: readonly string[],
  key: string,
): [Answer | null, boolean] {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);
  // The key names the question; the objects behind it may be new at each render without asking again.
  const question = useRef({ asked, readings });
  question.current = { asked, readings };
  const ready = asked !== null;
  useEffect(() => {
    const { asked, readings } = question.current;
    if (!ready || !asked) return;
    let live = true;
    const started = performance.now();
    setBusy(true);
    api
      .whatIf(asked, readings)
      .then((result) => {
        if (live)
          setAnswer({ key, result, error: null, problems: [], ms: Math.round(performance.now() - started) });
      })
      .catch((e: Error) => {
        if (live)
          setAnswer({
            key,
            result: null,
            error: e.message,
            problems: e instanceof ApiError ? e.problems : [],
            ms: 0,
          });
      })
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [ready, key]);
  return [answer, busy];
}
