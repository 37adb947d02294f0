// The auth module's door for other modules (users, CLI).
export { checkPasswordPolicy, PASSWORD_HISTORY_DEPTH, PASSWORD_MIN_LENGTH } from './password-policy';
export { generateTemporaryPassword, hashPassword, verifyPassword } from './password';
export { setPassword } from './credentials';
export { endStaffSessions, type SessionEndReason } from './sessions';
export { clearFailures, loginKey } from './login-guard';
export { newTotpSecret, totpCode } from './totp';
export { staffAuthRoutes } from './staff-routes';
export { citizenAuthRoutes } from './citizen-routes';
