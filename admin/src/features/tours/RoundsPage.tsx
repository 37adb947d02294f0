/*
 * 巡察轮次 (/tours/rounds): rounds, tour groups, the units each round inspects and their QR posters.
 *
 * Stable ids for browser flows:
 *   tabs            #tours-tabs (keys `rounds`, `groups`; also ?tab=groups in the address)
 *   rounds          #round-status-filter, #round-create, [data-testid=rounds-table], per row #round-edit-<id>,
 *                   #round-units-<id> (opens the units drawer), #round-zip-<id>; #mp-posters-zip (all monitoring points)
 *   round form      form `round`: #round_name, #round_code, #round_startsOn, #round_endsOn, #round_status; save #round-save
 *   units drawer    [data-testid=round-units-drawer], #inspected-unit-create, #round-units-zip, [data-testid=inspected-units-table],
 *                   per row #iu-group-<id> (select), #iu-png-<id>, #iu-pdf-<id>, #iu-remove-<id> (confirm #iu-remove-confirm)
 *   unit form       form `inspectedUnit`: #inspectedUnit_unitId, #inspectedUnit_tourGroupId; save #inspected-unit-save
 *   groups          #group-create, [data-testid=groups-table], per row #group-edit-<id>
 *   group form      form `group`: #group_name, #group_leader, #group_phone, #group_mailbox, #group_address,
 *                   #group_memberIds; save #group-save
 */
import { Card, Tabs } from 'antd'
import { useSearchParams } from 'react-router-dom'
import { useCurrentUser } from '../auth/AuthProvider'
import { GroupsTab } from './GroupsTab'
import { RoundsTab } from './RoundsTab'

export default function RoundsPage() {
  const user = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') === 'groups' ? 'groups' : 'rounds'
  // The server decides; these only leave out buttons a role could not use (tours routes: writes are admin-only).
  const canEdit = user.role === 'admin'
  const canMonitoringPoints = user.role === 'admin' || user.role === 'supervisor'
  return (
    <Card title="巡察轮次">
      <Tabs
        id="tours-tabs"
        activeKey={tab}
        onChange={(key) => setParams(key === 'groups' ? { tab: 'groups' } : {})}
        items={[
          { key: 'rounds', label: '巡察轮次', children: <RoundsTab canEdit={canEdit} canMonitoringPoints={canMonitoringPoints} /> },
          { key: 'groups', label: '巡察组', children: <GroupsTab canEdit={canEdit} /> },
        ]}
      />
    </Card>
  )
}
