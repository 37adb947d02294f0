import { ToolOutlined } from '@ant-design/icons'
import { Button, Result } from 'antd'
import { useNavigate } from 'react-router-dom'
import { homePath, useHomePath } from './home'

function HomeButton() {
  const navigate = useNavigate()
  const home = useHomePath()
  return (
    <Button type="primary" onClick={() => navigate(home)}>
      {home === homePath ? '返回工作台' : '返回首页'}
    </Button>
  )
}

// antd's Result does not pass data-* attributes through, hence the wrapping divs.

/** For menu entries whose feature has not been built: says so instead of showing an empty page. */
export function PlaceholderPage({ title }: { title: string }) {
  return (
    <div data-testid="placeholder-page">
      <Result
        icon={<ToolOutlined />}
        title="该功能建设中"
        subTitle={`「${title}」功能正在建设中，暂不可用，敬请期待。`}
        extra={<HomeButton />}
      />
    </div>
  )
}

export function ForbiddenPage({ title }: { title: string }) {
  return (
    <div data-testid="forbidden-page">
      <Result
        status="403"
        title="无权访问"
        subTitle={`当前账号无权使用「${title}」，如需开通请联系系统管理员。`}
        extra={<HomeButton />}
      />
    </div>
  )
}

export function NotFoundPage() {
  return (
    <div data-testid="not-found-page">
      <Result
        status="404"
        title="页面不存在"
        subTitle="您访问的页面不存在或已被移除，请检查地址是否正确。"
        extra={<HomeButton />}
      />
    </div>
  )
}
