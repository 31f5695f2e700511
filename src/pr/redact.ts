/**
 * Keeps secrets out of everything slimify prints. Every message that leaves `slimify pr`
 * (log lines, errors, dry-run output) goes through a Redactor that knows the token.
 */

export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: readonly (string | undefined)[]) {
    // Longest first, so a secret that contains another is replaced whole. Very short values are
    // not treated as secrets: replacing "a" everywhere would make output unreadable, and a real
    // token is never that short.
    this.secrets = [...new Set(secrets.filter((s): s is string => !!s && s.length >= 4))].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) {
      out = out.split(s).join('***');
      // The token may also appear base64-encoded (an HTTP basic-auth header or a git extraheader).
      for (const encoded of [Buffer.from(s).toString('base64'), Buffer.from(`x-access-token:${s}`).toString('base64')]) {
        out = out.split(encoded).join('***');
      }
    }
    return out;
  }
}
