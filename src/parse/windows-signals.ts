/**
 * Signs that a stage runs on Windows, where RUN goes to cmd or to the PowerShell a base image set
 * with SHELL (inherited through the image config, invisible in the Dockerfile). A stage's RUN
 * shell counts as POSIX only when none of these signs is present (see the document's
 * `Stage.posixProven`).
 *
 * Docker: "The default shell on Windows is ["cmd", "/S", "/C"]" and SHELL is inherited by
 * images built FROM an image that set it (https://docs.docker.com/reference/dockerfile/#shell).
 */

/** Image names and tags only published for Windows (or whose shell is PowerShell). */
const WINDOWS_IMAGE =
  /windowsservercore|servercore|nanoserver|[-:_]ltsc\d{4}|mcr\.microsoft\.com\/windows\b|mcr\.microsoft\.com\/powershell\b|(^|\/)microsoft\/powershell\b|mcr\.microsoft\.com\/dotnet\/framework\b|(^|\/)microsoft\/(dotnet-framework|aspnet|iis|mssql-server-windows|windowsservercore|nanoserver)([:@]|$)/i;

/**
 * Every match of WINDOWS_IMAGE holds one of these words (case aside): looked for first, because
 * compiling that pattern (and V8 compiling it again to machine code on its second use) costs ~1 ms
 * of a one-file run, and almost no image is a Windows one.
 */
const WINDOWS_IMAGE_WORDS = ['servercore', 'nanoserver', 'ltsc', 'microsoft'];
const windowsImage = (text: string) => {
  const lower = text.toLowerCase();
  return WINDOWS_IMAGE_WORDS.some((w) => lower.includes(w)) && WINDOWS_IMAGE.test(text);
};

/** A variable name that says the image is Windows (`FROM base:${WINDOWS_VERSION}`). */
const WINDOWS_VARIABLE = /windows|servercore|nanoserver|ltsc/i;

/** A drive path (`C:\app`, `c:/tools`) starting a word. */
const DRIVE_PATH = /(^|[\s"'=[,(])[CDcd]:[\\/](?![\\/])/;

/** cmd-style references to the usual Windows environment variables (`%PATH%`, `%ProgramFiles%`, `%JAVA_HOME%`). */
const CMD_VARIABLE =
  /(^|[^%])%(PATH|ProgramFiles|ProgramFiles\(x86\)|ProgramData|USERPROFILE|SystemRoot|SystemDrive|windir|TEMP|TMP|APPDATA|LOCALAPPDATA|ComSpec|HOMEDRIVE|HOMEPATH|ERRORLEVEL|CD|[A-Za-z][A-Za-z0-9]*_HOME)%(?!%)/i;

export type WindowsSignal =
  | { kind: 'image'; detail: string }
  | { kind: 'escape-backtick'; detail: string }
  | { kind: 'drive-path'; detail: string }
  | { kind: 'cmd-variable'; detail: string }
  | { kind: 'parent-stage'; detail: string };

/** Signs in the FROM reference: the image as written, as resolved, and the defaults of the ARGs it uses. */
export function imageSignals(
  raw: string,
  resolved: string | null,
  variables: readonly string[],
  globalArgs: ReadonlyMap<string, string | undefined>,
): WindowsSignal[] {
  const out: WindowsSignal[] = [];
  for (const text of [raw, resolved ?? '', ...variables.map((v) => globalArgs.get(v) ?? '')]) {
    if (text && windowsImage(text)) {
      out.push({ kind: 'image', detail: `the base image ${resolved ?? raw} is a Windows image` });
      return out;
    }
  }
  const v = variables.find((name) => WINDOWS_VARIABLE.test(name));
  if (v) out.push({ kind: 'image', detail: `the base image is chosen by the ARG ${v}, which names a Windows release` });
  return out;
}

/** A `# escape=`` ` directive: the convention of Windows Dockerfiles, where `\` is the path separator. */
export function escapeSignal(escapeChar: string): WindowsSignal | null {
  return escapeChar === '`'
    ? { kind: 'escape-backtick', detail: 'the file uses the backtick escape character of Windows Dockerfiles' }
    : null;
}

/** Signs in the text of one instruction of the stage (drive paths, `%VAR%` references). */
export function instructionSignal(keyword: string, text: string): WindowsSignal | null {
  if (keyword === 'FROM' || keyword === 'LABEL' || keyword === 'MAINTAINER') return null;
  // Each pattern needs its character (`:`, `%`): the cheap test first, as for WINDOWS_IMAGE_WORDS.
  const drive = text.includes(':') ? DRIVE_PATH.exec(text) : null;
  if (drive)
    return {
      kind: 'drive-path',
      detail: `${keyword} uses a Windows drive path (${text.slice(drive.index).trim().slice(0, 12)}…)`,
    };
  const cmd = text.includes('%') ? CMD_VARIABLE.exec(text) : null;
  if (cmd) return { kind: 'cmd-variable', detail: `${keyword} uses the cmd variable syntax %${cmd[2]}%` };
  return null;
}

/** Why RUN in a stage is not proven to run in a POSIX shell (a Windows sign, or a SHELL naming another shell). */
export function nonPosixReason(stage: { windowsSignals: readonly WindowsSignal[]; shell: string }): {
  code: 'non-posix-shell';
  detail: string;
} {
  return {
    code: 'non-posix-shell',
    detail: stage.windowsSignals.length
      ? `the stage may run RUN in cmd or PowerShell: ${stage.windowsSignals[0].detail}`
      : `the stage runs RUN with ${stage.shell}`,
  };
}
