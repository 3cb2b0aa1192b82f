// Renders post text through markdown-lite as elements whose leaves are text nodes: the corpus
// can never inject markup. Shared by the reader and the page card.

import { useMemo } from 'preact/hooks';
import { parseBlocks, type Block, type Inline } from '../render/markdown-lite';

/**
 * Past this many blocks a post is marked `is-long`, and the pages' CSS lets the browser skip the
 * layout of its blocks off screen (content-visibility: auto): an entry at the seed limits can
 * hold 1,000 blocks, ~70 ms of layout in the reader otherwise. The real seed's longest post has
 * 78, so real posts render as before (no paint containment clipping focus rings at block edges).
 */
const LONG_POST_BLOCKS = 100;

function InlineRun({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.type === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="noreferrer noopener">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

function Lines({ lines }: { lines: Inline[][] }) {
  return (
    <>
      {lines.map((line, i) => (
        <span key={i}>
          {i > 0 && <br />}
          <InlineRun parts={line} />
        </span>
      ))}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'paragraph':
      return (
        <p>
          <Lines lines={block.lines} />
        </p>
      );
    case 'heading': {
      // Post headings sit under the entry's own heading levels.
      const Tag = block.level <= 2 ? 'h3' : 'h4';
      return (
        <Tag class="post-heading">
          <InlineRun parts={block.content} />
        </Tag>
      );
    }
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          <InlineRun parts={item} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'quote':
      return (
        <blockquote class="post-blockquote">
          <Lines lines={block.lines} />
        </blockquote>
      );
    case 'code':
      return (
        <pre class="post-code">
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr />;
  }
}

export function PostBody({ text }: { text: string }) {
  // Saving or editing a note re-renders the entry; its text has not changed.
  const blocks = useMemo(() => parseBlocks(text), [text]);
  return (
    <div class={blocks.length > LONG_POST_BLOCKS ? 'post-body is-long' : 'post-body'}>
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </div>
  );
}
