import { BarChart, LineChart } from 'echarts/charts'
import { AriaComponent, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import type { EChartsOption } from 'echarts'
import ReactEChartsCore from 'echarts-for-react/lib/core'

// Only the pieces these charts use; SVG keeps the text crisp when the page is printed or saved.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, AriaComponent, SVGRenderer])

/** One dashboard chart; the container carries `chartId` as id and test id for tests and browser flows. */
export default function BusinessChart({ chartId, option, height = 320 }: { chartId: string; option: EChartsOption; height?: number }) {
  return (
    <div id={chartId} data-testid={chartId}>
      <ReactEChartsCore echarts={echarts} option={{ aria: { enabled: true }, ...option }} notMerge opts={{ renderer: 'svg' }} style={{ height, width: '100%' }} />
    </div>
  )
}
