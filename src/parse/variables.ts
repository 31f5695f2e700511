/**
 * Expands `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}` and `${VAR+alt}`
 * the way the Dockerfile frontend does for FROM (with the ARGs declared before the first FROM).
 */
export interface Expansion {
  /** The expanded text, or null when a variable has no value we can know. */
  value: string | null;
  /** Names of the variables the text used. */
  used: string[];
}

const VAR = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function expandVariables(
  text: string,
  vars: ReadonlyMap<string, string | undefined>,
  escapeChar = '\\',
): Expansion {
  const used: string[] = [];
  let unknown = false;
  const value = text.replace(
    VAR,
    (
      match,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      plain: string | undefined,
      offset: number,
    ) => {
      if (offset > 0 && text[offset - 1] === escapeChar) return match;
      const name = (braced ?? plain) as string;
      used.push(name);
      const v = vars.get(name);
      const set = v !== undefined;
      const nonEmpty = set && v !== '';
      switch (op) {
        case ':-':
          return nonEmpty ? v! : (word ?? '');
        case '-':
          return set ? v! : (word ?? '');
        case ':+':
          return nonEmpty ? (word ?? '') : '';
        case '+':
          return set ? (word ?? '') : '';
        default:
          if (!set) unknown = true;
          return v ?? '';
      }
    },
  );
  return { value: unknown ? null : value, used };
}

export function hasVariables(text: string): boolean {
  VAR.lastIndex = 0;
  return VAR.test(text);
}
