import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { models, renderPage, requestsTo, serveAlerts } from './fixtures.test-util'
import ModelsPage from './ModelsPage'

const slow = { timeout: 8000 }
const modelsPath = '/api/staff/alerts/models'

async function pick(selectId: string, title: string) {
  fireEvent.mouseDown(document.querySelector(`#${selectId}`)!.closest('.ant-select-selector')!)
  // Each select keeps its dropdown in the page once opened: the one just opened is the last.
  fireEvent.click((await screen.findAllByTitle(title, {}, slow)).at(-1)!)
}

const type = (id: string, value: string) => fireEvent.change(document.querySelector(`#${id}`)!, { target: { value } })

async function openCreate() {
  fireEvent.click(await screen.findByText('新建模型', { selector: '#model-create span' }, slow))
  await waitFor(() => expect(document.querySelector('#model-form_name')).toBeTruthy(), slow)
}

describe('ModelsPage', () => {
  it('lists the models with kind, thresholds and state, and disables one through PATCH', async () => {
    const fetchMock = serveAlerts({
      write: (method, pathname, body) =>
        method === 'PATCH' && pathname === `${modelsPath}/low_pass_rate`
          ? { status: 200, body: { ...models[1], enabled: (body as { enabled: boolean }).enabled } }
          : undefined,
    })
    renderPage(ModelsPage, '/alerts/models')
    const table = await screen.findByTestId('models-table', {}, slow)
    const row = (await within(table).findByText('审批通过率低', { selector: 'td' }, slow)).closest('tr')!
    expect(row.textContent).toContain('统计窗口 90')
    expect(row.textContent).toContain('通过率阈值 0.6')
    expect(row.textContent).toContain('督办')
    const obstruction = within(table).getByText('故意刁难', { selector: 'td' }).closest('tr')!
    expect(obstruction.textContent).toContain('结果 不予许可/退回')
    expect(document.querySelector('#model-obstruction-enabled')!.getAttribute('aria-checked')).toBe('false')

    fireEvent.click(document.querySelector('#model-low_pass_rate-enabled')!)
    await waitFor(() => expect(requestsTo(fetchMock, `${modelsPath}/low_pass_rate`, 'PATCH').map((r) => r.body)).toEqual([{ enabled: false }]))
  })

  it('checks a new model in Chinese before sending: identifier, kind, name, thresholds', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts()
    renderPage(ModelsPage, '/alerts/models')
    await openCreate()
    fireEvent.click(document.querySelector('#model-save')!)
    expect(await screen.findByText('请填写模型标识', {}, slow)).toBeTruthy()
    expect(screen.getByText('请选择模型类型')).toBeTruthy()
    expect(screen.getByText('请填写模型名称')).toBeTruthy()

    type('model-form_name', 'Bad-Name')
    expect(await screen.findByText(/模型标识只能包含小写字母、数字和下划线/, {}, slow)).toBeTruthy()
    type('model-form_name', 'overdue')
    await pick('model-form_kind', '审批通过率低')
    // A new model of a built-in kind starts from the documented defaults.
    await waitFor(() => expect(document.querySelector<HTMLInputElement>('#model-form_params_windowDays')!.value).toBe('90'))
    expect(document.querySelector<HTMLInputElement>('#model-form_params_maxPassRate')!.value).toBe('0.60')
    type('model-form_title', '窗口审批通过率低')
    type('model-form_params_minFinished', '')
    fireEvent.click(document.querySelector('#model-save')!)
    expect(await screen.findByText('最少办结件数应为数字', {}, slow)).toBeTruthy()
    type('model-form_params_minFinished', '30')
    fireEvent.click(document.querySelector('#model-save')!)
    expect(await screen.findByText('模型标识已存在，请换一个', {}, slow)).toBeTruthy()
    expect(requestsTo(fetchMock, modelsPath, 'POST')).toEqual([])
  })

  it('dry-runs a new model, then creates it disabled with the chosen thresholds', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts({
      write: (method, pathname, body) => {
        if (method === 'POST' && pathname === `${modelsPath}/dry-run`) {
          return {
            status: 200,
            body: {
              asOf: '2026-11-18',
              hits: 37,
              newHits: 30,
              samples: [
                { subject: 'XZ001|SX-0202', unitCode: 'XZ001', itemCode: 'SX-0202', caseNo: null, applicantId: null, values: { pass_rate: 0.4, finished: 30 }, isNew: true },
              ],
            },
          }
        }
        if (method === 'POST' && pathname === modelsPath) return { status: 201, body: { ...(body as object), startStage: 'urge', enabled: false, version: 1 } }
        return undefined
      },
    })
    renderPage(ModelsPage, '/alerts/models')
    await openCreate()
    type('model-form_name', 'window_pass_rate')
    await pick('model-form_kind', '审批通过率低')
    await waitFor(() => expect(document.querySelector<HTMLInputElement>('#model-form_params_windowDays')!.value).toBe('90'))
    type('model-form_title', '窗口审批通过率低')
    type('model-form_params_windowDays', '60')
    const asOf = document.querySelector<HTMLInputElement>('#model-dry-run-as-of')!
    fireEvent.mouseDown(asOf)
    fireEvent.change(asOf, { target: { value: '2026-11-18' } })
    fireEvent.keyDown(asOf, { key: 'Enter', code: 'Enter', keyCode: 13 })
    fireEvent.click(document.querySelector('#model-dry-run')!)
    const definition = {
      name: 'window_pass_rate',
      kind: 'low_pass_rate',
      title: '窗口审批通过率低',
      startStage: 'urge',
      enabled: false,
      params: { windowDays: 60, minFinished: 20, maxPassRate: 0.6 },
    }
    await waitFor(() => expect(requestsTo(fetchMock, `${modelsPath}/dry-run`, 'POST').map((r) => r.body)).toEqual([{ definition, asOf: '2026-11-18' }]))
    expect((await screen.findByTestId('model-dry-run-hits', {}, slow)).textContent).toBe('37')
    expect(screen.getByTestId('model-dry-run-samples').textContent).toContain('通过率 40.0%')

    fireEvent.click(document.querySelector('#model-save')!)
    await waitFor(() => expect(requestsTo(fetchMock, modelsPath, 'POST').map((r) => r.body)).toEqual([definition]))
    await waitFor(() => expect(screen.queryByTestId('model-editor')).toBeNull(), slow)
  })

  it('asks for the data sets and columns of a collision model', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts()
    renderPage(ModelsPage, '/alerts/models')
    await openCreate()
    type('model-form_name', 'cadre_disability')
    await pick('model-form_kind', '数据碰撞')
    type('model-form_title', '村干部持残疾证')
    await waitFor(() => expect(document.querySelector('#model-form_params_left')).toBeTruthy(), slow)
    fireEvent.click(document.querySelector('#model-save')!)
    expect(await screen.findByText('请选择数据集一', {}, slow)).toBeTruthy()
    expect(screen.getByText('请选择数据集二')).toBeTruthy()
    expect(screen.getByText('请选择数据集一的列')).toBeTruthy()
    await pick('model-form_params_left', '残疾证（disability_certs，12 行）')
    await pick('model-form_params_right', '村干部（village_cadres，8 行）')
    await pick('model-form_params_on_0_left', '身份证号码（id_no）')
    fireEvent.click(document.querySelector('#model-add-condition')!)
    await waitFor(() => expect(document.querySelector('#model-form_params_conditions_0_a')).toBeTruthy(), slow)
    fireEvent.click(document.querySelector('#model-save')!)
    expect(await screen.findByText('请选择数据集二的列', {}, slow)).toBeTruthy()
    expect(await screen.findByText('请选择要比较的列', {}, slow)).toBeTruthy()
    expect(await screen.findByText('请选择比较方式', {}, slow)).toBeTruthy()
    expect(requestsTo(fetchMock, modelsPath, 'POST')).toEqual([])
  })

  it('shows a model’s saved versions and what changed between two of them', { timeout: 60_000 }, async () => {
    const fetchMock = serveAlerts()
    renderPage(ModelsPage, '/alerts/models')
    fireEvent.click(await screen.findByText('编辑/试运行', { selector: '#model-low_pass_rate-edit span' }, slow))
    const history = await screen.findByTestId('model-history', {}, slow)
    expect(await within(history).findByText('张红梅', {}, slow)).toBeTruthy()
    expect(within(history).getByText('系统预置')).toBeTruthy()
    expect(within(history).getByText('当前')).toBeTruthy()
    // the newest version against the one before it
    const diff = await screen.findByTestId('model-diff', {}, slow)
    await waitFor(() => expect(diff.textContent).toContain('通过率阈值'))
    expect(diff.textContent).toContain('0.6')
    expect(diff.textContent).toContain('0.5')
    expect(diff.textContent).toContain('停用')
    expect(requestsTo(fetchMock, `${modelsPath}/low_pass_rate/versions/diff`)[0].query).toEqual({ from: '2', to: '3' })
    await pick('model-diff-from', '第 1 版（2026-11-01 10:00）')
    await waitFor(() => expect(requestsTo(fetchMock, `${modelsPath}/low_pass_rate/versions/diff`).at(-1)?.query).toEqual({ from: '1', to: '3' }))
  })
})
