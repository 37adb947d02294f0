// Who last used this browser's panel. A page kept for "return after login" belongs to that person: another user
// logging in (another role, another unit) lands on 工作台 instead of a page that was never theirs.
const KEY = 'msjd.admin.lastUser'

export function lastUsername(): string | null {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null
  }
}

export function rememberUsername(username: string): void {
  try {
    localStorage.setItem(KEY, username)
  } catch {
    // storage disabled: every login simply lands on 工作台 or the page asked for
  }
}
