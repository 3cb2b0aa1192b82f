// The card's script, as the background injects it on a match (never declared in the manifest, never
// web-accessible): entrypoints/annotate/card-script.ts. Main stays a closure here: WXT reads this
// file's options in Node with main's code removed, and the card's CSS import cannot load there.
import { startCardScript } from './annotate/card-script';

export default defineUnlistedScript(() => startCardScript());
