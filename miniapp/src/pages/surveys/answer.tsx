import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { SurveyQuestion } from '@msjd/shared/tours'
import { toApiRequestError } from '../../lib/api-error'
import { tabRoutes } from '../../lib/features'
import {
  choose,
  errorsFromIssues,
  firstErrorQuestion,
  isChosen,
  questionHint,
  validateAnswers,
  type AnswerDraft,
  type AnswerErrors,
} from '../../lib/survey-answers'
import { surveyThanksUrl, type PublicSurvey } from '../../lib/surveys'
import { getSurvey, openSurveyList, saveSurveyThanks, submitSurveyAnswers } from '../../services/surveys'
import './answer.css'
import { usePageRoot } from '../../services/text-size'

type Load =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; gone: boolean }
  | { kind: 'open'; survey: PublicSurvey }
  | { kind: 'answered'; survey: PublicSurvey | null }
  | { kind: 'closed'; survey: PublicSurvey | null }

const RATINGS = [1, 2, 3, 4, 5] as const

function scrollTo(questionId: string | null) {
  const selector = questionId ? `#survey-q-${questionId}` : '#survey-form-error'
  Taro.pageScrollTo({ selector, duration: 200 }).catch(() => undefined)
}

function QuestionBlock({
  q,
  index,
  value,
  error,
  onChange,
}: {
  q: SurveyQuestion
  index: number
  value: AnswerDraft[string]
  error: string | undefined
  onChange: (value: AnswerDraft[string]) => void
}) {
  const prefix = `survey-q-${q.id}`
  return (
    <View id={prefix} className={error ? 'card survey-q survey-q--bad' : 'card survey-q'}>
      <View className='survey-q__title'>
        <Text>
          {index + 1}. {q.title}
        </Text>
        {q.required ? (
          <Text id={`${prefix}-required`} className='survey-q__required'>
            *
          </Text>
        ) : null}
      </View>
      <Text className='survey-q__hint muted'>{questionHint(q)}</Text>
      {q.type === 'single' || q.type === 'multiple'
        ? q.options.map((o) => {
            const on = isChosen(value, o.id)
            return (
              <View
                key={o.id}
                id={`${prefix}-opt-${o.id}`}
                className={on ? 'survey-q__option survey-q__option--on' : 'survey-q__option'}
                role={q.type === 'single' ? 'radio' : 'checkbox'}
                aria-checked={on}
                onClick={() => onChange(choose(q, value, o.id))}
              >
                <Text className={q.type === 'single' ? 'survey-q__mark survey-q__mark--round' : 'survey-q__mark'}>{on ? '✓' : ''}</Text>
                <Text className='survey-q__option-label'>{o.label}</Text>
              </View>
            )
          })
        : null}
      {q.type === 'rating' ? (
        <View className='survey-q__ratings'>
          {RATINGS.map((n) => (
            <View
              key={n}
              id={`${prefix}-rate-${n}`}
              className={value === n ? 'survey-q__rate survey-q__rate--on' : 'survey-q__rate'}
              role='radio'
              aria-checked={value === n}
              onClick={() => onChange(n)}
            >
              {n}
            </View>
          ))}
        </View>
      ) : null}
      {q.type === 'rating' ? (
        <View className='survey-q__scale muted'>
          <Text>1 分 很不满意</Text>
          <Text>5 分 很满意</Text>
        </View>
      ) : null}
      {q.type === 'text' ? (
        <View className='survey-q__text-wrap'>
          <Textarea
            id={`${prefix}-text`}
            className='survey-q__text'
            value={typeof value === 'string' ? value : ''}
            maxlength={q.maxLength}
            placeholder={q.required ? '请填写' : '选填'}
            onInput={(e) => onChange(e.detail.value)}
          />
          <Text className='survey-q__count muted'>
            {typeof value === 'string' ? value.trim().length : 0}/{q.maxLength}
          </Text>
        </View>
      ) : null}
      {error ? (
        <Text id={`${prefix}-error`} className='survey-q__error'>
          {error}
        </Text>
      ) : null}
    </View>
  )
}

/**
 * Answering one 巡察调研. The checks of the server run here first (same rules, same wording); a 400 from the
 * server is still shown under the question it names. One answer per citizen: a survey already answered (known
 * on load, or told by a 409 on submit) shows “您已参与过本次调研” instead of the questions.
 */
export default function SurveyAnswer() {
  const pageRoot = usePageRoot()
  const { params } = useRouter()
  const id = params.id ?? ''
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [draft, setDraft] = useState<AnswerDraft>({})
  const [errors, setErrors] = useState<AnswerErrors>({})
  const [busy, setBusy] = useState(false)

  const fetchSurvey = () => {
    if (!id) return setLoad({ kind: 'failed', message: '未指定调研问卷', gone: true })
    setLoad({ kind: 'loading' })
    getSurvey(id)
      .then((survey) => {
        if (survey.answered) setLoad({ kind: 'answered', survey })
        else if (survey.status !== 'published') setLoad({ kind: 'closed', survey })
        else setLoad({ kind: 'open', survey })
        void Taro.setNavigationBarTitle({ title: survey.title })
      })
      .catch((error: unknown) => {
        const failure = toApiRequestError(error)
        const gone = failure.status === 404 || failure.status === 400
        setLoad({ kind: 'failed', gone, message: gone ? '该调研不存在或已撤下' : failure.message })
      })
  }

  useLoad(fetchSurvey)

  const survey = load.kind === 'open' ? load.survey : null

  const onChange = (questionId: string, value: AnswerDraft[string]) => {
    setDraft((d) => ({ ...d, [questionId]: value }))
    // the message goes once the question is touched again; the next submit checks everything anew
    setErrors((e) => {
      if (!e[questionId]) return e
      const { [questionId]: _gone, ...rest } = e
      return rest
    })
  }

  const onSubmit = () => {
    if (!survey || busy) return
    const checked = validateAnswers(survey.questions, draft)
    if (!checked.body) {
      setErrors(checked.errors)
      scrollTo(firstErrorQuestion(survey.questions, checked.errors))
      return
    }
    setBusy(true)
    setErrors({})
    submitSurveyAnswers(survey.id, checked.body)
      .then((accepted) => {
        saveSurveyThanks({ surveyId: survey.id, title: survey.title, message: accepted.message })
        void Taro.redirectTo({ url: surveyThanksUrl })
      })
      .catch((error: unknown) => {
        const failure = toApiRequestError(error)
        if (failure.code === 'ALREADY_ANSWERED') return setLoad({ kind: 'answered', survey })
        if (failure.code === 'SURVEY_CLOSED') return setLoad({ kind: 'closed', survey })
        const found = failure.status === 400 ? errorsFromIssues(survey.questions, failure.issues, failure.message) : { form: failure.message }
        setErrors(found)
        scrollTo(firstErrorQuestion(survey.questions, found))
      })
      .finally(() => setBusy(false))
  }

  const errorCount = survey ? survey.questions.filter((q) => errors[q.id]).length : 0
  const formError = errors.form ?? (errorCount ? `有 ${errorCount} 道题需要修改，请查看标红的题目` : null)

  return (
    <View {...pageRoot('page')}>
      {load.kind === 'loading' ? (
        <View id='survey-loading' className='card muted'>
          正在加载…
        </View>
      ) : null}
      {load.kind === 'failed' ? (
        <View className='card survey-state'>
          <Text id='survey-error' className='survey-error'>
            {load.message}
          </Text>
          {load.gone ? null : (
            <Button id='survey-retry' className='primary-button' onClick={fetchSurvey}>
              重试
            </Button>
          )}
        </View>
      ) : null}
      {load.kind === 'answered' || load.kind === 'closed' ? (
        <View className='card survey-state'>
          {load.survey ? <Text className='survey-state__title'>{load.survey.title}</Text> : null}
          <Text id={load.kind === 'answered' ? 'survey-answered' : 'survey-closed'} className='survey-state__message'>
            {load.kind === 'answered' ? '您已参与过本次调研' : '本次调研已结束'}
          </Text>
          <Text className='muted'>{load.kind === 'answered' ? '每人每份问卷只能填写一次，感谢您的参与。' : '感谢关注，可查看其他正在进行的调研。'}</Text>
          <Button id='survey-back-list' className='primary-button' onClick={openSurveyList}>
            查看其他调研
          </Button>
        </View>
      ) : null}
      {survey ? (
        <View id='survey-form' className='survey-form'>
          <View className='card survey-head'>
            <Text id='survey-title' className='survey-head__title'>
              {survey.title}
            </Text>
            {survey.roundName ? <Text className='muted'>{survey.roundName}</Text> : null}
            {survey.intro ? <Text className='survey-head__intro'>{survey.intro}</Text> : null}
            <Text className='muted'>带 * 的为必答题。问卷不收集姓名和电话，每人限填一次。</Text>
          </View>
          {survey.questions.map((q, i) => (
            <QuestionBlock key={q.id} q={q} index={i} value={draft[q.id]} error={errors[q.id]} onChange={(v) => onChange(q.id, v)} />
          ))}
          <View className='card survey-actions'>
            {formError ? (
              <Text id='survey-form-error' className='survey-error'>
                {formError}
              </Text>
            ) : null}
            <Button id='survey-submit' className={busy ? 'primary-button primary-button--busy' : 'primary-button'} disabled={busy} onClick={onSubmit}>
              {busy ? '正在提交…' : '提交问卷'}
            </Button>
            <Button id='survey-home' className='survey-plain-button' onClick={() => void Taro.switchTab({ url: tabRoutes.home })}>
              返回首页
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}
