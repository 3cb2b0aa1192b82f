// The card's shadow-root UI, loaded only once a page matches: pages with nothing to show never
// evaluate Preact, the card or the shadow-root helpers. The root is closed: page scripts see the
// host element, never what the card says, whether the entry is saved, or its buttons.
import { render } from 'preact';
import type { ContentScriptContext as WxtContentScriptContext } from 'wxt/utils/content-script-context';
import type { ContentScriptContext } from './content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Card, type CardProps } from './Card';
import { applyCardStyles } from './card-styles';
import cardCss from './card.css?inline';

/** The card's host element, the one thing of Sidenote's a page can see. */
export const CARD_HOST = 'sidenote-card';

export type CardUi = {
  /** Shows the card (or nothing, with `null`) for these entry ids. */
  update: (props: CardProps | null, entryIds: number[]) => void;
  remove: () => void;
};

export async function mountCardUi(ctx: ContentScriptContext): Promise<CardUi> {
  // Ours stands in for WXT's context: createShadowRootUi uses only what both have (content-script-context.ts).
  const ui = await createShadowRootUi(ctx as unknown as WxtContentScriptContext, {
    name: CARD_HOST,
    position: 'inline',
    anchor: 'body',
    append: 'last',
    // `host.shadowRoot` is null to the page (our own code keeps the root createShadowRootUi returns).
    mode: 'closed',
    // Keys typed in the card must not trigger the site's own shortcuts.
    isolateEvents: true,
    // Our sheet resets :host itself (all: initial) and places it.
    inheritStyles: true,
    onMount: (container, shadow) => {
      applyCardStyles(shadow, cardCss);
      return container;
    },
    onRemove: (container) => {
      if (container) render(null, container);
    },
  });
  // A card an earlier Sidenote left (updated, reloaded or reinstalled since: its script can no
  // longer act, and Firefox leaves its element in the page) goes before this one appears.
  for (const stale of document.querySelectorAll(CARD_HOST)) stale.remove();
  ui.mount();
  return {
    update(props, entryIds) {
      ui.shadowHost.setAttribute('data-entry-ids', entryIds.join(' '));
      if (ui.mounted) render(props === null ? null : <Card {...props} />, ui.mounted);
    },
    remove: () => ui.remove(),
  };
}
