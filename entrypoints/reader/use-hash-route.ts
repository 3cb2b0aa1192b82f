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
    if (options.replace) {
      // replaceState fires no hashchange: update the view ourselves.
      history.replaceState(null, '', hash);
      setRoute(parseRoute(hash));
    } else {
      location.hash = hash;
    }
  };
  return [route, navigate];
}
