// Renders text with <mark>ed ranges. Text goes in as text nodes only: corpus strings such as
// `<prompt_explanation>` stay characters, never markup.

import type { Highlighted } from '../search/snippet';

export function HighlightedText({ value }: { value: Highlighted }) {
  const parts = [];
  let at = 0;
  for (const [start, end] of value.highlights) {
    if (start > at) parts.push(value.text.slice(at, start));
    parts.push(<mark key={start}>{value.text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < value.text.length) parts.push(value.text.slice(at));
  return <>{parts}</>;
}
