// The card acts only on the user's own input. A page script can call `.click()` on any element it can
// reach, or dispatch made-up mouse and key events; the browser marks all of those `isTrusted: false`.
// The closed shadow root already hides the buttons from page scripts; this guards the handlers too.

/** Wraps an event handler so that events the page made are ignored. */
export function whenTrusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted) handler(event);
  };
}
