/** The first sentence (or `;`-clause) of a message, without its final `.` or `;`: the short form reports quote. */
export function firstSentence(s: string): string {
  return /^.*?[.;](?=\s|$)/.exec(s)?.[0].replace(/[.;]$/, '') ?? s;
}
