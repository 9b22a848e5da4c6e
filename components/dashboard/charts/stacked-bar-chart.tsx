"use client";

import { useState } from "react";
import { ChartLegend, type ChartSeries } from "./chart-legend";
import { niceTicks } from "./nice-ticks";
import { useElementWidth } from "./use-element-width";

export interface StackedBar {
  key: string;
  /** Under the bar, when there is room. */
  axisLabel: string;
  /** The tooltip's heading. */
  label: string;
  /** Value per series key; a missing key counts as zero. */
  values: Record<string, number>;
}

const MARGIN = { top: 8, right: 8, bottom: 22, left: 52 };
const MIN_LABEL_SPACING = 56;

/**
 * Bars over time, each split by series: drawn by hand in SVG at the width
 * its box has, with a y axis of round ticks, thinned x labels, a legend and
 * a tooltip for the bar under the pointer (and a native title for keyboards
 * and screen readers).
 */
export function StackedBarChart(props: {
  title: string;
  bars: readonly StackedBar[];
  series: readonly ChartSeries[];
  formatValue: (value: number) => string;
  /** Shorter labels for the axis, where space is tight. */
  formatAxisValue?: (value: number) => string;
  height?: number;
  testId: string;
}) {
  const { ref, width } = useElementWidth<HTMLDivElement>(640);
  const [hovered, setHovered] = useState<number | null>(null);
  const height = props.height ?? 200;
  const plotWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const totals = props.bars.map((bar) => props.series.reduce((sum, entry) => sum + (bar.values[entry.key] ?? 0), 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const top = ticks.at(-1) ?? 1;
  const slot = plotWidth / Math.max(1, props.bars.length);
  const barWidth = Math.max(1, Math.min(48, slot * 0.72));
  const labelEvery = Math.max(1, Math.ceil(MIN_LABEL_SPACING / slot));
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const formatAxis = props.formatAxisValue ?? props.formatValue;
  const hoveredBar = hovered === null ? undefined : props.bars[hovered];

  return (
    <figure className="flex min-w-0 flex-col gap-2" data-testid={props.testId}>
      <figcaption className="text-sm font-medium text-zinc-700 dark:text-zinc-300">{props.title}</figcaption>
      {/* The SVG is taken out of the flow so the box's width comes from the layout, never from the last drawing: a narrower window can shrink it. */}
      <div ref={ref} className="relative w-full min-w-0" style={{ height }} onMouseLeave={() => setHovered(null)}>
        <svg width={width} height={height} role="img" aria-label={props.title} className="absolute left-0 top-0 overflow-visible">
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={y(tick)} y2={y(tick)} className="stroke-zinc-200 dark:stroke-zinc-800" strokeWidth={1} />
              <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="fill-zinc-500 text-[10px] tabular-nums">
                {formatAxis(tick)}
              </text>
            </g>
          ))}
          {props.bars.map((bar, index) => {
            const x = MARGIN.left + index * slot + (slot - barWidth) / 2;
            let stacked = 0;
            return (
              <g key={bar.key} data-testid="chart-bar" onMouseEnter={() => setHovered(index)} opacity={hovered === null || hovered === index ? 1 : 0.55}>
                <title>{`${bar.label}: ${props.formatValue(totals[index] ?? 0)}`}</title>
                {/* The whole column answers the pointer, so a short bar is as easy to hover as a tall one. */}
                <rect x={MARGIN.left + index * slot} y={MARGIN.top} width={slot} height={plotHeight} fill="transparent" />
                {props.series.map((entry) => {
                  const value = bar.values[entry.key] ?? 0;
                  if (value <= 0) return null;
                  const bottom = y(stacked);
                  stacked += value;
                  const segmentTop = y(stacked);
                  return <rect key={entry.key} x={x} y={segmentTop} width={barWidth} height={Math.max(1, bottom - segmentTop)} fill={entry.color} />;
                })}
                {index % labelEvery === 0 ? (
                  <text x={x + barWidth / 2} y={height - 6} textAnchor="middle" className="fill-zinc-500 text-[10px]">
                    {bar.axisLabel}
                  </text>
                ) : null}
              </g>
            );
          })}
          <line x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={y(0)} y2={y(0)} className="stroke-zinc-400 dark:stroke-zinc-600" strokeWidth={1} />
        </svg>
        {hoveredBar && hovered !== null ? (
          <div
            role="tooltip"
            data-testid="chart-tooltip"
            className="pointer-events-none absolute top-0 z-10 min-w-40 max-w-64 rounded-md border border-zinc-200 bg-white/95 p-2 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900/95"
            style={tooltipPosition(MARGIN.left + (hovered + 0.5) * slot, width)}
          >
            <p className="mb-1 font-semibold text-zinc-800 dark:text-zinc-100">{hoveredBar.label}</p>
            <ul className="flex flex-col gap-0.5">
              {props.series
                .filter((entry) => (hoveredBar.values[entry.key] ?? 0) > 0)
                .map((entry) => (
                  <li key={entry.key} className="flex items-center gap-1.5">
                    <span aria-hidden className="size-2 shrink-0 rounded-sm" style={{ backgroundColor: entry.color }} />
                    <span className="min-w-0 flex-1 truncate text-zinc-600 dark:text-zinc-400">{entry.label}</span>
                    <span className="tabular-nums">{props.formatValue(hoveredBar.values[entry.key] ?? 0)}</span>
                  </li>
                ))}
              <li className="mt-0.5 flex justify-between border-t border-zinc-200 pt-0.5 font-medium dark:border-zinc-700">
                <span>Total</span>
                <span className="tabular-nums">{props.formatValue(totals[hovered] ?? 0)}</span>
              </li>
            </ul>
          </div>
        ) : null}
      </div>
      <ChartLegend series={props.series} testId={`${props.testId}-legend`} />
    </figure>
  );
}

/** Beside the bar, flipped to its left in the right half so it never leaves the chart. */
function tooltipPosition(center: number, width: number) {
  return center > width / 2 ? { right: width - center + 12 } : { left: center + 12 };
}
