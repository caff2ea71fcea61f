import { useCallback, useEffect, useMemo, useState } from "react";
import { formatHash, parseHash, type Route } from "./hash.js";

/** The route in the address bar's fragment: pushed on navigation, replaced when asked, read on back/forward. */
export function useRoute(): [Route, (next: Route, replace?: boolean) => void, string | null] {
  const initial = useMemo(() => parseHash(window.location.hash), []);
  const [route, setRoute] = useState<Route>(initial.route);
  const [error, setError] = useState<string | null>(initial.error);
  useEffect(() => {
    if (window.location.hash !== formatHash(initial.route))
      window.history.replaceState(null, "", formatHash(initial.route));
    const onChange = () => {
      const parsed = parseHash(window.location.hash);
      setRoute((r) => (formatHash(r) === formatHash(parsed.route) ? r : parsed.route));
      setError(parsed.error);
    };
    window.addEventListener("hashchange", onChange);
    window.addEventListener("popstate", onChange);
    return () => {
      window.removeEventListener("hashchange", onChange);
      window.removeEventListener("popstate", onChange);
    };
  }, [initial]);
  const navigate = useCallback((next: Route, replace = false) => {
    const hash = formatHash(next);
    if (hash !== window.location.hash) {
      if (replace) window.history.replaceState(null, "", hash);
      else window.history.pushState(null, "", hash);
    }
    setError(null);
    setRoute(next);
  }, []);
  return [route, navigate, error];
}
