// A secret from the operator: typed at a terminal without echo, or the first line of piped stdin (scripts, CI).
// Never from argv, which other users of the machine can read in the process list and which lands in shell history.

/** Reads a secret from the terminal without echoing it; `prompt` goes to stderr so stdout stays the command's JSON. */
export async function promptHidden(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WritableStream = process.stderr): Promise<string> {
  output.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let value = '';
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') {
            input.off('data', onData);
            output.write('\n');
            resolve(value);
            return;
          }
          if (ch === '\u0003') {
            input.off('data', onData);
            output.write('\n');
            reject(new Error('已取消'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
          else value += ch;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
  }
}

/** The first line of a non-terminal stdin (the rest is ignored). */
export async function readFirstLine(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += chunk.toString();
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** A new password: at a terminal typed twice (no echo); from a pipe its first line. */
export async function readNewPassword(input: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (!input.isTTY) return readFirstLine(input);
  const first = await promptHidden('新密码: ', input);
  const again = await promptHidden('再次输入新密码: ', input);
  if (first !== again) throw new Error('两次输入的密码不一致');
  return first;
}
