import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { toApiRequestError } from '../../lib/api-error'
import { mergeSurveyPages, surveyAnswerUrl, surveySections, surveyState, surveyStateLabels, type PublicSurvey } from '../../lib/surveys'
import { listSurveys } from '../../services/surveys'
import './index.css'
import { usePageRoot } from '../../services/text-size'

type Load = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string }

/** 巡察调研: open questionnaires first; each says whether this citizen has already taken part. */
export default function SurveyList() {
  const pageRoot = usePageRoot()
  const [surveys, setSurveys] = useState<PublicSurvey[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [load, setLoad] = useState<Load>({ kind: 'loading' })

  const fetchPage = (next: number) => {
    setLoad({ kind: 'loading' })
    listSurveys(next)
      .then((r) => {
        setSurveys((shown) => (next === 1 ? r.items : mergeSurveyPages(shown, r.items)))
        setTotal(r.total)
        setPage(next)
        setLoad({ kind: 'ready' })
      })
      .catch((error: unknown) => setLoad({ kind: 'failed', message: toApiRequestError(error).message }))
  }

  // On every show, so coming back from a finished questionnaire marks it 已参与.
  useDidShow(() => fetchPage(1))

  return (
    <View {...pageRoot('page')}>
      <View id='survey-list' className='survey-list'>
        {surveySections(surveys).map((section) => (
          <View key={section.key} className='survey-list__section'>
            <Text className='survey-list__heading'>{section.title}</Text>
            {section.items.map((s) => {
              const state = surveyState(s)
              return (
                <View
                  key={s.id}
                  id={`survey-item-${s.id}`}
                  className='card survey-list__item'
                  hoverClass='survey-list__item--pressed'
                  onClick={() => void Taro.navigateTo({ url: surveyAnswerUrl(s.id) })}
                >
                  <Text className='survey-list__title'>{s.title}</Text>
                  {s.roundName ? <Text className='survey-list__round muted'>{s.roundName}</Text> : null}
                  <Text className='survey-list__count muted'>共 {s.questions.length} 题</Text>
                  <Text id={`survey-item-${s.id}-state`} className={`survey-list__badge survey-list__badge--${state}`}>
                    {surveyStateLabels[state]}
                  </Text>
                </View>
              )
            })}
          </View>
        ))}
      </View>

      {load.kind === 'ready' && surveys.length === 0 ? (
        <View id='survey-empty' className='card muted'>
          暂无巡察调研。
        </View>
      ) : null}
      {load.kind === 'loading' ? (
        <Text id='survey-loading' className='survey-list__status muted'>
          正在加载…
        </Text>
      ) : null}
      {load.kind === 'failed' ? (
        <View className='card survey-list__failed'>
          <Text id='survey-error' className='survey-error'>
            {load.message}
          </Text>
          <Button id='survey-retry' className='primary-button' onClick={() => fetchPage(page + 1)}>
            重试
          </Button>
        </View>
      ) : null}
      {load.kind === 'ready' && surveys.length < total ? (
        <Button id='survey-more' className='survey-list__more' onClick={() => fetchPage(page + 1)}>
          加载更多
        </Button>
      ) : null}
    </View>
  )
}
