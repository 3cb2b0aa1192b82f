// The current route, from location.hash; navigate() pushes (or replaces) history entries.
import { useEffect, useState } from 'preact/hooks';
import { formatRoute, parseRoute, type Route } from '../../lib/reader/route';

export type Navigate = (route: Route, options?: { replace?: boolean }) => void;

export function useHashRoute(): [Route, Navigate] {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const onHashChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const navigate: Navigate = (next, options = {}) => {
    const hash = formatRoute(next);
    if (hash === location.hash || (hash === '#/' && location.hash === '')) return;
    if (options.replace) history.replaceState(null, '', hash);
    else location.hash = hash;
    // replaceState fires no hashchange, and a pushed hash's comes a task later: show the route now,
    // so the next keystroke in the search box refines this entry rather than pushing another.
    setRoute(parseRoute(hash));
  };
  return [route, navigate];
}
