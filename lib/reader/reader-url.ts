// Where the reader lives inside the extension, for a route. Pure.
import { formatRoute, type Route } from './route';

export const READER_PAGE = '/reader.html';

export function readerPath(route: Route): `/reader.html${string}` {
  return `${READER_PAGE}${formatRoute(route)}` as `/reader.html${string}`;
}
