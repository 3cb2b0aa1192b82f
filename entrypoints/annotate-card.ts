// The page card's UI, injected by the background into a tab whose page matched (never declared in
// the manifest, never web-accessible). It only makes the card available to the per-page script.
import { createCardController } from './annotate/card-controller';
import { installCardUi } from './annotate/card-slot';

export default defineUnlistedScript(() => {
  installCardUi(createCardController);
});
