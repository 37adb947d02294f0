/** The units a round inspects, the group inspecting each, and their QR posters (ids: see RoundsPage.tsx). */
import { DownloadOutlined, FilePdfOutlined, PictureOutlined, PlusOutlined } from '@ant-design/icons'
import { inspectedUnitBody, type InspectedUnit, type TourRound } from '@msjd/shared/tours'
import { App, Button, Drawer, Form, Popconfirm, Select, Space,  Table, Typography, type TableColumnsType } from 'antd'
import { useMemo, useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { zodRule } from '../../api/form'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import {
  addInspectedUnit,
  changeInspectingGroup,
  listGroups,
  listInspectedUnits,
  posterPaths,
  removeInspectedUnit,
  searchUnits,
  type NamedOption,
} from './api'
import { FormModal } from '../../components/FormModal'
import { LoadError } from '../../components/LoadError'
import { SearchSelect } from '../../components/SearchSelect'
import { period, useDownload } from './shared'

function UnitPicker(props: { id?: string; value?: string; onChange?: (id?: string) => void }) {
  return <SearchSelect {...props} placeholder="输入单位名称或编码查找" search={searchUnits} />
}

function InspectedUnitFormModal({ round, groups, onClose, onDone }: { round: TourRound; groups: NamedOption[]; onClose: () => void; onDone: (iu: InspectedUnit) => void }) {
  return (
    <FormModal
      title={`添加被巡察单位 · ${round.name}`}
      name="inspectedUnit"
      okId="inspected-unit-save"
      okText="添加"
      fields={['unitId', 'tourGroupId']}
      codeFields={{ UNIT_ALREADY_INSPECTED: 'unitId' }}
      schema={inspectedUnitBody}
      toBody={(v) => ({ unitId: v.unitId ?? '', tourGroupId: v.tourGroupId ?? '' })}
      submit={(body) => addInspectedUnit(round.id, body)}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="unitId" label="被巡察单位" required rules={[zodRule(inspectedUnitBody.shape.unitId)]}>
        <UnitPicker />
      </Form.Item>
      <Form.Item name="tourGroupId" label="负责的巡察组" required rules={[zodRule(inspectedUnitBody.shape.tourGroupId)]}>
        <Select placeholder="选择巡察组" options={groups} />
      </Form.Item>
    </FormModal>
  )
}

export function RoundUnitsDrawer({ round, canEdit, onClose, onChanged }: { round: TourRound; canEdit: boolean; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp()
  const user = useCurrentUser()
  // A tour-group member gets the posters of its own group's units only (the server answers 403 for the rest).
  const mayDownload = (row: InspectedUnit) => user.role !== 'tour_group' || row.tourGroup.id === user.tourGroupId
  const { data, error, loading, reload } = useRequest((signal) => listInspectedUnits(round.id, signal), [round.id])
  const groups = useRequest((signal) => listGroups(signal), [])
  const groupOptions = useMemo(() => (groups.data ?? []).map((g) => ({ value: g.id, label: g.name })), [groups.data])
  const [adding, setAdding] = useState(false)
  const [changing, setChanging] = useState<string>()
  const { busy, download } = useDownload()

  const changed = () => {
    reload()
    onChanged()
  }
  const changeGroup = async (row: InspectedUnit, tourGroupId: string) => {
    setChanging(row.id)
    try {
      await changeInspectingGroup(row.id, tourGroupId)
      message.success(`${row.unit.name} 已改由 ${groupOptions.find((g) => g.value === tourGroupId)?.label ?? '所选巡察组'} 负责`)
      reload()
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    } finally {
      setChanging(undefined)
    }
  }
  const remove = async (row: InspectedUnit) => {
    try {
      await removeInspectedUnit(row.id)
      message.success(`已移除 ${row.unit.name}`)
      changed()
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    }
  }
  const fileBase = (row: InspectedUnit) => `${round.code}_${row.unit.name}`

  const columns: TableColumnsType<InspectedUnit> = [
    { title: '单位编码', key: 'code', width: 120, render: (_, row) => row.unit.code },
    { title: '被巡察单位', key: 'unit', render: (_, row) => row.unit.name },
    {
      title: '负责的巡察组',
      key: 'group',
      width: 200,
      render: (_, row) =>
        canEdit ? (
          <Select
            id={`iu-group-${row.id}`}
            aria-label={`${row.unit.name}的巡察组`}
            value={row.tourGroup.id}
            options={groupOptions.length ? groupOptions : [{ value: row.tourGroup.id, label: row.tourGroup.name }]}
            loading={changing === row.id}
            disabled={changing === row.id}
            style={{ width: 180 }}
            onChange={(value: string) => value !== row.tourGroup.id && void changeGroup(row, value)}
          />
        ) : (
          row.tourGroup.name
        ),
    },
    {
      title: '二维码',
      key: 'posters',
      width: 220,
      render: (_, row) => (
        <Space size={4}>
          <Button
            id={`iu-png-${row.id}`}
            size="small"
            icon={<PictureOutlined />}
            loading={busy === `png-${row.id}`}
            disabled={!mayDownload(row)}
            onClick={() => download(`png-${row.id}`, posterPaths.unitPng(row.id), `${fileBase(row)}.png`)}
          >
            PNG
          </Button>
          <Button
            id={`iu-pdf-${row.id}`}
            size="small"
            icon={<FilePdfOutlined />}
            loading={busy === `pdf-${row.id}`}
            disabled={!mayDownload(row)}
            onClick={() => download(`pdf-${row.id}`, posterPaths.unitPdf(row.id), `${fileBase(row)}.pdf`)}
          >
            A4 海报
          </Button>
        </Space>
      ),
    },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_: unknown, row: InspectedUnit) => (
              <Popconfirm
                title={`从本轮移除 ${row.unit.name}？`}
                description="已发布公示的单位须先撤回公示。"
                okText="移除"
                cancelText="取消"
                okButtonProps={{ id: 'iu-remove-confirm', danger: true }}
                onConfirm={() => remove(row)}
              >
                <Button id={`iu-remove-${row.id}`} size="small" type="link" danger>
                  移除
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ]

  return (
    <Drawer
      open
      width={960}
      title={`${round.name} · 被巡察单位`}
      onClose={onClose}
      extra={
        <Space>
          {canEdit ? (
            <Button id="inspected-unit-create" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              添加被巡察单位
            </Button>
          ) : null}
          <Button
            id="round-units-zip"
            icon={<DownloadOutlined />}
            loading={busy === 'zip'}
            disabled={!data?.length}
            onClick={() => download('zip', posterPaths.roundZip(round.id), `${round.code}_巡察二维码.zip`)}
          >
            批量下载（ZIP）
          </Button>
        </Space>
      }
    >
      <div data-testid="round-units-drawer">
        <Typography.Paragraph type="secondary">
          巡察时间 {period(round.startsOn, round.endsOn)}。二维码打开小程序的本单位场景：先显示巡察公示，再进入“我要反映”。
        </Typography.Paragraph>
        <LoadError error={error} onRetry={reload} testId="inspected-units-error" style={{ marginBottom: 16 }} />
        <Table<InspectedUnit>
          data-testid="inspected-units-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data}
          loading={loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 个单位` }}
          locale={{ emptyText: '本轮尚未添加被巡察单位' }}
        />
      </div>
      {adding ? (
        <InspectedUnitFormModal
          round={round}
          groups={groupOptions}
          onClose={() => setAdding(false)}
          onDone={(iu) => {
            setAdding(false)
            message.success(`已添加 ${iu.unit.name}`)
            changed()
          }}
        />
      ) : null}
    </Drawer>
  )
}
