import {
  AlertOutlined,
  BellOutlined,
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
} from '@ant-design/icons'
import type { StaffRole } from '@msjd/shared/auth'
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react'
import { homePath } from './layout/home'

export { homePath }

/**
 * The panel's navigation as data: the sider menu, the routes, the breadcrumb and the page title all come from
 * here. A new feature sets `page` on its entry; entries without one open the "该功能建设中" page.
 *
 * `roles` only tidies the menu for each role; what a user may see or change is decided by the server.
 */
export interface MenuPage {
  path: string
  label: string
  icon?: ReactNode
  /** Who sees the entry; everyone when absent. Narrowed further by the section's own roles. */
  roles?: readonly StaffRole[]
  page?: LazyExoticComponent<ComponentType>
}

export interface MenuSection {
  key: string
  label: string
  icon: ReactNode
  roles?: readonly StaffRole[]
  children: MenuPage[]
}

export type MenuEntry = MenuPage | MenuSection

const leaders = ['supervisor', 'admin'] as const satisfies readonly StaffRole[]
const tourStaff = ['tour_group', ...leaders] as const satisfies readonly StaffRole[]
// every role with case work: all but the auditor (三员分立)
const caseStaff = ['intake', 'tour_group', 'unit_liaison', ...leaders] as const satisfies readonly StaffRole[]

const DeskPage = lazy(() => import('./features/desk/DeskPage'))
const ReportStatisticsPage = lazy(() => import('./features/statistics/StatisticsPage'))
const UnitsPage = lazy(() => import('./features/units/UnitsPage'))
const UsersPage = lazy(() => import('./features/users/UsersPage'))
const ReportsPage = lazy(() => import('./features/reports/ReportsPage'))
const CalendarPage = lazy(() => import('./features/calendar/CalendarPage'))
const AlertWarningsPage = lazy(() => import('./features/alerts/WarningsPage'))
const AlertEscalationsPage = lazy(() => import('./features/alerts/EscalationsPage'))
const AlertImportsPage = lazy(() => import('./features/alerts/ImportsPage'))
const AlertRunsPage = lazy(() => import('./features/alerts/RunsPage'))
const AlertModelsPage = lazy(() => import('./features/alerts/ModelsPage'))
const ServiceCasesPage = lazy(() => import('./features/service-cases/ServiceCasesPage'))
const TourRoundsPage = lazy(() => import('./features/tours/RoundsPage'))
const TourNoticesPage = lazy(() => import('./features/tours/NoticesPage'))
const SurveysPage = lazy(() => import('./features/surveys/SurveysPage'))
const RectificationPage = lazy(() => import('./features/rectification/RectificationPage'))

const BusinessPointsPage = lazy(() => import('./features/business/PointsPage'))
const BusinessUnitsPage = lazy(() => import('./features/business/OnboardUnitsPage'))
const BusinessItemsPage = lazy(() => import('./features/business/ItemsPage'))
const BusinessCampaignsPage = lazy(() => import('./features/business/CampaignsPage'))
const BusinessEvaluationsPage = lazy(() => import('./features/business/EvaluationsPage'))
const BusinessComplaintsPage = lazy(() => import('./features/business/ComplaintsPage'))
const BusinessStatisticsPage = lazy(() => import('./features/business/StatisticsPage'))

const AuditLogsPage = lazy(() => import('./features/audit/AuditLogsPage'))
const ApprovalsPage = lazy(() => import('./features/reports/ApprovalsPage'))
const PhrasesPage = lazy(() => import('./features/phrases/PhrasesPage'))
const RetentionPage = lazy(() => import('./features/retention/RetentionPage'))
const NotificationsPage = lazy(() => import('./features/notifications/NotificationsPage'))


export const menu: MenuEntry[] = [
  { path: homePath, label: '工作台', icon: <DashboardOutlined />, roles: caseStaff, page: DeskPage },
  { path: '/reports', label: '线索受理', icon: <FileSearchOutlined />, roles: caseStaff, page: ReportsPage },
  // 双人审批 and 延期: a supervisor decides what another person asked for
  { path: '/approvals', label: '待我审批', icon: <SafetyCertificateOutlined />, roles: ['supervisor'], page: ApprovalsPage },
  { path: '/notifications', label: '提醒中心', icon: <BellOutlined />, roles: caseStaff, page: NotificationsPage },
  {
    key: 'tours',
    label: '巡察管理',
    icon: <AuditOutlined />,
    roles: [...tourStaff, 'unit_liaison'],
    children: [
      { path: '/tours/rounds', label: '巡察轮次', roles: tourStaff, page: TourRoundsPage },
      { path: '/tours/notices', label: '巡察公示', roles: tourStaff, page: TourNoticesPage },
      { path: '/tours/surveys', label: '巡察调研', roles: tourStaff, page: SurveysPage },
      // Responsible units upload their rectification evidence here.
      { path: '/tours/rectifications', label: '整改跟踪', page: RectificationPage },
    ],
  },
  {
    key: 'business',
    label: '营商环境',
    icon: <ShopOutlined />,
    roles: [...leaders, 'unit_liaison'],
    children: [
      { path: '/business/points', label: '监测点', roles: leaders, page: BusinessPointsPage },
      { path: '/business/onboard-units', label: '进驻单位', roles: leaders, page: BusinessUnitsPage },
      { path: '/business/items', label: '事项管理', page: BusinessItemsPage },
      { path: '/business/campaigns', label: '评议管理', roles: leaders, page: BusinessCampaignsPage },
      { path: '/business/evaluations', label: '好差评', page: BusinessEvaluationsPage },
      { path: '/business/complaints', label: '涉诉办理', page: BusinessComplaintsPage },
      { path: '/business/statistics', label: '统计分析', roles: leaders, page: BusinessStatisticsPage },
    ],
  },
  {
    key: 'alerts',
    label: '预警中心',
    icon: <AlertOutlined />,
    roles: caseStaff,
    children: [
      // Warnings reach the tour group inspecting the unit (靶向监督) and the unit receiving the 督办 notice.
      { path: '/alerts/warnings', label: '预警列表', page: AlertWarningsPage },
      // 服务办理: the imported cases behind the warnings, for the warnings' readers (same scope; server: service_case.read)
      { path: '/alerts/service-cases', label: '服务办理', page: ServiceCasesPage },
      { path: '/alerts/escalations', label: '督办核查问责', roles: leaders, page: AlertEscalationsPage },
      { path: '/alerts/imports', label: '数据导入', roles: leaders, page: AlertImportsPage },
      { path: '/alerts/runs', label: '运行记录', roles: leaders, page: AlertRunsPage },
      { path: '/alerts/models', label: '自主建模', roles: leaders, page: AlertModelsPage },
    ],
  },
  { path: '/statistics', label: '统计分析', icon: <BarChartOutlined />, roles: leaders, page: ReportStatisticsPage },
  {
    key: 'system',
    label: '系统管理',
    icon: <SettingOutlined />,
    roles: [...leaders, 'auditor'],
    children: [
      { path: '/system/units', label: '单位管理', roles: leaders, page: UnitsPage },
      // 三员分立: accounts are the system administrator's alone.
      { path: '/system/users', label: '用户管理', roles: ['admin'], page: UsersPage },
      { path: '/system/calendar', label: '工作日历', roles: leaders, page: CalendarPage },
      // the presets case staff pick from when they write a 不予受理 reason or a reply
      { path: '/system/phrases', label: '办理常用语', roles: leaders, page: PhrasesPage },
      // PIPL: how long a finished report's reporter material is kept; the administrator sets it, supervisors read
      { path: '/system/retention', label: '保存期限', roles: leaders, page: RetentionPage },
      // 三员分立: the audit log is the auditor's alone, and the auditor sees nothing else.
      { path: '/system/audit-logs', label: '审计日志', roles: ['auditor'], page: AuditLogsPage },
    ],
  },
]

export function isSection(entry: MenuEntry): entry is MenuSection {
  return 'children' in entry
}

function allows(roles: readonly StaffRole[] | undefined, role: StaffRole): boolean {
  return !roles || roles.includes(role)
}

/** The menu as one role sees it; a section left without entries disappears. */
export function menuForRole(role: StaffRole, entries: readonly MenuEntry[] = menu): MenuEntry[] {
  return entries.flatMap((entry): MenuEntry[] => {
    if (!allows(entry.roles, role)) return []
    if (!isSection(entry)) return [entry]
    const children = entry.children.filter((page) => allows(page.roles, role))
    return children.length > 0 ? [{ ...entry, children }] : []
  })
}

export interface MenuPlacement {
  page: MenuPage
  section?: MenuSection
}

/** Every page with its section, in menu order: the routes are built from this. */
export function menuPages(entries: readonly MenuEntry[] = menu): MenuPlacement[] {
  return entries.flatMap((entry) =>
    isSection(entry) ? entry.children.map((page) => ({ page, section: entry })) : [{ page: entry }],
  )
}

/** The menu page a location belongs to; a feature's own sub-pages (/reports/123) belong to its entry. */
export function findMenuPage(pathname: string, entries: readonly MenuEntry[] = menu): MenuPlacement | undefined {
  return menuPages(entries).find(({ page }) => pathname === page.path || pathname.startsWith(`${page.path}/`))
}

export function canOpen({ page, section }: MenuPlacement, role: StaffRole): boolean {
  return allows(section?.roles, role) && allows(page.roles, role)
}

/** Where a role lands: 工作台 for case staff, else the first page its menu offers (the auditor's 审计日志). */
export function homePathFor(role: StaffRole, entries: readonly MenuEntry[] = menu): string {
  return menuPages(entries).find((placement) => canOpen(placement, role))?.page.path ?? homePath
}

/** Stable test id of a menu link, e.g. `nav-system-units` for /system/units. */
export function navTestId(path: string): string {
  return `nav${path.replaceAll('/', '-')}`
}
