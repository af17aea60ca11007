import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the console draws: registering the full library would add several hundred kB.
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * Draws an ECharts chart in `el`, redraws it when `option` changes, follows the element's size
 * and releases the chart when the component goes away.
 */
export function useEChart(el: Ref<HTMLElement | undefined>, option: Ref<ChartOption>): void {
  const chart = shallowRef<echarts.ECharts>();
  let observer: ResizeObserver | undefined;

  onMounted(() => {
    if (!el.value) return;
    chart.value = echarts.init(el.value);
    chart.value.setOption(option.value);
    observer = new ResizeObserver(() => chart.value?.resize());
    observer.observe(el.value);
  });

  watch(option, (value) => chart.value?.setOption(value, { notMerge: true }));

  onBeforeUnmount(() => {
    observer?.disconnect();
    chart.value?.dispose();
  });
}
