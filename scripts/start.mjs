// `pnpm start`: builds what needs building, then runs the server (migrations and demo data load at its start).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClients } from './build-clients.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
buildClients();
const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: path.join(root, 'server'), stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 1));
