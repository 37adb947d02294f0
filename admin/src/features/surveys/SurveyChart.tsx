import { BarChart } from 'echarts/charts'
import { AriaComponent, GridComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import ReactEChartsCore from 'echarts-for-react/lib/core'
import { chartHeight, questionChartOption, type ResultQuestion } from './charts'

// Only the pieces these bar charts use; SVG keeps the text crisp when the page is printed or saved.
echarts.use([BarChart, GridComponent, TitleComponent, TooltipComponent, AriaComponent, SVGRenderer])

/** The chart of one question; the container carries `survey-chart-<questionId>` for tests and browser flows. */
export function SurveyChart({ question, index }: { question: ResultQuestion; index: number }) {
  return (
    <div id={`survey-chart-${question.id}`} data-testid={`survey-chart-${question.id}`}>
      <ReactEChartsCore
        echarts={echarts}
        option={questionChartOption(question, index)}
        notMerge
        opts={{ renderer: 'svg' }}
        style={{ height: chartHeight(question), width: '100%' }}
      />
    </div>
  )
}
