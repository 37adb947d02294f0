// The password rules for staff accounts (等保 2.0 三级: length and character variety; no password built from the
// account name). Returns the reasons a password is refused, in Chinese; an empty list means it is acceptable.
export function checkPasswordPolicy(password: string, { username }: { username: string }): string[] {
  const reasons: string[] = [];
  if ([...password].length < 10) reasons.push('密码至少 10 个字符');
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) reasons.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) reasons.push('密码不得包含用户名');
  return reasons;
}
