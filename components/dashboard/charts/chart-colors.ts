/**
 * Series colours that stay apart for the common kinds of colour blindness
 * (Okabe–Ito, reordered so the first few differ most), then a grey for "Other".
 */
export const SERIES_COLORS = ["#4f46e5", "#e69f00", "#0d9488", "#d55e00", "#56b4e9", "#cc79a7", "#009e73", "#b45309"] as const;
export const OTHER_COLOR = "#a1a1aa";

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] ?? OTHER_COLOR;
}
