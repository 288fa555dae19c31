// Mark against index (lightweight-charts): two step lines over block time.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IChartApi, ISeriesApi, UTCTimestamp } from 'lightweight-charts';
import type { PricePoint } from '../chain/history';
import { toFloat } from '../lib/units';

interface Props {
  mark: PricePoint[];
  index: PricePoint[];
  head: number;
  headAt: number;
  blockMs: number;
}

/** Chart points at block times (estimated back from the head at `blockMs` per block), strictly increasing. */
function series(points: PricePoint[], head: number, headAt: number, blockMs: number): { time: UTCTimestamp; value: number }[] {
  const out: { time: UTCTimestamp; value: number }[] = [];
  const at = (b: number) => Math.floor((headAt - (head - b) * blockMs) / 1000);
  for (const p of points) {
    const time = at(p.block) as UTCTimestamp;
    const value = toFloat(p.price);
    const last = out[out.length - 1];
    if (last && last.time >= time) last.value = value;
    else out.push({ time, value });
  }
  // extend the last price to the head: a step line ends at its last change otherwise
  const last = out[out.length - 1];
  const now = at(head) as UTCTimestamp;
  if (last && last.time < now) out.push({ time: now, value: last.value });
  return out;
}

export function PriceChart({ mark, index, head, headAt, blockMs }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chartRef = useRef<{ chart: IChartApi; mark: ISeriesApi<'Line'>; index: ISeriesApi<'Line'> } | null>(null);

  // the chart library is loaded with the first chart (its own chunk, not on the markets list)
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let chart: IChartApi | null = null;
    let gone = false;
    void import('lightweight-charts').then(({ createChart, LineSeries, LineType }) => {
      if (gone || !el.current) return;
      chart = createChart(el.current, {
        autoSize: true,
        layout: { background: { color: 'transparent' }, textColor: '#9aa4b2', fontFamily: 'inherit' },
        grid: { vertLines: { color: '#1e2633' }, horzLines: { color: '#1e2633' } },
        rightPriceScale: { borderColor: '#2a3342' },
        timeScale: { borderColor: '#2a3342', timeVisible: true, secondsVisible: true },
        localization: { priceFormatter: (p: number) => p.toFixed(4) },
      });
      const markSeries = chart.addSeries(LineSeries, { color: '#f5a524', lineWidth: 2, lineType: LineType.WithSteps, title: 'Mark', priceLineVisible: true });
      const indexSeries = chart.addSeries(LineSeries, { color: '#4aa3ff', lineWidth: 2, lineType: LineType.WithSteps, title: 'Index', priceLineVisible: true });
      chartRef.current = { chart, mark: markSeries, index: indexSeries };
      setReady(true);
    });
    return () => {
      gone = true;
      chart?.remove();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chartRef.current;
    if (!c) return;
    const m = series(mark, head, headAt, blockMs);
    const i = series(index, head, headAt, blockMs);
    c.mark.setData(m);
    c.index.setData(i);
    // a short history fills the width; a long one follows the newest block
    if (Math.max(m.length, i.length) < 400) c.chart.timeScale().fitContent();
    else c.chart.timeScale().scrollToRealTime();
  }, [mark, index, head, headAt, blockMs, ready]);

  return (
    <div class="chart-wrap">
      <div class="legend">
        <span class="swatch mark" /> Mark (vAMM) <span class="swatch index" /> Floor index
      </div>
      <div ref={el} class="chart" data-testid="price-chart" data-mark-points={mark.length} data-index-points={index.length} />
    </div>
  );
}
