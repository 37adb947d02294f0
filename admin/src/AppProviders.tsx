import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import type { ReactNode } from 'react'
import { AuthProvider } from './features/auth/AuthProvider'

// antd's date pickers format through dayjs, so both must speak Chinese (month names, week starting on Monday).
dayjs.locale('zh-cn')

/** Everything around the routes; shared by main.tsx and the page tests so both render the same tree. */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <AuthProvider>{children}</AuthProvider>
      </AntApp>
    </ConfigProvider>
  )
}
