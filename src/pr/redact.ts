/**
 * Keeps secrets out of everything slimify prints. Every message that leaves `slimify pr`
 * (log lines, errors, dry-run output) goes through a Redactor that knows the token.
 */

export class Redactor {
  private readonly patterns: string[];

  constructor(secrets: readonly (string | undefined)[]) {
    // Very short values are not treated as secrets: replacing "a" everywhere would make output
    // unreadable, and a real token is never that short. The token may also appear base64-encoded
    // (an HTTP basic-auth header, a git extraheader). Longest pattern first, so one that contains
    // another is replaced whole.
    const real = secrets.filter((s): s is string => !!s && s.length >= 4);
    const all = real.flatMap((s) => [
      s,
      Buffer.from(s).toString('base64'),
      Buffer.from(`x-access-token:${s}`).toString('base64'),
    ]);
    this.patterns = [...new Set(all)].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const p of this.patterns) out = out.split(p).join('***');
    return out;
  }
}
