/**
 * A travel source could not give what was asked: a road engine down or answering an error,
 * a point off every road, no road between two shops. The message names the source (its URL)
 * and the shop; a plan that meets one is not made at all (never half from another source).
 */
export class TravelError extends Error {
  override readonly name = 'TravelError';
}
