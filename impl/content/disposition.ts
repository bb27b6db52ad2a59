// Part dispositions (draft-ietf-mimi-content §4.4, registry §8.3): 0–8 defined, 9–255 unknown; a
// receiver treats an unknown disposition as `render` (§9.1: legitimate, not malicious).

/** The dispositions the draft defines, by code. */
export const DISPOSITIONS = {
  unspecified: 0,
  render: 1,
  reaction: 2,
  profile: 3,
  inline: 4,
  icon: 5,
  attachment: 6,
  session: 7,
  preview: 8,
} as const;

/** The name of a defined disposition. */
export type DispositionName = keyof typeof DISPOSITIONS;

/** How a receiver should treat disposition `code` (0–255): its name, or `render` when unknown. */
export function effectiveDisposition(code: number): DispositionName {
  const entry = Object.entries(DISPOSITIONS).find(([, c]) => c === code);
  return entry === undefined ? "render" : (entry[0] as DispositionName);
}
