// What to show a person for a caught error: its message, or the thrown value as text.
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
