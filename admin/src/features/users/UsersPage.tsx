import { PlusOutlined, SearchOutlined } from '@ant-design/icons'
import {
  staffAccountCreateBody,
  staffAccountListQuery,
  staffAccountStatuses,
  staffAccountStatusLabels,
  staffAccountUpdateBody,
  staffRoleLabels,
  staffRoles,
  type StaffAccount,
} from '@msjd/shared/auth'
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { FormModal, given, type FormValues } from '../../components/FormModal'
import { listPagination } from '../../components/listPagination'
import { listGroups } from '../tours/api'
import { listUnits } from '../units/api'
import { useCurrentUser } from '../auth/AuthProvider'
import { accountAction, createAccount, listAccounts, resetPassword, updateAccount, type AccountAction, type AccountListQuery } from './api'

const defaults = staffAccountListQuery.parse({})
const roleOptions = staffRoles.map((role) => ({ value: role, label: staffRoleLabels[role] }))
const statusOptions = staffAccountStatuses.map((s) => ({ value: s, label: staffAccountStatusLabels[s] }))
const formFields = ['username', 'displayName', 'role', 'unitId', 'tourGroupId', 'phone'] as const

function toBody(values: FormValues) {
  const role = values.role
  return {
    ...(values.username !== undefined ? { username: given(values.username) ?? '' } : {}),
    displayName: given(values.displayName) ?? '',
    role,
    unitId: role === 'unit_liaison' ? ((values.unitId as string | undefined) ?? null) : null,
    tourGroupId: role === 'tour_group' ? ((values.tourGroupId as string | undefined) ?? null) : null,
    phone: given(values.phone) ?? null,
  }
}

/** The fields of the create and edit forms; the unit or tour group appears for the roles that have one. */
function AccountFields({ creating }: { creating: boolean }) {
  const units = useRequest((signal) => listUnits({ page: 1, pageSize: 200 }, signal), [])
  const groups = useRequest((signal) => listGroups(signal), [])
  const role = Form.useWatch('role')
  return (
    <>
      {creating ? (
        <Form.Item label="用户名" name="username" extra="3–32 位字母、数字或 _ . -，用于登录，创建后不可修改">
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
      ) : null}
      <Form.Item label="姓名" name="displayName">
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item label="角色" name="role">
        <Select options={roleOptions} placeholder="请选择角色" />
      </Form.Item>
      {role === 'unit_liaison' ? (
        <Form.Item label="所属单位" name="unitId">
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="请选择单位"
            loading={units.loading}
            options={units.data?.items.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      ) : null}
      {role === 'tour_group' ? (
        <Form.Item label="巡察组" name="tourGroupId">
          <Select placeholder="请选择巡察组" loading={groups.loading} options={groups.data?.map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
      ) : null}
      <Form.Item label="联系电话" name="phone" extra="加密保存，列表仅显示后四位">
        <Input maxLength={20} placeholder={creating ? '选填' : '不修改请留空'} />
      </Form.Item>
    </>
  )
}

function statusTags(a: StaffAccount) {
  return (
    <Space size={4} wrap>
      {a.active ? <Tag color="green">正常</Tag> : <Tag color="default">已停用</Tag>}
      {a.lockedUntil ? <Tag color="red">锁定至 {dayjs(a.lockedUntil).format('HH:mm')}</Tag> : null}
      {a.mustChangePassword ? <Tag color="orange">待改密</Tag> : null}
      {a.totpEnabled ? <Tag color="blue">两步验证</Tag> : null}
    </Space>
  )
}

export default function UsersPage() {
  const me = useCurrentUser()
  const { modal, message } = AntApp.useApp()
  const [query, setQueryState] = useState<AccountListQuery>(defaults)
  const setQuery = (patch: Partial<AccountListQuery>) => setQueryState((q) => ({ ...q, ...patch }))
  const [keyword, setKeyword] = useState('')
  const [editing, setEditing] = useState<StaffAccount | 'new' | null>(null)
  const [secret, setSecret] = useState<{ username: string; password: string; created: boolean } | null>(null)
  const { data, error, loading, reload } = useRequest((signal) => listAccounts(query, signal), [JSON.stringify(query)])
  const units = useRequest((signal) => listUnits({ page: 1, pageSize: 200 }, signal), [])

  const act = (account: StaffAccount, action: AccountAction, title: string, content: string) =>
    modal.confirm({
      title,
      content,
      okText: '确定',
      cancelText: '取消',
      okButtonProps: { id: 'user-action-confirm', danger: action === 'disable' || action === 'reset-totp' },
      onOk: async () => {
        try {
          await accountAction(account.id, action)
          message.success('已完成')
          reload()
        } catch (failure) {
          message.error(errorText(toApiRequestError(failure)))
        }
      },
    })

  const reset = (account: StaffAccount) =>
    modal.confirm({
      title: `重置 ${account.displayName} 的密码`,
      content: '将生成一次性临时密码，其现有登录随即退出，下次登录须修改密码。',
      okText: '重置密码',
      cancelText: '取消',
      okButtonProps: { id: 'user-action-confirm' },
      onOk: async () => {
        try {
          const { temporaryPassword } = await resetPassword(account.id)
          setSecret({ username: account.username, password: temporaryPassword, created: false })
          reload()
        } catch (failure) {
          message.error(errorText(toApiRequestError(failure)))
        }
      },
    })

  const columns: TableColumnsType<StaffAccount> = [
    { title: '用户名', dataIndex: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '角色', dataIndex: 'role', width: 130, render: (role: StaffAccount['role']) => staffRoleLabels[role] },
    { title: '单位 / 巡察组', key: 'scope', render: (_v, a) => a.unitName ?? a.tourGroupName ?? <Typography.Text type="secondary">—</Typography.Text> },
    { title: '电话', dataIndex: 'phoneTail', width: 90, render: (tail: string | null) => (tail ? `****${tail}` : '—') },
    { title: '状态', key: 'status', width: 220, render: (_v, a) => statusTags(a) },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 150, render: (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '从未登录') },
    {
      title: '操作',
      key: 'actions',
      width: 300,
      render: (_v, a) => (
        <Space size={0} wrap>
          <Button type="link" size="small" id={`user-edit-${a.username}`} onClick={() => setEditing(a)}>
            编辑
          </Button>
          <Button type="link" size="small" id={`user-reset-password-${a.username}`} onClick={() => reset(a)}>
            重置密码
          </Button>
          {a.active ? (
            a.id === me.id ? null : (
              <Button
                type="link"
                size="small"
                danger
                id={`user-disable-${a.username}`}
                onClick={() => act(a, 'disable', `停用 ${a.displayName}`, '停用后其所有登录立即失效，且无法再登录，可随时重新启用。')}
              >
                停用
              </Button>
            )
          ) : (
            <Button type="link" size="small" id={`user-enable-${a.username}`} onClick={() => act(a, 'enable', `启用 ${a.displayName}`, '启用后可重新登录。')}>
              启用
            </Button>
          )}
          {a.lockedUntil ? (
            <Button type="link" size="small" id={`user-unlock-${a.username}`} onClick={() => act(a, 'unlock', `解除 ${a.displayName} 的登录锁定`, '清除失败次数并立即允许登录。')}>
              解锁
            </Button>
          ) : null}
          {a.totpEnabled ? (
            <Button
              type="link"
              size="small"
              id={`user-reset-totp-${a.username}`}
              onClick={() => act(a, 'reset-totp', `重置 ${a.displayName} 的两步验证`, '用于手机丢失等情况：其现有登录随即退出，下次登录须重新绑定。')}
            >
              重置两步验证
            </Button>
          ) : null}
        </Space>
      ),
    },
  ]

  return (
    <Card
      title="用户管理"
      extra={
        <Button id="users-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新建账号
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          id="users-search"
          placeholder="用户名、姓名或电话后四位"
          prefix={<SearchOutlined />}
          allowClear
          value={keyword}
          maxLength={50}
          style={{ width: 240 }}
          onChange={(e) => setKeyword(e.target.value)}
          onPressEnter={() => setQuery({ q: keyword.trim() || undefined, page: 1 })}
        />
        <Select id="users-role-filter" placeholder="全部角色" allowClear options={roleOptions} value={query.role} style={{ width: 150 }} onChange={(role) => setQuery({ role, page: 1 })} />
        <Select
          id="users-unit-filter"
          placeholder="全部单位"
          allowClear
          showSearch
          optionFilterProp="label"
          options={units.data?.items.map((u) => ({ value: u.id, label: u.name }))}
          value={query.unitId}
          style={{ width: 200 }}
          onChange={(unitId) => setQuery({ unitId, page: 1 })}
        />
        <Select id="users-status-filter" placeholder="全部状态" allowClear options={statusOptions} value={query.status} style={{ width: 120 }} onChange={(status) => setQuery({ status, page: 1 })} />
        <Button id="users-search-submit" type="primary" onClick={() => setQuery({ q: keyword.trim() || undefined, page: 1 })}>
          查询
        </Button>
      </Space>
      {error ? <Alert data-testid="users-error" type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} /> : null}
      <Table<StaffAccount>
        data-testid="users-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        scroll={{ x: 1200 }}
        pagination={listPagination(query, setQuery, data?.total, '个账号')}
      />
      {editing === 'new' ? (
        <FormModal
          title="新建账号"
          name="account"
          fields={formFields}
          schema={staffAccountCreateBody}
          toBody={toBody}
          submit={createAccount}
          onClose={() => setEditing(null)}
          onDone={({ account, temporaryPassword }) => {
            setEditing(null)
            setSecret({ username: account.username, password: temporaryPassword, created: true })
            reload()
          }}
        >
          <AccountFields creating />
        </FormModal>
      ) : editing ? (
        <FormModal
          title={`编辑账号 ${editing.username}`}
          name="account"
          fields={formFields}
          schema={staffAccountUpdateBody}
          toBody={(values) => {
            const body = toBody(values)
            // an empty phone box keeps the stored number (it is never sent back to the form)
            return given(values.phone) ? body : { ...body, phone: undefined }
          }}
          submit={(body) => updateAccount(editing.id, body)}
          initialValues={{ displayName: editing.displayName, role: editing.role, unitId: editing.unitId ?? undefined, tourGroupId: editing.tourGroupId ?? undefined }}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null)
            message.success('已保存；角色或单位变化时其现有登录已退出')
            reload()
          }}
        >
          <AccountFields creating={false} />
        </FormModal>
      ) : null}
      {secret ? (
        <Modal
          open
          title={secret.created ? '账号已创建' : '密码已重置'}
          okText="我已记下"
          okButtonProps={{ id: 'temporary-password-done' }}
          cancelButtonProps={{ style: { display: 'none' } }}
          closable={false}
          maskClosable={false}
          onOk={() => setSecret(null)}
        >
          <Typography.Paragraph>
            用户名 <Typography.Text strong>{secret.username}</Typography.Text> 的临时密码（只显示这一次，请当面或通过安全渠道告知本人，首次登录须修改）：
          </Typography.Paragraph>
          <Typography.Paragraph>
            <Typography.Text data-testid="temporary-password" code copyable style={{ fontSize: 18 }}>
              {secret.password}
            </Typography.Text>
          </Typography.Paragraph>
        </Modal>
      ) : null}
    </Card>
  )
}
