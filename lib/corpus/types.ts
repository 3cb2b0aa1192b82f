// The digest's data model: what the parser produces and every other module consumes.
// Plain data only (survives structured cloning and JSON).

/** A dated follow-up the editor appended to a post: `1『…（2024-03-17）』`. */
export type EditorNote = {
  seq: number;
  text: string;
  date: string;
};

/** A post quoted inside another (`引用` block). */
export type QuotedPost = {
  author: string;
  handle: string;
  /** As written, e.g. `3月18日`. */
  dateLabel: string;
  text: string;
};

export type Post = {
  /** Display name as written (may differ between posts of one handle). */
  author: string;
  /** Without the `@`; the identity of the author. */
  handle: string;
  /** The status URL written on its own line just before the post, when present. */
  sourceUrl?: string;
  /** Body lines joined with `\n`, blank lines kept, leading/trailing blanks trimmed. */
  text: string;
  quote?: QuotedPost;
  notes: EditorNote[];
};

export type Entry = {
  /**
   * The entry's identity: a hash of what it says (date and posts), unchanged by renumbering.
   * User data attaches to it; see `entry-identity.ts`.
   */
  uid: string;
  /**
   * The public address (`#/entry/7`), the database key: volume × 1000 + heading number, so the first
   * seed file's `### 07` is 7 and the second's is 1007 (`entry-id.ts`, which also makes its label).
   * May change when a volume is renumbered; user data follows `uid`.
   */
  id: number;
  date: string;
  posts: Post[];
  /** Distinct URLs cited anywhere in the entry, in order of first appearance. */
  urls: string[];
  /** The earlier entry this one repeats (same author, same post) with additions. */
  revisionOf?: number;
  /** Later entries that repeat this one. */
  revisedBy?: number[];
};

/** An entry as parsed, before the build gives it its identity. */
export type ParsedEntry = Omit<Entry, 'uid'>;

/** The shipped corpus asset. */
export type Corpus = {
  /** Content hash of `entries`; a changed hash means the stored corpus must be swapped. */
  hash: string;
  entries: Entry[];
};
