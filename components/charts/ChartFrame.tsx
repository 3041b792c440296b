import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface Props {
  title: string;
  /** What the chart shows and how to read it, for everyone (also the SVG's description). */
  description: string;
  width: number;
  height: number;
  legend?: ComponentChildren;
  /** The same data as a table, for screen readers (visually hidden). */
  table: ComponentChildren;
  children: ComponentChildren;
  class?: string;
}

/**
 * A chart with its title, description and a visually hidden data table. The SVG is a named group
 * (not role=img) so that the points inside keep their own accessible names.
 */
export function ChartFrame({ title, description, width, height, legend, table, children, class: cls }: Props) {
  const id = useId();
  return (
    <figure class={`chart ${cls ?? ''}`} aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`} class="chart-title">
          {title}
        </h3>
        <p id={`${id}-desc`} class="chart-desc">
          {description}
        </p>
      </figcaption>
      {legend ? <div class="chart-legend">{legend}</div> : null}
      <svg
        class="chart-svg"
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        preserveAspectRatio="xMidYMid meet"
      >
        {children}
      </svg>
      <div class="visually-hidden">{table}</div>
    </figure>
  );
}

export function LegendItem({ swatch, label }: { swatch: string; label: string }) {
  return (
    <span class="legend-item">
      <span class={`legend-swatch ${swatch}`} aria-hidden="true" />
      {label}
    </span>
  );
}
