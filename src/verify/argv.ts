/**
 * `--smoke "CMD ..."` -> argv, split like a POSIX shell splits words (single quotes, double quotes
 * with backslash escapes, backslash outside quotes) but without expansion: the command is run
 * directly in the image, not through a shell, because the image may have none (distroless).
 * Write `sh -c '...'` to get a shell.
 */
export function splitCommand(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < cmd.length) {
    const c = cmd[i]!;
    if (c === "'") {
      const end = cmd.indexOf("'", i + 1);
      if (end === -1) throw new Error(`unterminated ' in: ${cmd}`);
      cur += cmd.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < cmd.length && cmd[i] !== '"') {
        if (cmd[i] === '\\' && i + 1 < cmd.length && '"\\$`'.includes(cmd[i + 1]!)) i++;
        cur += cmd[i++];
      }
      if (i >= cmd.length) throw new Error(`unterminated " in: ${cmd}`);
      inWord = true;
      i++;
    } else if (c === '\\' && i + 1 < cmd.length) {
      cur += cmd[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else {
      cur += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/** The reverse, for display: quotes words that need it. */
export function joinCommand(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
