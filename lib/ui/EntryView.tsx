// A whole entry as plain text blocks: posts in order, quoted post, editor notes, links.
// Everything is rendered as text (white-space: pre-wrap), never as HTML.

import type { Entry, Post } from '../corpus/types';

function PostView({ post }: { post: Post }) {
  return (
    <article class="post">
      <header class="post-author">
        <strong>{post.author}</strong> <span class="post-handle">@{post.handle}</span>
      </header>
      {post.sourceUrl !== undefined && (
        <a class="post-source" href={post.sourceUrl} target="_blank" rel="noreferrer noopener">
          {post.sourceUrl}
        </a>
      )}
      <div class="post-text">{post.text}</div>
      {post.quote && (
        <blockquote class="post-quote">
          <header>
            <strong>{post.quote.author}</strong> <span class="post-handle">@{post.quote.handle}</span> · {post.quote.dateLabel}
          </header>
          <div class="post-text">{post.quote.text}</div>
        </blockquote>
      )}
      {post.notes.map((note) => (
        <aside class="post-note" key={note.seq}>
          <span class="post-note-date">{note.date}</span> {note.text}
        </aside>
      ))}
    </article>
  );
}

export type EntryViewProps = { entry: Entry; onOpenEntry: (id: number) => void };

export function EntryView({ entry, onOpenEntry }: EntryViewProps) {
  const related = [
    ...(entry.revisionOf === undefined ? [] : [{ id: entry.revisionOf, label: `Same post as #${entry.revisionOf}` }]),
    ...(entry.revisedBy ?? []).map((id) => ({ id, label: `Repeated with additions in #${id}` })),
  ];
  return (
    <div class="entry" data-entry-id={String(entry.id)}>
      <p class="entry-meta">
        #{entry.id} · <time dateTime={entry.date}>{entry.date}</time>
      </p>
      {related.map(({ id, label }) => (
        <button type="button" class="entry-related" key={id} onClick={() => onOpenEntry(id)}>
          {label}
        </button>
      ))}
      {entry.posts.map((post, i) => (
        <PostView post={post} key={i} />
      ))}
      {entry.urls.length > 0 && (
        <section class="entry-links" aria-label="Links">
          <h2>Links</h2>
          <ul>
            {entry.urls.map((url) => (
              <li key={url}>
                <a href={url} target="_blank" rel="noreferrer noopener">
                  {url}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
