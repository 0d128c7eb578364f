import { AppError } from '../http/errors';

/** `near` is neither a known German postal code nor a known place name (422). */
export class UnknownPlaceError extends AppError {
  override readonly extra: { suggestions: string[] };

  constructor(near: string, suggestions: string[]) {
    const hint = suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : '';
    super(422, 'UNKNOWN_PLACE', `"${near}" is not a German postal code or place we know.${hint}`, [
      { path: '$.near', message: `Unknown postal code or place${hint}` },
    ]);
    this.extra = { suggestions };
  }
}
