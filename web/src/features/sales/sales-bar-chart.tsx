import { theme } from "antd";
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Only the bar chart and what it draws with are bundled, not the whole of ECharts; this module is
// loaded lazily so the home page does not wait for it.
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type Bar = { label: string; value: number; tooltip: string };

export function SalesBarChart({ bars, ariaLabel }: { bars: Bar[]; ariaLabel: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const { token } = theme.useToken();

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element);
    chart.setOption({
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: (params: { dataIndex: number }[]) => {
          const bar = bars[params[0]?.dataIndex ?? -1];
          return bar ? `${bar.label}<br/>${bar.tooltip}` : "";
        },
      },
      xAxis: {
        type: "category",
        data: bars.map((bar) => bar.label),
        axisLabel: { color: token.colorTextSecondary },
      },
      yAxis: { type: "value", axisLabel: { color: token.colorTextSecondary } },
      series: [
        {
          type: "bar",
          data: bars.map((bar) => bar.value),
          itemStyle: { color: token.colorPrimary, borderRadius: [3, 3, 0, 0] },
        },
      ],
    });
    // The card changes width with the window and the sidebar.
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [bars, token.colorPrimary, token.colorTextSecondary]);

  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: "100%", height: 240 }} />;
}
