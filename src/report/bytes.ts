/** Human-readable sizes in decimal units, as `docker images` prints them (1 MB = 1,000,000 bytes). */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs < 1000) return `${bytes} B`;
  if (abs < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (abs < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}
