/**
 * Human-readable sizes in decimal units, as `docker images` prints them (1 MB = 1,000,000 bytes), one
 * decimal below 1 GB. Reports print GB with two decimals; `gbDigits` sets another precision and lets
 * sizes of 1 TB and more print in TB (the verify table: `{ gbDigits: 1 }`).
 */
export function formatBytes(bytes: number, options: { gbDigits?: number } = {}): string {
  const abs = Math.abs(bytes);
  if (abs < 1000) return `${bytes} B`;
  if (abs < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (abs < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (options.gbDigits === undefined) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (abs < 1e12) return `${(bytes / 1e9).toFixed(options.gbDigits)} GB`;
  return `${(bytes / 1e12).toFixed(options.gbDigits)} TB`;
}
