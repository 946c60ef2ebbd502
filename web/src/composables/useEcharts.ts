import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import { init, use, type ComposeOption, type ECharts } from 'echarts/core'
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

// Only what the dashboard draws is registered: the whole of ECharts is ~330 KB gzipped,
// these parts about a third of it, and they load with the dashboard's chunk only.
use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export type ChartOption = ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

/** Renders `option` into `element` on mount, follows its changes and size, disposes on unmount. */
export function useEcharts(element: Ref<HTMLElement | null>, option: Ref<ChartOption | null>) {
  const chart = shallowRef<ECharts | null>(null)
  let observer: ResizeObserver | null = null

  function render(): void {
    if (!chart.value && element.value) chart.value = init(element.value)
    if (chart.value && option.value) chart.value.setOption(option.value, true)
  }

  onMounted(() => {
    render()
    if (element.value && typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => chart.value?.resize())
      observer.observe(element.value)
    }
  })

  watch(option, render, { deep: true })

  onBeforeUnmount(() => {
    observer?.disconnect()
    chart.value?.dispose()
    chart.value = null
  })

  return { chart }
}
