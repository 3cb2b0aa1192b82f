// Renders post text through markdown-lite as elements whose leaves are text nodes: the corpus
// can never inject markup. Shared by the reader and (later) the page card.

import { parseBlocks, type Block, type Inline } from '../render/markdown-lite';

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
  return (
    <div class="post-body">
      {parseBlocks(text).map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </div>
  );
}
