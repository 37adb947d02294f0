/** 巡察组 tab: the tour groups, their contacts and members (ids: see RoundsPage.tsx). */
import { PlusOutlined } from '@ant-design/icons'
import { tourGroupBody, type TourGroup } from '@msjd/shared/tours'
import { App, Button, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useMemo, useState } from 'react'
import { errorText } from '../../api/client'
import { zodRule } from '../../api/form'
import { useRequest } from '../../api/useRequest'
import { createGroup, listGroupCandidates, listGroups, updateGroup } from './api'
import { FormModal, given } from '../../components/FormModal'
import { LoadError } from '../../components/LoadError'

function GroupFormModal({ group, onClose, onDone }: { group?: TourGroup; onClose: () => void; onDone: () => void }) {
  const candidates = useRequest((signal) => listGroupCandidates(signal), [])
  const options = useMemo(
    () =>
      (candidates.data ?? []).map((u) => {
        const elsewhere = u.tourGroupId && u.tourGroupId !== group?.id
        const notes = [!u.active ? '已停用' : '', elsewhere ? '已在其他巡察组，选入即调整' : ''].filter(Boolean).join('，')
        return { value: u.id, label: `${u.displayName}（${u.username}）${notes ? ` · ${notes}` : ''}` }
      }),
    [candidates.data, group?.id],
  )
  return (
    <FormModal
      title={group ? '编辑巡察组' : '新建巡察组'}
      name="group"
      okId="group-save"
      width={640}
      fields={['name', 'leader', 'phone', 'mailbox', 'address', 'memberIds']}
      codeFields={{ GROUP_NAME_TAKEN: 'name', INVALID_MEMBERS: 'memberIds' }}
      schema={tourGroupBody}
      toBody={(v) => ({
        name: v.name ?? '',
        // an emptied contact field is cleared on the server (null), not left as it was
        leader: given(v.leader) ?? null,
        phone: given(v.phone) ?? null,
        mailbox: given(v.mailbox) ?? null,
        address: given(v.address) ?? null,
        memberIds: (v.memberIds as string[] | undefined) ?? [],
      })}
      submit={(body) => (group ? updateGroup(group.id, body) : createGroup(body))}
      onDone={onDone}
      onClose={onClose}
      initialValues={
        group
          ? { name: group.name, leader: group.leader, phone: group.phone, mailbox: group.mailbox, address: group.address, memberIds: group.members.map((m) => m.id) }
          : { memberIds: [] }
      }
    >
      <Form.Item name="name" label="巡察组名称" required rules={[zodRule(tourGroupBody.shape.name)]}>
        <Input maxLength={100} placeholder="如：县委第一巡察组" />
      </Form.Item>
      <Form.Item name="leader" label="组长">
        <Input maxLength={50} />
      </Form.Item>
      <Space size={16} wrap style={{ width: '100%' }}>
        <Form.Item name="phone" label="值班电话">
          <Input maxLength={30} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="mailbox" label="邮政信箱 / 电子邮箱">
          <Input maxLength={100} style={{ width: 300 }} />
        </Form.Item>
      </Space>
      <Form.Item name="address" label="意见箱 / 来访地址">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="memberIds" label="成员" extra="成员须为“巡察组”角色的工作人员；变更在其重新登录后生效。">
        <Select
          mode="multiple"
          placeholder={candidates.error ? errorText(candidates.error) : '选择成员'}
          options={options}
          loading={candidates.loading}
          optionFilterProp="label"
        />
      </Form.Item>
    </FormModal>
  )
}

export function GroupsTab({ canEdit }: { canEdit: boolean }) {
  const { message } = App.useApp()
  const { data, error, loading, reload } = useRequest((signal) => listGroups(signal), [])
  const [editing, setEditing] = useState<TourGroup | 'new'>()
  const dash = <Typography.Text type="secondary">—</Typography.Text>
  const columns: TableColumnsType<TourGroup> = [
    { title: '巡察组', dataIndex: 'name', width: 160 },
    { title: '组长', dataIndex: 'leader', width: 100, render: (v: string | null) => v ?? dash },
    { title: '值班电话', dataIndex: 'phone', width: 140, render: (v: string | null) => v ?? dash },
    { title: '信箱', dataIndex: 'mailbox', width: 180, render: (v: string | null) => v ?? dash },
    { title: '地址', dataIndex: 'address', render: (v: string | null) => v ?? dash },
    {
      title: '成员',
      key: 'members',
      render: (_, g) => (g.members.length ? g.members.map((m) => <Tag key={m.id}>{m.displayName}</Tag>) : dash),
    },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_: unknown, g: TourGroup) => (
              <Button id={`group-edit-${g.id}`} size="small" type="link" onClick={() => setEditing(g)}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ]
  return (
    <>
      {canEdit ? (
        <Space style={{ marginBottom: 16 }}>
          <Button id="group-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建巡察组
          </Button>
        </Space>
      ) : null}
      <LoadError error={error} onRetry={reload} testId="groups-error" style={{ marginBottom: 16 }} />
      <Table<TourGroup> data-testid="groups-table" rowKey="id" columns={columns} dataSource={data} loading={loading} pagination={false} />
      {editing ? (
        <GroupFormModal
          group={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onDone={() => {
            message.success(editing === 'new' ? '巡察组已创建' : '巡察组已保存')
            setEditing(undefined)
            reload()
          }}
        />
      ) : null}
    </>
  )
}
